import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gatewaySchema } from '@tokenomics/gateway';
import { buildSchema, findBreakingChanges, type GraphQLObjectType, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const committedPath = fileURLToPath(new URL('../../gateway/schema.graphql', import.meta.url));
const contractCopyPath = fileURLToPath(
  new URL('../../gateway/contract/schema-contract.graphql', import.meta.url),
);
const sharedContractPath = fileURLToPath(
  new URL('../../../../shared/design/schema-contract.graphql', import.meta.url),
);

describe('the printed schema', () => {
  const printed = `${printSchema(gatewaySchema())}\n`;

  it('is committed and current (UPDATE_SCHEMA=1 rewrites it; review the diff)', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(committedPath, printed);
    expect(existsSync(committedPath), 'packages/gateway/schema.graphql is missing').toBe(true);
    expect(readFileSync(committedPath, 'utf8')).toBe(printed);
  });

  it('keeps the public contract: no breaking change against it', () => {
    const contract = buildSchema(readFileSync(contractCopyPath, 'utf8'));
    const breaking = findBreakingChanges(contract, buildSchema(printed));
    expect(breaking.map((change) => `${change.type}: ${change.description}`)).toEqual([]);
  });

  it.skipIf(!existsSync(sharedContractPath))('uses the same contract as ../shared/design', () => {
    expect(readFileSync(contractCopyPath, 'utf8')).toBe(readFileSync(sharedContractPath, 'utf8'));
  });
});

describe('the run-rate descriptions (MODEL.md, second edition)', () => {
  const schema = buildSchema(printSchema(gatewaySchema()));
  const rewards = schema.getType('Rewards') as GraphQLObjectType;
  const descriptionOf = (field: string) => rewards.getFields()[field]?.description ?? '';

  it('annualEmission is the annualised run-rate (today’s release × 365), net of community tax, not what a year releases', () => {
    const text = descriptionOf('annualEmission');
    expect(text).toContain('annualised run-rate at the instant');
    expect(text).toContain('today’s release × 365');
    expect(text).toContain('annual_provisions');
    expect(text).toContain('× (1 − community tax)');
    expect(text).toContain('next twelve months');
  });

  it('emissionRate is the run-rate as a fraction (0.151 for Session), not the fraction of the pool a year releases', () => {
    const text = descriptionOf('emissionRate');
    expect(text).not.toContain('the fraction of the pool released per year');
    expect(text).toContain('annualised run-rate at the instant');
    expect(text).toContain('today’s release × 365');
    expect(text).toContain('0.151');
    expect(text).toContain('14.018 %');
    expect(text).toContain('next twelve months');
  });
});

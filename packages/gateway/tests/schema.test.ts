import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, findBreakingChanges, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewaySchema } from '../src/index.js';

const committedPath = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const contractCopyPath = fileURLToPath(new URL('../contract/schema-contract.graphql', import.meta.url));
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

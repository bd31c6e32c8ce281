import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveParameters } from '../src/index.js';
import {
  exampleParameters,
  parameterExtremes,
  repositoryRoot,
  sourceViolation,
  vestingParameters,
} from '../src/testing/index.js';

describe('the sources rule', () => {
  const root = repositoryRoot();

  it('finds the repository root (the folder of pnpm-workspace.yaml)', () => {
    expect(root).not.toBeNull();
    expect(existsSync(join(root!, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('accepts a public https URL, a repository file (anchor ignored), or a dynamic prefix', () => {
    for (const source of [
      'https://docs.getsession.org/session-token-sesh/tokenomics/genesis-tokenomics',
      'docs/adding-an-adapter.md#7-the-conformance-kit',
      'Genesis table (docs/adding-an-adapter.md#3-parameters-presets-and-provenance; https://example.org/a)',
      'chain: ServiceNodeRewards.totalNodes() on Arbitrum One (0xC2B9…1c00), block 1',
      'override: set by this query',
      'configuration: the deployment names this holding',
      // a path inside a URL is the URL's business, even spec/ in a repository we cite
      'https://github.com/cosmos/cosmos-sdk/blob/v0.47.0/x/mint/spec/01_concepts.md',
    ]) {
      expect(sourceViolation(source, root), source).toBeNull();
    }
  });

  it('refuses working notes, missing files, plain http and text with nothing to follow', () => {
    const cases: Array<[string, RegExp]> = [
      ['reference/MODEL.md, Session', /names MODEL.md/],
      ['MODEL.md', /names MODEL.md/],
      ['session-facts.md §2 and https://docs.getsession.org/', /facts sheet/],
      ['spec/session-tokenomics.md', /names spec\//],
      ['../shared/reference/x.md', /names shared\//],
      [
        'docs/methodology/nowhere.md#pool',
        /cites docs\/methodology\/nowhere.md, which the repository does not contain/,
      ],
      ['https://example.org/a; docs/nowhere/x.md', /which the repository does not contain/],
      ['http://example.org/not-secure', /neither a public https/],
      ['Session docs, the Staking page', /neither a public https/],
      ['   ', /is empty/],
      ['chain: read, see reference/MODEL.md', /names MODEL.md/],
    ];
    for (const [source, problem] of cases) expect(sourceViolation(source, root), source).toMatch(problem);
  });

  it('does not mistake ratios, units or contract names for paths', () => {
    for (const source of [
      'https://example.org — ratio 0.9/0.1, 151/1000, SESH/day, ServiceNodeRewards.sol, x/mint',
    ]) {
      expect(sourceViolation(source, root)).toBeNull();
    }
  });
});

describe('parameter extremes', () => {
  const { list } = resolveParameters(exampleParameters, [
    {
      supply: { value: '1000', source: 's' },
      treasury: { value: '250', source: 's' },
      rewardRate: { value: '0.1', source: 's' },
      feeRate: { value: '0.25', source: 's' },
      slashFraction: { value: '0.01', source: 's' },
      genesis: { value: '2025-01-01T00:00:00Z', source: 's' },
    },
  ]);
  const byKey = (key: string) => parameterExtremes(list.find((p) => p.key === key)!);

  it('drives a bounded decimal to its bounds, stepping 10^-18 inside an exclusive one', () => {
    expect(byKey('rewardRate')).toEqual({ key: 'rewardRate', values: ['0', '0.999999999999999999'] });
    expect(byKey('feeRate')).toEqual({ key: 'feeRate', values: ['0', '1'] });
  });

  it('uses 0 and 10^30 where a decimal has no upper bound', () => {
    expect(byKey('treasury')).toEqual({ key: 'treasury', values: ['0', `1${'0'.repeat(30)}`] });
  });

  it('skips kinds that are not numbers, saying why', () => {
    expect(byKey('genesis')).toEqual({
      key: 'genesis',
      skipped: 'a parameter of kind INSTANT has no numeric bounds',
    });
  });

  it('integers step by one inside exclusive bounds and use 2^53 − 1 where unbounded; lists keep their length', () => {
    const { list: vesting } = resolveParameters(vestingParameters, [
      {
        supply: { value: '1', source: 's' },
        vesting: { value: '0', source: 's' },
        tranches: { value: '4', source: 's' },
        firstUnlock: { value: '2025-01-01T00:00:00Z', source: 's' },
        staked: { value: '0', source: 's' },
        genesis: { value: '2025-01-01T00:00:00Z', source: 's' },
      },
    ]);
    expect(parameterExtremes(vesting.find((p) => p.key === 'tranches')!)).toEqual({
      key: 'tranches',
      values: ['1', '120'],
    });
    // An amount (`amount: true`) is approached by its token's base unit, the smallest override it takes.
    expect(parameterExtremes(vesting.find((p) => p.key === 'supply')!, 6)).toEqual({
      key: 'supply',
      values: ['0.000001', `1${'0'.repeat(30)}`],
    });
    expect(vesting.find((p) => p.key === 'supply')?.amount).toBe(true);
    // Without the token's decimals, by 10^-18.
    expect(parameterExtremes(vesting.find((p) => p.key === 'supply')!)).toEqual({
      key: 'supply',
      values: ['0.000000000000000001', `1${'0'.repeat(30)}`],
    });
    const count = {
      key: 'n',
      label: 'N',
      kind: 'INTEGER' as const,
      value: '3',
      unit: null,
      description: '',
      source: '',
      assumption: false,
      bounds: { min: '0', minExclusive: true },
    };
    expect(parameterExtremes(count)).toEqual({ key: 'n', values: ['1', String(Number.MAX_SAFE_INTEGER)] });
    const schedule = {
      ...count,
      key: 'rates',
      kind: 'LIST' as const,
      value: '0.08,0.065,0.055',
      bounds: { min: '0', max: '1' },
    };
    expect(parameterExtremes(schedule)).toEqual({ key: 'rates', values: ['0,0,0', '1,1,1'] });
  });
});

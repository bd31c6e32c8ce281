import {
  createDirectReader,
  Decimal,
  type EconomyContext,
  type ParameterOverride,
  type TokenEconomy,
} from '@tokenomics/core';
import {
  bucketsReconcile,
  type ConformanceOptions,
  liquidIsCirculatingLessStaked,
  sourcesAreFollowable,
  supplyIsCoherent,
} from '@tokenomics/core/testing';
import {
  codedFailure,
  type FakeLcd,
  memoReader,
  STANDARD_MINT_STATE,
  startFakeLcd,
} from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CosmosMintAdapterOptions, cosmosMintAdapter } from '../src/index.js';

// The second edition of the economic model (issue 12) for a standard x/mint chain: liquid,
// run-rate rewards, typed parameters, followable sources, non-circulating holdings by configuration.

const d = (text: string) => new Decimal(text);
const LAUNCH = new Date('2019-03-13T23:00:00Z');
const VESTING = 'cosmos1m8kdtcvhx4pdndxfwsn2az52sxyq09mfkp6tvc';
const hub = cosmosMintAdapter({ id: 'cosmoshub' });

/**
 * The conformance kit's supply invariants (core's checks) at `at`, with
 * `overrides` (and the preset alone): no negative or inexact figure or bucket,
 * total − Σ non-circulating buckets = circulating, staked ≤ circulating + Σ
 * staked non-circulating buckets, liquid = max(circulating − staked, 0).
 */
async function supplyInvariants(
  economy: TokenEconomy,
  at: Date,
  overrides: readonly ParameterOverride[] = [],
  context?: Partial<EconomyContext>,
): Promise<string[]> {
  const options: ConformanceOptions = {
    instants: [at],
    overrideSets: [overrides],
    ...(context ? { context: () => context } : {}),
  };
  const checks = [supplyIsCoherent, bucketsReconcile, liquidIsCirculatingLessStaked];
  return (await Promise.all(checks.map((check) => check(economy, options)))).flat();
}

function configurationMessage(options: unknown): string {
  try {
    cosmosMintAdapter(options as CosmosMintAdapterOptions);
  } catch (error) {
    expect(error).toMatchObject({ code: 'CONFIGURATION' });
    return (error as Error).message;
  }
  throw new Error('expected a CONFIGURATION error');
}

describe('supply: staked counts as circulating; liquid is the rest', () => {
  it('at launch: 236,200,000 circulating, 158,254,000 staked, 77,946,000 liquid', async () => {
    const supply = await hub.supply!({ at: LAUNCH });
    expect([supply.total, supply.circulating, supply.staked, supply.liquid].map((x) => x?.toFixed())).toEqual(
      ['236200000', '236200000', '158254000', '77946000'],
    );
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.circulating])).toEqual([
      ['staked', '158254000', true],
    ]);
    expect(supply.derivations.liquid?.result.eq(supply.liquid!)).toBe(true);
    expect(await supplyInvariants(hub, LAUNCH)).toEqual([]);
  });

  it('schedule points carry liquid, equal to supply’s', async () => {
    const points = await hub.schedule!({
      from: LAUNCH,
      to: new Date('2029-03-13T23:00:00Z'),
      interval: 'YEAR',
    });
    for (const point of points) {
      const supply = await hub.supply!({ at: point.at });
      expect(point.liquid?.toFixed(), point.at.toISOString()).toBe(supply.liquid?.toFixed());
      expect(point.liquid?.gt(0)).toBe(true);
    }
  });

  it('keeps every invariant with each overridable parameter at its bounds', async () => {
    const bounds: ParameterOverride[][] = [
      [{ key: 'bondedRatio', value: '1' }],
      [{ key: 'bondedRatio', value: '0.000000000000000001' }],
      [{ key: 'anchorSupply', value: '0.000001' }],
      [{ key: 'anchorInflation', value: '0' }],
      [
        { key: 'inflationMax', value: '0.999999' },
        { key: 'anchorInflation', value: '0.999999' },
      ],
      [
        { key: 'inflationMin', value: '0' },
        { key: 'goalBonded', value: '1' },
      ],
      [{ key: 'goalBonded', value: '0.000000000000000001' }],
      [{ key: 'inflationRateChange', value: '1000' }],
      [{ key: 'blocksPerYear', value: '1' }],
      [{ key: 'communityTax', value: '1' }],
    ];
    const economies = [
      hub,
      cosmosMintAdapter({
        id: 'held',
        nonCirculating: [{ address: VESTING, label: 'Vesting', amount: '200000000' }],
      }),
    ];
    for (const economy of economies) {
      for (const overrides of bounds) {
        for (const at of [LAUNCH, new Date('2021-07-01T12:34:56Z')]) {
          const where = `${economy.id} ${JSON.stringify(overrides)} at ${at.toISOString()}`;
          try {
            await economy.supply!({ at, overrides });
          } catch (error) {
            // Refused (a tiny supply under the configured holding), never served negative.
            expect(error, where).toMatchObject({ code: 'BAD_INPUT' });
            continue;
          }
          expect(await supplyInvariants(economy, at, overrides), where).toEqual([]);
          const rewards = await economy.rewards!({ at, overrides });
          for (const figure of [rewards.annualEmission, rewards.emissionRate, rewards.stakingApr]) {
            expect(figure.isNegative(), where).toBe(false);
          }
        }
      }
    }
  });
});

describe('rewards: the run-rate at the instant', () => {
  it('annualEmission = inflation × total × (1 − communityTax): 16,203,320 at launch; the next twelve months release more', async () => {
    const rewards = await hub.rewards!({ at: LAUNCH });
    expect(rewards.annualEmission.toFixed()).toBe('16203320');
    expect(rewards.derivation.formula).toMatch(/run-rate/);
    // 366 days (2020 is a leap year) = 4,368,952 blocks at 7 %: 236.2e6 × ((1 + 0.07/4.36e6)^n − 1) × 0.98
    // = 16819587.2861704237563136535595358718840… (Python decimal, 80 digits)
    const next = rewards.derivation.inputs.find((input) => input.name === 'nextTwelveMonthsRelease');
    expect(d(next!.value).toSignificantDigits(30).toFixed()).toBe('16819587.2861704237563136535595');
    expect(rewards.derivation.inputs).toContainEqual({
      name: 'nextTwelveMonthsTo',
      value: '2020-03-13T23:00:00.000Z',
    });
  });
});

describe('parameters: typed, with units, assumption flags and followable sources', () => {
  it('kinds, units and assumptions', async () => {
    const byKey = Object.fromEntries((await hub.parameters()).map((p) => [p.key, p]));
    const shape = (key: string) => [byKey[key]?.kind, byKey[key]?.unit, byKey[key]?.assumption];
    expect(shape('anchorTime')).toEqual(['INSTANT', null, false]);
    expect(shape('anchorSupply')).toEqual(['DECIMAL', 'tokens', false]);
    expect(shape('anchorInflation')).toEqual(['RATE', 'per year', true]);
    expect(shape('bondedRatio')).toEqual(['RATE', null, true]);
    expect(shape('inflationRateChange')).toEqual(['RATE', 'per year', false]);
    expect(shape('inflationMax')).toEqual(['RATE', 'per year', false]);
    expect(shape('inflationMin')).toEqual(['RATE', 'per year', false]);
    expect(shape('goalBonded')).toEqual(['RATE', null, false]);
    expect(shape('blocksPerYear')).toEqual(['INTEGER', 'blocks/year', false]);
    expect(shape('communityTax')).toEqual(['RATE', null, false]);
    expect(shape('downtimeJailSeconds')).toEqual(['DURATION', 'seconds', false]);
    for (const parameter of Object.values(byKey)) {
      expect(parameter.source, parameter.key).not.toMatch(/ASSUMPTION/);
    }
  });

  const testchain: CosmosMintAdapterOptions = {
    id: 'testchain',
    denom: 'utest',
    decimals: 9,
    symbol: 'TEST',
    parameters: {
      anchorTime: { value: '2025-01-01T00:00:00Z', source: 'test chain genesis' },
      anchorSupply: { value: '1000000000', source: 'test chain genesis' },
    },
  };

  it('sources from the configuration say so', async () => {
    const byKey = Object.fromEntries(
      (await cosmosMintAdapter(testchain).parameters()).map((p) => [p.key, p]),
    );
    expect(byKey.anchorSupply?.source).toBe('configuration: test chain genesis');
    expect(byKey.goalBonded?.source).toMatch(/^https:\/\/github\.com\/cosmos\/governance\/blob\/c808/);
  });

  it.each([
    ['cosmoshub', hub, LAUNCH],
    ['cosmoshub, overridden', hub, LAUNCH, [{ key: 'bondedRatio', value: '0.5' }]],
    ['a chain by configuration', cosmosMintAdapter(testchain), new Date('2025-01-01T00:00:00Z')],
    [
      'a configured holding',
      cosmosMintAdapter({
        id: 'held',
        nonCirculating: [{ address: VESTING, label: 'Vesting', amount: '100000000' }],
      }),
      LAUNCH,
    ],
  ] as [string, TokenEconomy, Date, ParameterOverride[]?][])(
    'every served source can be followed: %s',
    async (_name, economy, at, overrides = []) => {
      // The kit's check: parameters, buckets, derivations, unlocks, fee and penalty records and outcomes.
      const instants = [at, new Date('2030-01-01T00:00:00Z')];
      const stakes = [d('10000'), d('250000')];
      const penaltyInputs = [
        { rule: 'downtime', stakes, missedBlocks: 9_501 },
        { rule: 'double-sign', stakes, missedBlocks: null },
      ];
      expect(
        await sourcesAreFollowable(economy, { instants, overrideSets: [overrides], penaltyInputs }),
      ).toEqual([]);
    },
  );
});

describe('non-circulating holdings by configuration', () => {
  it('snapshot: subtracted from circulating; staked beyond circulating comes from the holding', async () => {
    const economy = cosmosMintAdapter({
      id: 'cosmoshub',
      nonCirculating: [{ address: VESTING, label: 'Vesting', amount: '100000000' }],
    });
    const supply = await economy.supply!({ at: LAUNCH });
    // 236,200,000 − 100,000,000 = 136,200,000 circulating; 158,254,000 staked: 22,054,000 from the holding.
    expect([supply.circulating, supply.staked, supply.liquid].map((x) => x?.toFixed())).toEqual([
      '136200000',
      '158254000',
      '0',
    ]);
    expect(supply.buckets.map((b) => [b.key, b.amount.toFixed(), b.circulating, b.staked ?? false])).toEqual([
      ['staked-from-holdings', '22054000', false, true],
      [`held-${VESTING}`, '77946000', false, false],
      ['staked', '136200000', true, false],
    ]);
    expect(await supplyInvariants(economy, LAUNCH)).toEqual([]);
    const [point] = await economy.schedule!({ from: LAUNCH, to: LAUNCH, interval: 'DAY' });
    expect([point?.circulating.toFixed(), point?.liquid?.toFixed()]).toEqual(['136200000', '0']);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'an address of another chain',
      {
        id: 'x',
        nonCirculating: [{ address: 'synt1m8kdtcvhx4pdndxfwsn2az52sxyq09mfexfxgs', label: 'v', amount: '1' }],
      },
      /nonCirculating\[0\]\.address must be a cosmos1… account address/,
    ],
    [
      'a snapshot holding without an amount',
      { id: 'x', nonCirculating: [{ address: VESTING, label: 'v' }] },
      /nonCirculating\[0\]\.amount is required for a snapshot/,
    ],
    [
      'holdings on a chain whose prefix is unknown',
      {
        id: 'x',
        preset: {
          name: 'p',
          description: 'd',
          chain: { name: 'P', denom: 'uptest', decimals: 6, symbol: 'P', tokenName: 'P' },
          values: {},
        },
        nonCirculating: [{ address: VESTING, label: 'v', amount: '1' }],
      },
      /option "bech32Prefix" is needed to check the nonCirculating addresses/,
    ],
    ['a bad prefix', { id: 'x', bech32Prefix: 'Cosmos!' }, /option "bech32Prefix" must be/],
  ])('refuses %s', (_what, options, message) => {
    expect(configurationMessage(options)).toMatch(message);
  });
});

describe('live: configured holdings read from the chain', () => {
  let lcd: FakeLcd;
  const BLOCK_TIME = new Date('2025-09-01T00:00:00Z');
  beforeAll(async () => {
    lcd = await startFakeLcd({
      state: {
        chainId: 'cosmoshub-4',
        supply: [{ denom: 'uatom', amount: '390000000000000' }],
        balances: { [VESTING]: [{ denom: 'uatom', amount: '40000000000000' }] }, // 40,000,000 ATOM
        pool: { bonded_tokens: '250000000000000', not_bonded_tokens: '0' },
        latestBlock: { height: '26000000', time: '2025-09-01T00:00:00Z' },
        mint: { ...STANDARD_MINT_STATE, params: { ...STANDARD_MINT_STATE.params, mint_denom: 'uatom' } },
      },
    });
  });
  afterAll(() => lcd.close());

  it('reads the balance once, subtracts it and shows it with a chain: source', async () => {
    const memo = memoReader(createDirectReader({ timeoutMs: 5_000 }));
    const economy = cosmosMintAdapter({
      id: 'cosmoshub',
      live: { lcdUrl: lcd.url },
      nonCirculating: [{ address: VESTING, label: 'Vesting' }],
    });
    const supply = await economy.supply!({}, { reader: memo, now: BLOCK_TIME });
    await economy.rewards!({}, { reader: memo, now: BLOCK_TIME });
    expect([supply.total, supply.circulating, supply.staked, supply.liquid].map((x) => x?.toFixed())).toEqual(
      ['390000000', '350000000', '250000000', '100000000'],
    );
    expect(supply.buckets.find((b) => b.key === `held-${VESTING}`)).toMatchObject({
      amount: d('40000000'),
      circulating: false,
      source: `chain: GET /cosmos/bank/v1beta1/balances/${VESTING} (uatom ÷ 10^6) at block 26000000 (2025-09-01T00:00:00Z)`,
    });
    expect(memo.keys.filter((key) => key.includes(VESTING))).toHaveLength(1);
    expect(await supplyInvariants(economy, BLOCK_TIME, [], { reader: memo, now: BLOCK_TIME })).toEqual([]);
  });

  it('a holding read above the total is an inconsistent answer naming the path', async () => {
    lcd.setState({ balances: { [VESTING]: [{ denom: 'uatom', amount: '390000000000001' }] } });
    const error = await codedFailure(
      cosmosMintAdapter({
        id: 'cosmoshub',
        live: { lcdUrl: lcd.url },
        nonCirculating: [{ address: VESTING, label: 'Vesting' }],
      }).supply!({}, { reader: createDirectReader({ timeoutMs: 5_000 }), now: BLOCK_TIME }),
    );
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.message).toBe(
      `GET /cosmos/bank/v1beta1/balances/${VESTING} and the other configured holdings report 390000000.000001 ATOM, above the total supply (390000000)`,
    );
    lcd.setState({ balances: { [VESTING]: [{ denom: 'uatom', amount: '40000000000000' }] } });
  });
});

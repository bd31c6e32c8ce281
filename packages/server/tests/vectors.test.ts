import { Decimal } from '@tokenomics/core';
import { createGateway, type Gateway } from '@tokenomics/gateway';
import { describe, expect, it } from 'vitest';
import { post, type ResponseBody } from '../../gateway/tests/fixtures.js';
import { createAdapters } from './server-config.js';

/**
 * Asserts the served figure `actual` is the public vector `expected` at the
 * served precision (MODEL.md, second edition: amounts half-even at the
 * token's base unit, rates at 18 places, no trailing zeros) and, where a
 * full-precision `reference` is computed here independently of the adapters,
 * that the vector is that reference rounded the same way.
 */
function expectVector(
  actual: string,
  expected: string,
  reference?: { value: Decimal; places: number },
): void {
  expect(actual).toBe(expected);
  if (reference) {
    expect(reference.value.toDecimalPlaces(reference.places, Decimal.ROUND_HALF_EVEN).toFixed()).toBe(
      expected,
    );
  }
}

async function builtInGateway(options: Record<string, Record<string, unknown>> = {}): Promise<Gateway> {
  const adapters = await createAdapters({
    baseDir: process.cwd(),
    protocols: [
      { adapter: '@tokenomics/adapter-session', options: options.session ?? {} },
      { adapter: '@tokenomics/adapter-synternet', options: options.synternet ?? {} },
    ],
  });
  return createGateway({ adapters, now: () => new Date('2026-01-01T00:00:00Z') });
}

async function data(gateway: Gateway, query: string): Promise<ResponseBody> {
  const { body } = await post(gateway, query);
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('Session public vectors through the GraphQL API (seed preset)', async () => {
  const gateway = await builtInGateway();
  const TGE = '"2025-05-21T00:00:00Z"';

  it('pool 40,000,000: network reward per day (the per-node figure with one node)', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "session") { rewards(at: ${TGE}, overrides: [{ key: "networkSize", value: "1" }]) { perParticipantDaily } } }`,
    );
    // 0.151 × 40,000,000 / 365 = 16547.945205479452054794…, served at SESH's 9 decimals.
    expectVector(protocol.rewards.perParticipantDaily, '16547.945205479', {
      value: new Decimal('0.151').times(40_000_000).div(365),
      places: 9,
    });
  });

  it('pool 40,000,000, 2,000 nodes: per node per day and staking APR', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "session") { rewards(at: ${TGE}) { participants perParticipantDaily stakingApr annualEmission emissionRate derivation { result } } } }`,
    );
    expect(protocol.rewards.participants).toBe(2000);
    expectVector(protocol.rewards.perParticipantDaily, '8.273972603', {
      value: new Decimal('0.151').times(40_000_000).div(365 * 2000),
      places: 9,
    });
    expectVector(protocol.rewards.stakingApr, '0.1208');
    expect(protocol.rewards.derivation.result).toBe('0.1208');
    // 0.151 × 40,000,000 = 6,040,000 a year at the current rate.
    expect(protocol.rewards.annualEmission).toBe('6040000');
    expect(protocol.rewards.emissionRate).toBe('0.151');
  });

  it('one year of daily releases: released fraction 0.140179165025531211', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "session") {
          schedule(from: ${TGE}, to: "2026-05-21T00:00:00Z", interval: YEAR) { at emitted poolBalance }
          rewards(at: ${TGE}) { derivation { inputs { name value } } }
        } }`,
    );
    const [start, end] = protocol.schedule;
    expect(start).toEqual({ at: '2025-05-21T00:00:00.000Z', emitted: '0', poolBalance: '40000000' });
    // Reference: 1 − (1 − 0.151/365)^365, computed here independently of the adapter's formula files.
    const reference = new Decimal(1).minus(new Decimal(1).minus(new Decimal('0.151').div(365)).pow(365));
    // The rewards derivation shows what the next twelve months release, as a fraction, at the served precision.
    const released = protocol.rewards.derivation.inputs.find(
      (input: { name: string }) =>
        input.name === 'released over the next twelve months, as a fraction of the pool',
    );
    expectVector(released.value, '0.140179165025531211', { value: reference, places: 18 });
    // The schedule's year emits that fraction of the pool, at SESH's base unit.
    expect(end.emitted).toBe(
      reference.times(40_000_000).toDecimalPlaces(9, Decimal.ROUND_HALF_EVEN).toFixed(),
    );
    expect(new Decimal(end.poolBalance).plus(end.emitted).toFixed()).toBe('40000000');
  });

  it('fee 100 SESH: 90 to the pool, 10 to liquidity', async () => {
    const { protocol } = await data(
      gateway,
      '{ protocol(id: "session") { quoteFee(input: { fee: "session-pro", quantity: "1", unitPrice: "100" }) { base protocolFee total allocations { target amount } } } }',
    );
    expect(protocol.quoteFee).toEqual({
      base: '0',
      protocolFee: '100',
      total: '100',
      allocations: [
        { target: 'staking-reward-pool', amount: '90' },
        { target: 'protocol-owned-liquidity', amount: '10' },
      ],
    });
  });

  it('liquidation of a 25,000 deposit: 7.5 liquidator, 42.5 pool, 24,950 returned', async () => {
    const { protocol } = await data(
      gateway,
      '{ protocol(id: "session") { simulatePenalty(input: { rule: "liquidation", stakes: ["25000"] }) { triggered slashedTotal stakes { before slashed after } allocations { target amount } } } }',
    );
    expect(protocol.simulatePenalty).toEqual({
      triggered: true,
      slashedTotal: '50',
      stakes: [{ before: '25000', slashed: '50', after: '24950' }],
      allocations: [
        { target: 'liquidator', amount: '7.5' },
        { target: 'staking-reward-pool', amount: '42.5' },
      ],
    });
  });
});

describe('Synternet public vectors through the GraphQL API (seed preset)', async () => {
  const gateway = await builtInGateway();

  it('year 1 allowance on 1,000,000,000 is 80,000,000; half-way momentary inflation 0.0769230769230769230769…', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "synternet") {
          start: rewards(at: "2024-08-01T00:00:00Z") { annualEmission emissionRate }
          half: rewards(at: "2025-01-30T12:00:00Z") { annualEmission emissionRate }
        } }`,
    );
    expect(protocol.start).toEqual({ annualEmission: '80000000', emissionRate: '0.08' });
    expect(protocol.half.annualEmission).toBe('80000000');
    // Reference: 80,000,000 / 1,040,000,000 = 1/13.
    expectVector(protocol.half.emissionRate, '0.076923076923076923', {
      value: new Decimal(1).div(13),
      places: 18,
    });
  });

  it('end of year 2 (validator inflation only): total 1,150,200,000', async () => {
    const { protocol } = await data(
      gateway,
      '{ protocol(id: "synternet") { supply(at: "2026-08-01T00:00:00Z") { total } } }',
    );
    expect(protocol.supply.total).toBe('1150200000');
  });

  it('APR at 8 % and bonding 0.5 is 0.16', async () => {
    const { protocol } = await data(
      gateway,
      '{ protocol(id: "synternet") { rewards(at: "2024-08-01T00:00:00Z") { emissionRate bondedRatio stakingApr derivation { result } } } }',
    );
    expect(protocol.rewards).toEqual({
      emissionRate: '0.08',
      bondedRatio: '0.5',
      stakingApr: '0.16',
      derivation: { result: '0.16' },
    });
  });

  it('downtime, 8,001 of 16,000 missed: 10,000 → 9,999 and 250,000 → 249,975, jailed 600 s; 8,000 does not trigger', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "synternet") {
          slashed: simulatePenalty(input: { rule: "downtime", stakes: ["10000", "250000"], missedBlocks: 8001 }) {
            triggered slashedTotal jailedSeconds tombstoned stakes { before slashed after } allocations { target amount }
          }
          spared: simulatePenalty(input: { rule: "downtime", stakes: ["10000", "250000"], missedBlocks: 8000 }) {
            triggered slashedTotal jailedSeconds stakes { after }
          }
        } }`,
    );
    expect(protocol.slashed).toEqual({
      triggered: true,
      slashedTotal: '26',
      jailedSeconds: 600,
      tombstoned: false,
      stakes: [
        { before: '10000', slashed: '1', after: '9999' },
        { before: '250000', slashed: '25', after: '249975' },
      ],
      allocations: [{ target: 'burn', amount: '26' }],
    });
    expect(protocol.spared).toEqual({
      triggered: false,
      slashedTotal: '0',
      jailedSeconds: null,
      stakes: [{ after: '10000' }, { after: '250000' }],
    });
  });

  it('pay-per-data at 8 SYNT/GB for 1 GB totals 12; pay-per-message at 0.0005 totals 0.0015, at 0.01 totals 0.0125', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "synternet") {
          data: quoteFee(input: { fee: "pay-per-data", quantity: "1", unitPrice: "8" }) { base protocolFee total }
          message: quoteFee(input: { fee: "pay-per-message", quantity: "1", unitPrice: "0.0005" }) { base protocolFee total }
          cent: quoteFee(input: { fee: "pay-per-message", quantity: "1", unitPrice: "0.01" }) {
            base protocolFee total allocations { target amount } derivation { result }
          }
        } }`,
    );
    expect(protocol.data).toEqual({ base: '8', protocolFee: '4', total: '12' });
    // 0.0005: the minimum applies, max(0.001, 0.25 × 0.0005 = 0.000125) = 0.001.
    expect(protocol.message).toEqual({ base: '0.0005', protocolFee: '0.001', total: '0.0015' });
    // 0.01: the 25 % applies, max(0.001, 0.25 × 0.01 = 0.0025) = 0.0025, all of it to the treasury (burnShare 0).
    expect(protocol.cent).toEqual({
      base: '0.01',
      protocolFee: '0.0025',
      total: '0.0125',
      allocations: [
        { target: 'treasury', amount: '0.0025' },
        { target: 'burn', amount: '0' },
      ],
      derivation: { result: '0.0125' },
    });
  });
});

describe('supply at two instants, by hand', async () => {
  const gateway = await builtInGateway();

  it('Session (seed) at TGE and one day later', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "session") {
          tge: supply(at: "2025-05-21T00:00:00Z") { max total circulating staked }
          dayOne: supply(at: "2025-05-22T00:00:00Z") { total circulating }
        } }`,
    );
    // TGE: 240,000,000 − pool 40,000,000 − locked 120,000,000 = 80,000,000; the 2,000 × 25,000 = 50,000,000
    // staked circulate (the published convention, second edition), so they are not taken out.
    expect(protocol.tge).toEqual({
      max: '240000000',
      total: '240000000',
      circulating: '80000000',
      staked: '50000000',
    });
    // Day one releases 0.151 × 40,000,000 / 365 = 16,547.945205479452054794520547945205479452… into circulation:
    // 80,016,547.945205479452…, served at SESH's 9 decimals.
    expect(protocol.dayOne).toEqual({
      total: '240000000',
      circulating: '80016547.945205479',
    });
  });

  it('Synternet (seed) at genesis and half-way through year 1', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "synternet") {
          genesis: supply(at: "2024-08-01T00:00:00Z") { max total circulating }
          half: supply(at: "2025-01-30T12:00:00Z") { total circulating }
        } }`,
    );
    // Genesis: 1,000,000,000 − treasury 899,985,000 = 100,015,000 circulating; no cap.
    expect(protocol.genesis).toEqual({ max: null, total: '1000000000', circulating: '100015000' });
    // Half-way (182.5 of 365 days): 1,000,000,000 + 80,000,000 × 0.5 = 1,040,000,000; the seed treasury does not grow.
    expect(protocol.half).toEqual({ total: '1040000000', circulating: '140015000' });
  });

  it('answers the README query for both protocols with exact decimal strings', async () => {
    const { protocols } = await data(
      gateway,
      '{ protocols { id token { symbol decimals } supply { max total circulating } } }',
    );
    expect(protocols.map((p: ResponseBody) => [p.id, p.token.symbol, p.token.decimals])).toEqual([
      ['session', 'SESH', 9],
      ['synternet', 'SYNT', 6],
    ]);
    for (const { supply } of protocols) {
      for (const value of [supply.total, supply.circulating]) expect(value).toMatch(/^\d+(\.\d+)?$/);
    }
  });
});

describe('presets selected by configuration', async () => {
  const gateway = await builtInGateway({
    session: { preset: 'tge-2025-05-21' },
    synternet: { preset: 'chain-2025' },
  });

  it('serves the TGE preset: 63,177,550 in the pool and circulating rising at each unlock cliff', async () => {
    const cliffs = [
      '2025-05-21',
      '2025-08-18',
      '2025-08-19',
      '2026-05-20',
      '2026-05-21',
      '2027-05-21',
      '2028-05-21',
    ];
    const fields = cliffs
      .map((day, i) => `c${i}: supply(at: "${day}T00:00:00Z") { circulating buckets { key amount } }`)
      .join('\n');
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "session") { preset: parameters { key value } ${fields} } }`,
    );
    const circulating = cliffs.map((_, i) => new Decimal(protocol[`c${i}`].circulating));
    const pool = (i: number) =>
      new Decimal(
        protocol[`c${i}`].buckets.find((b: ResponseBody) => b.key === 'staking-reward-pool').amount,
      );
    expect(pool(0).toFixed()).toBe('63177550');
    // Between two cliffs only the pool's release moves circulating; at a cliff a tranche unlocks on top.
    const unlockedBetween = (a: number, b: number) =>
      circulating[b]!.minus(circulating[a]!).minus(pool(a).minus(pool(b)));
    // Day 90 (2025-08-19): lockup F (Testnet Incentive, 1,000,000) unlocks.
    expect(unlockedBetween(1, 2).toFixed()).toBe('1000000');
    // Month 12: B and D start their linear unlocks; the cliff itself adds nothing at once.
    expect(unlockedBetween(3, 4).toFixed()).toBe('0');
    // Month 24: A (15,000,000 + 4,489,700) unlocks at once, and B has fully unlocked.
    expect(unlockedBetween(4, 5).greaterThan('19489700')).toBe(true);
    // Month 36: D is done; nothing stays locked.
    const locked = protocol.c6.buckets.filter((b: ResponseBody) => b.key.startsWith('locked'));
    expect(locked.every((b: ResponseBody) => b.amount === '0')).toBe(true);
    for (let i = 1; i < circulating.length; i++) expect(circulating[i]!.gte(circulating[i - 1]!)).toBe(true);
  });

  it('serves the chain-2025 preset with the treasury inflation of proposal 0008', async () => {
    const { protocol } = await data(
      gateway,
      '{ protocol(id: "synternet") { parameters { key value } supply(at: "2026-08-01T00:00:00Z") { total } } }',
    );
    const parameters = Object.fromEntries(protocol.parameters.map((p: ResponseBody) => [p.key, p.value]));
    expect(parameters.treasuryInflationSchedule).toBe('0,0.055,0.025,0.01,0');
    // Year 1: 1,000,000,000 × 1.08 = 1,080,000,000; year 2: × (1 + 0.065 + 0.055) = 1,209,600,000.
    expect(protocol.supply.total).toBe('1209600000');
  });
});

describe('second-edition vectors through the GraphQL API, at the served precision', async () => {
  const seed = await builtInGateway();
  const published = await builtInGateway({ session: { preset: 'tge-2025-05-21' } });
  const TGE = '"2025-05-21T00:00:00Z"';

  it('Session seed at TGE: circulating 80,000,000 (staked circulates), liquid 30,000,000', async () => {
    const { protocol } = await data(
      seed,
      `{ protocol(id: "session") { supply(at: ${TGE}) {
          circulating staked liquid
          derivation(figure: CIRCULATING) { result }
          liquidDerivation: derivation(figure: LIQUID) { result }
        } } }`,
    );
    expect(protocol.supply).toMatchObject({
      circulating: '80000000',
      staked: '50000000',
      liquid: '30000000',
    });
    expect(protocol.supply.derivation.result).toBe(protocol.supply.circulating);
  });

  it('Session tge-2025-05-21 at TGE: circulating 79,000,000, the published figure', async () => {
    const { protocol } = await data(
      published,
      `{ protocol(id: "session") { supply(at: ${TGE}) { circulating } } }`,
    );
    expect(protocol.supply.circulating).toBe('79000000');
  });

  it('Session tge-2025-05-21 lists its unlocks; B unlocks in monthly tranches', async () => {
    const { protocol } = await data(
      published,
      '{ protocol(id: "session") { unlocks { bucket kind start end amount steps source } } }',
    );
    const kinds = Object.fromEntries(protocol.unlocks.map((u: ResponseBody) => [u.bucket, u.kind]));
    expect(Object.values(kinds)).toContain('STEP');
    expect(Object.values(kinds)).toContain('CLIFF');
    const step = protocol.unlocks.find((u: ResponseBody) => u.kind === 'STEP');
    expect(step.steps).toBeGreaterThan(1);
    expect(new Date(step.end).getTime()).toBeGreaterThan(new Date(step.start).getTime());
    for (const unlock of protocol.unlocks) expect(unlock.amount).toMatch(/^\d+(\.\d{1,9})?$/);
  });

  it('Synternet APR at 8 %, bonding 0.5, community tax 0.02 is 0.1568; annualEmission at year-1 start 78,400,000', async () => {
    const { protocol } = await data(
      seed,
      `{ protocol(id: "synternet") { rewards(at: "2024-08-01T00:00:00Z", overrides: [{ key: "communityTax", value: "0.02" }]) {
          stakingApr annualEmission derivation { result }
        } } }`,
    );
    expect(protocol.rewards).toEqual({
      stakingApr: '0.1568',
      annualEmission: '78400000',
      derivation: { result: '0.1568' },
    });
  });

  it('every figure is served without exponent, at most at its precision', async () => {
    const { protocols } = await data(
      seed,
      `{ protocols { token { decimals } supply(at: "2026-01-01T00:00:00Z") { total circulating staked liquid buckets { amount } }
          rewards(at: "2026-01-01T00:00:00Z") { annualEmission emissionRate stakingApr bondedRatio perParticipantDaily } } }`,
    );
    for (const { token, supply, rewards } of protocols) {
      const amount = new RegExp(`^\\d+(\\.\\d{0,${token.decimals - 1}}[1-9])?$`);
      for (const value of [
        supply.total,
        supply.circulating,
        supply.staked,
        supply.liquid,
        rewards.annualEmission,
      ]) {
        expect(value).toMatch(amount);
      }
      for (const bucket of supply.buckets) expect(bucket.amount).toMatch(amount);
      for (const value of [rewards.emissionRate, rewards.stakingApr, rewards.bondedRatio]) {
        expect(value).toMatch(/^\d+(\.\d{0,17}[1-9])?$/);
      }
    }
  });
});

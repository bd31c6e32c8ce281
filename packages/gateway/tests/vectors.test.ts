import { Decimal } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { createAdapters, createGateway, type Gateway } from '../src/index.js';
import { post, type ResponseBody } from './fixtures.js';

/**
 * Asserts `actual` carries the public vector `expected` to every digit given
 * and, where the vector gives fewer than 25 significant digits, agrees with an
 * independent computation of the same quantity (`reference`) to 30 of them.
 */
function expectVector(actual: string, expected: string, reference?: Decimal): void {
  if (!expected.endsWith('…')) {
    expect(actual).toBe(expected);
    return;
  }
  expect(actual.startsWith(expected.slice(0, -1)), `${actual} does not start with ${expected}`).toBe(true);
  const given = expected
    .slice(0, -1)
    .replace(/^[0.-]+/, '')
    .replace('.', '').length;
  if (given < 25) {
    expect(reference, `the vector ${expected} has ${given} digits: give a reference`).toBeDefined();
    expect(new Decimal(actual).toSignificantDigits(30).toFixed()).toBe(
      reference!.toSignificantDigits(30).toFixed(),
    );
  }
}

async function builtInGateway(options: Record<string, Record<string, unknown>> = {}): Promise<Gateway> {
  const adapters = await createAdapters({
    baseDir: process.cwd(),
    protocols: [
      { adapter: 'session', options: options.session ?? {} },
      { adapter: 'synternet', options: options.synternet ?? {} },
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
    expectVector(protocol.rewards.perParticipantDaily, '16547.945205479452054794520547945…');
  });

  it('pool 40,000,000, 2,000 nodes: per node per day and staking APR', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "session") { rewards(at: ${TGE}) { participants perParticipantDaily stakingApr annualEmission emissionRate derivation { result } } } }`,
    );
    expect(protocol.rewards.participants).toBe(2000);
    expectVector(protocol.rewards.perParticipantDaily, '8.2739726027397260273972602739726…');
    expectVector(protocol.rewards.stakingApr, '0.1208');
    expect(protocol.rewards.derivation.result).toBe('0.1208');
    // 0.151 × 40,000,000 = 6,040,000 a year at the current rate.
    expect(protocol.rewards.annualEmission).toBe('6040000');
    expect(protocol.rewards.emissionRate).toBe('0.151');
  });

  it('one year of daily releases: released fraction 0.140179165025531210554…', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "session") { schedule(from: ${TGE}, to: "2026-05-21T00:00:00Z", interval: YEAR) { at emitted poolBalance } } }`,
    );
    const [start, end] = protocol.schedule;
    expect(start).toEqual({ at: '2025-05-21T00:00:00.000Z', emitted: '0', poolBalance: '40000000' });
    const fraction = new Decimal(end.emitted).div('40000000');
    // Reference: 1 − (1 − 0.151/365)^365, computed here independently of the adapter's formula files.
    const reference = new Decimal(1).minus(new Decimal(1).minus(new Decimal('0.151').div(365)).pow(365));
    expectVector(fraction.toFixed(), '0.140179165025531210554…', reference);
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
    expectVector(protocol.half.emissionRate, '0.0769230769230769230769…', new Decimal(1).div(13));
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

  it('pay-per-data at 8 SYNT/GB for 1 GB totals 12; pay-per-message at 0.0005 totals 0.0015', async () => {
    const { protocol } = await data(
      gateway,
      `{ protocol(id: "synternet") {
          data: quoteFee(input: { fee: "pay-per-data", quantity: "1", unitPrice: "8" }) { base protocolFee total }
          message: quoteFee(input: { fee: "pay-per-message", quantity: "1", unitPrice: "0.0005" }) { base protocolFee total }
        } }`,
    );
    expect(protocol.data).toEqual({ base: '8', protocolFee: '4', total: '12' });
    expect(protocol.message).toEqual({ base: '0.0005', protocolFee: '0.001', total: '0.0015' });
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
    // 80,000,000 + 16,547.9452054794520547945205479452054794520548 (kept to 40 decimals).
    expect(protocol.dayOne).toEqual({
      total: '240000000',
      circulating: '80016547.9452054794520547945205479452054794520548',
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

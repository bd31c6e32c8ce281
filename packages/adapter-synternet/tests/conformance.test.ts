import { createDirectReader, Decimal, type PenaltyInput } from '@tokenomics/core';
import { describeTokenEconomy } from '@tokenomics/core/testing';
import { type FakeLcd, STANDARD_MINT_STATE, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll } from 'vitest';
import { synternetAdapter } from '../src/index.js';
import { SYNTERNET_GENESIS_STATE } from '../src/testing/index.js';

const instants = [
  new Date('2024-08-01T00:00:00Z'),
  new Date('2025-01-30T12:00:00Z'),
  new Date('2025-08-01T00:00:00Z'),
  new Date('2029-07-31T23:59:59Z'),
  new Date('2034-03-01T00:00:00Z'),
];
const overrideSets = [
  [{ key: 'bondedRatio', value: '0.67' }],
  // Beyond 60 significant digits at 40 places: supply and schedule must still agree exactly.
  [{ key: 'genesisSupply', value: '123456789012345678901234.5' }],
  [
    { key: 'inflationSchedule', value: '0.1,0.08,0.06,0.04,0.02' },
    { key: 'communityTax', value: '0.02' },
    { key: 'burnShare', value: '0.5' },
  ],
];
const stakes = [new Decimal('10000'), new Decimal('250000'), new Decimal('0.000001')];
const penaltyInputs: PenaltyInput[] = [
  { rule: 'downtime', stakes, missedBlocks: 8_001 },
  { rule: 'downtime', stakes, missedBlocks: 8_000 },
  { rule: 'downtime', stakes, missedBlocks: 16_000 },
  { rule: 'double-sign', stakes, missedBlocks: null },
];
// Messages are counted whole (pay-per-message refuses 2.5 messages); gigabytes need not be.
const feeQuotes = ['pay-per-data', 'pay-per-message'].flatMap((fee) =>
  (
    [
      ['1', '0'],
      ['1', '8'],
      ['1000', '0.0005'],
      [fee === 'pay-per-data' ? '2.5' : '3', '100'],
    ] as const
  ).map(([quantity, unitPrice]) => ({
    fee,
    quantity: new Decimal(quantity),
    unitPrice: new Decimal(unitPrice),
  })),
);
const schedule = {
  from: new Date('2024-08-01T00:00:00Z'),
  to: new Date('2034-08-01T00:00:00Z'),
  interval: 'YEAR' as const,
};

describeTokenEconomy('synternet (seed)', () => synternetAdapter(), {
  instants,
  overrideSets,
  schedule,
  penaltyInputs,
  feeQuotes,
});
describeTokenEconomy('synternet (chain-2025)', () => synternetAdapter({ preset: 'chain-2025' }), {
  instants,
  overrideSets,
  penaltyInputs,
  feeQuotes,
  schedule: { ...schedule, interval: 'MONTH' },
});

let lcd: FakeLcd;
beforeAll(async () => {
  lcd = await startFakeLcd({
    base: SYNTERNET_GENESIS_STATE,
    state: { mint: STANDARD_MINT_STATE, latestBlock: { height: '900000', time: '2025-09-01T00:00:00Z' } },
  });
});
afterAll(() => lcd.close());
const blockTime = new Date('2025-09-01T00:00:00Z');
describeTokenEconomy(
  'synternet (live, fake LCD with x/mint)',
  () => synternetAdapter({ live: { lcdUrl: lcd.url } }),
  {
    instants: [blockTime, new Date('2026-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z')],
    overrideSets,
    // The fake node serves the genesis window of 2,000 blocks.
    penaltyInputs: [
      { rule: 'downtime', stakes, missedBlocks: 1_001 },
      { rule: 'downtime', stakes, missedBlocks: 1_000 },
      { rule: 'double-sign', stakes, missedBlocks: null },
    ],
    schedule: { from: blockTime, to: new Date('2031-01-01T00:00:00Z'), interval: 'YEAR' },
    feeQuotes,
    context: () => ({ reader: createDirectReader(), now: blockTime }),
  },
);

import { createDirectReader, Decimal, type PenaltyInput } from '@tokenomics/core';
import { describeTokenEconomy } from '@tokenomics/core/testing';
import { type FakeLcd, STANDARD_MINT_STATE, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { afterAll, beforeAll } from 'vitest';
import { cosmosMintAdapter } from '../src/index.js';

const stakes = [new Decimal('10000'), new Decimal('250000'), new Decimal('0.000001')];
const overrideSets = [
  [{ key: 'bondedRatio', value: '0.5' }],
  [
    { key: 'bondedRatio', value: '0.9' },
    { key: 'anchorInflation', value: '0.19' },
    { key: 'communityTax', value: '0.1' },
  ],
  [
    { key: 'inflationRateChange', value: '1' },
    { key: 'inflationMax', value: '0.1' },
    { key: 'bondedRatio', value: '0.2' },
  ],
];

describeTokenEconomy('cosmos-mint (snapshot, cosmoshub)', () => cosmosMintAdapter({ id: 'cosmoshub' }), {
  instants: [
    new Date('2019-03-13T23:00:00Z'),
    new Date('2019-03-14T00:00:00Z'),
    new Date('2021-07-01T12:34:56Z'),
    new Date('2030-01-01T00:00:00Z'),
  ],
  overrideSets,
  schedule: {
    from: new Date('2019-03-13T23:00:00Z'),
    to: new Date('2029-03-13T23:00:00Z'),
    interval: 'YEAR',
  },
  penaltyInputs: [
    { rule: 'downtime', stakes, missedBlocks: 9_501 },
    { rule: 'downtime', stakes, missedBlocks: 9_500 },
    { rule: 'double-sign', stakes, missedBlocks: null },
  ] satisfies PenaltyInput[],
});

let lcd: FakeLcd;
const BLOCK_TIME = new Date('2025-09-01T00:00:00Z');
beforeAll(async () => {
  lcd = await startFakeLcd({
    state: {
      chainId: 'cosmoshub-4',
      supply: [{ denom: 'uatom', amount: '390000000000000' }],
      pool: { bonded_tokens: '250000000000000', not_bonded_tokens: '5000000000000' },
      slashingParams: { signed_blocks_window: '10000', min_signed_per_window: '0.050000000000000000' },
      distributionParams: { community_tax: '0.020000000000000000' },
      latestBlock: { height: '26000000', time: '2025-09-01T00:00:00Z' },
      mint: { ...STANDARD_MINT_STATE, params: { ...STANDARD_MINT_STATE.params, mint_denom: 'uatom' } },
    },
  });
});
afterAll(() => lcd.close());

describeTokenEconomy(
  'cosmos-mint (live, fake LCD)',
  () => cosmosMintAdapter({ id: 'cosmoshub', live: { lcdUrl: lcd.url } }),
  {
    instants: [BLOCK_TIME, new Date('2026-01-01T00:00:00Z'), new Date('2035-01-01T00:00:00Z')],
    overrideSets,
    schedule: { from: BLOCK_TIME, to: new Date('2030-09-01T00:00:00Z'), interval: 'MONTH' },
    penaltyInputs: [
      { rule: 'downtime', stakes, missedBlocks: 9_501 },
      { rule: 'double-sign', stakes, missedBlocks: null },
    ],
    context: () => ({ reader: createDirectReader(), now: BLOCK_TIME }),
  },
);

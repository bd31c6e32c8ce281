import { describeTokenEconomy } from '@tokenomics/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { sessionAdapter } from '../src/index.js';
import { type FakeArbitrum, startFakeArbitrum } from '../src/testing/fake-arbitrum.js';
import { recordingReader } from './helpers.js';

const instants = [
  new Date('2025-05-21T00:00:00Z'),
  new Date('2025-08-19T00:00:00Z'),
  new Date('2026-11-30T12:34:56Z'),
  new Date('2027-05-21T00:00:00Z'),
  new Date('2030-01-01T00:00:00Z'),
];
const overrideSets = [
  [{ key: 'networkSize', value: '3000' }],
  [
    { key: 'feeInflowPerDay', value: '2500' },
    { key: 'stakingRequirement', value: '20000' },
  ],
];
const schedule = {
  from: new Date('2025-05-21T00:00:00Z'),
  to: new Date('2028-06-01T00:00:00Z'),
  interval: 'MONTH' as const,
};

describeTokenEconomy('session (seed)', () => sessionAdapter(), { instants, overrideSets, schedule });
describeTokenEconomy('session (tge-2025-05-21)', () => sessionAdapter({ preset: 'tge-2025-05-21' }), {
  instants,
  // 3,500 nodes stake 87,500,000 > 79,000,000 circulating at TGE: the excess is staked from the treasury (lockup A) until A unlocks.
  overrideSets: [...overrideSets, [{ key: 'networkSize', value: '3500' }]],
  schedule,
});
describeTokenEconomy(
  'session (tge-2025-05-21, a configured holding)',
  () =>
    sessionAdapter({
      preset: 'tge-2025-05-21',
      nonCirculating: [
        { address: '0x000000000000000000000000000000000000dEaD', label: 'Burn address', amount: '1000' },
      ],
    }),
  { instants, overrideSets, schedule },
);

let chain: FakeArbitrum;
beforeAll(async () => {
  chain = await startFakeArbitrum();
});
afterAll(() => chain.close());
// Live, the pool is stepped from the instant it was read (now): check from now on.
const reader = recordingReader();
const now = new Date();
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
describeTokenEconomy(
  'session (live, fake Arbitrum)',
  () => sessionAdapter({ preset: 'tge-2025-05-21', live: { rpcUrl: chain.url } }),
  {
    instants: [now, later(1), later(45), later(400), later(1500)],
    overrideSets,
    schedule: { from: now, to: later(1200), interval: 'MONTH' },
    context: () => ({ reader, now }),
  },
);

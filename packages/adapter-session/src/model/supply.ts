import { derive, formatDecimal, type Supply, type SupplyBucket } from '@tokenomics/core';
import { LOCKUP_TERMS, LOCKUPS, SOURCES } from '../parameters.js';
import { parameter, type SessionModel } from './common.js';
import { figuresAt, ZERO } from './state-at.js';

/** How circulating supply is defined (Supply.circulatingDefinition). */
export const CIRCULATING_DEFINITION =
  'circulating = total − Staking Reward Pool − staked (networkSize × stakingRequirement) − locked allocations (MODEL.md). ' +
  'Released pool rewards, unlocked allocations and protocol-owned liquidity circulate. ' +
  'Staked tokens are drawn from the unlocked supply: the seed\'s "a maximum of 80,000,000" at genesis is read as the unlocked supply before staking, ' +
  'so at TGE circulating = genesisCirculating − staked (seed: 80,000,000 − 2,000 × 25,000 = 30,000,000). ' +
  'Locked allocations that may be staked (lockups A, F) are counted as locked, never as staked, so nothing is counted twice.';

const BUCKET_LABELS: Record<(typeof LOCKUPS)[number], string> = {
  A: 'Locked allocations, lockup A (Treasury (Session Nodes), Strategic Token Sale)',
  B: 'Locked allocations, lockup B (Treasury (Advisors), Ecosystem & Community, Strategic Token Sale)',
  D: 'Locked allocations, lockup D (Treasury (Contributors), Treasury (Operational))',
  F: 'Locked allocations, lockup F (Testnet Incentive)',
};

/**
 * Session supply at `at` (the adapter's `supply`).
 *
 * @example
 * ```ts
 * sessionSupply(model, new Date('2025-05-21T00:00:00Z')).circulating.toFixed(); // '30000000' (seed)
 * ```
 */
export function sessionSupply(model: SessionModel, at: Date): Supply {
  const { params } = model;
  const f = figuresAt(params, at);
  const buckets: SupplyBucket[] = [
    { key: 'staking-reward-pool', label: 'Staking Reward Pool', amount: f.pool, circulating: false },
    { key: 'staked', label: 'Staked by Session Nodes', amount: f.staked, circulating: false },
  ];
  if (!f.lockedUnscheduled.isZero()) {
    buckets.push({
      key: 'locked-unscheduled',
      label: 'Locked allocations with no published schedule',
      amount: f.lockedUnscheduled,
      circulating: false,
    });
  }
  for (const lockup of LOCKUPS) {
    if (params[`lockup${lockup}`].amount.isZero()) continue;
    buckets.push({
      key: `locked-${lockup}`,
      label: BUCKET_LABELS[lockup],
      amount: f.lockups[lockup],
      circulating: false,
    });
  }
  buckets.push({
    key: 'protocol-owned-liquidity',
    label: 'Protocol-owned liquidity (10 % of Network Fees)',
    amount: f.liquidity,
    circulating: true,
  });

  const totalSource = parameter(model, 'maxSupply').source;
  const lockupInputs: Record<string, string> = {};
  for (const lockup of LOCKUPS)
    lockupInputs[`locked ${lockup} (${LOCKUP_TERMS[lockup]})`] = formatDecimal(f.lockups[lockup]);
  return {
    at,
    max: f.max,
    total: f.total,
    circulating: f.circulating,
    staked: f.staked,
    liquid: null, // replaced by the second-edition convention (issue 12)
    burned: ZERO,
    circulatingDefinition: CIRCULATING_DEFINITION,
    buckets,
    derivations: {
      max: derive('maxSupply', { maxSupply: f.max }, f.max, totalSource),
      total: derive(
        'total = maxSupply (the whole supply was minted at genesis; SESH has no mint path, and fees are burnt and reminted)',
        { maxSupply: f.max },
        f.total,
        totalSource,
      ),
      circulating: derive(
        'circulating = total − pool − staked − lockedUnscheduled − Σ still-locked lockups; pool = pool₀ × (1 − rate/365)^days + inflow × (1 − (1 − rate/365)^days) / (rate/365)',
        {
          total: f.total,
          pool: f.pool,
          staked: f.staked,
          lockedUnscheduled: f.lockedUnscheduled,
          ...lockupInputs,
          'pool₀ (stakingRewardPool)': params.stakingRewardPool,
          'pool₀ at': f.anchor,
          days: f.daysFromAnchor,
          rate: params.poolReleaseRate,
          'inflow (feeInflowPerDay × feeToPoolShare)': f.poolInflowPerDay,
        },
        f.circulating,
        `${SOURCES.model}, Supply; ${SOURCES.spec}; lockups: ${SOURCES.genesis}`,
      ),
      staked: derive(
        'staked = networkSize × stakingRequirement',
        { networkSize: params.networkSize, stakingRequirement: params.stakingRequirement },
        f.staked,
        `${SOURCES.model}, Supply (no totalStaked getter exists on chain: session-facts.md §1)`,
      ),
      burned: derive(
        'burned = 0: Network Fees are burnt and reminted (90 % to the pool, 10 % to liquidity), so nothing is destroyed net',
        {},
        ZERO,
        `${SOURCES.spec}, Session Network Fees`,
      ),
    },
  };
}

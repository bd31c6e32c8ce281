import {
  amountInput,
  derive,
  lazyMember,
  rateInput,
  type Supply,
  type SupplyBucket,
  type TypedInput,
} from '@tokenomics/core';
import { LOCKUP_TERMS, LOCKUPS, methodology, SOURCES } from '../parameters.js';
import { parameter, type SessionModel } from '../state.js';
import { atStep, figuresAt, ZERO } from './figures.js';
import { LOCKUP_LABELS, lockupBucket } from './unlocks.js';

/** How circulating supply is defined (Supply.circulatingDefinition). */
export const CIRCULATING_DEFINITION =
  'circulating = total − Staking Reward Pool − locked allocations (lockups still locked, and locked tokens with no schedule) − configured non-circulating holdings: ' +
  'the tokens in holders’ hands, the published convention of Session’s own figures (80,000,000 at genesis in the specification, 79,000,000 in the genesis table) and of CoinGecko, CoinMarketCap and Messari. ' +
  'Staked tokens are circulating (staking moves tokens out of the liquid supply, not out of circulation): liquid = circulating − staked, never below 0. ' +
  'Locked allocations that may be staked (lockups A and F) stay non-circulating until they unlock; should more be staked than circulates, the excess is shown as staked from the treasury, out of lockups A and F. ' +
  'Released pool rewards, unlocked allocations and protocol-owned liquidity circulate.';

const POOL_SOURCE = `${methodology('pool-release')}; ${SOURCES.rewardRatePool}`;
const SUPPLY_SOURCE = `${methodology('supply')}; ${SOURCES.genesis}; ${SOURCES.spec}`;
const STAKED_SOURCE = `${methodology('liquid')}; ${SOURCES.staking}; ${SOURCES.serviceNodeRewards}`;

/**
 * Session supply at `at` (the adapter's `supply`).
 *
 * @example
 * ```ts
 * import type { SessionModel } from '../state.js';
 * import { sessionSupply } from './supply.js';
 *
 * declare const model: SessionModel; // the seed preset
 *
 * const supply = sessionSupply(model, new Date('2025-05-21T00:00:00Z'));
 * supply.circulating.toFixed(); // '80000000' (seed)
 * supply.liquid?.toFixed(); // '30000000' (80,000,000 − 2,000 × 25,000 staked)
 * ```
 */
export function sessionSupply(model: SessionModel, at: Date): Supply {
  return atStep(supplies, model, at, '', () => supplyAt(model, at), withAt);
}

/** The kept supply at another instant of its step: member by member (a spread would derive its derivations). */
function withAt(kept: Supply, at: Date): Supply {
  const supply: Supply = {
    at,
    max: kept.max,
    total: kept.total,
    circulating: kept.circulating,
    staked: kept.staked,
    liquid: kept.liquid,
    burned: kept.burned,
    circulatingDefinition: kept.circulatingDefinition,
    buckets: kept.buckets,
    derivations: {},
  };
  return lazyMember(supply, 'derivations', () => kept.derivations);
}

/** Supplies kept by model and step: the figures step once a day (see atStep). */
const supplies = new WeakMap<object, Map<string, Supply>>();

function supplyAt(model: SessionModel, at: Date): Supply {
  const { params } = model;
  const f = figuresAt(model, at);
  const buckets: SupplyBucket[] = [
    {
      key: 'staking-reward-pool',
      label: 'Staking Reward Pool',
      amount: f.pool,
      circulating: false,
      source: POOL_SOURCE,
    },
  ];
  if (!f.lockedUnscheduled.isZero()) {
    buckets.push({
      key: 'locked-unscheduled',
      label: 'Locked allocations with no published schedule',
      amount: f.lockedUnscheduled,
      circulating: false,
      source: `${methodology('genesis-remainder')}; ${SOURCES.spec}`,
    });
  }
  for (const lockup of LOCKUPS) {
    if (params[`lockup${lockup}`].isZero()) continue;
    buckets.push({
      key: lockupBucket(lockup),
      label: LOCKUP_LABELS[lockup],
      amount: f.lockupBuckets[lockup],
      circulating: false,
      source: `${methodology('lockups')}; ${SOURCES.genesis}`,
    });
  }
  if (!f.stakedFromTreasury.isZero()) {
    buckets.push({
      key: 'staked-from-treasury',
      label:
        'Staked from the treasury: locked lockup A and F tokens staked by nodes, where more is staked than circulates (an assumption)',
      amount: f.stakedFromTreasury,
      circulating: false,
      staked: true,
      source: `${methodology('staked-from-the-treasury')}; ${SOURCES.genesis}`,
    });
  }
  for (const holding of f.holdings) {
    buckets.push({
      key: `holding-${holding.address.toLowerCase()}`,
      label: holding.label,
      amount: holding.amount,
      circulating: false,
      source: holding.source,
    });
  }
  const stakedCirculating = f.staked.minus(f.stakedFromTreasury);
  buckets.push(
    {
      key: 'staked',
      label: 'Staked by Session Nodes (circulating, not liquid)',
      amount: stakedCirculating,
      circulating: true,
      source: STAKED_SOURCE,
    },
    {
      key: 'protocol-owned-liquidity',
      label: 'Protocol-owned liquidity (10 % of Network Fees)',
      amount: f.liquidity,
      circulating: true,
      source: `${methodology('fees')}; ${SOURCES.spec}`,
    },
  );

  const totalSource = parameter(model, 'maxSupply').source;
  const lockupInputs: Record<string, TypedInput> = {};
  for (const lockup of LOCKUPS)
    lockupInputs[`locked ${lockup} (${LOCKUP_TERMS[lockup]})`] = amountInput(f.lockups[lockup]);
  const holdingInputs: Record<string, TypedInput> = {};
  for (const holding of f.holdings)
    holdingInputs[`${holding.label} (${holding.address})`] = amountInput(holding.amount);
  const supply: Supply = {
    at,
    max: f.max,
    total: f.total,
    circulating: f.circulating,
    staked: f.staked,
    liquid: f.liquid,
    burned: ZERO,
    circulatingDefinition: CIRCULATING_DEFINITION,
    buckets,
    derivations: {},
  };
  // Derived when read: a query selecting only the figures (the dashboard) never pays for them.
  return lazyMember(supply, 'derivations', () => ({
    max: derive('maxSupply', { maxSupply: amountInput(f.max) }, f.max, totalSource),
    total: derive(
      'total = maxSupply (the whole supply was minted at genesis; SESH has no mint path, and fees are burnt and reminted)',
      { maxSupply: amountInput(f.max) },
      f.total,
      totalSource,
    ),
    circulating: derive(
      'circulating = total − pool − lockedUnscheduled − Σ still-locked lockups − configured holdings (staked tokens circulate); ' +
        'pool = pool₀ × (1 − rate/365)^days + inflow × (1 − (1 − rate/365)^days) / (rate/365); ' +
        'a lockup is its amount less what its unlocks released by now (B and D: equal monthly tranches in base units from month 13, the remainder in the last)',
      {
        total: amountInput(f.total),
        pool: amountInput(f.pool),
        lockedUnscheduled: amountInput(f.lockedUnscheduled),
        ...lockupInputs,
        ...holdingInputs,
        'pool₀ (stakingRewardPool)': amountInput(params.stakingRewardPool),
        'pool₀ at': f.anchor,
        days: f.daysFromAnchor,
        rate: rateInput(params.poolReleaseRate),
        'inflow (feeInflowPerDay × feeToPoolShare)': amountInput(f.poolInflowPerDay),
      },
      f.circulating,
      SUPPLY_SOURCE,
    ),
    staked: derive(
      'staked = networkSize × stakingRequirement (no totalStaked getter exists on chain)',
      { networkSize: params.networkSize, stakingRequirement: amountInput(params.stakingRequirement) },
      f.staked,
      STAKED_SOURCE,
    ),
    liquid: derive(
      'liquid = max(circulating − staked, 0): circulating tokens that are not staked',
      {
        circulating: amountInput(f.circulating),
        staked: amountInput(f.staked),
        'staked from the treasury': amountInput(f.stakedFromTreasury),
      },
      f.liquid,
      `${methodology('liquid')}; ${SOURCES.spec}`,
    ),
    burned: derive(
      'burned = 0: Network Fees are burnt and reminted (90 % to the pool, 10 % to liquidity), so nothing is destroyed net',
      {},
      ZERO,
      `${methodology('fees')}; ${SOURCES.spec}`,
    ),
  }));
}

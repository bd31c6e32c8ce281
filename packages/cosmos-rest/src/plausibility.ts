import { DEFAULT_CLOCK_SKEW_MS, Decimal, formatDecimal, type Implausibility } from '@tokenomics/core';
import { LCD_PATHS } from './endpoints.js';

/** What the standard-chain plausibility rules read of a chain state (a `StandardChainState` fits). */
export interface StandardChainSnapshot {
  chainId: string;
  /** The denom the bank supply answer is about. */
  denom: string;
  /** The latest block's height, an integer string. */
  height: string;
  blockTime: Date;
  /** Total supply of the denom, in whole tokens. */
  total: Decimal;
}

/** What a standard chain's reads must match, and how far they may move between reads. */
export interface StandardChainBounds {
  /** The chain the node must answer for, e.g. `synternet-1`. */
  chainId: string;
  /** The denom the supply must be of, e.g. `usynt`. */
  denom: string;
  /** No block can be older than this: the chain's genesis (or a state it already had). */
  notBefore: Date;
  /** The request's now: a block time later than now + `clockSkewMs` is refused. */
  now: Date;
  /** Default `DEFAULT_CLOCK_SKEW_MS` of `@tokenomics/core` (5 minutes). */
  clockSkewMs?: number;
  /** The largest fall of the total supply between two reads, a fraction in [0, 1]; default {@link DEFAULT_MAX_SUPPLY_DROP}. */
  maxSupplyDrop?: Decimal;
}

/**
 * The default tolerance of a falling total supply between two reads: 1 %. A
 * Cosmos supply only grows (minting) except for burns; a 1 % burn between two
 * reads a cache TTL apart is far beyond any fee burn, while a node answering
 * the wrong state (a pruned or forked node, another denom) moves it by more.
 */
export const DEFAULT_MAX_SUPPLY_DROP = new Decimal('0.01');

const SUPPLY = `GET ${LCD_PATHS.supplyByDenom}`;
const BLOCK = `GET ${LCD_PATHS.latestBlock}`;

/**
 * Judges a standard chain state against what it must be and the last good
 * state: the chain id and denom as configured; the height never below the
 * last good one; the block time not in the future (beyond the clock skew)
 * nor before `notBefore`; the total supply not falling by more than
 * `maxSupplyDrop`. Returns the first rule broken, or null.
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { standardChainImplausibility } from '@tokenomics/cosmos-rest';
 *
 * const blockTime = new Date('2025-10-01T12:00:00Z');
 * const total = new Decimal('1000000000');
 * const genesis = new Date('2024-06-11T08:14:53Z');
 * standardChainImplausibility(
 *   { chainId: 'osmosis-1', denom: 'usynt', height: '838', blockTime, total },
 *   null,
 *   { chainId: 'synternet-1', denom: 'usynt', notBefore: genesis, now: new Date() },
 * );
 * // { reason: 'chain-id', message: 'GET /cosmos/base/tendermint/v1beta1/blocks/latest answers chain osmosis-1, expected synternet-1' }
 * ```
 */
export function standardChainImplausibility(
  next: StandardChainSnapshot,
  previous: StandardChainSnapshot | null,
  bounds: StandardChainBounds,
): Implausibility | null {
  if (next.chainId !== bounds.chainId) {
    return {
      reason: 'chain-id',
      message: `${BLOCK} answers chain ${JSON.stringify(next.chainId)}, expected ${bounds.chainId}`,
    };
  }
  if (next.denom !== bounds.denom) {
    return {
      reason: 'denom',
      message: `${SUPPLY} answers the supply of ${JSON.stringify(next.denom)}, expected ${bounds.denom}`,
    };
  }
  if (previous && BigInt(next.height) < BigInt(previous.height)) {
    return {
      reason: 'height',
      message: `${BLOCK} answers block ${next.height}, below the last good state's block ${previous.height}`,
    };
  }
  const skew = bounds.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (next.blockTime.getTime() > bounds.now.getTime() + skew) {
    return {
      reason: 'block-time',
      message: `${BLOCK} answers a block time ${next.blockTime.toISOString()}, later than now (${bounds.now.toISOString()}) by more than ${skew / 1000} s`,
    };
  }
  if (next.blockTime.getTime() < bounds.notBefore.getTime()) {
    return {
      reason: 'block-time',
      message: `${BLOCK} answers a block time ${next.blockTime.toISOString()}, before ${bounds.notBefore.toISOString()}`,
    };
  }
  const maxDrop = bounds.maxSupplyDrop ?? DEFAULT_MAX_SUPPLY_DROP;
  if (previous && next.total.lt(previous.total.times(Decimal.sub(1, maxDrop)))) {
    const fell = Decimal.sub(1, next.total.div(previous.total));
    return {
      reason: 'supply-drop',
      message: `${SUPPLY} answers a total supply of ${formatDecimal(next.total)}, ${formatDecimal(fell.times(100).toSignificantDigits(4))} % below the last good state's ${formatDecimal(previous.total)} (at most ${formatDecimal(maxDrop.times(100))} % allowed)`,
    };
  }
  return null;
}

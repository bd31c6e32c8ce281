import {
  type BlockRef,
  Decimal,
  type EconomyHistory,
  type Observation,
  prunedHeight,
  TokenomicsError,
} from '@tokenomics/core';

/** Options of {@link fakeChain}. */
export interface FakeChainOptions {
  /** Time of block 1; default 2026-01-01T00:00:00Z. */
  genesis?: Date;
  /** Seconds between blocks; default 60. */
  blockSeconds?: number;
  /** The current height; default 1. */
  height?: bigint;
  /** Heights whose state the node has pruned (archive reads refused): [first, last]. */
  prunedState?: [bigint, bigint];
}

/**
 * An in-memory chain whose supply and bonded tokens change every block, with
 * an archive: `history` is the EconomyHistory a live adapter gives (observe
 * reads the head; blockAt / observeAt read the past, pruned where told).
 */
export function fakeChain(options: FakeChainOptions = {}) {
  const genesis = (options.genesis ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const blockSeconds = options.blockSeconds ?? 60;
  let height = options.height ?? 1n;
  let failing: Error | null = null;
  const calls = { observe: 0, head: 0, blockAt: 0, observeAt: 0 };

  const block = (h: bigint): BlockRef => ({
    height: h,
    time: new Date(genesis + Number(h - 1n) * blockSeconds * 1000),
  });
  /** The figures at a height: total grows by 1.000000001 a block, staked by 0.5 every other block. */
  const figures = (h: bigint, frozen = false): Observation => {
    const at = frozen ? 0n : h;
    const total = new Decimal('240000000').plus(new Decimal('1.000000001').times(at.toString()));
    const staked = new Decimal('40000000').plus(new Decimal('0.5').times((at / 2n).toString()));
    const circulating = total.minus('1000000');
    return {
      at: block(h).time,
      height: h,
      total,
      circulating,
      liquid: circulating.minus(staked),
      staked,
      bondedRatio: staked.div(total),
      emissionRate: null,
      stakingApr: new Decimal('0.15'),
      poolBalance: null,
      participants: 100 + Number(at % 7n),
    };
  };
  let frozen = false;

  const history: EconomyHistory = {
    async observe() {
      calls.observe++;
      if (failing) throw failing;
      return figures(height, frozen);
    },
    async head() {
      calls.head++;
      return block(height);
    },
    async blockAt(_ctx, h) {
      calls.blockAt++;
      if (h < 1n || h > height) throw new TokenomicsError('UPSTREAM_UNAVAILABLE', `no block at height ${h}`);
      return block(h);
    },
    async observeAt(_ctx, h) {
      calls.observeAt++;
      if (h < 1n || h > height) throw new TokenomicsError('UPSTREAM_UNAVAILABLE', `no block at height ${h}`);
      const pruned = options.prunedState;
      if (pruned && h >= pruned[0] && h <= pruned[1]) {
        throw prunedHeight(h, `the node has pruned heights ${pruned[0]}-${pruned[1]}`);
      }
      return figures(h);
    },
  };

  return {
    history,
    calls,
    block,
    /** The figures the chain has at a height. */
    figuresAt: (h: bigint) => figures(h),
    get height() {
      return height;
    },
    /** Moves the head on by `blocks`. */
    advance(blocks = 1n) {
      height += blocks;
    },
    /** Moves the head to the last block at or before `instant`. */
    advanceTo(instant: Date) {
      height = BigInt(Math.floor((instant.getTime() - genesis) / (blockSeconds * 1000))) + 1n;
    },
    /** From now on, observe fails with `error` (null: reads again). */
    fail(error: Error | null) {
      failing = error;
    },
    /** Keeps the figures still while blocks go on (nothing changes). */
    freeze(value = true) {
      frozen = value;
    },
  };
}

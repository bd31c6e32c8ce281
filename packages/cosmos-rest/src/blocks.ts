import {
  type BlockRef,
  type EconomyContext,
  type ParameterSchema,
  parseInstant,
  type SourcedState,
  type StateSource,
  type UpstreamReader,
  type UpstreamValue,
} from '@tokenomics/core';
import { inconsistentAnswer } from './chain-state.js';
import { blockAtHeight, latestBlock } from './endpoints.js';
import type { LcdRequest } from './request.js';
import type { LatestBlockResponse } from './schemas.js';

/** A block read first, at whose height every other resource of a state is read. */
export interface ReadBlock extends BlockRef {
  /** The request that read it: the latest block, or the block at a height. */
  request: LcdRequest<LatestBlockResponse>;
  /** The answer, for `readsFreshness` and the standard chain state. */
  answer: UpstreamValue<LatestBlockResponse>;
}

/**
 * Reads a block through `reader`: the latest (no height) or the one at
 * `height` (`GET /cosmos/base/tendermint/v1beta1/blocks/{height}`), with its
 * height and time parsed. A state read at ONE height starts here: every
 * other resource is then read with the `x-cosmos-block-height` header
 * ({@link standardChainRequests} with `at`).
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE for a failed read (`details.reason`
 *   `PRUNED` for a height the node has pruned); UPSTREAM_INVALID for an unreadable height or time
 * @example
 * ```ts
 * import { createDirectReader } from '@tokenomics/core';
 * import { readBlock } from '@tokenomics/cosmos-rest';
 *
 * const block = await readBlock(createDirectReader(), 'https://lcd.example');
 * block.height; // 838n
 * ```
 */
export async function readBlock(
  reader: UpstreamReader,
  baseUrl: string,
  height?: bigint,
): Promise<ReadBlock> {
  const request = height === undefined ? latestBlock(baseUrl) : blockAtHeight(baseUrl, height);
  const answer = await reader.read(request);
  const header = answer.value.block.header;
  if (!/^[1-9]\d*$/.test(header.height)) {
    throw inconsistentAnswer(
      request.resource,
      `carries an unreadable height ${JSON.stringify(header.height)}`,
    );
  }
  const read = BigInt(header.height);
  if (height !== undefined && read !== height) {
    throw inconsistentAnswer(request.resource, `answered the block at height ${read}, not ${height}`);
  }
  let time: Date;
  try {
    time = parseInstant(header.time, 'block time');
  } catch {
    throw inconsistentAnswer(
      request.resource,
      `carries an unreadable block time ${JSON.stringify(header.time)}`,
      {
        reason: 'block-time',
      },
    );
  }
  return { height: read, time, request, answer };
}

/**
 * A live Cosmos source with core's `blocks` (archive access): `read` is the
 * state at the latest block, `blocks.head` the latest block, `blocks.blockAt`
 * a block by height and `blocks.readAt` the state at a height, all through
 * one `readAt(ctx, height?)` that reads the block first and every resource
 * at its height.
 *
 * @example
 * ```ts
 * import { cosmosBlockSource } from '@tokenomics/cosmos-rest';
 *
 * // const source = cosmosBlockSource(lcdUrl, (ctx, height) => readStateAt(ctx, height));
 * // (await source.blocks!.readAt(ctx, 1200n)).info.height; // 1200n
 * ```
 */
export function cosmosBlockSource<S extends ParameterSchema, State>(
  baseUrl: string,
  readAt: (ctx: EconomyContext, height?: bigint) => Promise<SourcedState<S, State>>,
): StateSource<S, State> {
  const ref = (block: ReadBlock): BlockRef => ({ height: block.height, time: block.time });
  return {
    read: (ctx) => readAt(ctx),
    blocks: {
      head: async (ctx) => ref(await readBlock(ctx.reader, baseUrl)),
      blockAt: async (ctx, height) => ref(await readBlock(ctx.reader, baseUrl, height)),
      readAt: (ctx, height) => readAt(ctx, height),
    },
  };
}

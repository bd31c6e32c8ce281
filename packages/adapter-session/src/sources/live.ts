import { createHash } from 'node:crypto';
import {
  type BlockRef,
  type BlockSource,
  DEFAULT_UPSTREAM_MAX_BODY_BYTES,
  Decimal,
  type EconomyContext,
  formatDecimal,
  fromBaseUnits,
  type ImplausibilityReason,
  type JsonValue,
  type Preset,
  prunedHeight,
  redactError,
  redactUrl,
  redactUrls,
  resolveParameters,
  type SourcedState,
  type SourcedValue,
  type StateSource,
  TokenomicsError,
  type UpstreamLoadOptions,
  type UpstreamReader,
  type UpstreamRequest,
  type UpstreamValue,
  upstreamInvalid,
} from '@tokenomics/core';
import {
  type Abi,
  type Address,
  BaseError,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  createPublicClient,
  HttpRequestError,
  http,
  parseAbi,
} from 'viem';
import { arbitrum, arbitrumSepolia, mainnet, sepolia } from 'viem/chains';
import { z } from 'zod';
import {
  methodology,
  SESSION_ADDRESSES,
  type SessionSchema,
  sessionParameters,
  unscheduledLocked,
} from '../parameters.js';
import type { NonCirculatingHolding, SessionAddresses, SessionState } from '../state.js';
import { SESH_DECIMALS } from '../token.js';

/** The read-only functions of RewardRatePool the adapter uses (session-token-contracts, contracts/RewardRatePool.sol). */
export const rewardRatePoolAbi = parseAbi([
  'function SESH() view returns (address)',
  'function beneficiary() view returns (address)',
  'function totalPaidOut() view returns (uint256)',
  'function lastPaidOutTime() view returns (uint256)',
  'function ANNUAL_SIMPLE_PAYOUT_RATE() view returns (uint64)',
  'function BASIS_POINTS() view returns (uint64)',
  'function VERSION() view returns (uint256)',
  'function rewardRate() view returns (uint256)',
  'function calculateTotalDeposited() view returns (uint256)',
  'function calculateReleasedAmount() view returns (uint256)',
  'function calculatePayoutAmount(uint256 balance, uint256 timeElapsed) pure returns (uint256)',
]);

/** The read-only functions of ServiceNodeRewards the adapter uses ([STC] ServiceNodeRewards.sol). */
export const serviceNodeRewardsAbi = parseAbi([
  'function totalNodes() view returns (uint256)',
  'function nextServiceNodeID() view returns (uint64)',
  'function stakingRequirement() view returns (uint256)',
  'function maxContributors() view returns (uint256)',
  'function liquidatorRewardRatio() view returns (uint256)',
  'function poolShareOfLiquidationRatio() view returns (uint256)',
  'function recipientRatio() view returns (uint256)',
  'function designatedToken() view returns (address)',
  'function foundationPool() view returns (address)',
  'function isStarted() view returns (bool)',
]);

/** The ERC-20 functions of SESH (L1 SESH.sol and L2 SESHL2.sol) the adapter uses. */
export const seshAbi = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address account) view returns (uint256)',
]);

/** Where the live source reads. */
export interface SessionLiveOptions {
  /** An Arbitrum One JSON-RPC endpoint (SESSION_RPC_URL). */
  rpcUrl: string;
  /** An Ethereum JSON-RPC endpoint for the L1 total supply (SESSION_L1_RPC_URL); without it the preset's maxSupply stands. */
  l1RpcUrl?: string;
  /** Contract addresses; default to the published deployment ({@link SESSION_ADDRESSES}). */
  addresses?: Partial<SessionAddresses>;
  /** The chain id the RPC serves (default 42161): viem's chain definition of it, where viem/chains has one. */
  chainId?: number;
  /** The chain id the L1 RPC serves (default 1). */
  l1ChainId?: number;
  /** viem's own HTTP timeout per request, ms (default 10,000); the reader's timeout usually fires first. */
  httpTimeoutMs?: number;
  /** Holdings left out of circulation: their SESH balances on Arbitrum One are read (checked addresses). */
  nonCirculating?: ReadonlyArray<{ address: `0x${string}`; label: string }>;
}

/** An unsigned 256-bit integer as decimal text: what a uint view function answers. */
const uint = z.string().regex(/^(0|[1-9][0-9]{0,77})$/, 'expected an unsigned integer as decimal text');

/**
 * A chain id as `eth_chainId` answers it. Which chain is expected (Arbitrum
 * One, Ethereum, or the one configured) is judged with the whole state by the
 * plausibility rules, so a wrong chain never replaces a good state.
 */
const chainIdSchema = z.number().int().positive();

/** The block the reads are made at: the chain id, its number and its time (ms since the epoch). */
const blockReadingSchema = z
  .object({ chainId: chainIdSchema, blockNumber: uint, blockTime: z.number().int().nonnegative() })
  .strict();

/** What the pool read keeps: RewardRatePool and SESH on Arbitrum, base units as decimal strings. */
const poolReadingSchema = z
  .object({
    blockNumber: uint,
    poolTokenBalance: uint,
    totalPaidOut: uint,
    releasedAmount: uint,
    rewardRate: uint,
    annualSimplePayoutRate: uint,
    basisPoints: uint,
    l2TotalSupply: uint,
  })
  .strict();

/** What the ServiceNodeRewards read keeps. */
const nodesReadingSchema = z
  .object({
    blockNumber: uint,
    totalNodes: uint,
    stakingRequirement: uint,
    liquidatorRewardRatio: uint,
    poolShareOfLiquidationRatio: uint,
    recipientRatio: uint,
  })
  .strict();

/** What the holdings read keeps: each configured address's SESH balance in base units. */
const holdingsReadingSchema = z.object({ blockNumber: uint, balances: z.array(uint) }).strict();

/** What the L1 read keeps: SESH's total supply on Ethereum. */
const l1ReadingSchema = z.object({ chainId: chainIdSchema, totalSupply: uint }).strict();

type BlockReading = z.infer<typeof blockReadingSchema> & { [key: string]: JsonValue };
type PoolReading = z.infer<typeof poolReadingSchema> & { [key: string]: JsonValue };
type NodesReading = z.infer<typeof nodesReadingSchema> & { [key: string]: JsonValue };
type HoldingsReading = z.infer<typeof holdingsReadingSchema> & { [key: string]: JsonValue };
type L1Reading = z.infer<typeof l1ReadingSchema> & { [key: string]: JsonValue };

/**
 * A request's `parse`: checks a reading (a fresh one before it is kept, or a
 * kept one from a shared cache) against its schema.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE (`details.reason: 'shape'`) naming the resource
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { readingParser } from './live.js';
 *
 * const parse = readingParser(z.object({ totalNodes: z.string() }).strict(), 'ServiceNodeRewards (0xC2B9…) on Arbitrum One');
 * parse({ totalNodes: '7' }); // { totalNodes: '7' }; parse({ totalNodes: 7 }) throws …unexpected shape…
 * ```
 */
export function readingParser<T extends JsonValue>(
  schema: z.ZodType<unknown>,
  resource: string,
): (value: JsonValue) => T {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as T;
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new TokenomicsError(
      'UPSTREAM_UNAVAILABLE',
      `${resource} gave a reading of an unexpected shape: ${issues}`,
      {
        details: { resource, reason: 'shape' },
      },
    );
  };
}

/**
 * `0xC2B9…1c00`, for sources.
 *
 * @example
 * ```ts
 * import { shortAddress } from './live.js';
 *
 * shortAddress('0xC2B9fC251aC068763EbDfdecc792E3352E351c00'); // '0xC2B9…1c00'
 * ```
 */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** viem's definitions of the chains the adapter knows, by id. */
const CHAINS: ReadonlyMap<number, Chain> = new Map(
  [arbitrum, arbitrumSepolia, mainnet, sepolia].map((chain) => [chain.id, chain]),
);

function upstreamError(
  contract: string,
  fn: string,
  address: string | null,
  rpcUrl: string,
  reason: string,
  cause?: unknown,
): TokenomicsError {
  const where = address ? ` at ${address}` : '';
  // viem quotes the URL it called (path and API key included): keep its story, not the secret.
  return new TokenomicsError(
    'UPSTREAM_UNAVAILABLE',
    `${contract}.${fn}${where} via ${redactUrl(rpcUrl)}: ${redactUrls(reason)}`,
    {
      details: { contract, function: fn, address, rpcUrl: redactUrl(rpcUrl) },
      cause: cause === undefined ? undefined : redactError(cause),
    },
  );
}

/** An answer that decodes but cannot be right: the same message as {@link upstreamError}, coded UPSTREAM_INVALID. */
function invalidAnswer(
  contract: string,
  fn: string,
  address: string,
  rpcUrl: string,
  problem: string,
  reason: ImplausibilityReason,
): TokenomicsError {
  const error = upstreamError(contract, fn, address, rpcUrl, problem);
  return upstreamInvalid({ reason, message: error.message }, error.details);
}

function reasonOf(error: unknown): string {
  if (error instanceof BaseError) {
    const http = error.walk((inner) => inner instanceof HttpRequestError) as HttpRequestError | null;
    if (http?.status) return `${error.shortMessage} (HTTP ${http.status})`;
    const details = error.details?.trim();
    return details && details.length <= 200 && !error.shortMessage.includes(details)
      ? `${error.shortMessage} (${details})`
      : error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * What geth, Nitro and Erigon answer for state they no longer keep: "missing
 * trie node", "header not found", "state … is not available", "pruned".
 */
const PRUNED =
  /missing trie node|header not found|state (?:\S+ )?(?:is )?not available|historical state|pruned/i;

/** The node's own words when an error says it has pruned the state asked for, else null. */
function prunedReason(error: unknown): string | null {
  if (error instanceof BaseError) {
    if (error.details && PRUNED.test(error.details)) return error.details;
    const inner = error.walk((cause) => cause instanceof BaseError && PRUNED.test(cause.details ?? ''));
    if (inner instanceof BaseError) return inner.details;
  }
  const message = error instanceof Error ? error.message : String(error);
  return PRUNED.test(message) ? message : null;
}

function clientFor(
  url: string,
  chain: Chain | undefined,
  signal: AbortSignal,
  timeout: number,
  options?: UpstreamLoadOptions,
) {
  return createPublicClient({
    ...(chain ? { chain } : {}),
    transport: http(url, {
      batch: true,
      retryCount: 0,
      timeout,
      // viem streams the answer and stops at the cap (ResponseBodyTooLargeError).
      maxResponseBodySize: options?.maxBodyBytes ?? DEFAULT_UPSTREAM_MAX_BODY_BYTES,
      fetchFn: (input, init) =>
        fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    }),
  });
}

type Client = ReturnType<typeof clientFor>;

/** A contract the source reads: its name in errors, its address and its typed ABI. */
interface Contract<A extends Abi> {
  name: string;
  address: Address;
  abi: A;
}

/**
 * Reads one view function at a block (viem's typed `readContract`: the
 * function name and arguments are checked against the `as const` ABI); any
 * failure or a non-integer answer is an UPSTREAM error naming it, a pruned
 * height {@link prunedHeight}.
 */
async function readUint<A extends Abi, F extends ContractFunctionName<A, 'view' | 'pure'>>(
  client: Client,
  rpcUrl: string,
  contract: Contract<A>,
  functionName: F,
  args: ContractFunctionArgs<A, 'view' | 'pure', F>,
  blockNumber: bigint | undefined,
): Promise<string> {
  let value: unknown;
  try {
    value = await client.readContract({
      address: contract.address,
      abi: contract.abi,
      functionName,
      args,
      ...(blockNumber === undefined ? {} : { blockNumber }),
    } as Parameters<Client['readContract']>[0]);
  } catch (error) {
    const pruned = blockNumber === undefined ? null : prunedReason(error);
    if (pruned !== null) throw prunedHeight(blockNumber!, redactUrls(pruned));
    throw upstreamError(contract.name, `${functionName}()`, contract.address, rpcUrl, reasonOf(error), error);
  }
  if (typeof value !== 'bigint' || value < 0n) {
    throw upstreamError(
      contract.name,
      `${functionName}()`,
      contract.address,
      rpcUrl,
      `expected an unsigned integer, got ${String(value)}`,
    );
  }
  return value.toString();
}

/**
 * Like Promise.all, but when several fail (a whole batch does), throws the
 * first failure in array order, so the error names a predictable call.
 */
async function allInOrder<T extends readonly unknown[]>(
  promises: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(promises as readonly Promise<unknown>[]);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function rpc<T>(rpcUrl: string, method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TokenomicsError) throw error;
    throw upstreamError('JSON-RPC', method, null, rpcUrl, reasonOf(error), error);
  }
}

function safeCount(text: string, contract: string, fn: string, address: string, rpcUrl: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw invalidAnswer(contract, fn, address, rpcUrl, `${text} is not a usable count`, 'bounds');
  return value;
}

/** The block the reads are made at: the latest, or a past height (an archive read). */
type BlockTarget = 'latest' | bigint;

/** A live source that also reads blocks and past heights (core's {@link BlockSource}). */
export type SessionLiveSource = StateSource<SessionSchema, SessionState> & {
  blocks: BlockSource<SessionSchema, SessionState>;
};

/**
 * The live source: reads the RewardRatePool, ServiceNodeRewards and SESH on
 * Arbitrum One (and SESH's total supply on Ethereum when `l1RpcUrl` is set)
 * through the context's {@link UpstreamReader}. A state is one block: the
 * latest block is read first (`eth_getBlockByNumber`, with `eth_chainId`),
 * then every contract at that block number (`eth_call` at the block, one
 * JSON-RPC batch); the answer's `info.height` and `info.blockTime` are that
 * block's. Chain values replace the preset's `stakingRewardPool` (with
 * `poolBalanceAt`), `poolReleaseRate`, `networkSize`, `stakingRequirement`,
 * the liquidation ratios and (L1) `maxSupply`; lockups and genesis figures
 * stay the preset's.
 *
 * `blocks` reads an archive node: the head, a block's time, and the same
 * state at a past height; a height the node has pruned is
 * `UPSTREAM_UNAVAILABLE` with `details.reason: 'PRUNED'` (core's `prunedHeight`).
 *
 * The chain ids read (`eth_chainId`) are in the state, for the adapter's
 * plausibility rules to judge (`sessionImplausibility`).
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the contract and function when a read fails or does not decode
 * @example
 * ```ts
 * import { createDirectReader } from '@tokenomics/core';
 * import { sessionLiveSource, TGE_PRESET } from '@tokenomics/adapter-session';
 *
 * const source = sessionLiveSource({ rpcUrl: 'https://arb1.arbitrum.io/rpc' }, TGE_PRESET);
 * const { info } = await source.read({ reader: createDirectReader(), now: new Date() });
 * info.height; // the block every contract was read at
 * const past = await source.blocks.readAt({ reader: createDirectReader(), now: new Date() }, 340_000_000n);
 * ```
 */
export function sessionLiveSource(
  options: SessionLiveOptions,
  preset: Preset<SessionSchema>,
): SessionLiveSource {
  const { rpcUrl, l1RpcUrl } = options;
  const timeout = options.httpTimeoutMs ?? 10_000;
  const chain = CHAINS.get(options.chainId ?? arbitrum.id);
  const l1Chain = CHAINS.get(options.l1ChainId ?? mainnet.id);
  const addresses: SessionAddresses = {
    token: options.addresses?.token ?? SESSION_ADDRESSES.token,
    serviceNodeRewards: options.addresses?.serviceNodeRewards ?? SESSION_ADDRESSES.serviceNodeRewards,
    rewardRatePool: options.addresses?.rewardRatePool ?? SESSION_ADDRESSES.rewardRatePool,
    l1Token: options.addresses?.l1Token ?? options.addresses?.token ?? SESSION_ADDRESSES.token,
  };
  const sesh: Contract<typeof seshAbi> = { name: 'SESH', address: addresses.token, abi: seshAbi };
  const l1Sesh: Contract<typeof seshAbi> = { name: 'SESH', address: addresses.l1Token, abi: seshAbi };
  const pool: Contract<typeof rewardRatePoolAbi> = {
    name: 'RewardRatePool',
    address: addresses.rewardRatePool,
    abi: rewardRatePoolAbi,
  };
  const nodes: Contract<typeof serviceNodeRewardsAbi> = {
    name: 'ServiceNodeRewards',
    address: addresses.serviceNodeRewards,
    abi: serviceNodeRewardsAbi,
  };
  // The preset's unscheduled locked tokens, fixed: live, the pool parameter holds the chain's balance, not the TGE pool.
  const presetValues = resolveParameters(sessionParameters, [preset.values]).values;
  const lockedUnscheduled = formatDecimal(unscheduledLocked(presetValues));
  const holdings = options.nonCirculating ?? [];
  // Keys that need not name the endpoint name it by a digest, never by its URL (which may carry an API key).
  const endpoint = createHash('sha256').update(rpcUrl).digest('hex').slice(0, 16);
  const on = `on Arbitrum One via ${redactUrl(rpcUrl)}`;

  /** The block at a target: `eth_getBlockByNumber` (its number and time) with `eth_chainId`, one batch. */
  function blockRequest(target: BlockTarget): UpstreamRequest<BlockReading> {
    const which = target === 'latest' ? 'the latest block' : `block ${target}`;
    const resource = `${which} ${on}`;
    const parse = readingParser<BlockReading>(blockReadingSchema, resource);
    return {
      key: `session eth_getBlockByNumber ${rpcUrl} ${target}`,
      resource,
      parse,
      async load(signal, loadOptions) {
        const client = clientFor(rpcUrl, chain, signal, timeout, loadOptions);
        const [block, chainId] = await allInOrder<
          [{ number: bigint | null; timestamp: bigint } | null, number]
        >([
          rpc(rpcUrl, 'eth_getBlockByNumber', async () => {
            try {
              return await client.getBlock(
                target === 'latest' ? { blockTag: 'latest' } : { blockNumber: target },
              );
            } catch (error) {
              if (target !== 'latest' && error instanceof BaseError && error.name === 'BlockNotFoundError')
                return null;
              throw error;
            }
          }),
          rpc(rpcUrl, 'eth_chainId', () => client.getChainId()),
        ]);
        if (block === null || block.number === null) {
          throw new TokenomicsError('UPSTREAM_UNAVAILABLE', `${resource}: the node has no such block`, {
            details: { resource, reason: 'NOT_FOUND', height: String(target) },
          });
        }
        return parse({
          chainId,
          blockNumber: block.number.toString(),
          blockTime: Number(block.timestamp) * 1000,
        });
      },
    };
  }

  function poolRequest(blockNumber: bigint): UpstreamRequest<PoolReading> {
    const resource = `RewardRatePool (${addresses.rewardRatePool}) and SESH (${addresses.token}) ${on}, block ${blockNumber}`;
    const parse = readingParser<PoolReading>(poolReadingSchema, resource);
    return {
      key: `session eth_call ${rpcUrl} RewardRatePool ${addresses.rewardRatePool} SESH ${addresses.token} block ${blockNumber}`,
      resource,
      parse,
      async load(signal, loadOptions) {
        const client = clientFor(rpcUrl, chain, signal, timeout, loadOptions);
        const at = blockNumber;
        // One batch; when the whole batch fails, the error names the first call.
        const [poolTokenBalance, l2TotalSupply, totalPaidOut, releasedAmount, rewardRate, rate, basis] =
          await allInOrder<[string, string, string, string, string, string, string]>([
            readUint(client, rpcUrl, sesh, 'balanceOf', [addresses.rewardRatePool], at),
            readUint(client, rpcUrl, sesh, 'totalSupply', [], at),
            readUint(client, rpcUrl, pool, 'totalPaidOut', [], at),
            readUint(client, rpcUrl, pool, 'calculateReleasedAmount', [], at),
            readUint(client, rpcUrl, pool, 'rewardRate', [], at),
            readUint(client, rpcUrl, pool, 'ANNUAL_SIMPLE_PAYOUT_RATE', [], at),
            readUint(client, rpcUrl, pool, 'BASIS_POINTS', [], at),
          ]);
        return parse({
          blockNumber: at.toString(),
          poolTokenBalance,
          totalPaidOut,
          releasedAmount,
          rewardRate,
          annualSimplePayoutRate: rate,
          basisPoints: basis,
          l2TotalSupply,
        });
      },
    };
  }

  function nodesRequest(blockNumber: bigint): UpstreamRequest<NodesReading> {
    const resource = `ServiceNodeRewards (${addresses.serviceNodeRewards}) ${on}, block ${blockNumber}`;
    const parse = readingParser<NodesReading>(nodesReadingSchema, resource);
    return {
      key: `session eth_call ${rpcUrl} ServiceNodeRewards ${addresses.serviceNodeRewards} block ${blockNumber}`,
      resource,
      parse,
      async load(signal, loadOptions) {
        const client = clientFor(rpcUrl, chain, signal, timeout, loadOptions);
        const at = blockNumber;
        const [
          totalNodes,
          stakingRequirement,
          liquidatorRewardRatio,
          poolShareOfLiquidationRatio,
          recipientRatio,
        ] = await allInOrder<[string, string, string, string, string]>([
          readUint(client, rpcUrl, nodes, 'totalNodes', [], at),
          readUint(client, rpcUrl, nodes, 'stakingRequirement', [], at),
          readUint(client, rpcUrl, nodes, 'liquidatorRewardRatio', [], at),
          readUint(client, rpcUrl, nodes, 'poolShareOfLiquidationRatio', [], at),
          readUint(client, rpcUrl, nodes, 'recipientRatio', [], at),
        ]);
        return parse({
          blockNumber: at.toString(),
          totalNodes,
          stakingRequirement,
          liquidatorRewardRatio,
          poolShareOfLiquidationRatio,
          recipientRatio,
        });
      },
    };
  }

  /** The configured non-circulating holdings: SESH.balanceOf of each at the block, one batch. */
  function holdingsRequest(blockNumber: bigint): UpstreamRequest<HoldingsReading> | null {
    if (!holdings.length) return null;
    const resource = `SESH.balanceOf() of ${holdings.length} non-circulating holding(s) ${on}, block ${blockNumber}`;
    const parse = readingParser<HoldingsReading>(holdingsReadingSchema, resource);
    return {
      key: `session eth_call rpc:${endpoint} SESH ${addresses.token} balanceOf ${holdings.map((h) => h.address).join(',')} block ${blockNumber}`,
      resource,
      parse,
      async load(signal, loadOptions) {
        const client = clientFor(rpcUrl, chain, signal, timeout, loadOptions);
        const balances = await allInOrder<string[]>(
          holdings.map((holding) =>
            readUint(client, rpcUrl, sesh, 'balanceOf', [holding.address], blockNumber),
          ),
        );
        return parse({ blockNumber: blockNumber.toString(), balances });
      },
    };
  }

  // Ethereum is another chain: its total supply is read at its latest block, live and for a past height alike.
  const l1Resource = l1RpcUrl ? `SESH (${addresses.l1Token}) on Ethereum via ${redactUrl(l1RpcUrl)}` : '';
  const parseL1 = readingParser<L1Reading>(l1ReadingSchema, l1Resource);
  const l1Request: UpstreamRequest<L1Reading> | null = l1RpcUrl
    ? {
        key: `session eth_call ${l1RpcUrl} SESH ${addresses.l1Token} totalSupply`,
        resource: l1Resource,
        parse: parseL1,
        async load(signal, loadOptions) {
          const client = clientFor(l1RpcUrl, l1Chain, signal, timeout, loadOptions);
          const [totalSupply, chainId] = await allInOrder<[string, number]>([
            readUint(client, l1RpcUrl, l1Sesh, 'totalSupply', [], undefined),
            rpc(l1RpcUrl, 'eth_chainId', () => client.getChainId()),
          ]);
          return parseL1({ chainId, totalSupply });
        },
      }
    : null;

  async function readAtBlock(
    reader: UpstreamReader,
    blockRead: UpstreamValue<BlockReading>,
    archive: boolean,
  ): Promise<SourcedState<SessionSchema, SessionState>> {
    const height = BigInt(blockRead.value.blockNumber);
    const holdingsAt = holdingsRequest(height);
    const [poolRead, nodesRead, l1Read, holdingsRead] = await allInOrder<
      [
        UpstreamValue<PoolReading>,
        UpstreamValue<NodesReading>,
        UpstreamValue<L1Reading> | null,
        UpstreamValue<HoldingsReading> | null,
      ]
    >([
      reader.read(poolRequest(height)),
      reader.read(nodesRequest(height)),
      l1Request ? reader.read(l1Request) : Promise.resolve(null),
      holdingsAt ? reader.read(holdingsAt) : Promise.resolve(null),
    ]);
    return toSourcedState(blockRead, poolRead, nodesRead, l1Read, holdingsRead, archive);
  }

  async function blockRef(ctx: EconomyContext, target: BlockTarget): Promise<BlockRef> {
    const { value } = await ctx.reader.read(blockRequest(target));
    return { height: BigInt(value.blockNumber), time: new Date(value.blockTime) };
  }

  return {
    async read(ctx) {
      const blockRead = await ctx.reader.read(blockRequest('latest'));
      return readAtBlock(ctx.reader, blockRead, false);
    },
    blocks: {
      head: (ctx) => blockRef(ctx, 'latest'),
      blockAt: (ctx, height) => blockRef(ctx, height),
      async readAt(ctx, height) {
        const blockRead = await ctx.reader.read(blockRequest(height));
        return readAtBlock(ctx.reader, blockRead, true);
      },
    },
  };

  function holdingsOf(read: UpstreamValue<HoldingsReading> | null): NonCirculatingHolding[] {
    if (!read) return [];
    const { blockNumber, balances } = read.value;
    if (balances.length !== holdings.length) {
      throw upstreamError(
        'SESH',
        'balanceOf()',
        addresses.token,
        rpcUrl,
        'answered for a different list of holdings',
      );
    }
    return holdings.map((holding, index) => ({
      address: holding.address,
      label: holding.label,
      amount: fromBaseUnits(balances[index]!, SESH_DECIMALS),
      source: `chain: SESH.balanceOf(${holding.address}) on Arbitrum One (${shortAddress(addresses.token)}), block ${blockNumber}, read ${read.fetchedAt.toISOString()}; configured as "${holding.label}" (${methodology('non-circulating-holdings')})`,
    }));
  }

  function toSourcedState(
    blockRead: UpstreamValue<BlockReading>,
    poolRead: UpstreamValue<PoolReading>,
    nodesRead: UpstreamValue<NodesReading>,
    l1Read: UpstreamValue<L1Reading> | null,
    holdingsRead: UpstreamValue<HoldingsReading> | null,
    archive: boolean,
  ): SourcedState<SessionSchema, SessionState> {
    const b = blockRead.value;
    const p = poolRead.value;
    const n = nodesRead.value;
    const seshOf = (text: string) => fromBaseUnits(text, SESH_DECIMALS);
    const poolAddress = addresses.rewardRatePool;
    const snr = addresses.serviceNodeRewards;
    const block = `block ${b.blockNumber}`;
    const blockTime = new Date(b.blockTime);
    // Live, the pool's balance is anchored at the read (as ever); a past height's at its block's time.
    const anchoredAt = archive ? blockTime : poolRead.fetchedAt;
    const onArbitrum = (what: string, address: string) =>
      `chain: ${what} on Arbitrum One (${shortAddress(address)}), ${block}, read ${anchoredAt.toISOString()}`;

    const balance = seshOf(p.poolTokenBalance);
    const accruedUnpaid = seshOf(p.releasedAmount).minus(seshOf(p.totalPaidOut));
    if (accruedUnpaid.isNegative()) {
      throw invalidAnswer(
        'RewardRatePool',
        'calculateReleasedAmount()',
        poolAddress,
        rpcUrl,
        'is below totalPaidOut()',
        'inconsistent',
      );
    }
    const unreleased = balance.minus(accruedUnpaid);
    if (unreleased.isNegative()) {
      throw invalidAnswer(
        'RewardRatePool',
        'calculateReleasedAmount()',
        poolAddress,
        rpcUrl,
        'accrued-but-unpaid exceeds SESH.balanceOf(pool)',
        'inconsistent',
      );
    }
    if (BigInt(p.basisPoints) === 0n)
      throw invalidAnswer('RewardRatePool', 'BASIS_POINTS()', poolAddress, rpcUrl, 'is 0', 'bounds');
    const rate = new Decimal(p.annualSimplePayoutRate).div(p.basisPoints);
    const nodeCount = safeCount(n.totalNodes, 'ServiceNodeRewards', 'totalNodes()', snr, rpcUrl);
    if (nodeCount < 1) {
      throw invalidAnswer(
        'ServiceNodeRewards',
        'totalNodes()',
        snr,
        rpcUrl,
        'reports no nodes; per-node rewards are undefined',
        'bounds',
      );
    }
    const ratio = (text: string, fn: string) =>
      String(safeCount(text, 'ServiceNodeRewards', fn, snr, rpcUrl));

    const parameters: Partial<Record<keyof SessionSchema, SourcedValue>> = {
      stakingRewardPool: {
        value: formatDecimal(unreleased),
        source: onArbitrum(
          `SESH.balanceOf(RewardRatePool) − (RewardRatePool.calculateReleasedAmount() − totalPaidOut()) = ${formatDecimal(balance)} − ${formatDecimal(accruedUnpaid)}`,
          poolAddress,
        ),
      },
      poolBalanceAt: {
        value: anchoredAt.toISOString(),
        source: archive
          ? `chain: the time of the block the pool balance was read at (${block})`
          : `chain: the instant the pool balance was read (${block})`,
      },
      lockedUnscheduled: {
        value: lockedUnscheduled,
        source: `configuration: preset "${preset.name}"'s genesis remainder, fixed because stakingRewardPool holds the chain's balance (${methodology('live-source')})`,
      },
      poolReleaseRate: {
        value: formatDecimal(rate),
        source: onArbitrum(
          `RewardRatePool.ANNUAL_SIMPLE_PAYOUT_RATE() / BASIS_POINTS() = ${p.annualSimplePayoutRate} / ${p.basisPoints}`,
          poolAddress,
        ),
      },
      networkSize: { value: String(nodeCount), source: onArbitrum('ServiceNodeRewards.totalNodes()', snr) },
      stakingRequirement: {
        value: formatDecimal(seshOf(n.stakingRequirement)),
        source: onArbitrum('ServiceNodeRewards.stakingRequirement()', snr),
      },
      liquidatorRewardRatio: {
        value: ratio(n.liquidatorRewardRatio, 'liquidatorRewardRatio()'),
        source: onArbitrum('ServiceNodeRewards.liquidatorRewardRatio()', snr),
      },
      poolShareOfLiquidationRatio: {
        value: ratio(n.poolShareOfLiquidationRatio, 'poolShareOfLiquidationRatio()'),
        source: onArbitrum('ServiceNodeRewards.poolShareOfLiquidationRatio()', snr),
      },
      recipientRatio: {
        value: ratio(n.recipientRatio, 'recipientRatio()'),
        source: onArbitrum('ServiceNodeRewards.recipientRatio()', snr),
      },
    };
    let l1TotalSupply: Decimal | null = null;
    if (l1Read && l1RpcUrl) {
      l1TotalSupply = seshOf(l1Read.value.totalSupply);
      parameters.maxSupply = {
        value: formatDecimal(l1TotalSupply),
        // Another chain: a past height still reads Ethereum's latest block (no L1 block search), and says so.
        source: `chain: SESH.totalSupply() on Ethereum (${shortAddress(addresses.l1Token)})${archive ? `, at its latest block, not at the time of ${block} (${blockTime.toISOString()})` : ''}, read ${l1Read.fetchedAt.toISOString()}`,
      };
    }
    const reads = [
      blockRead,
      poolRead,
      nodesRead,
      ...(l1Read ? [l1Read] : []),
      ...(holdingsRead ? [holdingsRead] : []),
    ];
    const fetchedAt = new Date(Math.min(...reads.slice(1).map((r) => r.fetchedAt.getTime())));
    const description =
      `Arbitrum One via ${redactUrl(rpcUrl)} at ${block}: RewardRatePool ${poolAddress}, ServiceNodeRewards ${snr}, SESH ${addresses.token}; ` +
      (l1RpcUrl
        ? `total supply from SESH.totalSupply() on Ethereum via ${redactUrl(l1RpcUrl)}${archive ? ' (its latest block)' : ''}; `
        : 'total supply from the preset (SESH.totalSupply() on Arbitrum counts only bridged SESH); ') +
      `genesis figures and lockups from preset "${preset.name}"`;
    return {
      state: {
        kind: 'live',
        chainId: b.chainId,
        l1ChainId: l1Read ? l1Read.value.chainId : null,
        blockNumber: b.blockNumber,
        blockTime,
        addresses,
        rewardRatePerBlock: seshOf(p.rewardRate),
        poolTokenBalance: balance,
        accruedUnpaid,
        l2TotalSupply: seshOf(p.l2TotalSupply),
        l1TotalSupply,
        holdings: holdingsOf(holdingsRead),
      },
      info: {
        kind: 'LIVE',
        description,
        fetchedAt,
        stale: reads.some((r) => r.stale),
        height: BigInt(b.blockNumber),
        blockTime,
      },
      parameters: parameters as SourcedState<SessionSchema, SessionState>['parameters'],
    };
  }
}

import { createHash } from 'node:crypto';
import {
  DEFAULT_UPSTREAM_MAX_BODY_BYTES,
  Decimal,
  formatDecimal,
  fromBaseUnits,
  type ImplausibilityReason,
  type JsonValue,
  type Preset,
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
  type UpstreamValue,
  upstreamInvalid,
} from '@tokenomics/core';
import { type Abi, type Address, BaseError, createPublicClient, HttpRequestError, http } from 'viem';
import { unscheduledLocked } from '../model/state-at.js';
import {
  methodology,
  SESH_DECIMALS,
  SESSION_ADDRESSES,
  type SessionSchema,
  sessionParameters,
} from '../parameters.js';
import type { NonCirculatingHolding, SessionAddresses, SessionState } from '../state.js';
import { rewardRatePoolAbi, serviceNodeRewardsAbi, seshAbi } from './abi.js';
import { l1ReadingSchema, nodesReadingSchema, poolReadingSchema, readingParser } from './readings.js';

/** Where the live source reads. */
export interface SessionLiveOptions {
  /** An Arbitrum One JSON-RPC endpoint (SESSION_RPC_URL). */
  rpcUrl: string;
  /** An Ethereum JSON-RPC endpoint for the L1 total supply (SESSION_L1_RPC_URL); without it the preset's maxSupply stands. */
  l1RpcUrl?: string;
  /** Contract addresses; default to the published deployment ({@link SESSION_ADDRESSES}). */
  addresses?: Partial<SessionAddresses>;
  /** viem's own HTTP timeout per request, ms (default 10,000); the reader's timeout usually fires first. */
  httpTimeoutMs?: number;
  /** Holdings left out of circulation: their SESH balances on Arbitrum One are read (checked addresses). */
  nonCirculating?: ReadonlyArray<{ address: `0x${string}`; label: string }>;
}

/** What the holdings read returns: each configured address's SESH balance in base units, and the block. */
interface HoldingsReading {
  [key: string]: JsonValue;
  blockNumber: string;
  balances: string[];
}

/** What the pool read returns: JSON, base units as decimal strings. */
interface PoolReading {
  [key: string]: JsonValue;
  chainId: number;
  blockNumber: string;
  poolTokenBalance: string;
  totalPaidOut: string;
  releasedAmount: string;
  rewardRate: string;
  annualSimplePayoutRate: string;
  basisPoints: string;
  l2TotalSupply: string;
}

/** What the ServiceNodeRewards read returns. */
interface NodesReading {
  [key: string]: JsonValue;
  totalNodes: string;
  stakingRequirement: string;
  liquidatorRewardRatio: string;
  poolShareOfLiquidationRatio: string;
  recipientRatio: string;
}

/** What the L1 read returns. */
interface L1Reading {
  [key: string]: JsonValue;
  chainId: number;
  totalSupply: string;
}

/** `0xC2B9…1c00`, for sources. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

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

function clientFor(url: string, signal: AbortSignal, timeout: number, options?: UpstreamLoadOptions) {
  return createPublicClient({
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

/** Reads one view function; any failure or a non-integer answer is an UPSTREAM error naming it. */
async function readUint(
  client: Client,
  rpcUrl: string,
  contract: string,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<string> {
  let value: unknown;
  try {
    value = await client.readContract({ address, abi, functionName, args });
  } catch (error) {
    throw upstreamError(contract, `${functionName}()`, address, rpcUrl, reasonOf(error), error);
  }
  if (typeof value !== 'bigint' || value < 0n) {
    throw upstreamError(
      contract,
      `${functionName}()`,
      address,
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
    throw upstreamError('JSON-RPC', method, null, rpcUrl, reasonOf(error), error);
  }
}

function safeCount(text: string, contract: string, fn: string, address: string, rpcUrl: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw invalidAnswer(contract, fn, address, rpcUrl, `${text} is not a usable count`, 'bounds');
  return value;
}

/**
 * The live source: reads the RewardRatePool, ServiceNodeRewards and SESH on
 * Arbitrum One (and SESH's total supply on Ethereum when `l1RpcUrl` is set)
 * through the context's {@link UpstreamReader}, one read per contract state,
 * each read one JSON-RPC batch. Chain values replace the preset's
 * `stakingRewardPool` (with `poolBalanceAt`), `poolReleaseRate`, `networkSize`,
 * `stakingRequirement`, the liquidation ratios and (L1) `maxSupply`; lockups
 * and genesis figures stay the preset's.
 *
 * The chain ids read (`eth_chainId`) are in the state, for the adapter's
 * plausibility rules to judge ({@link sessionImplausibility}).
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the contract and function when a read fails or does not decode
 * @example
 * ```ts
 * const source = sessionLiveSource({ rpcUrl: 'https://arb1.arbitrum.io/rpc' }, TGE_PRESET);
 * const { info } = await source.read({ reader: createDirectReader(), now: new Date() });
 * info.kind; // 'LIVE'
 * ```
 */
export function sessionLiveSource(
  options: SessionLiveOptions,
  preset: Preset<SessionSchema>,
): StateSource<SessionSchema, SessionState> {
  const { rpcUrl, l1RpcUrl } = options;
  const timeout = options.httpTimeoutMs ?? 10_000;
  const addresses: SessionAddresses = {
    token: options.addresses?.token ?? SESSION_ADDRESSES.token,
    serviceNodeRewards: options.addresses?.serviceNodeRewards ?? SESSION_ADDRESSES.serviceNodeRewards,
    rewardRatePool: options.addresses?.rewardRatePool ?? SESSION_ADDRESSES.rewardRatePool,
    l1Token: options.addresses?.l1Token ?? options.addresses?.token ?? SESSION_ADDRESSES.token,
  };
  // The preset's unscheduled locked tokens, fixed: live, the pool parameter holds the chain's balance, not the TGE pool.
  const presetValues = resolveParameters(sessionParameters, [preset.values]).values;
  const lockedUnscheduled = formatDecimal(unscheduledLocked(presetValues));

  const poolResource = `RewardRatePool (${addresses.rewardRatePool}) and SESH (${addresses.token}) on Arbitrum One via ${redactUrl(rpcUrl)}`;
  const parsePool = readingParser(poolReadingSchema, poolResource);
  const poolRequest = {
    key: `session eth_call ${rpcUrl} RewardRatePool ${addresses.rewardRatePool} SESH ${addresses.token}`,
    resource: poolResource,
    parse: (value: JsonValue): PoolReading => parsePool(value),
    async load(signal: AbortSignal, loadOptions?: UpstreamLoadOptions): Promise<PoolReading> {
      const client = clientFor(rpcUrl, signal, timeout, loadOptions);
      const pool = addresses.rewardRatePool;
      const read = (fn: string) => readUint(client, rpcUrl, 'RewardRatePool', pool, rewardRatePoolAbi, fn);
      // Contract reads first: when the whole batch fails, the error names the first of them.
      const [
        poolTokenBalance,
        l2TotalSupply,
        totalPaidOut,
        releasedAmount,
        rewardRate,
        rate,
        basis,
        chainId,
        blockNumber,
      ] = await allInOrder<[string, string, string, string, string, string, string, number, bigint]>([
        readUint(client, rpcUrl, 'SESH', addresses.token, seshAbi, 'balanceOf', [pool]),
        readUint(client, rpcUrl, 'SESH', addresses.token, seshAbi, 'totalSupply'),
        read('totalPaidOut'),
        read('calculateReleasedAmount'),
        read('rewardRate'),
        read('ANNUAL_SIMPLE_PAYOUT_RATE'),
        read('BASIS_POINTS'),
        rpc(rpcUrl, 'eth_chainId', () => client.getChainId()),
        rpc(rpcUrl, 'eth_blockNumber', () => client.getBlockNumber({ cacheTime: 0 })),
      ]);
      // The chain id is judged with the whole state (plausibility), so a wrong chain never replaces a good one.
      return parsePool({
        chainId,
        blockNumber: blockNumber.toString(),
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

  const nodesResource = `ServiceNodeRewards (${addresses.serviceNodeRewards}) on Arbitrum One via ${redactUrl(rpcUrl)}`;
  const parseNodes = readingParser(nodesReadingSchema, nodesResource);
  const nodesRequest = {
    key: `session eth_call ${rpcUrl} ServiceNodeRewards ${addresses.serviceNodeRewards}`,
    resource: nodesResource,
    parse: (value: JsonValue): NodesReading => parseNodes(value),
    async load(signal: AbortSignal, loadOptions?: UpstreamLoadOptions): Promise<NodesReading> {
      const client = clientFor(rpcUrl, signal, timeout, loadOptions);
      const read = (fn: string) =>
        readUint(
          client,
          rpcUrl,
          'ServiceNodeRewards',
          addresses.serviceNodeRewards,
          serviceNodeRewardsAbi,
          fn,
        );
      const [
        totalNodes,
        stakingRequirement,
        liquidatorRewardRatio,
        poolShareOfLiquidationRatio,
        recipientRatio,
      ] = await allInOrder<[string, string, string, string, string]>([
        read('totalNodes'),
        read('stakingRequirement'),
        read('liquidatorRewardRatio'),
        read('poolShareOfLiquidationRatio'),
        read('recipientRatio'),
      ]);
      return parseNodes({
        totalNodes,
        stakingRequirement,
        liquidatorRewardRatio,
        poolShareOfLiquidationRatio,
        recipientRatio,
      });
    },
  };

  const l1Resource = l1RpcUrl ? `SESH (${addresses.l1Token}) on Ethereum via ${redactUrl(l1RpcUrl)}` : '';
  const parseL1 = readingParser(l1ReadingSchema, l1Resource);
  const l1Request = l1RpcUrl
    ? {
        key: `session eth_call ${l1RpcUrl} SESH ${addresses.l1Token} totalSupply`,
        resource: l1Resource,
        parse: (value: JsonValue): L1Reading => parseL1(value),
        async load(signal: AbortSignal, loadOptions?: UpstreamLoadOptions): Promise<L1Reading> {
          const client = clientFor(l1RpcUrl, signal, timeout, loadOptions);
          const [totalSupply, chainId] = await allInOrder<[string, number]>([
            readUint(client, l1RpcUrl, 'SESH', addresses.l1Token, seshAbi, 'totalSupply'),
            rpc(l1RpcUrl, 'eth_chainId', () => client.getChainId()),
          ]);
          return parseL1({ chainId, totalSupply });
        },
      }
    : null;

  // The configured non-circulating holdings: SESH.balanceOf of each, in one batch with the block number.
  // The key names the endpoint by a digest, never by its URL (which may carry an API key).
  const holdings = options.nonCirculating ?? [];
  const endpoint = createHash('sha256').update(rpcUrl).digest('hex').slice(0, 16);
  const holdingsRequest = holdings.length
    ? {
        key: `session eth_call rpc:${endpoint} SESH ${addresses.token} balanceOf ${holdings.map((h) => h.address).join(',')}`,
        resource: `SESH.balanceOf() of ${holdings.length} non-circulating holding(s) on Arbitrum One via ${redactUrl(rpcUrl)}`,
        async load(signal: AbortSignal): Promise<HoldingsReading> {
          const client = clientFor(rpcUrl, signal, timeout);
          const results = await allInOrder<string[]>([
            ...holdings.map((holding) =>
              readUint(client, rpcUrl, 'SESH', addresses.token, seshAbi, 'balanceOf', [holding.address]),
            ),
            rpc(rpcUrl, 'eth_blockNumber', () => client.getBlockNumber({ cacheTime: 0 })).then(String),
          ]);
          return { blockNumber: results.at(-1)!, balances: results.slice(0, -1) };
        },
      }
    : null;

  return {
    async read(ctx): Promise<SourcedState<SessionSchema, SessionState>> {
      const reader: UpstreamReader = ctx.reader;
      const [poolRead, nodesRead, l1Read, holdingsRead] = await allInOrder<
        [
          UpstreamValue<PoolReading>,
          UpstreamValue<NodesReading>,
          UpstreamValue<L1Reading> | null,
          UpstreamValue<HoldingsReading> | null,
        ]
      >([
        reader.read(poolRequest),
        reader.read(nodesRequest),
        l1Request ? reader.read(l1Request) : Promise.resolve(null),
        holdingsRequest ? reader.read(holdingsRequest) : Promise.resolve(null),
      ]);
      return toSourcedState(poolRead, nodesRead, l1Read, holdingsRead);
    },
  };

  function holdingsOf(read: UpstreamValue<HoldingsReading> | null): NonCirculatingHolding[] {
    if (!read) return [];
    const { blockNumber, balances } = read.value;
    if (
      !Array.isArray(balances) ||
      balances.length !== holdings.length ||
      !balances.every((balance) => typeof balance === 'string' && /^\d+$/.test(balance))
    ) {
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
    poolRead: UpstreamValue<PoolReading>,
    nodesRead: UpstreamValue<NodesReading>,
    l1Read: UpstreamValue<L1Reading> | null,
    holdingsRead: UpstreamValue<HoldingsReading> | null = null,
  ): SourcedState<SessionSchema, SessionState> {
    const p = poolRead.value;
    const n = nodesRead.value;
    const sesh = (text: string) => fromBaseUnits(text, SESH_DECIMALS);
    const pool = addresses.rewardRatePool;
    const snr = addresses.serviceNodeRewards;
    const block = `block ${p.blockNumber}`;
    const onArbitrum = (what: string, address: string) =>
      `chain: ${what} on Arbitrum One (${shortAddress(address)}), ${block}, read ${poolRead.fetchedAt.toISOString()}`;

    const balance = sesh(p.poolTokenBalance);
    const accruedUnpaid = sesh(p.releasedAmount).minus(sesh(p.totalPaidOut));
    if (accruedUnpaid.isNegative()) {
      throw invalidAnswer(
        'RewardRatePool',
        'calculateReleasedAmount()',
        pool,
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
        pool,
        rpcUrl,
        'accrued-but-unpaid exceeds SESH.balanceOf(pool)',
        'inconsistent',
      );
    }
    const basis = BigInt(p.basisPoints);
    if (basis === 0n) throw invalidAnswer('RewardRatePool', 'BASIS_POINTS()', pool, rpcUrl, 'is 0', 'bounds');
    const rate = new Decimal(p.annualSimplePayoutRate).div(p.basisPoints);
    const nodes = safeCount(n.totalNodes, 'ServiceNodeRewards', 'totalNodes()', snr, rpcUrl);
    if (nodes < 1) {
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
          pool,
        ),
      },
      poolBalanceAt: {
        value: poolRead.fetchedAt.toISOString(),
        source: `chain: the instant the pool balance was read (${block})`,
      },
      lockedUnscheduled: {
        value: lockedUnscheduled,
        source: `configuration: preset "${preset.name}"'s genesis remainder, fixed because stakingRewardPool holds the chain's balance (${methodology('live-source')})`,
      },
      poolReleaseRate: {
        value: formatDecimal(rate),
        source: onArbitrum(
          `RewardRatePool.ANNUAL_SIMPLE_PAYOUT_RATE() / BASIS_POINTS() = ${p.annualSimplePayoutRate} / ${p.basisPoints}`,
          pool,
        ),
      },
      networkSize: { value: String(nodes), source: onArbitrum('ServiceNodeRewards.totalNodes()', snr) },
      stakingRequirement: {
        value: formatDecimal(sesh(n.stakingRequirement)),
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
      l1TotalSupply = sesh(l1Read.value.totalSupply);
      parameters.maxSupply = {
        value: formatDecimal(l1TotalSupply),
        source: `chain: SESH.totalSupply() on Ethereum (${shortAddress(addresses.l1Token)}), read ${l1Read.fetchedAt.toISOString()}`,
      };
    }
    const reads = [poolRead, nodesRead, ...(l1Read ? [l1Read] : []), ...(holdingsRead ? [holdingsRead] : [])];
    const fetchedAt = new Date(Math.min(...reads.map((r) => r.fetchedAt.getTime())));
    const description =
      `Arbitrum One via ${redactUrl(rpcUrl)} at ${block}: RewardRatePool ${pool}, ServiceNodeRewards ${snr}, SESH ${addresses.token}; ` +
      (l1RpcUrl
        ? `total supply from SESH.totalSupply() on Ethereum via ${redactUrl(l1RpcUrl)}; `
        : 'total supply from the preset (SESH.totalSupply() on Arbitrum counts only bridged SESH); ') +
      `genesis figures and lockups from preset "${preset.name}"`;
    return {
      state: {
        kind: 'live',
        chainId: p.chainId,
        l1ChainId: l1Read ? l1Read.value.chainId : null,
        blockNumber: p.blockNumber,
        addresses,
        rewardRatePerBlock: sesh(p.rewardRate),
        poolTokenBalance: balance,
        accruedUnpaid,
        l2TotalSupply: sesh(p.l2TotalSupply),
        l1TotalSupply,
        holdings: holdingsOf(holdingsRead),
      },
      info: { kind: 'LIVE', description, fetchedAt, stale: reads.some((r) => r.stale) },
      parameters: parameters as SourcedState<SessionSchema, SessionState>['parameters'],
    };
  }
}

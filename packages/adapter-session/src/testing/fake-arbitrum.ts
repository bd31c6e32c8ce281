import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from '@tokenomics/core/testing/loopback';
import { type Abi, type Address, decodeFunctionData, encodeFunctionResult, type Hex } from 'viem';
import { ARBITRUM_ONE_CHAIN_ID, SESSION_ADDRESSES } from '../parameters.js';
import { rewardRatePoolAbi, serviceNodeRewardsAbi, seshAbi } from '../sources/live.js';

/** 1 SESH in base units (9 decimals). */
export const SESH = 1_000_000_000n;

/** The chain state the fake answers from. Amounts in base units. */
export interface FakeArbitrumState {
  chainId: number;
  blockNumber: bigint;
  token: {
    address: Address;
    totalSupply: bigint;
    decimals: number;
    /** Balances by address (any case). */
    balances: Record<string, bigint>;
  };
  rewardRatePool: {
    address: Address;
    totalPaidOut: bigint;
    lastPaidOutTime: bigint;
    annualSimplePayoutRate: bigint;
    basisPoints: bigint;
    /** `calculateReleasedAmount()`; defaults to `totalPaidOut` (nothing accrued). */
    releasedAmount?: bigint;
    /** `rewardRate()`; defaults to the contract's formula on the unreleased balance over 2 minutes. */
    rewardRate?: bigint;
    beneficiary: Address;
  };
  serviceNodeRewards: {
    address: Address;
    totalNodes: bigint;
    stakingRequirement: bigint;
    maxContributors: bigint;
    liquidatorRewardRatio: bigint;
    poolShareOfLiquidationRatio: bigint;
    recipientRatio: bigint;
  };
}

/** A partial state: each section merged over the defaults. */
export interface FakeArbitrumStatePatch {
  chainId?: number;
  blockNumber?: bigint;
  token?: Partial<FakeArbitrumState['token']>;
  rewardRatePool?: Partial<FakeArbitrumState['rewardRatePool']>;
  serviceNodeRewards?: Partial<FakeArbitrumState['serviceNodeRewards']>;
}

/**
 * How the fake misbehaves:
 * - `http-500`: the whole HTTP request answers 500 with a text body;
 * - `malformed-result`: matching `eth_call`s return `0xdeadbeef` (not ABI-decodable);
 * - `empty-result`: matching `eth_call`s return `0x` (no contract code);
 * - `wrong-shape`: matching calls return a JSON object as `result`, not hex;
 * - `rpc-error`: matching calls answer a JSON-RPC error (`execution reverted`);
 * - `not-json`: the whole HTTP request answers 200 with an HTML body;
 * - `hang`: the HTTP request never gets an answer (until `close`).
 */
export type FakeFailureMode =
  | 'http-500'
  | 'malformed-result'
  | 'empty-result'
  | 'wrong-shape'
  | 'rpc-error'
  | 'not-json'
  | 'hang';

/** A failure and the calls it hits (all when neither `functionName` nor `method` is given). */
export interface FakeFailure {
  mode: FakeFailureMode;
  /** Only `eth_call`s of this function, e.g. `totalNodes`. */
  functionName?: string;
  /** Only this JSON-RPC method, e.g. `eth_chainId`. */
  method?: string;
  /**
   * For `rpc-error`, the error's message instead of `execution reverted`;
   * `{url}` is replaced by the URL the request was sent to (as providers that
   * quote it, API key and all, do).
   */
  message?: string;
}

/** One JSON-RPC call the fake received. */
export interface FakeCall {
  method: string;
  /** The `eth_call` target, lower-case. */
  to?: string;
  /** The decoded function of an `eth_call`. */
  functionName?: string;
  /** The block tag of an `eth_call` (`latest`, or a height in hex), as sent. */
  block?: string;
}

/** A running fake Arbitrum JSON-RPC node on 127.0.0.1. */
export interface FakeArbitrum {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** The live state; mutate it, or use {@link FakeArbitrum.update}. */
  readonly state: FakeArbitrumState;
  /** HTTP requests received (a JSON-RPC batch is one request). */
  readonly requests: number;
  /** JSON-RPC calls received, in order. */
  readonly calls: readonly FakeCall[];
  /** The latest block's number (`state.blockNumber`). */
  readonly head: bigint;
  /** The time of a block: the start time plus `blockSeconds` per block from the starting block. */
  blockTime(height: bigint): Date;
  /** The state the fake answers `eth_call` from at a height (the latest state at or before it). */
  stateAt(height: bigint): FakeArbitrumState;
  /**
   * Mines `blocks` blocks (default 1) and applies `patch` from the new head
   * on: earlier heights keep answering the state they had.
   */
  advance(blocks?: bigint, patch?: FakeArbitrumStatePatch): void;
  /**
   * Heights below `height` answer `eth_call` as a pruned geth/Nitro node does
   * (JSON-RPC error `missing trie node …`); `null` keeps every height.
   */
  pruneBelow(height: bigint | null): void;
  /** Calls received of one function (or JSON-RPC method), or all calls. */
  callCount(name?: string): number;
  /** Sets (or with `null` clears) the failure mode. */
  fail(failure: FakeFailure | FakeFailureMode | null): void;
  /** Merges a patch into the state. */
  update(patch: FakeArbitrumStatePatch): void;
  /** Zeroes `requests` and `calls`. */
  resetCounts(): void;
  /** Back to the state and failure it started with, counts zeroed. */
  reset(): void;
  /** Stops the server, dropping open (hanging) connections. */
  close(): Promise<void>;
}

/** Options of {@link startFakeArbitrum}. */
export interface FakeArbitrumOptions {
  state?: FakeArbitrumStatePatch;
  failure?: FakeFailure | FakeFailureMode | null;
  /** The time of the starting block, seconds since the epoch (default: when the fake starts). */
  startTime?: number;
  /** Seconds between blocks (default 1). */
  blockSeconds?: number;
  /** Heights below this one are pruned (see {@link FakeArbitrum.pruneBelow}); default none. */
  prunedBelow?: bigint | null;
}

/**
 * The default state: the published addresses, a pool of 60,000,000 SESH,
 * 1,800 nodes, the 25,000 requirement and the 3 : 17 : 9980 ratios. Different
 * from both presets on purpose, so a test can tell live values apart.
 *
 * @example
 * ```ts
 * import { createFakeArbitrumState } from '@tokenomics/adapter-session/testing';
 *
 * createFakeArbitrumState({ serviceNodeRewards: { totalNodes: 1234n } }).serviceNodeRewards.totalNodes; // 1234n
 * ```
 */
export function createFakeArbitrumState(patch: FakeArbitrumStatePatch = {}): FakeArbitrumState {
  const base: FakeArbitrumState = {
    chainId: ARBITRUM_ONE_CHAIN_ID,
    blockNumber: 340_000_000n,
    token: {
      address: SESSION_ADDRESSES.token,
      totalSupply: 150_000_000n * SESH,
      decimals: 9,
      balances: { [SESSION_ADDRESSES.rewardRatePool.toLowerCase()]: 60_000_000n * SESH },
    },
    rewardRatePool: {
      address: SESSION_ADDRESSES.rewardRatePool,
      totalPaidOut: 3_000_000n * SESH,
      lastPaidOutTime: 1_750_000_000n,
      annualSimplePayoutRate: 151n,
      basisPoints: 1000n,
      beneficiary: SESSION_ADDRESSES.serviceNodeRewards,
    },
    serviceNodeRewards: {
      address: SESSION_ADDRESSES.serviceNodeRewards,
      totalNodes: 1_800n,
      stakingRequirement: 25_000n * SESH,
      maxContributors: 10n,
      liquidatorRewardRatio: 3n,
      poolShareOfLiquidationRatio: 17n,
      recipientRatio: 9980n,
    },
  };
  return merge(base, patch);
}

function merge(state: FakeArbitrumState, patch: FakeArbitrumStatePatch): FakeArbitrumState {
  return {
    chainId: patch.chainId ?? state.chainId,
    blockNumber: patch.blockNumber ?? state.blockNumber,
    token: {
      ...state.token,
      ...patch.token,
      balances: Object.fromEntries(
        Object.entries({ ...state.token.balances, ...patch.token?.balances }).map(([a, v]) => [
          a.toLowerCase(),
          v,
        ]),
      ),
    },
    rewardRatePool: { ...state.rewardRatePool, ...patch.rewardRatePool },
    serviceNodeRewards: { ...state.serviceNodeRewards, ...patch.serviceNodeRewards },
  };
}

interface RpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

type RpcResponse = { jsonrpc: '2.0'; id: unknown } & (
  | { result: unknown }
  | { error: { code: number; message: string } }
);

const YEAR_SECONDS = 365n * 86_400n;

function balanceOf(state: FakeArbitrumState, address: string): bigint {
  return state.token.balances[address.toLowerCase()] ?? 0n;
}

function poolValues(state: FakeArbitrumState) {
  const pool = state.rewardRatePool;
  const balance = balanceOf(state, pool.address);
  const released = pool.releasedAmount ?? pool.totalPaidOut;
  const unreleased = balance - (released - pool.totalPaidOut);
  const rewardRate =
    pool.rewardRate ?? (unreleased * pool.annualSimplePayoutRate * 120n) / (pool.basisPoints * YEAR_SECONDS);
  return { balance, released, rewardRate, totalDeposited: balance + pool.totalPaidOut };
}

/** Answers one decoded call of a contract, or `undefined` for a function it does not implement. */
function answer(
  state: FakeArbitrumState,
  to: string,
  data: Hex,
): { functionName: string; result: Hex } | undefined {
  const contracts: Array<[string, Abi]> = [
    [state.token.address.toLowerCase(), seshAbi],
    [state.rewardRatePool.address.toLowerCase(), rewardRatePoolAbi],
    [state.serviceNodeRewards.address.toLowerCase(), serviceNodeRewardsAbi],
  ];
  const abi = contracts.find(([address]) => address === to)?.[1];
  if (!abi) return { functionName: '(no contract)', result: '0x' };
  let decoded: { functionName: string; args?: readonly unknown[] | undefined };
  try {
    decoded = decodeFunctionData({ abi, data }) as typeof decoded;
  } catch {
    return undefined;
  }
  const { functionName, args = [] } = decoded;
  const value = functionValue(state, abi, functionName, args);
  if (value === undefined) return undefined;
  return { functionName, result: encodeFunctionResult({ abi, functionName, result: value } as never) };
}

function functionValue(state: FakeArbitrumState, abi: Abi, fn: string, args: readonly unknown[]): unknown {
  if (abi === seshAbi) {
    const token = state.token;
    const values: Record<string, () => unknown> = {
      name: () => 'Session Token',
      symbol: () => 'SESH',
      decimals: () => token.decimals,
      totalSupply: () => token.totalSupply,
      balanceOf: () => balanceOf(state, String(args[0])),
    };
    return values[fn]?.();
  }
  if (abi === rewardRatePoolAbi) {
    const pool = state.rewardRatePool;
    const values: Record<string, () => unknown> = {
      SESH: () => state.token.address,
      beneficiary: () => pool.beneficiary,
      totalPaidOut: () => pool.totalPaidOut,
      lastPaidOutTime: () => pool.lastPaidOutTime,
      ANNUAL_SIMPLE_PAYOUT_RATE: () => pool.annualSimplePayoutRate,
      BASIS_POINTS: () => pool.basisPoints,
      VERSION: () => 1n,
      rewardRate: () => poolValues(state).rewardRate,
      calculateTotalDeposited: () => poolValues(state).totalDeposited,
      calculateReleasedAmount: () => poolValues(state).released,
      calculatePayoutAmount: () =>
        ((args[0] as bigint) * pool.annualSimplePayoutRate * (args[1] as bigint)) /
        (pool.basisPoints * YEAR_SECONDS),
    };
    return values[fn]?.();
  }
  const nodes = state.serviceNodeRewards;
  const values: Record<string, () => unknown> = {
    totalNodes: () => nodes.totalNodes,
    nextServiceNodeID: () => nodes.totalNodes + 1n,
    stakingRequirement: () => nodes.stakingRequirement,
    maxContributors: () => nodes.maxContributors,
    liquidatorRewardRatio: () => nodes.liquidatorRewardRatio,
    poolShareOfLiquidationRatio: () => nodes.poolShareOfLiquidationRatio,
    recipientRatio: () => nodes.recipientRatio,
    designatedToken: () => state.token.address,
    foundationPool: () => state.rewardRatePool.address,
    isStarted: () => true,
  };
  return values[fn]?.();
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Starts a fake Arbitrum One JSON-RPC node on 127.0.0.1 (a free port) that
 * answers `eth_chainId`, `eth_blockNumber`, `eth_getBlockByNumber` (with
 * timestamps) and `eth_call` (at `latest` or a block number) for SESH,
 * RewardRatePool and ServiceNodeRewards with real ABI encoding (viem's
 * `decodeFunctionData` / `encodeFunctionResult` over the real signatures),
 * single or batched; with failure modes and request counts for tests. Its
 * chain has heights: {@link FakeArbitrum.advance} mines blocks with new
 * state while past heights keep theirs, and a pruned range answers
 * `missing trie node …` as geth and Nitro do. Serve Ethereum L1 with
 * `state: { chainId: 1 }`.
 *
 * @example
 * ```ts
 * import { sessionAdapter } from '@tokenomics/adapter-session';
 * import { startFakeArbitrum } from '@tokenomics/adapter-session/testing';
 *
 * const chain = await startFakeArbitrum({ state: { serviceNodeRewards: { totalNodes: 1234n } } });
 * const economy = sessionAdapter({ live: { rpcUrl: chain.url } });
 * chain.advance(10n, { serviceNodeRewards: { totalNodes: 1240n } }); // block 340000010 on
 * chain.pruneBelow(339_000_000n);
 * await chain.close();
 * ```
 */
export async function startFakeArbitrum(options: FakeArbitrumOptions = {}): Promise<FakeArbitrum> {
  const initial = createFakeArbitrumState(options.state);
  const startBlock = initial.blockNumber;
  const startTime = options.startTime ?? Math.floor(Date.now() / 1000);
  const blockSeconds = options.blockSeconds ?? 1;
  /** The states by the height they hold from, ascending; the last is the head's (`state`). */
  let history: Array<{ from: bigint; state: FakeArbitrumState }> = [{ from: startBlock, state: initial }];
  let state = initial;
  let prunedBelow: bigint | null = options.prunedBelow ?? null;
  let failure: FakeFailure | null = normalize(options.failure ?? null);
  let requests = 0;
  let calls: FakeCall[] = [];

  function normalize(value: FakeFailure | FakeFailureMode | null): FakeFailure | null {
    return typeof value === 'string' ? { mode: value } : value;
  }

  function matches(call: FakeCall): boolean {
    if (!failure) return false;
    if (failure.functionName !== undefined) return call.functionName === failure.functionName;
    if (failure.method !== undefined) return call.method === failure.method;
    return true;
  }

  function stateAt(height: bigint): FakeArbitrumState {
    let found = history[0]!.state;
    for (const entry of history) if (entry.from <= height) found = entry.state;
    return found;
  }

  function timeOf(height: bigint): number {
    return startTime + Number(height - startBlock) * blockSeconds;
  }

  /** The height a block tag names: a hex number, or the head for `latest` and the other tags. */
  function heightOf(tag: unknown): bigint {
    return typeof tag === 'string' && tag.startsWith('0x') ? BigInt(tag) : state.blockNumber;
  }

  function blockObject(height: bigint) {
    const hex = (n: bigint | number) => `0x${n.toString(16)}`;
    const hash = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}`;
    return {
      number: hex(height),
      hash: hash(height),
      parentHash: hash(height - 1n),
      timestamp: hex(timeOf(height)),
      nonce: '0x0000000000000000',
      difficulty: '0x1',
      gasLimit: hex(1_125_899_906_842_624n),
      gasUsed: '0x0',
      miner: '0xa4b000000000000000000073657175656e636572',
      extraData: '0x',
      baseFeePerGas: hex(10_000_000n),
      logsBloom: `0x${'0'.repeat(512)}`,
      transactionsRoot: hash(0n),
      stateRoot: hash(height),
      receiptsRoot: hash(0n),
      sha3Uncles: hash(0n),
      size: '0x1',
      totalDifficulty: hex(height),
      mixHash: hash(0n),
      transactions: [],
      uncles: [],
    };
  }

  function respond(request: RpcRequest, call: FakeCall, url: string): RpcResponse {
    const id = request.id ?? null;
    const error = (code: number, message: string): RpcResponse => ({
      jsonrpc: '2.0',
      id,
      error: { code, message },
    });
    const hit = matches(call) ? failure?.mode : undefined;
    if (hit === 'rpc-error') {
      return error(3, failure?.message?.replaceAll('{url}', url) ?? 'execution reverted');
    }
    if (hit === 'wrong-shape') return { jsonrpc: '2.0', id, result: { unexpected: 'shape' } };
    switch (call.method) {
      case 'eth_chainId':
        return { jsonrpc: '2.0', id, result: `0x${state.chainId.toString(16)}` };
      case 'eth_blockNumber':
        return { jsonrpc: '2.0', id, result: `0x${state.blockNumber.toString(16)}` };
      case 'eth_getBlockByNumber': {
        const [tag] = (Array.isArray(request.params) ? request.params : []) as unknown[];
        const height = heightOf(tag);
        return { jsonrpc: '2.0', id, result: height > state.blockNumber ? null : blockObject(height) };
      }
      case 'eth_call': {
        const [tx, tag] = (Array.isArray(request.params) ? request.params : []) as [
          { to?: string; data?: string; input?: string } | undefined,
          unknown,
        ];
        const data = (tx?.data ?? tx?.input) as Hex | undefined;
        if (!tx?.to || !data) return error(-32602, 'invalid params: eth_call needs to and data');
        const height = heightOf(tag);
        if (height > state.blockNumber) return error(-32000, 'header not found');
        if (prunedBelow !== null && height < prunedBelow) {
          // What geth and Nitro answer for state they no longer keep.
          const root = `0x${height.toString(16).padStart(64, '0')}`;
          return error(-32000, `missing trie node ${root} (path ) state ${root} is not available`);
        }
        const answered = answer(stateAt(height), tx.to.toLowerCase(), data);
        if (!answered) return error(3, 'execution reverted');
        if (hit === 'malformed-result') return { jsonrpc: '2.0', id, result: '0xdeadbeef' };
        if (hit === 'empty-result') return { jsonrpc: '2.0', id, result: '0x' };
        return { jsonrpc: '2.0', id, result: answered.result };
      }
      default:
        return error(-32601, `method ${String(request.method)} not found`);
    }
  }

  function describe(request: RpcRequest): FakeCall {
    const method = String(request.method);
    if (method !== 'eth_call') return { method };
    const [tx] = (Array.isArray(request.params) ? request.params : []) as Array<{
      to?: string;
      data?: string;
      input?: string;
    }>;
    const to = tx?.to?.toLowerCase();
    const data = (tx?.data ?? tx?.input) as Hex | undefined;
    const call: FakeCall = { method };
    if (to) call.to = to;
    const tag = Array.isArray(request.params) ? request.params[1] : undefined;
    call.block = typeof tag === 'string' ? tag : 'latest';
    if (to && data) {
      const answered = answer(state, to, data);
      if (answered) call.functionName = answered.functionName;
    }
    return call;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests++;
    const body = await readBody(req);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } }));
      return;
    }
    const batch = Array.isArray(parsed);
    const list = (batch ? parsed : [parsed]) as RpcRequest[];
    const described = list.map(describe);
    calls.push(...described);
    const whole = failure && described.some(matches) ? failure.mode : undefined;
    if (whole === 'hang') return; // never answered; `close` drops the socket
    if (whole === 'http-500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal server error');
      return;
    }
    if (whole === 'not-json') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    const url = `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`;
    const responses = list.map((request, index) => respond(request, described[index]!, url));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(batch ? responses : responses[0]));
  }

  const { port, close } = await listenOnLoopback((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  return {
    url: `http://127.0.0.1:${port}/`,
    get state() {
      return state;
    },
    get head() {
      return state.blockNumber;
    },
    blockTime(height) {
      return new Date(timeOf(height) * 1000);
    },
    stateAt,
    advance(blocks = 1n, patch = {}) {
      const head = state.blockNumber + blocks;
      history.at(-1)!.state = state;
      state = merge(state, { ...patch, blockNumber: head });
      history.push({ from: head, state });
    },
    pruneBelow(height) {
      prunedBelow = height;
    },
    get requests() {
      return requests;
    },
    get calls() {
      return calls;
    },
    callCount(name) {
      if (name === undefined) return calls.length;
      return calls.filter((call) => call.functionName === name || call.method === name).length;
    },
    fail(value) {
      failure = normalize(value);
    },
    update(patch) {
      state = merge(state, patch);
      history.at(-1)!.state = state;
    },
    resetCounts() {
      requests = 0;
      calls = [];
    },
    reset() {
      state = createFakeArbitrumState(options.state);
      history = [{ from: startBlock, state }];
      prunedBelow = options.prunedBelow ?? null;
      failure = normalize(options.failure ?? null);
      requests = 0;
      calls = [];
    },
    close,
  };
}

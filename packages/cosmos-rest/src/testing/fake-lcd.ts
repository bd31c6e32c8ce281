import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonValue } from '@tokenomics/core';
import { listenOnLoopback } from '@tokenomics/core/testing/loopback';
import { LCD_PATHS } from '../endpoints.js';

/** A coin as the bank module writes it: base units as an integer string. */
export interface FakeCoin {
  denom: string;
  amount: string;
}

/**
 * The chain state a {@link startFakeLcd} server serves. Field names inside
 * the parameter objects are the REST JSON's own (snake_case); amounts are
 * base-unit integer strings and rates are 18-decimal Dec strings, as on a node.
 */
export interface FakeLcdState {
  chainId: string;
  /** The bank supply, one coin per denom. */
  supply: FakeCoin[];
  /** Balances by account address. */
  balances: Record<string, FakeCoin[]>;
  pool: { not_bonded_tokens: string; bonded_tokens: string };
  slashingParams: {
    signed_blocks_window: string;
    min_signed_per_window: string;
    downtime_jail_duration: string;
    slash_fraction_double_sign: string;
    slash_fraction_downtime: string;
  };
  distributionParams: {
    community_tax: string;
    base_proposer_reward: string;
    bonus_proposer_reward: string;
    withdraw_addr_enabled: boolean;
  };
  /** The latest block's height and RFC 3339 time. */
  latestBlock: { height: string; time: string };
  /**
   * The standard x/mint module; `null` when the chain does not register it
   * (its paths answer 501 Not Implemented, as the gRPC gateway does).
   */
  mint: {
    inflation: string;
    annual_provisions: string;
    params: {
      mint_denom: string;
      inflation_rate_change: string;
      inflation_max: string;
      inflation_min: string;
      goal_bonded: string;
      blocks_per_year: string;
    };
  } | null;
}

/** A change to {@link FakeLcdState}: each field replaces the default's; the parameter objects merge one level deep. */
export type FakeLcdStateInput = {
  [K in keyof FakeLcdState]?: FakeLcdState[K] extends Record<string, unknown> | null
    ? K extends 'balances'
      ? FakeLcdState[K]
      : Partial<NonNullable<FakeLcdState[K]>> | null
    : FakeLcdState[K];
};

/** How a path misbehaves. */
export type FakeLcdFault =
  /**
   * Answers this HTTP status with a gRPC-gateway error body (500, 501, 404, …);
   * `message` replaces the body's message, with `{url}` replaced by the URL
   * the request was sent to (as providers that quote it, API key and all, do).
   */
  | { kind: 'status'; status: number; message?: string }
  /** Answers 200 with a body that is not JSON (a truncated answer). */
  | { kind: 'malformed' }
  /** Answers 200 with valid JSON of the wrong shape (numbers where the REST JSON has strings). */
  | { kind: 'wrong-shape' }
  /** Never answers, until the server is closed. */
  | { kind: 'hang' }
  /** Answers correctly after a delay. */
  | { kind: 'slow'; delayMs: number };

/** Options of {@link startFakeLcd}. */
export interface FakeLcdOptions {
  /** The chain's state before `state` applies; default {@link TEST_CHAIN_STATE}, a neutral chain. */
  base?: FakeLcdState;
  /** Changes to the base state. */
  state?: FakeLcdStateInput;
  /** Faults by path (without query, e.g. `/cosmos/staking/v1beta1/pool`); `'*'` applies to every path. */
  faults?: Record<string, FakeLcdFault>;
  /**
   * Serve under this path prefix (e.g. `/v2/KEY`, where providers put an API
   * key): `${url}${basePath}` is then the base URL to configure. Request
   * counts and faults still name the standard paths. Default: none.
   */
  basePath?: string;
  /**
   * The lowest height the node keeps (a pruned node): a read at a height
   * below it (the `x-cosmos-block-height` header, or `blocks/{height}`) is
   * answered HTTP 400 `height N is not available, lowest height is M`, as
   * cosmos-sdk does. Default: every height since the first is kept.
   */
  lowestHeight?: bigint;
  /** Seconds between blocks for {@link FakeLcd.advance} and for block times before the first height; default 6. */
  blockSeconds?: number;
}

/** A running fake LCD. */
export interface FakeLcd {
  /** The base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** The state served now. */
  readonly state: FakeLcdState;
  /** Replaces parts of the state (merged as in {@link FakeLcdOptions.state}). */
  setState(patch: FakeLcdStateInput): void;
  /**
   * Moves the chain on by `blocks` blocks (each `blockSeconds` later), the
   * state changing at each new height by `change` (a patch, or a function of
   * the new height giving one). Every height keeps its state: a read with
   * `x-cosmos-block-height: h` (or `blocks/{h}`) answers the state (block) at h.
   */
  advance(blocks?: number, change?: FakeLcdStateInput | ((height: bigint) => FakeLcdStateInput)): void;
  /** The current height (the latest block's). */
  readonly height: bigint;
  /** The state served at a height (as a read at that height answers it), or null when pruned or in the future. */
  stateAt(height: bigint): FakeLcdState | null;
  /** Sets the lowest height kept: reads below it answer as a pruned node does. */
  setLowestHeight(height: bigint): void;
  /** Sets or clears (`null`) the fault of a path (`'*'` for every path). */
  setFault(path: string, fault: FakeLcdFault | null): void;
  /** Requests received for a path (without query) since start or the last reset. */
  requestCount(path: string): number;
  /** Every path's request count. */
  requestCounts(): Record<string, number>;
  resetCounts(): void;
  /** Stops the server, ending hanging and slow requests. */
  close(): Promise<void>;
}

/**
 * The default state: a neutral chain, `testchain-1`, whose bonded denom is
 * `ustake` (6 decimals): 1,000,000,000 tokens, 504,000,000 bonded and
 * 1,000,000 unbonding, the slashing parameters of a 16,000-block window, no
 * community tax, no accounts and no standard x/mint. An adapter's tests pass
 * their own chain as `base` (e.g. Synternet's genesis, from
 * `@tokenomics/adapter-synternet/testing`).
 */
export const TEST_CHAIN_STATE: FakeLcdState = {
  chainId: 'testchain-1',
  supply: [{ denom: 'ustake', amount: '1000000000000000' }],
  balances: {},
  pool: { not_bonded_tokens: '1000000000000', bonded_tokens: '504000000000000' },
  slashingParams: {
    signed_blocks_window: '16000',
    min_signed_per_window: '0.500000000000000000',
    downtime_jail_duration: '600s',
    slash_fraction_double_sign: '0.050000000000000000',
    slash_fraction_downtime: '0.000100000000000000',
  },
  distributionParams: {
    community_tax: '0.000000000000000000',
    base_proposer_reward: '0.000000000000000000',
    bonus_proposer_reward: '0.000000000000000000',
    withdraw_addr_enabled: true,
  },
  latestBlock: { height: '838', time: '2024-08-01T00:00:00.000000000Z' },
  mint: null,
};

/**
 * Slashing and distribution parameters unlike every preset's (window 20,000
 * at 0.95 to sign, so more than 1,000 missed triggers; 1,800 s in jail; 0.1 %
 * and 10 % slashed; a 2 % community tax), for live tests to tell values read
 * from the chain from a preset's: `startFakeLcd({ state: { ...ALTERED_CHAIN_PARAMS } })`.
 */
export const ALTERED_CHAIN_PARAMS = {
  slashingParams: {
    signed_blocks_window: '20000',
    min_signed_per_window: '0.950000000000000000',
    downtime_jail_duration: '1800s',
    slash_fraction_double_sign: '0.100000000000000000',
    slash_fraction_downtime: '0.001000000000000000',
  },
  distributionParams: { community_tax: '0.020000000000000000' },
} as const satisfies FakeLcdStateInput;

/** A standard x/mint state (example figures, minting `usynt`: set `params.mint_denom` for another chain), for `setState({ mint: STANDARD_MINT_STATE })`. */
export const STANDARD_MINT_STATE: NonNullable<FakeLcdState['mint']> = {
  inflation: '0.130016465508894587',
  annual_provisions: '130019024060848.545708142618272810',
  params: {
    mint_denom: 'usynt',
    inflation_rate_change: '0.130000000000000000',
    inflation_max: '0.200000000000000000',
    inflation_min: '0.070000000000000000',
    goal_bonded: '0.670000000000000000',
    blocks_per_year: '6311520',
  },
};

function merge(state: FakeLcdState, patch: FakeLcdStateInput): FakeLcdState {
  const next: Record<string, unknown> = { ...state };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = (state as unknown as Record<string, unknown>)[key];
    const mergeable =
      key !== 'balances' &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current);
    next[key] = mergeable ? { ...(current as object), ...value } : value;
  }
  return next as unknown as FakeLcdState;
}

const HASH = 'lBHIjA4RfxzN6CPu8hkJkF1pJ3IHsJxw6cZ0WxzAkzs=';
const PROPOSER = 'BZSf8lD8LrJyuGxCmHqpA5WTWAQ=';

function blockJson(state: FakeLcdState, proposer: string): JsonValue {
  return {
    header: {
      version: { block: '11', app: '0' },
      chain_id: state.chainId,
      height: state.latestBlock.height,
      time: state.latestBlock.time,
      last_block_id: { hash: HASH, part_set_header: { total: 1, hash: HASH } },
      last_commit_hash: HASH,
      data_hash: HASH,
      validators_hash: HASH,
      next_validators_hash: HASH,
      consensus_hash: HASH,
      app_hash: HASH,
      last_results_hash: HASH,
      evidence_hash: HASH,
      proposer_address: proposer,
    },
    data: { txs: [] },
    evidence: { evidence: [] },
    last_commit: { height: state.latestBlock.height, round: 0, block_id: null, signatures: [] },
  };
}

/** The JSON a node answers for a path, or null for a path it does not serve. */
function answer(state: FakeLcdState, path: string, query: URLSearchParams): JsonValue | null {
  switch (path) {
    case LCD_PATHS.supplyByDenom: {
      const denom = query.get('denom') ?? '';
      const coin = state.supply.find((item) => item.denom === denom);
      return { amount: { denom, amount: coin?.amount ?? '0' } };
    }
    case LCD_PATHS.stakingPool:
      return { pool: { ...state.pool } };
    case LCD_PATHS.slashingParams:
      return { params: { ...state.slashingParams } };
    case LCD_PATHS.distributionParams:
      return { params: { ...state.distributionParams } };
    case LCD_PATHS.latestBlock:
    case `${LCD_PATHS.blocks}/${state.latestBlock.height}`:
      return {
        block_id: { hash: HASH, part_set_header: { total: 1, hash: HASH } },
        block: blockJson(state, PROPOSER),
        sdk_block: blockJson(state, 'syntvalcons1qg6zmq4dpxqv4ygswfqkwz2wm4s8c9zz6k4r6e'),
      };
    case LCD_PATHS.mintInflation:
      return state.mint ? { inflation: state.mint.inflation } : null;
    case LCD_PATHS.mintAnnualProvisions:
      return state.mint ? { annual_provisions: state.mint.annual_provisions } : null;
    case LCD_PATHS.mintParams:
      return state.mint ? { params: { ...state.mint.params } } : null;
  }
  if (path.startsWith(`${LCD_PATHS.balances}/`)) {
    const address = path.slice(LCD_PATHS.balances.length + 1);
    if (address.includes('/')) return null;
    const coins = state.balances[address] ?? [];
    return {
      balances: coins.map((coin) => ({ ...coin })),
      pagination: { next_key: null, total: String(coins.length) },
    };
  }
  return null;
}

/** The same JSON with every numeric string turned into a number: valid JSON, wrong shape. */
function numbersForStrings(value: JsonValue): JsonValue {
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(numbersForStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, numbersForStrings(item)]));
  }
  return value;
}

const GRPC_CODES: Record<number, [number, string]> = {
  400: [3, 'invalid argument'],
  404: [5, 'Not Found'],
  500: [13, 'internal error'],
  501: [12, 'Not Implemented'],
  503: [14, 'unavailable'],
};

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendStatus(res: ServerResponse, status: number, message?: string): void {
  const [code, standard] = GRPC_CODES[status] ?? [2, 'unknown'];
  sendJson(res, status, JSON.stringify({ code, message: message ?? standard, details: [] }));
}

/**
 * Starts a fake Cosmos SDK REST (LCD) server on 127.0.0.1 (a free port) that
 * answers the standard bank, staking, slashing, distribution, tendermint and
 * mint paths with the real JSON shapes for the given state, counts requests
 * per path, and can make any path fail: an HTTP status, a malformed body, the
 * wrong shape, a hang or a slow answer.
 *
 * @example
 * ```ts
 * import { startFakeLcd } from '@tokenomics/cosmos-rest/testing';
 *
 * const lcd = await startFakeLcd({ state: { pool: { bonded_tokens: '600000000000000' } } });
 * lcd.setFault('/cosmos/mint/v1beta1/inflation', { kind: 'status', status: 501 });
 * // … read `${lcd.url}/cosmos/staking/v1beta1/pool` …
 * lcd.requestCount('/cosmos/staking/v1beta1/pool'); // 1
 * await lcd.close();
 * ```
 */
export async function startFakeLcd(options: FakeLcdOptions = {}): Promise<FakeLcd> {
  let state = merge(options.base ?? TEST_CHAIN_STATE, options.state ?? {});
  const faults = new Map<string, FakeLcdFault>(Object.entries(options.faults ?? {}));
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const basePath = (options.basePath ?? '').replace(/\/+$/, '');

  function respond(req: IncomingMessage, res: ServerResponse, slowDone = false): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = url.pathname.replace(/\/+$/, '') || '/';
    if (basePath) {
      // Only under the prefix: a request without it is a path this node does not serve.
      path = path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : `${path} (outside ${basePath})`;
    }
    if (!slowDone) counts.set(path, (counts.get(path) ?? 0) + 1);
    const fault = faults.get(path) ?? faults.get('*');
    if (req.method !== 'GET') {
      sendStatus(res, 501);
      return;
    }
    let served = state;
    const asked = heightAsked(req, path);
    if (asked !== null && !slowDone) {
      const refusal = heightRefusal(asked);
      if (refusal) {
        sendStatus(res, 400, refusal);
        return;
      }
      served = path.startsWith(`${LCD_PATHS.blocks}/`) ? blockStateAt(asked) : stateAt(asked)!;
    } else if (asked !== null) {
      served = path.startsWith(`${LCD_PATHS.blocks}/`) ? blockStateAt(asked) : (stateAt(asked) ?? state);
    }
    const body = answer(served, path, url.searchParams);
    if (fault && !slowDone) {
      switch (fault.kind) {
        case 'status':
          sendStatus(
            res,
            fault.status,
            fault.message?.replaceAll('{url}', `http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`),
          );
          return;
        case 'hang':
          return; // never answered; `close` drops the socket
        case 'slow': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            respond(req, res, true);
          }, fault.delayMs);
          timers.add(timer);
          return;
        }
        case 'malformed': {
          const text = JSON.stringify(body ?? { code: 12 });
          sendJson(res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
          return;
        }
        case 'wrong-shape':
          sendJson(res, 200, JSON.stringify(numbersForStrings(body ?? { code: '12' })));
          return;
      }
    }
    if (body === null) sendStatus(res, 501);
    else sendJson(res, 200, JSON.stringify(body));
  }

  const blockSeconds = options.blockSeconds ?? 6;
  let lowestHeight = options.lowestHeight ?? null;
  /** The state at each height the chain has been at, from the first. */
  const history = new Map<bigint, FakeLcdState>();
  const heightOf = (at: FakeLcdState) => BigInt(at.latestBlock.height);
  let firstHeight = heightOf(state);
  history.set(firstHeight, state);

  /** The height a request asks for: the header, or a `blocks/{height}` path; null for the latest. */
  function heightAsked(req: IncomingMessage, path: string): bigint | null {
    const header = req.headers['x-cosmos-block-height'];
    if (path.startsWith(`${LCD_PATHS.blocks}/`) && path !== LCD_PATHS.latestBlock) {
      const text = path.slice(LCD_PATHS.blocks.length + 1);
      return /^\d+$/.test(text) ? BigInt(text) : null;
    }
    if (path === LCD_PATHS.latestBlock) return null;
    return typeof header === 'string' && /^\d+$/.test(header) && header !== '0' ? BigInt(header) : null;
  }

  /** Why a height cannot be read (a cosmos-sdk node's words), or null. */
  function heightRefusal(height: bigint): string | null {
    const current = heightOf(state);
    if (height > current) {
      return `invalid height: cannot query with height in the future (${height} > ${current}); please provide a valid height`;
    }
    const lowest = lowestHeight ?? 1n;
    if (height < lowest)
      return `height ${height} is not available, lowest height is ${lowest}: invalid height`;
    return null;
  }

  /** The state at a height: the one recorded there, or the first state for heights before the first. */
  function stateAt(height: bigint): FakeLcdState | null {
    if (heightRefusal(height) !== null) return null;
    return history.get(height) ?? history.get(firstHeight)!;
  }

  /** The state a `blocks/{height}` answer is made of: that height's, with its block time. */
  function blockStateAt(height: bigint): FakeLcdState {
    const kept = history.get(height);
    if (kept) return kept;
    const first = history.get(firstHeight)!;
    const time = new Date(
      Date.parse(first.latestBlock.time) - Number(firstHeight - height) * blockSeconds * 1000,
    );
    return { ...first, latestBlock: { height: height.toString(), time: time.toISOString() } };
  }

  const loopback = await listenOnLoopback((req, res) => respond(req, res));

  return {
    url: `http://127.0.0.1:${loopback.port}`,
    get state() {
      return state;
    },
    setState(patch) {
      state = merge(state, patch);
      // A change of the latest block starts the chain's history again there.
      if (heightOf(state) !== heightOf(history.get(firstHeight)!) && !history.has(heightOf(state))) {
        history.clear();
        firstHeight = heightOf(state);
      }
      history.set(heightOf(state), state);
    },
    get height() {
      return heightOf(state);
    },
    stateAt,
    setLowestHeight(height) {
      lowestHeight = height;
    },
    advance(blocks = 1, change) {
      if (!Number.isSafeInteger(blocks) || blocks < 1 || blocks > 100_000) {
        throw new RangeError(`advance takes 1 to 100,000 blocks, got ${blocks}`);
      }
      for (let index = 0; index < blocks; index++) {
        const height = heightOf(state) + 1n;
        const time = new Date(Date.parse(state.latestBlock.time) + blockSeconds * 1000).toISOString();
        const patch = typeof change === 'function' ? change(height) : (change ?? {});
        state = merge(merge(state, patch), { latestBlock: { height: height.toString(), time } });
        history.set(height, state);
      }
    },
    setFault(path, fault) {
      if (fault) faults.set(path, fault);
      else faults.delete(path);
    },
    requestCount: (path) => counts.get(path) ?? 0,
    requestCounts: () => Object.fromEntries(counts),
    resetCounts: () => counts.clear(),
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return loopback.close();
    },
  };
}

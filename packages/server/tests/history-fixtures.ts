import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNTERNET_GENESIS_STATE } from '@tokenomics/adapter-synternet/testing';
import { type FakeLcd, type FakeLcdState, startFakeLcd } from '@tokenomics/cosmos-rest/testing';
import { pino } from 'pino';
import { loadServerConfig } from '../src/config.js';
import { type RunningServer, startServer } from '../src/serve.js';

/** The fake chain's first height and its block time. */
export const START_HEIGHT = 2_000_000n;
export const START_TIME = '2026-01-01T00:00:00Z';
/** 1 SYNT in usynt. */
export const USYNT = 1_000_000n;

/** Each block mints 7 SYNT and bonds 3 more: supply and bonded tokens change at every height. */
export function perBlock(height: bigint): Partial<FakeLcdState> {
  const blocks = height - START_HEIGHT;
  return {
    supply: [{ denom: 'usynt', amount: (1_250_000_000n * USYNT + blocks * 7n * USYNT).toString() }],
    pool: {
      bonded_tokens: (500_000_000n * USYNT + blocks * 3n * USYNT).toString(),
      not_bonded_tokens: '2000000000000',
    },
  };
}

/** Synternet's chain on a fake LCD with heights: supply and bonded change per block (see {@link perBlock}). */
export function startSynternetChain(
  options: { blockSeconds?: number; lowestHeight?: bigint } = {},
): Promise<FakeLcd> {
  return startFakeLcd({
    base: SYNTERNET_GENESIS_STATE,
    state: {
      ...perBlock(START_HEIGHT),
      latestBlock: { height: START_HEIGHT.toString(), time: START_TIME },
    },
    blockSeconds: options.blockSeconds ?? 6,
    ...(options.lowestHeight === undefined ? {} : { lowestHeight: options.lowestHeight }),
  });
}

/** The whole-token figure of a usynt amount, as the gateway prints it. */
export function synt(usynt: string): string {
  const value = BigInt(usynt);
  const whole = value / USYNT;
  const fraction = (value % USYNT).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** A temporary folder holding a gateway.config.json that serves Synternet (and optionally more), removed by `remove`. */
export function configFolder(config: Record<string, unknown> = {}): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tokenomics-history-'));
  writeFileSync(
    join(dir, 'gateway.config.json'),
    JSON.stringify({ protocols: [{ adapter: '@tokenomics/adapter-synternet' }], ...config }, null, 2),
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts the server in this process, as `tokenomics-gateway serve` does, on 127.0.0.1 at a free port. */
export async function startHistoryServer(
  dir: string,
  env: Record<string, string>,
): Promise<RunningServer & { endpoint: string }> {
  const full = { PORT: '0', HOST: '127.0.0.1', DRAIN_GRACE_MS: '0', CACHE_TTL_SECONDS: '1', ...env };
  const config = loadServerConfig({ env: full, cwd: dir });
  const server = await startServer({ config, env: full, logger: pino({ level: 'silent' }) });
  const port = (server.running.server.address() as { port: number }).port;
  return { ...server, close: server.close, endpoint: `http://127.0.0.1:${port}/graphql` };
}

/** A GraphQL POST over HTTP; the body's `data` (errors thrown). */
export async function query<T = Record<string, unknown>>(endpoint: string, document: string): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: document }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** Polls `check` every 100 ms until it returns a value (not undefined), for at most `limitMs` (a safety limit). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  limitMs = 30_000,
  what = 'a condition',
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A server-sent events subscription: the `next` events' payloads as they come. */
export interface SseClient {
  /** The next event's JSON payload; rejects after `limitMs` (a safety limit) or when the stream ends. */
  next(limitMs?: number): Promise<unknown>;
  close(): void;
}

/** Subscribes over SSE (`accept: text/event-stream`), as a browser's EventSource or `curl -N` would. */
export async function subscribe(endpoint: string, document: string): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: document }),
    signal: controller.signal,
  });
  if (!response.headers.get('content-type')?.includes('text/event-stream')) {
    throw new Error(`not an event stream: ${response.status} ${await response.text()}`);
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  return {
    async next(limitMs = 30_000) {
      const deadline = Date.now() + limitMs;
      for (let i = 0; i < 10_000; i++) {
        const match = /event: next\ndata: (.*)\n\n/.exec(text);
        if (match) {
          text = text.slice((match.index ?? 0) + match[0].length);
          return JSON.parse(match[1] as string);
        }
        const left = deadline - Date.now();
        if (left <= 0) break;
        pending ??= reader.read();
        const result = await Promise.race([
          pending,
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left).unref()),
        ]);
        if (result === 'timeout') break;
        pending = null;
        if (result.done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(result.value, { stream: true });
      }
      throw new Error(`no event within ${limitMs} ms (received so far: ${text.slice(0, 500)})`);
    },
    close() {
      controller.abort();
    },
  };
}

/**
 * How soon after the fake chain moves an SSE client must hear it: issue 14's
 * "within one sample interval", plus the shared reads' cache TTL (the
 * recorder may read an answer cached up to that long before the change),
 * plus 20 s of slack for a loaded machine — 1 s + 1 s + 20 s in these tests.
 */
export const SSE_BOUND_MS = (1 + 1 + 20) * 1000;

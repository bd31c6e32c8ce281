import { type Agent, request } from 'node:http';
import type { StateSource, TokenEconomy } from '@tokenomics/core';
import { exampleEconomy, type exampleParameters } from '@tokenomics/core/testing';
import type { Gateway, RunningGateway } from '../src/index.js';

type ExampleSource = StateSource<typeof exampleParameters, unknown>;

/**
 * The kit's example economy with supply only: 1,000 EX, 250 in a treasury.
 * `source` replaces the snapshot, e.g. with one that fails.
 */
export function fixedSupplyAdapter(id = 'fixed', source?: ExampleSource): TokenEconomy {
  return exampleEconomy({ id, ...(source ? { source } : {}), only: ['SUPPLY'] });
}

/**
 * A live-like source reading two upstream resources through the context's reader, counting its loads.
 * `counter.fail` makes every load fail; `counter.gate`, while set, holds every load until it settles.
 */
export function countingLiveSource(prefix: string) {
  const counter = {
    loads: new Map<string, number>(),
    treasury: '250',
    fail: false,
    gate: undefined as Promise<void> | undefined,
  };
  const load = (key: string, value: () => string) => ({
    key: `${prefix}:${key}`,
    resource: `GET /${key}`,
    load: async () => {
      counter.loads.set(key, (counter.loads.get(key) ?? 0) + 1);
      if (counter.gate) await counter.gate;
      if (counter.fail) throw new Error('upstream down');
      return { amount: value() };
    },
  });
  const source: ExampleSource = {
    async read(ctx) {
      const [supply, treasury] = await Promise.all([
        ctx.reader.read(load('supply', () => '1000')),
        ctx.reader.read(load('treasury', () => counter.treasury)),
      ]);
      const stale = supply.stale || treasury.stale;
      const fetchedAt = new Date(Math.min(supply.fetchedAt.getTime(), treasury.fetchedAt.getTime()));
      return {
        state: null,
        info: { kind: 'LIVE', description: `test chain ${prefix}`, fetchedAt, stale },
        parameters: {
          supply: {
            value: String((supply.value as { amount: string }).amount),
            source: 'chain: GET /supply',
          },
          treasury: {
            value: String((treasury.value as { amount: string }).amount),
            source: 'chain: GET /treasury',
          },
        },
      };
    },
  };
  return { source, counter };
}

/** A source whose upstream always fails with an unexpected (uncoded) error. */
export const brokenSource: ExampleSource = {
  read: async () => {
    throw new Error('socket hang up at 10.1.2.3:8545 (internal detail)');
  },
};

/** A GraphQL response body as tests read it: shapes vary by query, so it is loosely typed. */
// biome-ignore lint/suspicious/noExplicitAny: tests index into arbitrary response shapes
export type ResponseBody = any;

/** POSTs a GraphQL document to a gateway in-process and returns the status and JSON body. */
export async function post(
  gateway: Gateway,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: ResponseBody }> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

/** A gateway listening on 127.0.0.1 at a free port, asked over real HTTP. */
export interface ServedGateway {
  /** The GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  url: string;
  running: RunningGateway;
  /** POSTs a GraphQL document over HTTP and returns the status and JSON body. */
  post(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: ResponseBody }>;
  /** GETs a path of the gateway's port (e.g. `/health`, `/metrics`) over HTTP. */
  get(path: string): Promise<Response>;
  /** Stops the server, then releases the gateway's cache store. */
  close(): Promise<void>;
}

/**
 * Starts `gateway` on 127.0.0.1 at a free port and asks it with real `fetch`.
 * Give the gateway `drainGraceMs: 0` so `close()` does not wait out the drain grace.
 */
export async function serveOnLoopback(gateway: Gateway): Promise<ServedGateway> {
  const running = await gateway.listen(0, '127.0.0.1');
  return {
    url: running.url,
    running,
    async post(query, variables) {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    get: (path) => fetch(new URL(path, running.url)),
    async close() {
      await running.close();
      await gateway.close();
    },
  };
}

/** What {@link postThrough} got: the status, the `Connection` header and the body. */
export interface AgentAnswer {
  status: number;
  connection: string | undefined;
  body: string;
}

/**
 * One GraphQL POST over `node:http` through `agent`, so a keep-alive agent
 * reuses its sockets (what drain tests need; `fetch` hides the connection).
 */
export function postThrough(url: string, agent: Agent, query: string): Promise<AgentAnswer> {
  return requestThrough(url, agent, JSON.stringify({ query }));
}

/** A GET over `node:http` through `agent` (kept-alive sockets), as {@link postThrough}. */
export function getThrough(url: string, agent: Agent): Promise<AgentAnswer> {
  return requestThrough(url, agent);
}

/** A JSON POST of `body`, or a GET without one, through `agent`. */
function requestThrough(url: string, agent: Agent, body?: string): Promise<AgentAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      body === undefined
        ? { agent }
        : { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

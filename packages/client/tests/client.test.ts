import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, createLogger, type RunningGateway } from '@tokenomics/gateway';
import { createServerAdapters, loadServerConfig } from '@tokenomics/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createClient,
  type DateTime,
  type Decimal,
  GatewayError,
  graphql,
  type ResultOf,
  sha256Hex,
} from '../src/index.js';

const SupplyQuery = graphql(`
  query Supply { protocols { id supply { circulating liquid } } }
`);

/** Sent only by the APQ test, so no other test has registered its hash before. */
const SupplyApq = graphql(`
  query SupplyApq { protocols { id supply { circulating liquid } } }
`);

const SupplyAt = graphql(`
  query SupplyAt($id: ID!, $at: DateTime) { protocol(id: $id) { id supply(at: $at) { circulating } } }
`);

const DECIMAL = /^-?\d+(\.\d+)?$/;

let running: RunningGateway;
let close: () => Promise<void>;

/** The gateway as the server runs it with no configuration: its default protocols from their snapshots. */
beforeAll(async () => {
  const adapters = await createServerAdapters(
    loadServerConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'client-')) }),
    {},
  );
  const gateway = createGateway({
    adapters,
    logger: createLogger('silent'),
    drainGraceMs: 0,
    now: () => new Date('2026-03-01T12:00:00Z'),
  });
  running = await gateway.listen(0, '127.0.0.1');
  close = async () => {
    await running.close();
    await gateway.close();
  };
});

afterAll(() => close?.());

/** What the gateway serves for a document, asked without the client. */
async function served(query: string, variables?: Record<string, unknown>) {
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: unknown };
}

interface Sent {
  method: string;
  url: URL;
  body: Record<string, unknown> | undefined;
}

/** A fetch that records what the client sends, then sends it for real. */
function recordingFetch() {
  const sent: Sent[] = [];
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const body =
      typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    sent.push({ method: init?.method ?? 'GET', url, body });
    return fetch(input, init);
  };
  return { sent, fetch: recording };
}

/** The operation a recorded request carried, from its body (POST) or its URL (GET). */
function operation(request: Sent): { query?: string; hash?: string } {
  const params = request.url.searchParams;
  const payload = request.body ?? {
    query: params.get('query') ?? undefined,
    extensions: params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined,
  };
  const extensions = payload.extensions as { persistedQuery?: { sha256Hash: string } } | undefined;
  return {
    ...(typeof payload.query === 'string' ? { query: payload.query } : {}),
    ...(extensions?.persistedQuery ? { hash: extensions.persistedQuery.sha256Hash } : {}),
  };
}

describe('sha256Hex', () => {
  it('names a document as APQ does: lowercase hex SHA-256 of its text', async () => {
    expect(await sha256Hex('{ __typename }')).toBe(
      '7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b',
    );
  });
});

describe('the client against a real gateway over HTTP', () => {
  it('answers a typed query with branded strings equal to the served figures', async () => {
    const client = createClient({ url: running.url });
    const result = await client.query(SupplyQuery);

    expectTypeOf(result).toEqualTypeOf<ResultOf<typeof SupplyQuery>>();
    expectTypeOf<(typeof result.protocols)[number]>().toEqualTypeOf<{
      id: string;
      supply: { circulating: Decimal; liquid: Decimal | null } | null;
    }>();

    const expected = await served('{ protocols { id supply { circulating liquid } } }');
    expect(result).toEqual(expected.data);
    expect(result.protocols.map((p) => p.id)).toEqual(['session', 'synternet']);
    for (const protocol of result.protocols) {
      expect(protocol.supply?.circulating).toMatch(DECIMAL);
      expect(protocol.supply?.liquid).toMatch(DECIMAL);
      expect(typeof protocol.supply?.circulating).toBe('string');
    }
  });

  it('types the variables: required ones must be given, optional ones may be left out', () => {
    const client = createClient({ url: running.url });
    // Type checks only (never called).
    const _calls = () => [
      client.query(SupplyQuery),
      client.query(SupplyAt, { id: 'session' }),
      // @ts-expect-error $id is required
      client.query(SupplyAt),
      // @ts-expect-error $at is a DateTime, not any string
      client.query(SupplyAt, { id: 'session', at: '2026-01-01' }),
    ];
    expect(typeof _calls).toBe('function');
  });

  it('sends variables and queries over GET', async () => {
    const { sent, fetch } = recordingFetch();
    const client = createClient({ url: running.url, fetch });
    const at = '2026-01-01T00:00:00.000Z' as DateTime;
    const result = await client.query(SupplyAt, { id: 'session', at }, { method: 'GET' });

    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.body).toBeUndefined();
    expect(sent[0]!.url.searchParams.get('operationName')).toBe('SupplyAt');
    expect(JSON.parse(sent[0]!.url.searchParams.get('variables')!)).toEqual({ id: 'session', at });
    const expected = await served(
      'query($at: DateTime) { protocol(id: "session") { id supply(at: $at) { circulating } } }',
      { at },
    );
    expect(result).toEqual(expected.data);
    expect(result.protocol?.supply?.circulating).toMatch(DECIMAL);
  });

  it('sends headers from the options, per client and per request', async () => {
    const seen: Headers[] = [];
    const client = createClient({
      url: running.url,
      headers: () => ({ 'x-api-key': 'client-key' }),
      fetch: async (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    await client.query(SupplyQuery, {}, { headers: { 'x-request-id': 'r1' } });
    expect(seen[0]!.get('x-api-key')).toBe('client-key');
    expect(seen[0]!.get('x-request-id')).toBe('r1');
    expect(seen[0]!.get('content-type')).toBe('application/json');
  });

  it('speaks APQ to the gateway: hash first, registered once with the document, then the hash alone', async () => {
    const expected = (await served('{ protocols { id supply { circulating liquid } } }')).data;
    // POST first: the gateway has not seen the hash, so the client registers it with the document.
    const post = recordingFetch();
    const viaPost = createClient({ url: running.url, fetch: post.fetch, persisted: true });
    expect(await viaPost.query(SupplyApq, {}, { method: 'POST' })).toEqual(expected);
    expect(await viaPost.query(SupplyApq, {}, { method: 'POST' })).toEqual(expected);
    const hash = await sha256Hex(operation(post.sent[1]!).query ?? '');
    expect(post.sent.map(operation)).toEqual([
      { hash },
      { hash, query: operation(post.sent[1]!).query },
      { hash },
    ]);
    // Then GET: the gateway knows the hash now, so each request is the hash alone (a short URL).
    const get = recordingFetch();
    const viaGet = createClient({ url: running.url, fetch: get.fetch, persisted: true });
    expect(await viaGet.query(SupplyApq, {}, { method: 'GET' })).toEqual(expected);
    expect(await viaGet.query(SupplyApq, {}, { method: 'GET' })).toEqual(expected);
    expect(get.sent.map(operation)).toEqual([{ hash }, { hash }]);
    expect(
      get.sent.every((request) => request.method === 'GET' && !request.url.searchParams.has('query')),
    ).toBe(true);
  });

  it('falls back to plain queries when the server answers that persisted queries are unsupported', async () => {
    const { sent, fetch: recording } = recordingFetch();
    // An APQ-less server that says so (as Apollo Server with persistedQueries: false does).
    const unsupported: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
      if (body.extensions?.persistedQuery && !body.query) {
        sent.push({ method: 'POST', url: new URL(String(input)), body });
        return Response.json(
          {
            errors: [
              {
                message: 'PersistedQueryNotSupported',
                extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
              },
            ],
          },
          { status: 400 },
        );
      }
      return recording(input, init);
    };
    const client = createClient({ url: running.url, fetch: unsupported });
    const first = await client.query(SupplyQuery, {}, { persisted: true });
    await client.query(SupplyQuery, {}, { persisted: true });
    expect(first.protocols).toHaveLength(2);
    expect(sent.map(operation).map((o) => Object.keys(o))).toEqual([['hash'], ['query'], ['query']]);
  });

  it('registers a document when the server answers PersistedQueryNotFound, then sends the hash alone', async () => {
    const { sent, fetch: recording } = recordingFetch();
    // An APQ layer in front of the gateway: a store of documents by hash.
    const store = new Map<string, string>();
    const apq: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      const extensions = body?.extensions ?? JSON.parse(url.searchParams.get('extensions') ?? '{}');
      const query: string | undefined = body?.query ?? url.searchParams.get('query') ?? undefined;
      const hash: string | undefined = extensions.persistedQuery?.sha256Hash;
      if (hash && !query) {
        sent.push({ method: init?.method ?? 'GET', url, body });
        const known = store.get(hash);
        if (!known) {
          return Response.json(
            {
              errors: [
                { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
              ],
            },
            { status: 404 },
          );
        }
        return recording(running.url, {
          ...init,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: known, variables: body?.variables }),
        });
      }
      if (hash && query) {
        expect(await sha256Hex(query)).toBe(hash);
        store.set(hash, query);
      }
      return recording(input, init);
    };
    const client = createClient({ url: running.url, fetch: apq, persisted: true });
    const first = await client.query(SupplyQuery);
    const second = await client.query(SupplyQuery);
    expect(second).toEqual(first);
    expect(first).toEqual((await served('{ protocols { id supply { circulating liquid } } }')).data);
    expect(sent.map(operation).map((o) => Object.keys(o).sort())).toEqual([
      ['hash'], // unknown: PersistedQueryNotFound
      ['hash', 'query'], // registered
      ['hash'], // served by hash
      ['query'], // what the APQ layer forwarded to the gateway
    ]);
  });

  it('surfaces GraphQL errors as a GatewayError with the code, the errors and the partial data', async () => {
    const client = createClient({ url: running.url });
    const error = await client.query(SupplyAt, { id: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    const gatewayError = error as GatewayError;
    expect(gatewayError.code).toBe('NOT_FOUND');
    expect(gatewayError.status).toBe(200);
    expect(gatewayError.message).toBe('no protocol "nope"; served: session, synternet');
    expect(gatewayError.errors[0]!.path).toEqual(['protocol']);
    expect(gatewayError.data).toEqual({ protocol: null });

    const bad = await client
      .query(SupplyAt, { id: 'session', at: 'garbage' as DateTime }, { method: 'GET' })
      .catch((e: unknown) => e as GatewayError);
    expect(bad).toBeInstanceOf(GatewayError);
    expect((bad as GatewayError).code).toBe('BAD_INPUT');
    expect((bad as GatewayError).status).toBe(400);
  });

  it('surfaces an answer that is not GraphQL as HTTP_ERROR with the status', async () => {
    const client = createClient({ url: new URL('/health-not-here', running.url) });
    const error = await client.query(SupplyQuery).catch((e: unknown) => e as GatewayError);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('HTTP_ERROR');
    expect((error as GatewayError).status).toBe(404);
  });
});

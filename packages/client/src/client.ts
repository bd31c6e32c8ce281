import { type DocumentNode, Kind, print } from '@0no-co/graphql.web';
import type { DocumentDecoration } from 'gql.tada';

/** The error codes the gateway puts in `extensions.code` (other strings may appear, e.g. from a proxy). */
export type GatewayErrorCode =
  | 'NOT_FOUND'
  | 'BAD_INPUT'
  | 'UNKNOWN_PARAMETER'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_INVALID'
  | 'LIMIT_EXCEEDED'
  | 'NOT_SUPPORTED'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** The request itself was refused (e.g. no query string). */
  | 'BAD_REQUEST'
  | 'INTERNAL'
  | 'INTERNAL_SERVER_ERROR'
  /** The answer was not a GraphQL response (e.g. a proxy's HTML error page); see `status`. */
  | 'HTTP_ERROR'
  /**
   * A subscription's event stream sent more than {@link SubscribeOptions.maxEventBytes} without
   * ending an event (no blank line): the client closed the stream rather than buffer it without end.
   */
  | 'EVENT_TOO_LARGE'
  | (string & {});

/** Headers as `new Headers(…)` takes them: a `Headers`, a record, or a list of pairs. */
export type HeadersLike = ConstructorParameters<typeof Headers>[0];

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * A request the gateway answered with GraphQL errors (or with no GraphQL response at all).
 * `code` is the first error's `extensions.code` (`'HTTP_ERROR'` when the answer was not GraphQL);
 * `errors` holds every error and `data` whatever partial result came with them.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    message: string,
    readonly code: GatewayErrorCode,
    readonly errors: readonly GraphQLErrorEntry[],
    /** The HTTP status of the answer. */
    readonly status: number,
    /** The partial result that came with the errors, when there was one. */
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** How one request is sent. */
export interface QueryOptions {
  /** `GET` puts the operation in the URL (cacheable by CDNs and browsers); mutations always POST. Default `POST`. */
  method?: 'GET' | 'POST';
  /**
   * Automatic persisted queries: send only the document's SHA-256 hash first, and the document itself
   * when the gateway answers `PersistedQueryNotFound`. A gateway without persisted queries is remembered
   * and asked plainly from then on. Default: the client's `persisted` option (false).
   */
  persisted?: boolean;
  /** Extra headers for this request. */
  headers?: HeadersLike;
  signal?: AbortSignal;
}

/** How {@link createClient} reaches the gateway. */
export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `https://gateway.example/graphql` (or `/graphql` in a browser page). */
  url: string | URL;
  /** A `fetch` implementation; default the global one. */
  fetch?: typeof fetch;
  /** Headers sent with every request (e.g. an API key), or a function giving them per request. */
  headers?: HeadersLike | (() => HeadersLike);
  /** The default of {@link QueryOptions.persisted}. */
  persisted?: boolean;
}

/** A typed document: what `graphql()` returns (or any TypedDocumentNode). */
export type TypedDocument<Result, Variables> = DocumentNode & DocumentDecoration<Result, Variables>;

/** The variables argument: optional when the operation has no required variable. */
type VariablesArgs<Variables> = [{ [key: string]: never }] extends [Variables]
  ? [variables?: Variables, options?: QueryOptions]
  : Record<string, never> extends Variables
    ? [variables?: Variables, options?: QueryOptions]
    : [variables: Variables, options?: QueryOptions];

/** How one subscription is opened. */
export interface SubscribeOptions {
  /** Extra headers for this subscription. */
  headers?: HeadersLike;
  /** Aborting it closes the stream (as `return()` on the iterator does). */
  signal?: AbortSignal;
  /**
   * The most the stream may send, in UTF-8 bytes, without ending an event (a blank line): beyond it
   * the client closes the stream and throws a {@link GatewayError} with code `'EVENT_TOO_LARGE'`,
   * rather than buffer an event that never ends. Default 1 MiB (1,048,576 bytes).
   */
  maxEventBytes?: number;
}

/** The default of {@link SubscribeOptions.maxEventBytes}: 1 MiB. */
const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

/** The variables argument of a subscription: optional when the operation has no required variable. */
type SubscribeArgs<Variables> = [{ [key: string]: never }] extends [Variables]
  ? [variables?: Variables, options?: SubscribeOptions]
  : Record<string, never> extends Variables
    ? [variables?: Variables, options?: SubscribeOptions]
    : [variables: Variables, options?: SubscribeOptions];

/** A client of one gateway. */
export interface GatewayClient {
  /**
   * Runs a typed document and resolves with its `data`, typed from the document.
   * Rejects with a {@link GatewayError} when the answer has errors (partial data in `error.data`).
   */
  query<Result, Variables>(
    document: TypedDocument<Result, Variables>,
    ...args: VariablesArgs<Variables>
  ): Promise<Result>;
  /**
   * Opens a subscription over server-sent events (GraphQL over SSE, "distinct connections" mode: one
   * `POST` with `Accept: text/event-stream` per subscription, as graphql-yoga serves it) and yields
   * each event's `data`, typed from the document. The iteration ends when the gateway completes the
   * stream; it throws a {@link GatewayError} when an event carries errors (e.g. `NOT_FOUND`) or the
   * answer is not an event stream. Leaving the loop (`break`, `return()`) or aborting `signal`
   * closes the connection.
   */
  subscribe<Result, Variables>(
    document: TypedDocument<Result, Variables>,
    ...args: SubscribeArgs<Variables>
  ): AsyncGenerator<Result, void, undefined>;
}

interface Prepared {
  query: string;
  operationName: string | undefined;
  mutation: boolean;
  hash?: Promise<string>;
}

const prepared = new WeakMap<DocumentNode, Prepared>();

function prepare(document: DocumentNode): Prepared {
  let entry = prepared.get(document);
  if (!entry) {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    entry = {
      query: print(document),
      operationName: operation?.name?.value,
      mutation: operation?.operation === 'mutation',
    };
    prepared.set(document, entry);
  }
  return entry;
}

/**
 * The SHA-256 of a query as lowercase hex, as automatic persisted queries name documents.
 *
 * @example
 * ```ts
 * import { sha256Hex } from '@tokenomics/client';
 *
 * await sha256Hex('{ __typename }'); // '7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b'
 * ```
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface Payload {
  query?: string;
  operationName?: string;
  variables?: unknown;
  extensions?: { persistedQuery: { version: 1; sha256Hash: string } };
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: GraphQLErrorEntry[] } | undefined;
}

/** The server does not know the hash: send the document with it. */
function isNotFound(answer: Answer): boolean {
  return (answer.body?.errors ?? []).some(
    (e) => e.message === 'PersistedQueryNotFound' || e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND',
  );
}

/** The server does not speak APQ: it refuses the hash alone, or says so. */
function isUnsupported(answer: Answer): boolean {
  return (answer.body?.errors ?? []).some(
    (e) =>
      e.message === 'PersistedQueryNotSupported' ||
      e.extensions?.code === 'PERSISTED_QUERY_NOT_SUPPORTED' ||
      /must provide query string/i.test(e.message),
  );
}

/**
 * Creates a client of a gateway: `client.query(document, variables, options)` over POST or GET,
 * with automatic persisted queries when asked, resolving with the typed `data`.
 *
 * @example
 * ```ts
 * import { createClient, graphql } from '@tokenomics/client';
 *
 * const key = process.env.GATEWAY_API_KEY ?? '';
 * const client = createClient({ url: 'https://gateway.example/graphql', headers: { 'x-api-key': key } });
 * const Supply = graphql(`query { protocols { id supply { circulating } } }`);
 * const { protocols } = await client.query(Supply, {}, { method: 'GET', persisted: true });
 * ```
 */
export function createClient(options: ClientOptions): GatewayClient {
  // A relative URL (`/graphql`) is taken relative to the page, in a browser.
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  const url = new URL(options.url, page);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  // Set once the gateway has answered that it does not speak persisted queries.
  let apqUnsupported = false;

  async function send(payload: Payload, method: 'GET' | 'POST', call: QueryOptions): Promise<Answer> {
    const headers = new Headers(typeof options.headers === 'function' ? options.headers() : options.headers);
    for (const [name, value] of new Headers(call.headers)) headers.set(name, value);
    headers.set('accept', 'application/graphql-response+json, application/json;q=0.9');
    let target = url;
    const init: RequestInit = { method, headers, ...(call.signal ? { signal: call.signal } : {}) };
    if (method === 'GET') {
      target = new URL(url);
      for (const [key, value] of Object.entries(payload)) {
        if (value === undefined) continue;
        target.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
    } else {
      headers.set('content-type', 'application/json');
      init.body = JSON.stringify(payload);
    }
    const response = await doFetch(target, init);
    const text = await response.text();
    let body: Answer['body'];
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) {
        body = parsed as Answer['body'];
      }
    } catch {}
    return { status: response.status, body };
  }

  return {
    subscribe<Result, Variables>(
      document: TypedDocument<Result, Variables>,
      ...[variables, call = {}]: SubscribeArgs<Variables>
    ): AsyncGenerator<Result, void, undefined> {
      const doc = prepare(document);
      const payload: Payload = {
        query: doc.query,
        ...(doc.operationName ? { operationName: doc.operationName } : {}),
        ...(variables && Object.keys(variables).length > 0 ? { variables } : {}),
      };
      const headers = new Headers(
        typeof options.headers === 'function' ? options.headers() : options.headers,
      );
      for (const [name, value] of new Headers(call.headers)) headers.set(name, value);
      const maxEventBytes = call.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
      return readEventStream<Result>(doFetch, url, payload, headers, call.signal, maxEventBytes);
    },

    async query<Result, Variables>(
      document: TypedDocument<Result, Variables>,
      ...[variables, call = {}]: VariablesArgs<Variables>
    ): Promise<Result> {
      const doc = prepare(document);
      const method = doc.mutation ? 'POST' : (call.method ?? 'POST');
      const base: Payload = {
        ...(doc.operationName ? { operationName: doc.operationName } : {}),
        ...(variables && Object.keys(variables).length > 0 ? { variables } : {}),
      };
      let answer: Answer | undefined;
      if ((call.persisted ?? options.persisted ?? false) && !apqUnsupported) {
        doc.hash ??= sha256Hex(doc.query);
        const extensions = { persistedQuery: { version: 1 as const, sha256Hash: await doc.hash } };
        answer = await send({ ...base, extensions }, method, call);
        if (isNotFound(answer)) {
          answer = await send({ ...base, query: doc.query, extensions }, method, call);
        } else if (isUnsupported(answer)) {
          apqUnsupported = true;
          answer = undefined;
        }
      }
      answer ??= await send({ ...base, query: doc.query }, method, call);
      const { status, body } = answer;
      if (!body) {
        throw new GatewayError(
          `the gateway answered HTTP ${status} without a GraphQL response`,
          'HTTP_ERROR',
          [],
          status,
        );
      }
      const errors = body.errors ?? [];
      if (errors.length > 0) {
        const first = errors[0]!;
        throw new GatewayError(
          first.message,
          first.extensions?.code ?? 'INTERNAL',
          errors,
          status,
          body.data ?? undefined,
        );
      }
      if (body.data === undefined || body.data === null) {
        throw new GatewayError(`the gateway answered HTTP ${status} with no data`, 'HTTP_ERROR', [], status);
      }
      return body.data as Result;
    },
  };
}

/** One server-sent event: its type (`message` when unnamed) and its data lines joined. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Splits a server-sent event stream's text into events (the WHATWG format: `event:` and `data:`
 * fields, `:` comments such as keep-alive pings ignored, CRLF or LF line ends), and returns the
 * events complete so far with the unfinished rest, to be prefixed to the next chunk.
 *
 * @example
 * ```ts
 * import { parseServerSentEvents } from '@tokenomics/client';
 *
 * const { events, rest } = parseServerSentEvents(':\n\nevent: next\ndata: {"data":1}\n\nevent: compl');
 * events; // [{ event: 'next', data: '{"data":1}' }]
 * rest; // 'event: compl'
 * ```
 */
export function parseServerSentEvents(text: string): { events: ServerSentEvent[]; rest: string } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: ServerSentEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0 || event !== 'message') events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

function errorOf(body: Answer['body'], status: number, otherwise: string): GatewayError {
  const errors = body?.errors ?? [];
  const first = errors[0];
  return first
    ? new GatewayError(
        first.message,
        first.extensions?.code ?? 'INTERNAL',
        errors,
        status,
        body?.data ?? undefined,
      )
    : new GatewayError(otherwise, 'HTTP_ERROR', [], status);
}

const encoder = new TextEncoder();

/** Whether `text` is longer than `limit` bytes in UTF-8 (a character is 1 to 3 bytes per UTF-16 unit). */
function utf8Exceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return encoder.encode(text).length > limit;
}

/** The events of one subscription: a POST with `Accept: text/event-stream`, read until complete or closed. */
async function* readEventStream<Result>(
  doFetch: typeof fetch,
  url: URL,
  payload: Payload,
  headers: Headers,
  signal: AbortSignal | undefined,
  maxEventBytes: number,
): AsyncGenerator<Result, void, undefined> {
  const controller = new AbortController();
  const abort = () => controller.abort(signal?.reason);
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort, { once: true });
  headers.set('accept', 'text/event-stream');
  headers.set('content-type', 'application/json');
  try {
    const response = await doFetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      signal: controller.signal,
    });
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || !response.body) {
      const text = await response.text();
      let body: Answer['body'];
      try {
        body = JSON.parse(text) as Answer['body'];
      } catch {}
      throw errorOf(
        body,
        response.status,
        `the gateway answered HTTP ${response.status} without an event stream`,
      );
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return;
        const { events, rest } = parseServerSentEvents(buffered + decoder.decode(value, { stream: true }));
        if (utf8Exceeds(rest, maxEventBytes)) {
          throw new GatewayError(
            `the gateway sent an event longer than ${maxEventBytes} bytes (maxEventBytes) without ending it`,
            'EVENT_TOO_LARGE',
            [],
            response.status,
          );
        }
        buffered = rest;
        for (const { event, data } of events) {
          if (event === 'complete') return;
          if (event !== 'next' && event !== 'message') continue;
          const body = JSON.parse(data) as Answer['body'];
          if ((body?.errors ?? []).length > 0 || body?.data === undefined || body.data === null) {
            throw errorOf(body, response.status, 'the gateway sent an event without data');
          }
          yield body.data as Result;
        }
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
  } catch (error) {
    // Closed by the caller's signal: the iteration just ends.
    if (signal?.aborted) return;
    throw error;
  } finally {
    signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}

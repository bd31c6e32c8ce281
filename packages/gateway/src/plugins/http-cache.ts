import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type JsonValue,
  type SizedCacheStats,
  sizedCache,
  sizedCacheStats,
  type UpstreamReader,
  type UpstreamRequest,
  type UpstreamValue,
} from '@tokenomics/core';
import type { Plugin } from 'graphql-yoga';

/** How long an explicit past `at` may be cached: a day. */
export const PAST_ANSWER_MAX_AGE_SECONDS = 86_400;
/** The most bytes (2 per code unit of body and key) of GET answers kept for the current second. */
export const DEFAULT_HTTP_CACHE_BYTES = 8_000_000;
/** What an entry costs besides its strings. */
const ENTRY_BYTES = 256;

/**
 * What one answer depended on, recorded while it was computed: whether
 * anything read the request's "now", and the live reads it used.
 */
export interface AnswerFreshness {
  /** Something read the request's "now" (a figure at the current instant). */
  usedNow: boolean;
  /** How many times "now" was read. */
  nowReads?: number;
  /** How many of those reads were figures whose model said when they next change (`EconomyContext.noteNow`). */
  nowNotes?: number;
  /** The earliest of those next changes (ms), or null. */
  nextChange?: number | null;
  /** A figure at "now" changes continuously (no next change known). */
  continuous?: boolean;
  /** The oldest `fetchedAt` of the live reads used (ms), or null when none was read. */
  oldestRead: number | null;
  /** A read was served stale (its upstream failed). */
  stale: boolean;
}

/**
 * A fresh record: nothing read yet.
 *
 * @example
 * ```ts
 * import { newFreshness } from './http-cache.js';
 *
 * const freshness = newFreshness(); // { usedNow: false, oldestRead: null, stale: false }
 * ```
 */
export function newFreshness(): AnswerFreshness {
  return {
    usedNow: false,
    oldestRead: null,
    stale: false,
    nowReads: 0,
    nowNotes: 0,
    nextChange: null,
    continuous: false,
  };
}

/**
 * Records in `freshness` that a figure was computed at "now" and when its
 * model's figures next change (null: continuously): what
 * `EconomyContext.noteNow` is given.
 *
 * @example
 * ```ts
 * import { newFreshness, noteNextChange } from './http-cache.js';
 *
 * const freshness = newFreshness();
 * noteNextChange(freshness, new Date('2026-01-02T00:00:00Z'));
 * freshness.nextChange; // 1767312000000
 * ```
 */
export function noteNextChange(freshness: AnswerFreshness, next: Date | null): void {
  freshness.nowNotes = (freshness.nowNotes ?? 0) + 1;
  if (next === null) freshness.continuous = true;
  else if (freshness.nextChange == null || next.getTime() < freshness.nextChange)
    freshness.nextChange = next.getTime();
}

/**
 * A reader that notes each read's age and staleness in `freshness`.
 *
 * @example
 * ```ts
 * import type { UpstreamReader, UpstreamRequest } from '@tokenomics/core';
 * import { createRequestReader } from '@tokenomics/gateway';
 * import { newFreshness, recordingReader } from './http-cache.js';
 *
 * declare const shared: UpstreamReader;
 * declare const pool: UpstreamRequest<{ pool: string }>;
 *
 * const freshness = newFreshness();
 * const reader = recordingReader(createRequestReader(shared), freshness);
 * await reader.read(pool); // freshness.oldestRead = the pool's fetchedAt
 * ```
 */
export function recordingReader(reader: UpstreamReader, freshness: AnswerFreshness): UpstreamReader {
  return {
    async read<T extends JsonValue>(request: UpstreamRequest<T>): Promise<UpstreamValue<T>> {
      const value = await reader.read(request);
      const at = value.fetchedAt.getTime();
      if (freshness.oldestRead === null || at < freshness.oldestRead) freshness.oldestRead = at;
      if (value.stale) freshness.stale = true;
      return value;
    },
  };
}

/**
 * The `Cache-Control` of a successful answer, from what it depended on:
 * - live reads: what is left of the oldest read's TTL (at least 1 s); a stale read: 1 s;
 * - otherwise, figures at "now" of models that move in steps (e.g. a
 *   daily pool step), when every read of "now" was such a figure and the
 *   answer does not itself show the instant: until the next step (at most a day);
 * - otherwise, a figure at "now" (the request's second): 1 s;
 * - nothing at "now" and nothing live (every `at` explicit): a day. (A read of
 *   the recorded history counts as a live read made at the request.)
 *
 * `stale-while-revalidate` is the TTL in every case.
 *
 * @example
 * ```ts
 * import { cacheControlFor } from './http-cache.js';
 *
 * cacheControlFor({ usedNow: true, oldestRead: null, stale: false }, { nowMs: 0, ttlSeconds: 30 });
 * // 'public, max-age=1, stale-while-revalidate=30'
 * ```
 */
export function cacheControlFor(
  freshness: AnswerFreshness | undefined,
  { nowMs, ttlSeconds, body }: { nowMs: number; ttlSeconds: number; body?: string },
): string {
  let maxAge = 1;
  if (freshness && !freshness.stale) {
    if (freshness.oldestRead !== null) {
      const age = Math.max(0, Math.floor((nowMs - freshness.oldestRead) / 1000));
      maxAge = Math.max(1, ttlSeconds - age);
    } else if (!freshness.usedNow) {
      maxAge = PAST_ANSWER_MAX_AGE_SECONDS;
    } else if (
      freshness.nextChange != null &&
      !freshness.continuous &&
      (freshness.nowNotes ?? 0) >= (freshness.nowReads ?? Number.POSITIVE_INFINITY) &&
      // An answer that shows the instant itself (`at`) changes every second.
      (body === undefined || !body.includes(new Date(nowMs).toISOString()))
    ) {
      maxAge = Math.min(
        PAST_ANSWER_MAX_AGE_SECONDS,
        Math.max(1, Math.floor((freshness.nextChange - nowMs) / 1000)),
      );
    }
  }
  return `public, max-age=${maxAge}, stale-while-revalidate=${ttlSeconds}`;
}

/**
 * A strong ETag of a body: its SHA-1, base64url, quoted.
 *
 * @example
 * ```ts
 * import { etagOf } from './http-cache.js';
 *
 * etagOf('42'); // '"ks_Os51X2RTtixTQ43ZD3geXrlY"' (28 characters with the quotes)
 * ```
 */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Whether an `If-None-Match` header names `etag` (weak comparison, as for GET; `*` matches anything).
 *
 * @example
 * ```ts
 * import { ifNoneMatchHits } from './http-cache.js';
 *
 * ifNoneMatchHits('W/"a", "b"', '"a"'); // true
 * ```
 */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === wanted);
}

/** Options of {@link useHttpCache}. */
export interface HttpCacheOptions {
  /** The request's second (the same as the resolvers'). */
  secondOf: (request: Request) => Date;
  /** What each request's answer depended on (recorded by its context). */
  freshnessOf: (request: Request) => AnswerFreshness | undefined;
  /** The upstream TTL: live answers' max-age and every answer's stale-while-revalidate. */
  ttlSeconds: number;
  /** Bytes of answers kept for the current second. Default {@link DEFAULT_HTTP_CACHE_BYTES}. */
  maxBytes?: number;
  /**
   * The current second (ms), for {@link HttpCache.answerRaw}, which answers
   * before any `Request` exists. Default: the wall clock's second.
   */
  currentSecondMs?: () => number;
  /**
   * Told of each answer {@link HttpCache.answerRaw} gives (path: `/graphql`
   * or `other`, status 200 or 304), so that request counts include them
   * (the metrics plugin never sees them).
   */
  onRawAnswer?: (path: string, status: number) => void;
}

/** The plugin of {@link useHttpCache}, with the raw Node path of its hits. */
export interface HttpCache extends Plugin {
  stats(): SizedCacheStats;
  /**
   * Answers a repeat GET of the current second (200 with the kept body, or
   * 304 when `If-None-Match` names its ETag) straight on Node's response,
   * before yoga builds a `Request`: the precomputed bytes and headers are
   * written as they are. Returns false (nothing written) on a miss. Only for
   * servers whose every other plugin would add nothing to a hit: the gateway
   * calls it only without rate limits and with CORS allowing any origin, so
   * the one header added is `Access-Control-Allow-Origin: *` when the request
   * has an `Origin`.
   *
   * With `fallback` (the server's yoga handler), a miss while the same GET
   * of this second is already being answered waits for that answer instead
   * of computing it again (returns true): when the first answer is kept,
   * every waiting request gets it on the raw path; when it is not (an
   * error, a new second), each waiting request goes to `fallback` as if it
   * had just arrived. Without it, every miss returns false.
   */
  answerRaw(
    request: IncomingMessage,
    response: ServerResponse,
    fallback?: (request: IncomingMessage, response: ServerResponse) => void,
  ): boolean;
  /** How many answers {@link HttpCache.answerRaw} gave (200s and 304s). */
  rawAnswers(): { ok: number; notModified: number };
}

interface KeptAnswer {
  status: number;
  contentType: string;
  body: string;
  etag: string;
  cacheControl: string;
  vary: string | null;
  /** The body's UTF-8 bytes, encoded once: what the raw path writes. */
  bytes: Buffer;
  /** The raw path's header lists (name, value, name, value…), built once: 200, 304, each with and without CORS. */
  raw: { ok: string[]; okCors: string[]; notModified: string[]; notModifiedCors: string[] };
}

/** A request waiting for the answer to the same GET, being computed. */
interface Waiter {
  request: IncomingMessage;
  response: ServerResponse;
}

/** The raw path's header lists of an answer (see {@link KeptAnswer.raw}). */
function rawHeaders(answer: Omit<KeptAnswer, 'raw'>): KeptAnswer['raw'] {
  const validators = ['etag', answer.etag, 'cache-control', answer.cacheControl];
  if (answer.vary) validators.push('vary', answer.vary);
  const ok = [
    ...validators,
    'content-type',
    answer.contentType,
    'content-length',
    String(answer.bytes.length),
  ];
  const cors = ['access-control-allow-origin', '*'];
  return { ok, okCors: [...ok, ...cors], notModified: validators, notModifiedCors: [...validators, ...cors] };
}

/** The metrics path label of a raw answer's URL: the GraphQL endpoint or another (a supply endpoint). */
function rawPathLabel(url: string): string {
  return url.startsWith('/graphql') && (url.length === 8 || url[8] === '?') ? '/graphql' : 'other';
}

/** The path and query of a URL (what Node's `request.url` holds). */
function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

/** Paths whose GET answers are cacheable: the GraphQL endpoint and the supply endpoints. */
function cacheablePath(pathname: string): boolean {
  return pathname === '/graphql' || pathname.startsWith('/supply/');
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

/** The path of a Node request's URL (path and query, no origin). */
function rawPathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/** A 304 for `etag`: no body, the validators and caching headers only. */
function notModified(
  Response: typeof globalThis.Response,
  etag: string,
  cacheControl: string,
  vary: string | null,
): Response {
  const headers: Record<string, string> = { etag, 'cache-control': cacheControl };
  if (vary) headers.vary = vary;
  return new Response(null, { status: 304, headers });
}

/**
 * HTTP caching of GET answers (GraphQL over GET and `/supply/…`):
 * - a successful answer gets a strong `ETag` and `Cache-Control: public,
 *   max-age=…, stale-while-revalidate=…` ({@link cacheControlFor});
 *   errors (any status but 200, or a GraphQL answer with `errors`) and
 *   POSTs get `no-store`;
 * - `If-None-Match` naming the answer's ETag gets `304` with no body;
 * - the answers of the current second are kept, by method, URL and
 *   `Accept`: a repeat (or its 304) is answered from `onRequest`, before
 *   yoga parses anything. Headers added on the way out (CORS) are added to
 *   hits too.
 *
 * @example
 * ```ts
 * import type { GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 * import { type AnswerFreshness, useHttpCache } from './http-cache.js';
 *
 * declare const schema: GraphQLSchema;
 * declare const secondOf: (request: Request) => Date; // the request clock's "now", to the second
 *
 * const freshness = new WeakMap<Request, AnswerFreshness>();
 * createYoga({ schema, plugins: [useHttpCache({ secondOf, freshnessOf: (r) => freshness.get(r), ttlSeconds: 30 })] });
 * ```
 */
export function useHttpCache(options: HttpCacheOptions): HttpCache {
  const answered = new WeakSet<Request>();
  let second = 0;
  const kept = sizedCache<string, KeptAnswer>({
    // The body is held twice (text and bytes): 3 bytes per code unit at most for UTF-8.
    maxBytes: options.maxBytes ?? DEFAULT_HTTP_CACHE_BYTES,
    sizeOf: (answer, key) => ENTRY_BYTES + 2 * (answer.body.length + key.length) + answer.bytes.length,
  });
  // Keyed by path and query (the host does not change the answer) and Accept: the same key from a
  // `Request` and from Node's `IncomingMessage`. Only GETs are kept.
  const keyOf = (request: Request) =>
    `${pathAndQuery(request.url)}\u0000${request.headers.get('accept') ?? ''}`;
  // GETs of the current second being computed, by raw key, with the requests waiting for them.
  let pending = new Map<string, Waiter[]>();
  const advance = (at: number) => {
    if (at > second) {
      second = at;
      kept.clear();
      // Waiters of the last second are released by their first request's close (to the fallback).
      pending = new Map();
    }
    return at;
  };
  const onRawAnswer = options.onRawAnswer ?? (() => {});
  /** Writes a kept answer on Node's response: 304 when If-None-Match names its ETag, else 200 with the bytes. */
  const writeRaw = (hit: KeptAnswer, request: IncomingMessage, response: ServerResponse) => {
    const cors = request.headers.origin !== undefined;
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatchHits(ifNoneMatch, hit.etag)) {
      raw.notModified++;
      onRawAnswer(rawPathLabel(request.url ?? ''), 304);
      response.writeHead(304, cors ? hit.raw.notModifiedCors : hit.raw.notModified);
      response.end();
      return;
    }
    raw.ok++;
    onRawAnswer(rawPathLabel(request.url ?? ''), hit.status);
    response.writeHead(hit.status, cors ? hit.raw.okCors : hit.raw.ok);
    response.end(hit.bytes);
  };
  /** The first request of a GET is done: requests still waiting (its answer was not kept) go to the fallback. */
  const release = (
    key: string,
    waiters: Waiter[],
    fallback: (request: IncomingMessage, response: ServerResponse) => void,
  ) => {
    if (pending.get(key) === waiters) pending.delete(key);
    for (const waiter of waiters.splice(0)) fallback(waiter.request, waiter.response);
  };
  const currentSecond = (request: Request) => advance(options.secondOf(request).getTime());
  const nowSecond = options.currentSecondMs ?? (() => Math.floor(Date.now() / 1000) * 1000);
  const raw = { ok: 0, notModified: 0 };

  return {
    stats: () => sizedCacheStats(kept),
    rawAnswers: () => ({ ...raw }),
    answerRaw(request, response, fallback) {
      if (request.method !== 'GET' || request.url === undefined) return false;
      if (advance(nowSecond()) !== second) return false;
      const key = `${request.url}\u0000${request.headers.accept ?? ''}`;
      const hit = kept.get(key);
      if (hit) {
        writeRaw(hit, request, response);
        return true;
      }
      if (!fallback || !cacheablePath(rawPathOf(request.url))) return false;
      const waiting = pending.get(key);
      if (waiting) {
        waiting.push({ request, response });
        return true;
      }
      const waiters: Waiter[] = [];
      pending.set(key, waiters);
      response.once('close', () => release(key, waiters, fallback));
      return false;
    },
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'GET') return;
      const at = currentSecond(request);
      if (at !== second) return;
      const hit = kept.get(keyOf(request));
      if (!hit) return;
      answered.add(request);
      if (ifNoneMatchHits(request.headers.get('if-none-match'), hit.etag)) {
        endResponse(notModified(fetchAPI.Response, hit.etag, hit.cacheControl, hit.vary));
        return;
      }
      const headers: Record<string, string> = {
        'content-type': hit.contentType,
        etag: hit.etag,
        'cache-control': hit.cacheControl,
      };
      if (hit.vary) headers.vary = hit.vary;
      // whatwg-node's Response (yoga's own), not Node's: a fraction of the cost to build and write.
      endResponse(new fetchAPI.Response(hit.body, { status: hit.status, headers }));
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (answered.has(request)) return;
      const path = pathOf(request.url);
      if (!cacheablePath(path)) return;
      if (request.method !== 'GET') {
        if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
        return;
      }
      const contentType = response.headers.get('content-type') ?? '';
      // GraphiQL's page and other non-answers keep their own headers.
      if (!/json|text\/plain/.test(contentType) || !response.body) return;
      const body = await response.text();
      const headers = new Headers(response.headers);
      const failed = response.status !== 200 || body.startsWith('{"errors"');
      if (failed) {
        headers.set('cache-control', 'no-store');
        setResponse(new fetchAPI.Response(body, { status: response.status, headers }));
        return;
      }
      const at = currentSecond(request);
      const etag = etagOf(body);
      const cacheControl = cacheControlFor(options.freshnessOf(request), {
        nowMs: at,
        ttlSeconds: options.ttlSeconds,
        body,
      });
      // The GraphQL answer's media type follows Accept (CORS adds its own Vary on every answer, hits included).
      const vary = path === '/graphql' ? 'Accept' : null;
      if (vary) headers.append('vary', vary);
      headers.set('etag', etag);
      headers.set('cache-control', cacheControl);
      if (at === second) {
        const answer = { status: 200, contentType, body, etag, cacheControl, vary, bytes: Buffer.from(body) };
        const keptAnswer: KeptAnswer = { ...answer, raw: rawHeaders(answer) };
        const key = keyOf(request);
        kept.set(key, keptAnswer);
        // The requests that waited for this answer on the raw path get it now.
        const waiters = pending.get(key);
        if (waiters) {
          pending.delete(key);
          for (const waiter of waiters.splice(0)) writeRaw(keptAnswer, waiter.request, waiter.response);
        }
      }
      if (ifNoneMatchHits(request.headers.get('if-none-match'), etag)) {
        const reply = notModified(fetchAPI.Response, etag, cacheControl, headers.get('vary'));
        for (const [name, value] of headers)
          if (name.startsWith('access-control-')) reply.headers.set(name, value);
        setResponse(reply);
        return;
      }
      setResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}

import {
  remember,
  type SizedCache,
  type SizedCacheStats,
  sizedCache,
  sizedCacheStats,
} from '@tokenomics/core';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type AnswerTextKeeper, KEEP_ANSWER_TEXT, regularMediaType } from './answer-text.js';

/** The request clock lives in its own module; re-exported here for existing imports. */
export { requestSeconds } from './request-clock.js';

/**
 * The most answer bytes one second keeps (UTF-8, plus 2 per UTF-16 code unit
 * of each key): a few 2 MB schedules, or a thousand dashboards. The answers
 * are kept as bytes outside the JavaScript heap (the collector never copies
 * them), but they are memory all the same.
 */
export const DEFAULT_RESPONSE_TEXT_BYTES = 16_000_000;
/** The most documents given short ids, in estimated bytes (2 per code unit): 80 of the largest bodies, or thousands of queries. */
export const DEFAULT_DOCUMENT_ID_BYTES = 8 * 1024 * 1024;
/** What an entry costs besides its strings: its place in the LRU and the Map under it. */
const ENTRY_BYTES = 128;

/** Options of {@link useSecondResponseCache}. */
export interface SecondResponseCacheOptions {
  /** Bytes of response texts kept for the current second. Default {@link DEFAULT_RESPONSE_TEXT_BYTES}. */
  maxTextBytes?: number;
  /** Bytes of documents kept with their short ids. Default {@link DEFAULT_DOCUMENT_ID_BYTES}. */
  maxDocumentBytes?: number;
}

/** What the response cache holds now. */
export interface SecondResponseCacheStats {
  texts: SizedCacheStats;
  documents: SizedCacheStats;
}

/** A request's place in the cache: its key, its second, and whether its result may be kept. */
interface CacheEntry {
  second: number;
  key: string;
  keep: boolean;
  /** Set when this request is the first of its key in its second: identical requests wait for its text. */
  flight?: Flight;
  /** The keeper handed to the writer of its answer. */
  keeper?: AnswerTextKeeper;
}

/** The first request of a key in a second, being answered: what identical requests arriving meanwhile wait for. */
interface Flight {
  second: number;
  /** Its answer's bytes once kept, or undefined when they will not be (errors, too large, a failure). */
  text: Promise<Uint8Array<ArrayBuffer> | undefined>;
  settle(text?: Uint8Array<ArrayBuffer>): void;
  /** `text`, for a request waiting on it: settled without a text after {@link FLIGHT_WAIT_MS} at the latest. */
  wait(): Promise<Uint8Array<ArrayBuffer> | undefined>;
}

/** How long an identical request waits for the first one's text before it runs on its own. */
const FLIGHT_WAIT_MS = 10_000;

/**
 * Whole responses reused within one second: the key is the request's "now"
 * (already to the second), the document, the operation and the variables, so
 * a hit is exactly what executing again would give. Only results without
 * errors are kept, and only for the current second.
 *
 * What is kept is the response's JSON text as UTF-8 bytes, not the result:
 * each result is serialized and encoded once, a 10-year daily schedule's tree
 * of 44,000 values dies with its request instead of being held (and copied
 * by the garbage collector) for the rest of the second, and a hit writes the
 * bytes as they are: a string would be encoded again for the socket on every
 * hit, which under the hostile soak was a third of the event loop's longest
 * stalls. (envelop's response cache does much more, entity tracking and
 * document rewriting, that this read-only API does not need and that costs a
 * third of a large query.)
 */
export function useSecondResponseCache(
  secondOf: (request: Request) => Date,
  options: SecondResponseCacheOptions = {},
): Plugin & { stats(): SecondResponseCacheStats } {
  const documentIds = shortIds(options.maxDocumentBytes ?? DEFAULT_DOCUMENT_ID_BYTES);
  const entries = new WeakMap<Request, CacheEntry>();
  let second = 0;
  // Answers of the current second only, as UTF-8 bytes: emptied when the next second starts.
  const texts = sizedCache<string, Uint8Array<ArrayBuffer>>({
    maxBytes: options.maxTextBytes ?? DEFAULT_RESPONSE_TEXT_BYTES,
    sizeOf: (bytes, key) => ENTRY_BYTES + bytes.byteLength + 2 * key.length,
  });
  // The first request of each key in the current second, until its text is kept or known not to be.
  const inFlight = new Map<string, Flight>();
  const startFlight = (key: string, at: number): Flight => {
    let resolve!: (text: Uint8Array<ArrayBuffer> | undefined) => void;
    const text = new Promise<Uint8Array<ArrayBuffer> | undefined>((settled) => {
      resolve = settled;
    });
    let settled = false;
    // Armed only when a first identical request waits: most requests have no twin in flight.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flight: Flight = {
      second: at,
      text,
      settle(made) {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        if (inFlight.get(key) === flight) inFlight.delete(key);
        resolve(made);
      },
      wait() {
        if (timer === undefined && !settled) {
          timer = setTimeout(() => flight.settle(undefined), FLIGHT_WAIT_MS);
          timer.unref?.();
        }
        return text;
      },
    };
    inFlight.set(key, flight);
    return flight;
  };
  return {
    stats: () => ({ texts: sizedCacheStats(texts), documents: sizedCacheStats(documentIds.cache) }),
    onParams({ params, request, setResult }) {
      const at = secondOf(request).getTime();
      if (at > second) {
        second = at;
        texts.clear();
      }
      const query = typeof params.query === 'string' ? params.query : JSON.stringify(params.query ?? null);
      const variables =
        params.variables && Object.keys(params.variables).length > 0 ? JSON.stringify(params.variables) : '';
      const key = `${documentIds.idOf(query)}\u0000${params.operationName ?? ''}\u0000${variables}`;
      const text = at === second ? texts.get(key) : undefined;
      if (text !== undefined) {
        setResult(hitOf(text));
        return;
      }
      // The same request is being answered in this second: wait for its text rather than compute it again.
      const flight = inFlight.get(key);
      if (flight && flight.second === at) {
        return flight.wait().then((made) => {
          if (made !== undefined) setResult(hitOf(made));
          else entries.set(request, { second: at, key, keep: false });
        });
      }
      entries.set(request, { second: at, key, keep: false, flight: startFlight(key, at) });
    },
    onResponse({ request }) {
      // Not kept by the time its answer goes (errors, a failure, not written by its stringify), and no
      // stream will hand the text over later: the waiters run on their own (a no-op once settled).
      const entry = entries.get(request);
      if (entry?.flight && !entry.keeper?.later) entry.flight.settle(undefined);
    },
    onExecutionResult({ request, result }) {
      const entry = entries.get(request);
      if (
        entry &&
        result &&
        !(Symbol.asyncIterator in result) &&
        !result.errors?.length &&
        !result.extensions
      )
        entry.keep = true;
    },
    onResultProcess({ request, result, setResult, resultProcessor, setResultProcessor }) {
      const bytes = (result as { [KEPT_BYTES]?: Uint8Array<ArrayBuffer> })[KEPT_BYTES];
      if (bytes) {
        // A hit written as the kept bytes: no text made, and nothing for the socket to encode again.
        // Only where yoga's regular processor would write it (SSE and multipart write its text).
        if (resultProcessor?.name !== 'processRegularResult') return;
        const mediaType = regularMediaType(request);
        if (mediaType === null) return;
        setResultProcessor(
          (_, fetchAPI) =>
            new fetchAPI.Response(bytes, {
              status: 200,
              headers: { 'content-type': `${mediaType}; charset=utf-8` },
            }),
          mediaType,
        );
        return;
      }
      const entry = entries.get(request);
      if (!entry) return;
      if (!entry.keep || Array.isArray(result) || Symbol.asyncIterator in result) {
        entry.keep = false;
        entry.flight?.settle(undefined);
        return;
      }
      let text: string | undefined;
      const maxTextBytes = options.maxTextBytes ?? DEFAULT_RESPONSE_TEXT_BYTES;
      const keeper: AnswerTextKeeper = {
        maxBytes: maxTextBytes - ENTRY_BYTES - 2 * entry.key.length,
        keep(made) {
          // A text larger than the whole bound is not kept (lru-cache's maxEntrySize).
          if (entry.second === second) texts.set(entry.key, made);
          entry.flight?.settle(made);
        },
        skip() {
          entry.flight?.settle(undefined);
        },
        later: false,
      };
      entry.keeper = keeper;
      const kept: ExecutionResult & {
        stringify(value: ExecutionResult): string;
        [KEEP_ANSWER_TEXT]: AnswerTextKeeper;
      } = {
        ...result,
        stringify: (value: ExecutionResult) => {
          if (text === undefined) {
            text = JSON.stringify(value);
            // Encoded once here; every hit then writes these bytes as they are.
            if (text.length <= keeper.maxBytes) keeper.keep(Buffer.from(text));
            else keeper.skip();
          }
          return text;
        },
        // A streamed answer (useStreamedAnswers) hands its text over when written.
        [KEEP_ANSWER_TEXT]: keeper,
      };
      setResult(kept);
    },
  };
}

/** Where a hit carries its kept bytes through yoga. */
const KEPT_BYTES = Symbol('kept answer bytes');

/**
 * A hit: the kept bytes are the whole answer; the empty result only carries
 * them through yoga, to {@link writeKeptBytes} (or, for another processor
 * than the regular one, its text).
 */
function hitOf(
  bytes: Uint8Array<ArrayBuffer>,
): ExecutionResult & { stringify(): string; [KEPT_BYTES]: Uint8Array<ArrayBuffer> } {
  return { data: {}, stringify: () => Buffer.from(bytes).toString(), [KEPT_BYTES]: bytes };
}

/**
 * Short ids for long strings (documents), so a cache key needs no hash of
 * the whole document on every request. Bounded by the documents' bytes
 * (least recently used dropped first), and ids are never reused, so an old
 * key can only miss.
 */
function shortIds(maxBytes: number): { idOf(text: string): string; cache: SizedCache<string, string> } {
  const cache = sizedCache<string, string>({
    maxBytes,
    sizeOf: (id, text) => ENTRY_BYTES + 2 * (text.length + id.length),
  });
  let next = 0;
  return {
    cache,
    idOf: (text) => remember(cache, text, () => (next++).toString(36)),
  };
}

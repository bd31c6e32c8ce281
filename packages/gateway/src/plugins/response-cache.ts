import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Each request's "now", to the whole second, fixed on first use: the response
 * cache's key and the resolvers' context see the same instant.
 */
export function requestSeconds(now: () => Date): (request: Request) => Date {
  const seconds = new WeakMap<Request, Date>();
  return (request) => {
    let second = seconds.get(request);
    if (!second) {
      second = new Date(Math.floor(now().getTime() / 1000) * 1000);
      seconds.set(request, second);
    }
    return second;
  };
}

/** The most responses one second keeps. */
const RESPONSES_PER_SECOND = 1_000;
/**
 * The most text one second keeps (UTF-16 code units, about bytes of JSON):
 * a few 2 MB schedules, or a thousand dashboards. Held texts grow the heap, and
 * a heap grown by 40 MB a second is collected (in full) often enough to cost
 * more than recomputing a large answer would.
 */
const TEXT_PER_SECOND = 8_000_000;

/** A request's place in the cache: its key, its second, and whether its result may be kept. */
interface CacheEntry {
  second: number;
  key: string;
  keep: boolean;
}

/**
 * Whole responses reused within one second: the key is the request's "now"
 * (already to the second), the document, the operation and the variables, so
 * a hit is exactly what executing again would give. Only results without
 * errors are kept, and only for the current second.
 *
 * What is kept is the response's JSON text, not the result: each result is
 * serialized once, and a 10-year daily schedule's tree of 44,000 values dies
 * with its request instead of being held (and copied by the garbage
 * collector) for the rest of the second, while its one 2 MB string is not
 * moved at all. (envelop's response cache does much more, entity tracking
 * and document rewriting, that this read-only API does not need and that
 * costs a third of a large query.)
 */
export function useSecondResponseCache(secondOf: (request: Request) => Date): Plugin {
  const documentIds = new BoundedIds();
  const entries = new WeakMap<Request, CacheEntry>();
  let second = 0;
  let texts = new Map<string, string>();
  let kept = 0;
  return {
    onParams({ params, request, setResult }) {
      const at = secondOf(request).getTime();
      if (at > second) {
        second = at;
        texts = new Map();
        kept = 0;
      }
      const query = typeof params.query === 'string' ? params.query : JSON.stringify(params.query ?? null);
      const variables =
        params.variables && Object.keys(params.variables).length > 0 ? JSON.stringify(params.variables) : '';
      const key = `${documentIds.idOf(query)}\u0000${params.operationName ?? ''}\u0000${variables}`;
      const text = at === second ? texts.get(key) : undefined;
      if (text === undefined) {
        entries.set(request, { second: at, key, keep: false });
        return;
      }
      // The hit's text is the whole answer; the empty result only carries it through yoga.
      const hit: ExecutionResult & { stringify(): string } = { data: {}, stringify: () => text };
      setResult(hit);
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
    onResultProcess({ request, result, setResult }) {
      const entry = entries.get(request);
      if (!entry?.keep || Array.isArray(result) || Symbol.asyncIterator in result) return;
      let text: string | undefined;
      setResult({
        ...result,
        stringify: (value: ExecutionResult) => {
          if (text === undefined) {
            text = JSON.stringify(value);
            if (
              entry.second === second &&
              texts.size < RESPONSES_PER_SECOND &&
              kept + text.length <= TEXT_PER_SECOND
            ) {
              texts.set(entry.key, text);
              kept += text.length;
            }
          }
          return text;
        },
      });
    },
  };
}

/**
 * Short ids for long strings (documents), so a cache key needs no hash of
 * the whole document on every request. Bounded: past the limit it starts
 * over, and ids are never reused, so an old key can only miss.
 */
class BoundedIds {
  private readonly ids = new Map<string, string>();
  private next = 0;
  constructor(private readonly limit = 1_000) {}

  idOf(text: string): string {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (this.ids.size >= this.limit) this.ids.clear();
      id = (this.next++).toString(36);
      this.ids.set(text, id);
    }
    return id;
  }
}

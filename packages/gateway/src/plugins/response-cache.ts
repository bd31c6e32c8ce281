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
 * Whole responses reused within one second: the key is the request's "now"
 * (already to the second), the document, the operation and the variables, so
 * a hit is exactly what executing again would give. Only results without
 * errors are kept, and only for the current second. (envelop's response
 * cache does much more, entity tracking and document rewriting, that this
 * read-only API does not need and that costs a third of a large query.)
 */
export function useSecondResponseCache(secondOf: (request: Request) => Date): Plugin {
  const documentIds = new BoundedIds();
  const keys = new WeakMap<Request, { second: number; key: string }>();
  let second = 0;
  let responses = new Map<string, ExecutionResult>();
  return {
    onParams({ params, request, setResult }) {
      const at = secondOf(request).getTime();
      if (at > second) {
        second = at;
        responses = new Map();
      }
      const query = typeof params.query === 'string' ? params.query : JSON.stringify(params.query ?? null);
      const variables =
        params.variables && Object.keys(params.variables).length > 0 ? JSON.stringify(params.variables) : '';
      const key = `${documentIds.idOf(query)}\u0000${params.operationName ?? ''}\u0000${variables}`;
      keys.set(request, { second: at, key });
      const hit = at === second ? responses.get(key) : undefined;
      if (hit) setResult(hit);
    },
    onExecutionResult({ request, result }) {
      const entry = keys.get(request);
      if (
        !entry ||
        entry.second !== second ||
        !result ||
        Symbol.asyncIterator in result ||
        result.errors?.length
      )
        return;
      if (responses.size < RESPONSES_PER_SECOND) responses.set(entry.key, result);
    },
  };
}

/**
 * Serializes each result once: a response-cache hit hands back the same
 * `data` object, so its JSON is reused instead of rebuilt on every request.
 * Only plain results (data, no errors, no extensions) are kept; the texts
 * live as long as their results do.
 */
export function useSerializeOnce(): Plugin {
  const texts = new WeakMap<object, string>();
  const stringifyOnce = (result: ExecutionResult): string => {
    const { data } = result;
    if (result.errors?.length || result.extensions || !data || typeof data !== 'object')
      return JSON.stringify(result);
    let text = texts.get(data);
    if (text === undefined) {
      text = JSON.stringify(result);
      texts.set(data, text);
    }
    return text;
  };
  return {
    onResultProcess({ result, setResult }) {
      if (!Array.isArray(result) && !(Symbol.asyncIterator in result))
        setResult({ ...result, stringify: stringifyOnce });
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

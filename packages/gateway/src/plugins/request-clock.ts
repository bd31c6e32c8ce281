/**
 * The request clock: each request's "now", to the whole second, fixed on
 * first use, kept apart from every cache so that the response cache, the HTTP
 * cache, the request budget and the resolvers' context all read the same
 * instant from one place.
 */
export interface RequestClock {
  /** The request's second (fixed the first time it is asked for that request). */
  secondOf(request: Request): Date;
  /** The current second in ms since the epoch, for answers given before any `Request` exists. */
  currentSecondMs(): number;
}

/**
 * A request clock over `now` (tests pin it).
 *
 * @example
 * ```ts
 * import { requestClock } from './request-clock.js';
 * const clock = requestClock(() => new Date('2026-01-01T00:00:00.750Z'));
 * clock.currentSecondMs(); // 1767225600000
 * ```
 */
export function requestClock(now: () => Date = () => new Date()): RequestClock {
  const seconds = new WeakMap<Request, Date>();
  return {
    secondOf(request) {
      let second = seconds.get(request);
      if (!second) {
        second = new Date(Math.floor(now().getTime() / 1000) * 1000);
        seconds.set(request, second);
      }
      return second;
    },
    currentSecondMs: () => Math.floor(now().getTime() / 1000) * 1000,
  };
}

/**
 * Each request's "now", to the whole second, fixed on first use: the
 * response cache's key and the resolvers' context see the same instant.
 *
 * @example
 * ```ts
 * import { requestSeconds } from './request-clock.js';
 * const secondOf = requestSeconds(() => new Date());
 * secondOf(new Request('http://localhost/graphql')); // this second, to the ms 000
 * ```
 */
export function requestSeconds(now: () => Date): (request: Request) => Date {
  return requestClock(now).secondOf;
}

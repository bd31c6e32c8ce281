/** What {@link workGate} gives a caller: a release to call once (more calls do nothing), or null when the queue is full. */
export type GateTicket = Promise<() => void> | null;

/** A semaphore with a bounded first-come-first-served queue. */
export interface WorkGate {
  /** A slot now or once one frees (in order of asking); null when `queue` callers already wait. */
  enter(): GateTicket;
  /** Holders and waiters now. */
  stats(): { running: number; waiting: number };
}

/**
 * At most `concurrency` holders at once, at most `queue` more waiting their
 * turn in order; a caller beyond that is turned away at once (null).
 *
 * @example
 * ```ts
 * import { workGate } from './work-gate.js';
 *
 * const gate = workGate(1, 8);
 * const release = await gate.enter()!; // null would mean: 8 already wait
 * try {
 *   // … the heavy work …
 * } finally {
 *   release();
 * }
 * ```
 */
export function workGate(concurrency: number, queue: number): WorkGate {
  let running = 0;
  const waiting: Array<() => void> = [];
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      // The slot passes straight to the next in line; `running` stays as it is.
      if (next) next();
      else running -= 1;
    };
  };
  return {
    enter() {
      if (running < concurrency) {
        running += 1;
        return Promise.resolve(releaser());
      }
      if (waiting.length >= queue) return null;
      return new Promise((resolve) => waiting.push(() => resolve(releaser())));
    },
    stats: () => ({ running, waiting: waiting.length }),
  };
}

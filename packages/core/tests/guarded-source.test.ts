import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SNAPSHOT_WINDOW_MS,
  type EconomyContext,
  guardedSource,
  type Implausibility,
  type JsonValue,
  type SourcedState,
  type SourceEvent,
  type StateSource,
  snapshotWindowFor,
  TokenomicsError,
  type UpstreamReader,
  type UpstreamValue,
} from '../src/index.js';
import type { exampleParameters } from '../src/testing/index.js';

type Schema = typeof exampleParameters;
/** A toy chain: a total and a treasury, read from two resources, and a height. */
interface Chain {
  total: bigint;
  treasury: bigint;
  height: bigint;
}

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** What a scripted reader answers for a key: a value with its freshness, or a failure. */
type Answer = UpstreamValue<JsonValue> | Error;

/** A reader that answers each key from a script the test changes between reads. */
function scriptedReader(script: Record<string, Answer>): UpstreamReader {
  return {
    async read(request) {
      const answer = script[request.key];
      if (!answer) throw new Error(`unscripted key ${request.key}`);
      if (answer instanceof Error) throw answer;
      return answer as UpstreamValue<never>;
    },
  };
}

const fresh = (value: JsonValue, seconds: number): UpstreamValue<JsonValue> => ({
  value,
  fetchedAt: at(seconds),
  stale: false,
});
const stale = (value: JsonValue, seconds: number): UpstreamValue<JsonValue> => ({
  value,
  fetchedAt: at(seconds),
  stale: true,
});

/** A live source reading `supply` (total and height) and `treasury`, as a Cosmos adapter does. */
const liveSource: StateSource<Schema, Chain> = {
  async read(ctx): Promise<SourcedState<Schema, Chain>> {
    const [supply, treasury] = await Promise.all([
      ctx.reader.read({ key: 'supply', resource: 'GET /supply', load: async () => ({}) }),
      ctx.reader.read({ key: 'treasury', resource: 'GET /treasury', load: async () => ({}) }),
    ]);
    const s = supply.value as { total: string; height: string };
    const t = treasury.value as { amount: string };
    const state = { total: BigInt(s.total), treasury: BigInt(t.amount), height: BigInt(s.height) };
    return {
      state,
      info: {
        kind: 'LIVE',
        description: `toy chain at height ${s.height}`,
        fetchedAt: new Date(Math.min(supply.fetchedAt.getTime(), treasury.fetchedAt.getTime())),
        stale: supply.stale || treasury.stale,
      },
    };
  },
};

/** Height never backwards; the total never falls by more than 1 %. */
function toyCheck(
  next: SourcedState<Schema, Chain>,
  previous: SourcedState<Schema, Chain> | null,
): Implausibility | null {
  if (!previous) return null;
  if (next.state.height < previous.state.height) {
    return {
      reason: 'height',
      message: `height ${next.state.height} is below ${previous.state.height}`,
    };
  }
  if (next.state.total * 100n < previous.state.total * 99n) {
    return { reason: 'supply-drop', message: `total ${next.state.total} fell from ${previous.state.total}` };
  }
  return null;
}

function setup() {
  const script: Record<string, Answer> = {
    supply: fresh({ total: '1000', height: '10' }, 0),
    treasury: fresh({ amount: '900' }, 0),
  };
  const events: SourceEvent[] = [];
  const source = guardedSource(liveSource, { protocol: 'toy', check: toyCheck });
  const ctx = (): EconomyContext => ({
    reader: scriptedReader(script),
    now: at(60),
    onSourceEvent: (event) => events.push(event),
  });
  return { script, events, source, read: () => source.read(ctx()) };
}

async function failure(promise: Promise<unknown>): Promise<TokenomicsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenomicsError) return error;
    throw error;
  }
  throw new Error('expected a TokenomicsError');
}

describe('guardedSource', () => {
  it('reads with the context as it is, its own reader in place: a frozen context, a "now" getter unread', async () => {
    const { script, source } = setup();
    let nowReads = 0;
    const ctx: EconomyContext = Object.freeze({
      reader: scriptedReader(script),
      get now() {
        nowReads++;
        return at(60);
      },
    });
    const seen: EconomyContext[] = [];
    const spy = guardedSource<Schema, Chain>(
      {
        read: (readCtx) => {
          seen.push(readCtx);
          return liveSource.read(readCtx);
        },
      },
      { protocol: 'toy' },
    );
    expect((await spy.read(ctx)).state.total).toBe(1000n);
    expect((await source.read(ctx)).state.total).toBe(1000n);
    expect(nowReads).toBe(0);
    // The source saw a context of its own: the guard's reader (it records what is read), the rest the caller's.
    expect(seen[0]!.reader).not.toBe(ctx.reader);
    expect(Object.keys(seen[0]!)).toEqual(['reader']);
    expect(seen[0]!.now).toEqual(at(60));
    expect(nowReads).toBe(1);
  });

  it('serves a fresh, plausible read as the source made it', async () => {
    const { read } = setup();
    const first = await read();
    expect(first.state).toEqual({ total: 1000n, treasury: 900n, height: 10n });
    expect(first.info).toMatchObject({ stale: false, description: 'toy chain at height 10' });
  });

  it('one failed read served stale from the cache: the whole last good state, never the mix', async () => {
    const { script, read, events } = setup();
    await read();
    script.supply = fresh({ total: '2000', height: '11' }, 40);
    script.treasury = stale({ amount: '900' }, 0);
    const served = await read();
    // The mix would be the new total with the old treasury: 2000 − 900 = 1100 circulating.
    expect(served.state).toEqual({ total: 1000n, treasury: 900n, height: 10n });
    expect(served.info.stale).toBe(true);
    expect(served.info.fetchedAt).toEqual(at(0));
    expect(served.info.description).toBe(
      'toy chain at height 10 — stale: last good state from 2026-01-01T00:00:00.000Z; GET /treasury failed (its last good value is from 2026-01-01T00:00:00.000Z)',
    );
    expect(events).toEqual([]);

    script.treasury = fresh({ amount: '1900' }, 41);
    expect((await read()).state).toEqual({ total: 2000n, treasury: 1900n, height: 11n });
  });

  it('names each stale read as the reader says: out of date (being read again) or failed', async () => {
    const { script, read } = setup();
    await read();
    // Both out of date (older than the cache's TTL and budget, being read again): one snapshot, the kept state.
    script.supply = { ...stale({ total: '1000', height: '10' }, 0), staleReason: 'expired' };
    script.treasury = { ...stale({ amount: '900' }, 0), staleReason: 'expired' };
    const expired = await read();
    expect(expired.state).toEqual({ total: 1000n, treasury: 900n, height: 10n });
    expect(expired.info.stale).toBe(true);
    expect(expired.info.description).toBe(
      'toy chain at height 10 — stale: last good state from 2026-01-01T00:00:00.000Z; ' +
        'GET /supply is out of date (its last good value is from 2026-01-01T00:00:00.000Z; being read again), ' +
        'GET /treasury is out of date (its last good value is from 2026-01-01T00:00:00.000Z; being read again)',
    );
    // The refresh brings a new supply and fails the treasury: only the treasury is named, as failed.
    script.supply = fresh({ total: '2000', height: '11' }, 40);
    script.treasury = { ...stale({ amount: '900' }, 0), staleReason: 'failed' };
    const failed = await read();
    expect(failed.state).toEqual({ total: 1000n, treasury: 900n, height: 10n });
    expect(failed.info.description).toBe(
      'toy chain at height 10 — stale: last good state from 2026-01-01T00:00:00.000Z; GET /treasury failed (its last good value is from 2026-01-01T00:00:00.000Z)',
    );
  });

  it('a mix with no last good state is UPSTREAM_UNAVAILABLE, not a partial state', async () => {
    const { script, read } = setup();
    script.treasury = stale({ amount: '900' }, -100);
    const error = await failure(read());
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toBe(
      'GET /treasury failed (its last good value is from 2025-12-31T23:58:20.000Z); no whole state was read earlier to serve instead',
    );
    expect(error.details).toEqual({ reason: 'partial' });
  });

  it('cold, every read stale from one earlier read: that snapshot, stale; reads far apart are a mix', async () => {
    const { script, read } = setup();
    script.supply = stale({ total: '1000', height: '10' }, 0);
    script.treasury = stale({ amount: '900' }, 2);
    const served = await read();
    expect(served.state.total).toBe(1000n);
    expect(served.info.stale).toBe(true);

    const other = setup();
    other.script.supply = stale({ total: '1000', height: '10' }, 0);
    other.script.treasury = stale({ amount: '900' }, 31);
    expect((await failure(other.read())).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('the snapshot window comes from the context (the gateway derives it from its cache TTL)', async () => {
    // Stale reads 2 s apart: one snapshot under the default 5 s window…
    const script: Record<string, Answer> = {
      supply: stale({ total: '1000', height: '10' }, 0),
      treasury: stale({ amount: '900' }, 2),
    };
    const read = (snapshotWindowMs?: number) =>
      guardedSource(liveSource, { protocol: 'toy' }).read({
        reader: scriptedReader(script),
        now: at(60),
        ...(snapshotWindowMs === undefined ? {} : { snapshotWindowMs }),
      });
    expect((await read()).state.total).toBe(1000n);
    // …but with a 1 s cache TTL (a 500 ms window) two reads 2 s apart can be of different refreshes: a mix.
    const error = await failure(read(snapshotWindowFor(1)));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'partial' } });
    // The guard's own option still wins over the context.
    const own = guardedSource(liveSource, { protocol: 'toy', snapshotWindowMs: 3_000 });
    expect(
      (await own.read({ reader: scriptedReader(script), now: at(60), snapshotWindowMs: 500 })).state.total,
    ).toBe(1000n);
  });

  it('snapshotWindowFor: half the cache TTL, at most the default', () => {
    expect(snapshotWindowFor(1)).toBe(500);
    expect(snapshotWindowFor(2)).toBe(1_000);
    expect(snapshotWindowFor(0.001)).toBe(0.5);
    expect(snapshotWindowFor(30)).toBe(DEFAULT_SNAPSHOT_WINDOW_MS);
    expect(snapshotWindowFor(3_600)).toBe(5_000);
  });

  it('an implausible read: the last good state stale, reported once, never kept; the next plausible read is', async () => {
    const { script, read, events } = setup();
    await read();
    script.supply = fresh({ total: '1000', height: '9' }, 40);
    script.treasury = fresh({ amount: '900' }, 40);
    const served = await read();
    expect(served.state.height).toBe(10n);
    expect(served.info.stale).toBe(true);
    expect(served.info.description).toContain('; height 9 is below 10');
    // The same cached answers again: refused, not reported again.
    expect((await read()).state.height).toBe(10n);
    expect(events).toEqual([
      { type: 'rejected', protocol: 'toy', reason: 'height', message: 'height 9 is below 10', stale: true },
    ]);

    // Compared with the last good state (height 10), not the rejected one: 9 is still refused when read anew.
    script.supply = fresh({ total: '1000', height: '9' }, 70);
    expect((await read()).state.height).toBe(10n);
    expect(events).toHaveLength(2);

    script.supply = fresh({ total: '995', height: '12' }, 100);
    script.treasury = fresh({ amount: '895' }, 100);
    const healed = await read();
    expect(healed.state).toEqual({ total: 995n, treasury: 895n, height: 12n });
    expect(healed.info.stale).toBe(false);
  });

  it('a supply falling more than the bound is refused against the last good state', async () => {
    const { script, read, events } = setup();
    await read();
    script.supply = fresh({ total: '900', height: '11' }, 40);
    script.treasury = fresh({ amount: '800' }, 40);
    expect((await read()).state.total).toBe(1000n);
    expect(events.map((event) => event.reason)).toEqual(['supply-drop']);
  });

  it('an implausible read with no last good state is UPSTREAM_INVALID with its reason', async () => {
    const events: SourceEvent[] = [];
    const source = guardedSource(liveSource, {
      protocol: 'toy',
      check: () => ({ reason: 'chain-id', message: 'answers chain osmosis-1, expected toy-1' }),
    });
    const reader = scriptedReader({
      supply: fresh({ total: '1000', height: '10' }, 0),
      treasury: fresh({ amount: '900' }, 0),
    });
    const error = await failure(
      source.read({ reader, now: at(60), onSourceEvent: (event) => events.push(event) }),
    );
    expect(error).toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: 'answers chain osmosis-1, expected toy-1',
      details: { reason: 'chain-id' },
    });
    expect(events).toEqual([
      {
        type: 'rejected',
        protocol: 'toy',
        reason: 'chain-id',
        message: 'answers chain osmosis-1, expected toy-1',
        stale: false,
      },
    ]);
  });

  it('a failing source: the last good state stale; with none, its own error', async () => {
    const down = new TokenomicsError('UPSTREAM_UNAVAILABLE', 'GET /supply answered HTTP 500');
    const { script, read } = setup();
    script.supply = down;
    expect(await failure(read())).toBe(down);
    script.supply = fresh({ total: '1000', height: '10' }, 0);
    await read();
    script.supply = down;
    const served = await read();
    expect(served.info.stale).toBe(true);
    expect(served.info.description).toContain('; GET /supply answered HTTP 500');
  });

  it('a value the source itself refuses (not a client error) is UPSTREAM_INVALID; a bug stays a bug', async () => {
    const refusing: StateSource<Schema, null> = {
      read: async () => {
        throw new TokenomicsError('BAD_INPUT', 'parameter "supply" must be a decimal > 0, got 0');
      },
    };
    const error = await failure(
      guardedSource(refusing, { protocol: 'toy' }).read({ reader: scriptedReader({}), now: T0 }),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_INVALID', details: { reason: 'parameter' } });

    const bug = new TypeError('cannot read properties of undefined');
    const broken: StateSource<Schema, null> = {
      read: async () => {
        throw bug;
      },
    };
    await expect(
      guardedSource(broken, { protocol: 'toy' }).read({ reader: scriptedReader({}), now: T0 }),
    ).rejects.toBe(bug);
  });

  it('answers that contradict each other only because one is old are a mix, not a rejection', async () => {
    const { script } = setup();
    const events: SourceEvent[] = [];
    const contradicting: StateSource<Schema, Chain> = {
      async read(ctx) {
        const sourced = await liveSource.read(ctx);
        if (sourced.state.treasury > sourced.state.total) {
          throw new TokenomicsError('UPSTREAM_INVALID', 'treasury above total', {
            details: { reason: 'inconsistent' },
          });
        }
        return sourced;
      },
    };
    const source = guardedSource(contradicting, { protocol: 'toy' });
    script.supply = fresh({ total: '500', height: '11' }, 40);
    script.treasury = stale({ amount: '900' }, 0);
    const ctx = (): EconomyContext => ({
      reader: scriptedReader(script),
      now: at(60),
      onSourceEvent: (event) => events.push(event),
    });
    const error = await failure(source.read(ctx()));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toContain('GET /treasury failed');
    // The same answers, all fresh and still contradicting: a rejection, reported.
    script.treasury = fresh({ amount: '900' }, 40);
    expect((await failure(source.read(ctx()))).code).toBe('UPSTREAM_INVALID');
    expect(events.map((event) => event.reason)).toEqual(['inconsistent']);
  });

  it('a read started earlier that ends later does not replace the newer last good state', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowReader = (script: Record<string, Answer>, wait: boolean): UpstreamReader => ({
      async read(request) {
        if (wait) await gate;
        return scriptedReader(script).read(request);
      },
    });
    const source = guardedSource(liveSource, { protocol: 'toy', check: toyCheck });
    const older = source.read({
      reader: slowReader(
        { supply: fresh({ total: '1000', height: '10' }, 0), treasury: fresh({ amount: '900' }, 0) },
        true,
      ),
      now: at(60),
    });
    const newer = await source.read({
      reader: slowReader(
        { supply: fresh({ total: '1000', height: '11' }, 5), treasury: fresh({ amount: '900' }, 5) },
        false,
      ),
      now: at(60),
    });
    release();
    // The older read is plausible against what was good when it started (nothing), so it is served…
    expect((await older).state.height).toBe(10n);
    // …but the newer one stays the last good state: the same reads serve that very object.
    const again = await source.read({
      reader: scriptedReader({
        supply: fresh({ total: '1000', height: '11' }, 5),
        treasury: fresh({ amount: '900' }, 5),
      }),
      now: at(60),
    });
    expect(again).toBe(newer);
  });

  it('the same reads as the last good state serve that state object itself', async () => {
    const { read } = setup();
    const first = await read();
    expect(await read()).toBe(first);
  });

  it('snapshots pass through untouched', async () => {
    const snapshot: SourcedState<Schema, null> = {
      state: null,
      info: { kind: 'SNAPSHOT', description: 'preset', fetchedAt: null, stale: false },
    };
    const source = guardedSource<Schema, null>(
      { read: async () => snapshot },
      { protocol: 'toy', check: () => ({ reason: 'invalid', message: 'never called for a snapshot' }) },
    );
    expect(await source.read({ reader: scriptedReader({}), now: T0 })).toBe(snapshot);
  });
});

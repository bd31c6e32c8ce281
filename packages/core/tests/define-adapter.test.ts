import { describe, expect, it } from 'vitest';
import {
  type DataSourceInfo,
  Decimal,
  formatDecimal,
  loadWithRetry,
  type SourceEvent,
  type StateSource,
  TokenomicsError,
  type UpstreamReader,
} from '../src/index.js';
import { exampleEconomy, type exampleParameters } from '../src/testing/index.js';

type ExampleSource = StateSource<typeof exampleParameters, unknown>;

/** The kit's example economy with supply and flows only, from `source`. */
const example = (source?: ExampleSource) =>
  exampleEconomy({ ...(source ? { source } : {}), only: ['SUPPLY', 'FLOWS'] });

describe('defineAdapter', () => {
  it('lists exactly the capabilities the definition implements', () => {
    const economy = example();
    expect(economy.capabilities).toEqual(['SUPPLY', 'FLOWS']);
    expect(economy.rewards).toBeUndefined();
    expect(economy.quoteFee).toBeUndefined();
  });

  it('runs the model on the preset, with `at` defaulting to the context now', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const supply = await example().supply!({}, { now });
    expect(supply.at).toBe(now);
    expect(formatDecimal(supply.circulating)).toBe('750');
    expect(supply.derivations.circulating?.inputs).toEqual([
      { name: 'total', value: '1000' },
      { name: 'treasury', value: '250' },
    ]);
  });

  it('applies overrides and cross-parameter validation', async () => {
    const economy = example();
    const supply = await economy.supply!({ overrides: [{ key: 'treasury', value: '100' }] });
    expect(formatDecimal(supply.circulating)).toBe('900');
    await expect(economy.supply!({ overrides: [{ key: 'treasury', value: '2000' }] })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(economy.parameters({ overrides: [{ key: 'nope', value: '1' }] })).rejects.toMatchObject({
      code: 'UNKNOWN_PARAMETER',
    });
  });

  it('refuses instants before genesis, naming the parameter', async () => {
    await expect(example().supply!({ at: new Date('2024-12-31T23:59:59Z') })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining(
        'before Example\'s genesis at 2025-01-01T00:00:00.000Z (parameter "genesis")',
      ),
    });
  });

  it('lets live values replace the preset, and overrides replace live values', async () => {
    const info: DataSourceInfo = { kind: 'LIVE', description: 'chain', fetchedAt: new Date(), stale: false };
    const live: ExampleSource = {
      read: async () => ({
        state: null,
        info,
        parameters: { treasury: { value: '400', source: 'chain: treasury' } },
      }),
    };
    const economy = example(live);
    expect(await economy.source()).toBe(info);
    const parameters = await economy.parameters();
    expect(parameters.find((p) => p.key === 'treasury')).toMatchObject({
      value: '400',
      source: 'chain: treasury',
    });
    const supply = await economy.supply!({ overrides: [{ key: 'treasury', value: '0' }] });
    expect(formatDecimal(supply.circulating)).toBe('1000');
  });

  it('passes the context reader to the source', async () => {
    const reads: string[] = [];
    const reader: UpstreamReader = {
      async read(request) {
        reads.push(request.key);
        return {
          value: await request.load(new AbortController().signal),
          fetchedAt: new Date(0),
          stale: true,
        };
      },
    };
    const live: StateSource<typeof exampleParameters, Decimal> = {
      async read(ctx) {
        const total = await ctx.reader.read({ key: 'example:total', load: async () => '2000' });
        return {
          state: new Decimal(total.value),
          info: { kind: 'LIVE', description: 'chain', fetchedAt: total.fetchedAt, stale: total.stale },
        };
      },
    };
    const economy = example(live as ExampleSource);
    expect(await economy.source({ reader })).toMatchObject({ stale: true, fetchedAt: new Date(0) });
    expect(reads).toEqual(['example:total']);
  });
});

describe('defineAdapter with a live source', () => {
  /** A live source whose values the test sets; each read is a new, fresh state. */
  function liveValues(values: Record<string, string>) {
    let reads = 0;
    const source: ExampleSource = {
      read: async () => ({
        state: null,
        info: {
          kind: 'LIVE',
          description: 'chain',
          fetchedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, ++reads)),
          stale: false,
        },
        parameters: Object.fromEntries(
          Object.entries(values).map(([key, value]) => [key, { value, source: `chain: ${key}` }]),
        ),
      }),
    };
    return { source, values };
  }
  const now = new Date('2026-06-01T00:00:00Z');

  it('a read value the parameters refuse is UPSTREAM_INVALID, not a configuration or client error', async () => {
    const bad = await example(liveValues({ treasury: '-5' }).source).supply!({}, { now }).catch(
      (error: unknown) => error,
    );
    expect(bad).toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: 'Example\'s live values are refused: parameter "treasury" must be a decimal ≥ 0, got -5',
      details: { reason: 'parameter', key: 'treasury', value: '-5' },
    });
    // validate (treasury ≤ supply) refusing read values is the upstream's fault too.
    await expect(example(liveValues({ treasury: '2000' }).source).supply!({}, { now })).rejects.toMatchObject(
      {
        code: 'UPSTREAM_INVALID',
        message: "Example's live values are refused: treasury must not exceed supply",
      },
    );
    // An override the client gives is still the client's error.
    await expect(
      example(liveValues({ treasury: '100' }).source).supply!(
        { overrides: [{ key: 'treasury', value: '2000' }] },
        { now },
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('a read that puts genesis after now is UPSTREAM_INVALID, not "at is before genesis"', async () => {
    await expect(
      example(liveValues({ genesis: '2999-01-01T00:00:00Z' }).source).supply!({}, { now }),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
      message:
        'Example\'s live values put its genesis ("genesis") at 2999-01-01T00:00:00.000Z, after now (2026-06-01T00:00:00.000Z)',
      details: { reason: 'genesis' },
    });
  });

  it('plausible judges the new model against the last good one; a rejected read serves that, stale, and is reported', async () => {
    const { source, values } = liveValues({ treasury: '250' });
    const seen: Array<[string, string | null]> = [];
    const economy = exampleEconomy({
      source,
      only: ['SUPPLY'],
      plausible: ({ next, previous }) => {
        seen.push([next.params.treasury.toFixed(), previous?.params.treasury.toFixed() ?? null]);
        return previous && next.params.treasury.lt(previous.params.treasury.div(2))
          ? {
              reason: 'pool-collapse',
              message: `treasury ${next.params.treasury} is below half of ${previous.params.treasury}`,
            }
          : null;
      },
    });
    const events: SourceEvent[] = [];
    const ctx = { now, onSourceEvent: (event: SourceEvent) => events.push(event) };
    expect(formatDecimal((await economy.supply!({}, ctx)).circulating)).toBe('750');
    values.treasury = '1';
    expect(formatDecimal((await economy.supply!({}, ctx)).circulating)).toBe('750');
    const info = await economy.source(ctx);
    expect(info.stale).toBe(true);
    expect(info.description).toBe(
      'chain — stale: last good state from 2026-01-01T00:00:01.000Z; treasury 1 is below half of 250',
    );
    expect(events[0]).toEqual({
      type: 'rejected',
      protocol: 'example',
      reason: 'pool-collapse',
      message: 'treasury 1 is below half of 250',
      stale: true,
    });
    values.treasury = '200';
    expect(formatDecimal((await economy.supply!({}, ctx)).circulating)).toBe('800');
    expect(seen).toEqual([
      ['250', null],
      ['1', '250'],
      ['1', '250'],
      ['200', '250'],
    ]);
  });
});

describe('loadWithRetry', () => {
  const failing = (failures: Error[], value = 'ok') => {
    let calls = 0;
    return {
      get calls() {
        return calls;
      },
      request: {
        key: 'k',
        resource: 'GET /thing',
        load: async () => {
          calls++;
          const failure = failures.shift();
          if (failure) throw failure;
          return value;
        },
      },
    };
  };
  const status = (code: number) =>
    new TokenomicsError('UPSTREAM_UNAVAILABLE', `HTTP ${code}`, {
      details: { reason: 'http', status: code },
    });

  it('retries network failures and 5xx answers, then succeeds', async () => {
    const upstream = failing([new Error('ECONNRESET'), status(503)]);
    expect(await loadWithRetry(upstream.request, { timeoutMs: 2_000, backoffMs: 1 })).toBe('ok');
    expect(upstream.calls).toBe(3);
  });

  it('gives up after the retries, with the last coded error', async () => {
    const upstream = failing([status(500), status(502), status(503), status(504)]);
    await expect(
      loadWithRetry(upstream.request, { timeoutMs: 2_000, retries: 2, backoffMs: 1 }),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'HTTP 503',
    });
    expect(upstream.calls).toBe(3);
  });

  it('does not retry what cannot change: 501, 404, a wrong shape', async () => {
    for (const error of [
      status(501),
      status(404),
      new TokenomicsError('UPSTREAM_UNAVAILABLE', 'shape', { details: { reason: 'shape' } }),
    ]) {
      const upstream = failing([error]);
      await expect(loadWithRetry(upstream.request, { timeoutMs: 2_000, backoffMs: 1 })).rejects.toBe(error);
      expect(upstream.calls).toBe(1);
    }
  });

  it('keeps every attempt inside one time budget', async () => {
    const hanging = { key: 'h', resource: 'GET /slow', load: () => new Promise<string>(() => {}) };
    await expect(loadWithRetry(hanging, { timeoutMs: 100, retries: 5, backoffMs: 1 })).rejects.toMatchObject({
      message: 'GET /slow did not answer within 100 ms',
    });
    // The one attempt used the whole budget (its timeout names all 100 ms), so no retry followed it.
  });
});

import { describe, expect, it } from 'vitest';
import {
  type DataSourceInfo,
  Decimal,
  formatDecimal,
  loadWithRetry,
  type StateSource,
  TokenomicsError,
  type UpstreamReader,
} from '../src/index.js';
import { exampleEconomy, type exampleParameters, vestingEconomy } from '../src/testing/index.js';

type ExampleSource = StateSource<typeof exampleParameters, unknown>;

/** The kit's example economy with supply and flows only, from `source`. */
const example = (source?: ExampleSource) =>
  exampleEconomy({ ...(source ? { source } : {}), only: ['SUPPLY', 'FLOWS'] });

describe('defineAdapter: unlocks', () => {
  const economy = vestingEconomy();

  it('lists the unlocks from genesis with no end by default, and none where the definition has none', async () => {
    const unlocks = await economy.unlocks!();
    expect(
      unlocks.map((u) => [u.bucket, u.kind, u.start.toISOString(), u.end?.toISOString(), u.steps]),
    ).toEqual([['vesting', 'STEP', '2025-07-01T00:00:00.000Z', '2025-10-01T00:00:00.000Z', 4]]);
    expect(exampleEconomy().unlocks).toBeUndefined();
  });

  it('keeps those overlapping [from, to] and applies overrides', async () => {
    const at = (text: string) => new Date(text);
    expect(await economy.unlocks!({ from: at('2025-10-01T00:00:00Z') })).toHaveLength(1);
    expect(await economy.unlocks!({ from: at('2025-10-01T00:00:00.001Z') })).toEqual([]);
    expect(await economy.unlocks!({ to: at('2025-06-30T00:00:00Z') })).toEqual([]);
    const seven = await economy.unlocks!({ overrides: [{ key: 'tranches', value: '7' }] });
    expect(seven[0]?.end?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(await economy.unlocks!({ overrides: [{ key: 'vesting', value: '0' }] })).toEqual([]);
  });

  it('refuses a range that ends before it starts, or starts before genesis', async () => {
    await expect(
      economy.unlocks!({ from: new Date('2025-08-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('is before "from"') });
    await expect(economy.unlocks!({ from: new Date('2024-12-31T00:00:00Z') })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('genesis'),
    });
  });
});

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

import { describe, expect, it } from 'vitest';
import {
  type DataSourceInfo,
  Decimal,
  decimalKind,
  defineAdapter,
  defineParameters,
  derive,
  formatDecimal,
  instantKind,
  loadWithRetry,
  type StateSource,
  snapshotSource,
  TokenomicsError,
  type UpstreamReader,
} from '../src/index.js';

const schema = defineParameters({
  supply: { label: 'Supply', unit: 'EX', description: 'Fixed supply.', kind: decimalKind({ min: '0' }) },
  treasury: {
    label: 'Treasury',
    unit: 'EX',
    description: 'Not circulating.',
    kind: decimalKind({ min: '0' }),
  },
  genesis: { label: 'Genesis', description: 'First block.', kind: instantKind() },
});

const preset = {
  name: 'seed',
  description: 'Example figures.',
  values: {
    supply: { value: '1000', source: 'example spec §1' },
    treasury: { value: '250', source: 'example spec §2' },
    genesis: { value: '2025-01-01T00:00:00Z', source: 'example spec §3' },
  },
};

function example(source: StateSource<typeof schema, unknown> = snapshotSource('Example preset.')) {
  return defineAdapter({
    id: 'example',
    name: 'Example',
    token: { symbol: 'EX', name: 'Example', decimals: 6 },
    parameters: schema,
    preset,
    source,
    genesis: (params) => params.genesis,
    genesisParameter: 'genesis',
    validate(params) {
      if (params.treasury.gt(params.supply)) {
        throw new TokenomicsError('BAD_INPUT', 'treasury must not exceed supply', {
          details: { key: 'treasury' },
        });
      }
    },
    supply: ({ params }, at) => {
      const circulating = params.supply.minus(params.treasury);
      return {
        at,
        max: params.supply,
        total: params.supply,
        circulating,
        staked: null,
        burned: null,
        circulatingDefinition: 'total − treasury',
        buckets: [{ key: 'treasury', label: 'Treasury', amount: params.treasury, circulating: false }],
        derivations: {
          circulating: derive(
            'total − treasury',
            { total: params.supply, treasury: params.treasury },
            circulating,
            'example spec',
          ),
        },
      };
    },
    flows: [{ key: 'mint', from: 'nobody', to: 'holders', kind: 'INFLATIONARY', description: 'None.' }],
  });
}

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
    const live: StateSource<typeof schema, unknown> = {
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
    const live: StateSource<typeof schema, Decimal> = {
      async read(ctx) {
        const total = await ctx.reader.read({ key: 'example:total', load: async () => '2000' });
        return {
          state: new Decimal(total.value),
          info: { kind: 'LIVE', description: 'chain', fetchedAt: total.fetchedAt, stale: total.stale },
        };
      },
    };
    const economy = example(live as StateSource<typeof schema, unknown>);
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

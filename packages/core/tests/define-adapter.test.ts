import { describe, expect, it } from 'vitest';
import {
  amountInput,
  type DataSourceInfo,
  Decimal,
  derive,
  type EconomyContext,
  formatDecimal,
  formatFigure,
  loadWithRetry,
  memoStats,
  rateInput,
  SCHEDULE_POINT_BYTES,
  type ScheduleWriter,
  type SourceEvent,
  type StateSource,
  scheduleFigure,
  TokenomicsError,
  type UpstreamReader,
} from '../src/index.js';
import { countTurns, exampleEconomy, type exampleParameters, vestingEconomy } from '../src/testing/index.js';

type ExampleSource = StateSource<typeof exampleParameters, unknown>;

/** A live source reading the total supply ('example:total') through the context's reader. */
const liveTotal = {
  async read(ctx: EconomyContext) {
    const total = await ctx.reader.read({ key: 'example:total', load: async () => '2000' });
    return {
      state: new Decimal(total.value),
      info: { kind: 'LIVE', description: 'chain', fetchedAt: total.fetchedAt, stale: total.stale },
    };
  },
} as unknown as ExampleSource;

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
    expect(supply.derivations.circulating?.inputs.map(({ name, value }) => ({ name, value }))).toEqual([
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
    const economy = example(liveTotal);
    expect(await economy.source({ reader })).toMatchObject({ stale: true, fetchedAt: new Date(0) });
    expect(reads).toEqual(['example:total']);
  });

  it("reads a reused context's members as they are at each call", async () => {
    const readers: string[] = [];
    const named = (name: string): UpstreamReader => ({
      async read(request) {
        readers.push(name);
        return {
          value: await request.load(new AbortController().signal),
          fetchedAt: new Date(0),
          stale: false,
        };
      },
    });
    const economy = example(liveTotal);
    let now = new Date('2026-01-01T00:00:00Z');
    const noted: Array<Date | null> = [];
    const ctx: Partial<EconomyContext> = {
      reader: named('first'),
      get now() {
        return now;
      },
    };
    await economy.source(ctx);
    await economy.supply!({ at: new Date('2025-06-01T00:00:00Z') }, ctx);
    ctx.reader = named('second');
    ctx.noteNow = (next) => noted.push(next);
    now = new Date('2026-02-01T00:00:00Z');
    expect((await economy.supply!({}, ctx)).at).toEqual(now);
    expect(readers).toEqual(['first', 'first', 'second']);
    expect(noted).toEqual([null]);
  });
});

describe('defineAdapter memos', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const from = new Date('2026-01-01T00:00:00Z');
  const to = new Date('2026-12-31T00:00:00Z'); // 365 daily points

  it('shares results between calls: the same figure or schedule is computed once', async () => {
    const economy = exampleEconomy();
    const first = await economy.schedule!({ from, to, interval: 'DAY' }, { now });
    expect(await economy.schedule!({ from, to, interval: 'DAY' }, { now })).toBe(first);
    expect(await economy.supply!({ at: now }, { now })).toBe(await economy.supply!({ at: now }, { now }));
    expect(memoStats(economy)).toMatchObject({ results: { entries: 2 }, models: { entries: 1 } });
  });

  it('writes a schedule as it is computed and keeps the rows (writtenSchedule), once per writer key', async () => {
    const economy = exampleEconomy();
    const long = { from, to: new Date('2030-02-08T00:00:00Z'), interval: 'DAY' as const }; // 1,500 points
    const points = await economy.schedule!(long, { now });
    expect(points).toHaveLength(1500);
    const counter = countTurns();
    const turnsAtWrite: number[] = [];
    const writer: ScheduleWriter<string> = {
      key: 'total and instant',
      write: (point) => {
        turnsAtWrite.push(counter.turns);
        return `${point.at.toISOString()} ${formatFigure(scheduleFigure(point, 'total'))}`;
      },
      rowBytes: 100,
    };
    const before = memoStats(economy)!.results.bytes;
    const rows = await economy.writtenSchedule!(long, writer, { now });
    counter.stop();
    const writes = [...turnsAtWrite];
    // Written a slice at a time as the slices were computed (500 points a slice, a turn between),
    // not all at once at the end: the points of a slice are not kept past it.
    expect(new Set(writes).size).toBeGreaterThanOrEqual(3);
    // Each point written once (and the one instant each later slice repeats).
    expect(writes.length).toBeGreaterThanOrEqual(1500);
    expect(writes.length).toBeLessThanOrEqual(1500 + 4);
    // The same rows as writing the points afterwards (each point after the same instant as in one call).
    expect(rows).toEqual(points.map((point) => writer.write(point)));
    // Kept by the writer's row bytes, and shared by every writer with the same key.
    expect(memoStats(economy)!.results.bytes - before).toBeGreaterThanOrEqual(1500 * writer.rowBytes);
    expect(memoStats(economy)!.results.bytes - before).toBeLessThan(1500 * writer.rowBytes + 1024);
    const again = { ...writer, write: () => 'not called' };
    expect(await economy.writtenSchedule!(long, again, { now })).toBe(rows);
    const other = await economy.writtenSchedule!(long, { ...again, key: 'another' }, { now });
    expect(other).toHaveLength(1500);
    expect(other[0]).toBe('not called');
    // Not carried by a spread: a wrapper that replaces `schedule` must not answer from the one it replaced.
    expect(Object.keys(economy)).not.toContain('writtenSchedule');
    expect({ ...economy }.writtenSchedule).toBeUndefined();
    expect(Object.create(economy).writtenSchedule).toBe(economy.writtenSchedule);
  });

  it('bounds the results by their estimated bytes, dropping the least recently used', async () => {
    const resultBytes = 40 * 365 * SCHEDULE_POINT_BYTES; // room for about 40 such schedules
    const economy = exampleEconomy({ memo: { resultBytes } });
    let inserted = 0;
    // 120 schedules under distinct overrides: each a new model and a new 365-point result.
    for (let i = 0; i < 120; i++) {
      const overrides = [{ key: 'treasury', value: String(100 + i) }];
      const points = await economy.schedule!({ from, to, interval: 'DAY', overrides }, { now });
      expect(points).toHaveLength(365);
      inserted += points.length * SCHEDULE_POINT_BYTES;
      const { results } = memoStats(economy)!;
      expect(results.maxBytes).toBe(resultBytes);
      expect(results.bytes).toBeLessThanOrEqual(resultBytes);
    }
    expect(inserted).toBeGreaterThan(2 * resultBytes);
    const { results } = memoStats(economy)!;
    expect(results.entries).toBeGreaterThan(30);
    expect(results.entries).toBeLessThanOrEqual(40);
    // The most recent schedule is still kept: asking again returns the same array.
    const last = [{ key: 'treasury', value: '219' }];
    expect(await economy.schedule!({ from, to, interval: 'DAY', overrides: last }, { now })).toBe(
      await economy.schedule!({ from, to, interval: 'DAY', overrides: last }, { now }),
    );
  });

  it('bounds the models (one per override set) by their estimated bytes', async () => {
    const modelBytes = 64 * 1024;
    const economy = exampleEconomy({ memo: { modelBytes } });
    for (let i = 0; i < 300; i++) {
      await economy.parameters({ overrides: [{ key: 'treasury', value: String(i) }] }, { now });
      expect(memoStats(economy)!.models.bytes).toBeLessThanOrEqual(modelBytes);
    }
    expect(memoStats(economy)!.models.entries).toBeGreaterThan(1);
    expect(memoStats(economy)!.models.entries).toBeLessThan(300);
  });

  it('counts a penalty simulation by its stakes', async () => {
    const economy = exampleEconomy({ memo: { resultBytes: 1_000_000 } });
    const stakes = Array.from({ length: 1_000 }, (_, i) => new Decimal(i + 1));
    await economy.simulatePenalty!({ rule: 'slash', stakes, missedBlocks: null }, { now });
    const { results } = memoStats(economy)!;
    // The rule list and the simulation: the simulation counts each of its 1,000 stakes.
    expect(results.entries).toBe(2);
    expect(results.bytes).toBeGreaterThan(1_000 * 256);
  });
});

describe('defineAdapter input checks', () => {
  // The example token has 6 decimals.
  const economy = exampleEconomy();
  const d = (text: string) => new Decimal(text);
  const quote = (quantity: Decimal, unitPrice: Decimal) =>
    economy.quoteFee!({ fee: 'service', quantity, unitPrice });
  const slash = (stakes: Decimal[]) => economy.simulatePenalty!({ rule: 'slash', stakes });

  it('refuses quantities and prices beyond the decimal bounds, naming the bound', async () => {
    await expect(quote(d('1e10000000'), d('1'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'quantity must be at most 10^30 in magnitude, got "1e+10000000"',
      details: { violation: 'MAX_MAGNITUDE' },
    });
    await expect(quote(d('-1e10000000'), d('1'))).rejects.toMatchObject({
      details: { violation: 'MAX_MAGNITUDE', value: '-1e+10000000' },
    });
    await expect(quote(d('1'), d('1e-31'))).rejects.toMatchObject({
      message: 'unitPrice must be 0 or at least 10^-30 in magnitude, got "1e-31"',
      details: { violation: 'MIN_MAGNITUDE' },
    });
    await expect(quote(d('1'.repeat(41)), d('1'))).rejects.toMatchObject({
      details: { violation: 'MAX_SIGNIFICANT_DIGITS' },
    });
  });

  it('refuses a price finer than the base unit, but not a quantity', async () => {
    await expect(quote(d('1'), d('0.0000001'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'unitPrice has 7 decimal places; a EX amount has at most 6 (its base unit)',
      details: { violation: 'BASE_UNIT', limit: 6 },
    });
    const fine = await quote(d('0.0000001'), d('0.000001'));
    expect(fine.quantity.toFixed()).toBe('0.0000001');
    expect(formatDecimal((await quote(d('1e30'), d('0.000001'))).base)).toBe(`1${'0'.repeat(24)}`);
  });

  it('still refuses negative amounts, after the bounds', async () => {
    await expect(quote(d('-1'), d('1'))).rejects.toMatchObject({
      message: 'quantity and unitPrice must not be negative',
      details: { quantity: '-1', unitPrice: '1' },
    });
    await expect(slash([d('1'), d('-2')])).rejects.toMatchObject({
      message: 'stakes[1] must not be negative',
    });
  });

  it('refuses empty stakes, stakes beyond the bounds and stakes finer than the base unit', async () => {
    await expect(slash([])).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'stakes must list at least one stake',
      details: { violation: 'MIN_ITEMS', limit: 1 },
    });
    await expect(slash([d('100'), d('1e31')])).rejects.toMatchObject({
      message: 'stakes[1] must be at most 10^30 in magnitude, got "1e+31"',
    });
    await expect(slash([d('0.0000001')])).rejects.toMatchObject({
      message: 'stakes[0] has 7 decimal places; a EX amount has at most 6 (its base unit)',
      details: { violation: 'BASE_UNIT', limit: 6 },
    });
    const outcome = await slash([d('0.000001'), d('1e30')]);
    expect(outcome.stakes).toHaveLength(2);
  });

  it('checks the key before the inputs, and echoes an unknown key clipped', async () => {
    await expect(economy.simulatePenalty!({ rule: 'nope', stakes: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const key = 'k'.repeat(100_000);
    const error = await economy.quoteFee!({ fee: key, quantity: d('1'), unitPrice: d('1') }).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { fee: expect.any(String) } });
    expect((error as TokenomicsError).details.fee).toHaveLength(200);
    expect((error as TokenomicsError).message.length).toBeLessThan(300);
  });

  it('refuses a commission outside [0, 1] or beyond the bounds', async () => {
    await expect(economy.rewards!({ commission: d('1.5') })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'commission must be a fraction in [0, 1], got 1.5',
    });
    await expect(economy.rewards!({ commission: d('-0.1') })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(economy.rewards!({ commission: d('1e-10000000') })).rejects.toMatchObject({
      details: { violation: 'MIN_MAGNITUDE' },
    });
    for (const commission of ['0', '-0', '1', '0.05', '1e-30']) {
      await expect(economy.rewards!({ commission: d(commission) })).resolves.toBeDefined();
    }
  });
});

describe('defineAdapter with a source that cannot be read (and no last good state)', () => {
  const failing: ExampleSource = {
    read: async () => {
      throw new TokenomicsError('UPSTREAM_UNAVAILABLE', 'GET /supply answered HTTP 500');
    },
  };

  it('answers parameters, fee schedules and penalty rules from the preset, overrides applied', async () => {
    const economy = exampleEconomy({ source: failing });
    const preset = exampleEconomy();
    expect(await economy.parameters()).toEqual(await preset.parameters());
    expect((await economy.parameters()).find((p) => p.key === 'treasury')).toMatchObject({
      value: '250',
      source: (await preset.parameters()).find((p) => p.key === 'treasury')?.source,
    });
    expect(await economy.fees!()).toEqual(await preset.fees!());
    expect(await economy.penalties!()).toEqual(await preset.penalties!());
    const overrides = [{ key: 'feeRate', value: '0.5' }];
    expect(await economy.parameters({ overrides })).toEqual(await preset.parameters({ overrides }));
    // A client's bad override is still its error.
    await expect(economy.parameters({ overrides: [{ key: 'treasury', value: '-1' }] })).rejects.toMatchObject(
      { code: 'BAD_INPUT' },
    );
    await expect(
      economy.parameters({ overrides: [{ key: 'treasury', value: '2000' }] }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'treasury must not exceed supply' });
  });

  it("still fails the figures that need the state, with the source's error", async () => {
    const economy = exampleEconomy({ source: failing });
    const unavailable = { code: 'UPSTREAM_UNAVAILABLE', message: 'GET /supply answered HTTP 500' };
    await expect(economy.source()).rejects.toMatchObject(unavailable);
    await expect(economy.supply!()).rejects.toMatchObject(unavailable);
    await expect(
      economy.quoteFee!({ fee: 'service', quantity: new Decimal(1), unitPrice: new Decimal(1) }),
    ).rejects.toMatchObject(unavailable);
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

  it("a schedule asked while the last good state is served stale is the good state's, not computed again", async () => {
    const { source, values } = liveValues({ treasury: '250' });
    const economy = exampleEconomy({
      source,
      only: ['SUPPLY', 'SCHEDULE'],
      plausible: ({ next, previous }) =>
        previous && next.params.treasury.lt(previous.params.treasury.div(2))
          ? { reason: 'pool-collapse', message: 'treasury collapsed' }
          : null,
    });
    const query = {
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
      interval: 'MONTH' as const,
    };
    const fresh = await economy.schedule!(query, { now });
    values.treasury = '1';
    expect((await economy.source({ now })).stale).toBe(true);
    // The stale variant's model is a new object, but its schedule is the good state's: the same points.
    expect(await economy.schedule!(query, { now })).toBe(fresh);
    // Figures that tell their source (supply, rewards) still follow the variant: it says it is stale.
    expect((await economy.source({ now })).description).toContain('stale: last good state');
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

describe('derive', () => {
  it('keeps each decimal input exact, with its kind where the adapter gave one', () => {
    const pool = new Decimal('40000000.123456789123');
    const derivation = derive(
      'rate × pool',
      {
        pool: amountInput(pool),
        rate: rateInput(new Decimal('0.151')),
        nodes: 2000,
        ratio: new Decimal('0.5'),
      },
      pool.times('0.151'),
      'docs/methodology/session.md',
    );
    expect(derivation.inputs).toEqual([
      { name: 'pool', value: '40000000.123456789123', figure: pool, kind: 'AMOUNT' },
      { name: 'rate', value: '0.151', figure: new Decimal('0.151'), kind: 'RATE' },
      { name: 'nodes', value: '2000' },
      { name: 'ratio', value: '0.5' },
    ]);
  });
});

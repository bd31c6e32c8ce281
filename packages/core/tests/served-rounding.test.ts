/**
 * The issue-16 levers in core against the implementations they replaced,
 * over many inputs: the same values, the same texts, the same objects seen
 * from outside (keys, JSON, spreading, equality).
 */
import { describe, expect, it } from 'vitest';
import {
  amountInput,
  Decimal,
  derive,
  divideHalfEven,
  type EconomyContext,
  formatDecimal,
  formatFigure,
  guardedSource,
  lazyMember,
  rateInput,
  ScaledDecimal,
  type StateSource,
  servedFigure,
} from '../src/index.js';
import { seededRandom } from '../src/testing/index.js';

/** A pseudo-random bigint of 1 to `digits` digits, either sign. */
function bigintOf(next: () => number, digits: number): bigint {
  const length = 1 + Math.floor(next() * digits);
  let text = '';
  for (let i = 0; i < length; i++) text += Math.floor(next() * 10).toString();
  const value = BigInt(text);
  return next() < 0.5 ? -value : value;
}

/** divideHalfEven as it was: two divisions. */
function divideHalfEvenBefore(numerator: bigint, denominator: bigint): bigint {
  let quotient = numerator / denominator;
  let remainder = numerator % denominator;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += denominator;
  }
  const twice = 2n * remainder;
  return twice > denominator || (twice === denominator && (quotient & 1n) === 1n) ? quotient + 1n : quotient;
}

describe('served rounding', () => {
  it('divideHalfEven agrees with the two-division form over 20,000 pairs, ties included', () => {
    const next = seededRandom(16);
    for (let i = 0; i < 20_000; i++) {
      const denominator =
        i % 4 === 0
          ? 10n ** BigInt(1 + Math.floor(next() * 40))
          : 1n + (bigintOf(next, 30) & ((1n << 100n) - 1n));
      // Every fourth numerator is an exact tie (odd or even quotient).
      const numerator =
        i % 4 === 1 && denominator % 2n === 0n
          ? bigintOf(next, 20) * denominator + denominator / 2n
          : bigintOf(next, 70);
      expect(divideHalfEven(numerator, denominator)).toBe(divideHalfEvenBefore(numerator, denominator));
    }
  });

  it('servedFigure rounds a ScaledDecimal in integers exactly as decimal.js rounds its Decimal, 10,000 figures', () => {
    const next = seededRandom(2026);
    for (let i = 0; i < 10_000; i++) {
      const units = bigintOf(next, 60);
      const places = Math.floor(next() * 60);
      const served = 1 + Math.floor(next() * 20);
      const scaled = servedFigure(new ScaledDecimal(units, places), served);
      const decimal = new Decimal(`${units}e-${places}`).toDecimalPlaces(served, Decimal.ROUND_HALF_EVEN);
      expect(formatFigure(scaled)).toBe(formatDecimal(decimal));
    }
  });

  it('powers of ten past the kept ones still round', () => {
    const figure = servedFigure(new ScaledDecimal(15n * 10n ** 199n, 200), 0);
    expect(formatFigure(figure)).toBe('2');
  });
});

describe('formatFigure', () => {
  it('writes what formatDecimal writes, once per Decimal, and leaves the Decimal looking as it did', () => {
    const next = seededRandom(7);
    for (let i = 0; i < 2_000; i++) {
      const value = new Decimal(`${bigintOf(next, 60)}e-${Math.floor(next() * 70)}`);
      const twin = new Decimal(value);
      expect(formatFigure(value)).toBe(formatDecimal(value));
      expect(formatFigure(value)).toBe(formatDecimal(twin));
      // The kept text is not a visible member: equality, keys, spreading and JSON see the Decimal as before.
      expect(value).toEqual(twin);
      expect(Object.keys(value)).toEqual(Object.keys(twin));
      expect({ ...value }).toEqual({ ...twin });
      expect(JSON.stringify(value)).toBe(JSON.stringify(twin));
    }
  });

  it('writes a frozen Decimal (nothing can be kept on it)', () => {
    const frozen = Object.freeze(new Decimal('1.50'));
    expect(formatFigure(frozen)).toBe('1.5');
    expect(formatFigure(frozen)).toBe('1.5');
  });
});

describe('derive', () => {
  it('writes every input as text, typed ones with their figure and kind, as own enumerable members', () => {
    const pool = new Decimal('40000000.123456789123456789');
    const rate = new Decimal('0.151');
    const derivation = derive(
      'rate × pool',
      { pool: amountInput(pool), rate: rateInput(rate), plain: new Decimal('1e-12'), year: 3, word: 'x' },
      pool.times(rate),
      'docs',
    );
    const expected = [
      { name: 'pool', value: '40000000.123456789123456789', figure: pool, kind: 'AMOUNT' },
      { name: 'rate', value: '0.151', figure: rate, kind: 'RATE' },
      { name: 'plain', value: '0.000000000001' },
      { name: 'year', value: '3' },
      { name: 'word', value: 'x' },
    ];
    expect(derivation.inputs).toEqual(expected);
    expect(derivation.inputs.map((input) => ({ ...input }))).toEqual(expected);
    expect(Object.keys(derivation.inputs[0]!)).toEqual(['name', 'value', 'figure', 'kind']);
    expect(JSON.parse(JSON.stringify(derivation.inputs[1]))).toEqual({
      name: 'rate',
      value: '0.151',
      figure: '0.151',
      kind: 'RATE',
    });
    expect(derivation.inputs[0]!.value).toBe(derivation.inputs[0]!.value);
  });
});

describe('guardedSource', () => {
  it('hands the source the caller’s context (a getter of now unread until used) with its own reader', async () => {
    let nowReads = 0;
    const events: unknown[] = [];
    const seen: Array<{ now: Date; hasNow: boolean; events: boolean; window: number | undefined }> = [];
    const source: StateSource<Record<string, never>, null> = {
      read: async (ctx) => {
        seen.push({
          now: ctx.now,
          hasNow: 'now' in ctx,
          events: ctx.onSourceEvent !== undefined,
          window: ctx.snapshotWindowMs,
        });
        await ctx.reader.read({ key: 'k', load: async () => ({ ok: true }) });
        return { state: null, info: { kind: 'SNAPSHOT', description: 'toy', fetchedAt: null, stale: false } };
      },
    };
    const ctx = {
      reader: { read: async () => ({ value: { ok: true }, fetchedAt: new Date(0), stale: false }) },
      onSourceEvent: (event: unknown) => events.push(event),
      snapshotWindowMs: 250,
    } as unknown as EconomyContext;
    Object.defineProperty(ctx, 'now', {
      enumerable: true,
      get: () => {
        nowReads++;
        return new Date('2026-01-01T00:00:00Z');
      },
    });
    const guarded = guardedSource(source, { protocol: 'toy' });
    await guarded.read(ctx);
    expect(nowReads).toBe(1);
    expect(seen).toEqual([
      { now: new Date('2026-01-01T00:00:00Z'), hasNow: true, events: true, window: 250 },
    ]);
  });
});

describe('lazyMember', () => {
  it('computes once, when first read, as an own enumerable member that copies by descriptors share', () => {
    let computed = 0;
    const target = lazyMember({ at: 1, figures: [] as number[] }, 'figures', () => {
      computed++;
      return [1, 2, 3];
    });
    expect(computed).toBe(0);
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(target)) as typeof target;
    expect(Object.keys(target)).toEqual(['at', 'figures']);
    expect(target.figures).toEqual([1, 2, 3]);
    expect(copy.figures).toBe(target.figures);
    expect({ ...target }).toEqual({ at: 1, figures: [1, 2, 3] });
    expect(JSON.stringify(target)).toBe('{"at":1,"figures":[1,2,3]}');
    expect(target).toEqual({ at: 1, figures: [1, 2, 3] });
    expect(computed).toBe(1);
  });
});

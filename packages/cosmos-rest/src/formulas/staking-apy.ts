import type { Decimal } from '@tokenomics/core';

/**
 * The APY of an APR restaked daily: `(1 + APR / 365)^365 − 1`.
 *
 * Source: MODEL.md Synternet, Rewards: the compounding convention of this
 * project's Cosmos adapters.
 *
 * The power is computed in integers ({@link integerPower}), digit for digit
 * what decimal.js's `pow` computes, several times faster: the Decimal is the
 * same to its 60th digit.
 *
 * @example
 * ```ts
 * import { dailyCompoundedApy } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * dailyCompoundedApy(new Decimal('0.16')).toFixed(10); // '0.1734697305'
 * ```
 */
export function dailyCompoundedApy(apr: Decimal): Decimal {
  return integerPower(apr.div(365).plus(1), 365).minus(1);
}

/** decimal.js's base: a Decimal's digits are held in words of 7 digits, aligned on the decimal point. */
const LOG_BASE = 7;
const WORD = 10_000_000n;
/** WORD^0 … WORD^63. */
const WORD_POWERS: bigint[] = Array.from({ length: 64 }, (_, k) => WORD ** BigInt(k));

/** How many words `units` (> 0) has. */
function wordCount(units: bigint): number {
  let words = 1;
  while (words < WORD_POWERS.length && units >= WORD_POWERS[words]!) words++;
  return words;
}

/**
 * `x^n` for a whole `n` ≥ 1, exactly as decimal.js's `x.pow(n)` computes it
 * for a positive `x` (its `intPow`: squaring and multiplying, each product
 * cut to `ceil(precision / 7 + 4)` words, the last word bumped when it is 0
 * after a cut, then rounded once to the precision, half to even), but in
 * bigints: `units × 10^(7 × scale)`. The same steps on the same digits give
 * the same Decimal; decimal.js's pow is used for anything else (x ≤ 0, not
 * finite, or 1).
 *
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { integerPower } from './staking-apy.js';
 *
 * integerPower(new Decimal('1.0004'), 365).eq(new Decimal('1.0004').pow(365)); // true
 * ```
 */
export function integerPower(x: Decimal, n: number): Decimal {
  const Ctor = x.constructor as typeof Decimal;
  if (!x.isFinite() || x.lte(0) || x.eq(1) || !Number.isSafeInteger(n) || n < 1) return x.pow(n);
  const precision = Ctor.precision;
  const maxWords = Math.ceil(precision / LOG_BASE + 4);
  // x as words: d[0] is the word at 10^(7 × floor(e / 7)), the others follow.
  const words = x.d;
  let baseUnits = BigInt(words[0]!);
  for (let i = 1; i < words.length; i++) baseUnits = baseUnits * WORD + BigInt(words[i]!);
  let baseScale = Math.floor(x.e / LOG_BASE) - (words.length - 1);
  let units = 1n;
  let scale = 0;
  let truncated = false;
  let cut = false;
  /** A product as decimal.js's `times` leaves it (no zero words at the end), cut to maxWords. */
  const product = (a: bigint, b: bigint, scaleSum: number): [bigint, number, boolean] => {
    let p = a * b;
    let s = scaleSum;
    while (p % WORD === 0n) {
      p /= WORD;
      s++;
    }
    const count = wordCount(p);
    if (count <= maxWords) return [p, s, false];
    const drop = count - maxWords;
    return [p / WORD_POWERS[drop]!, s + drop, true];
  };
  let k = n;
  for (;;) {
    if (k % 2) {
      [units, scale, cut] = product(units, baseUnits, scale + baseScale);
      if (cut) truncated = true;
    }
    k = Math.floor(k / 2);
    if (k === 0) {
      // decimal.js: "to ensure correct rounding when r.d is truncated, increment the last word if it is zero".
      if (truncated && units % WORD === 0n) units += 1n;
      break;
    }
    [baseUnits, baseScale] = product(baseUnits, baseUnits, 2 * baseScale);
  }
  return new Ctor(`${units}e${LOG_BASE * scale}`).toSignificantDigits(precision, Ctor.rounding);
}

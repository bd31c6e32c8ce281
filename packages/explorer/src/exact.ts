/**
 * Exact decimal arithmetic the page needs beyond what the gateway serves: a
 * ratio of two amounts (a circulating share) in bigint arithmetic on the
 * digits, never through a float. Floats appear only as chart pixel positions.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function scaled(value: string): { digits: bigint; scale: number } {
  const match = DECIMAL.exec(value);
  if (!match) throw new TypeError(`not a decimal string: ${JSON.stringify(value)}`);
  const fraction = match[3] ?? '';
  const digits = BigInt(`${match[2]}${fraction}`);
  return { digits: match[1] === '-' ? -digits : digits, scale: fraction.length };
}

/**
 * `numerator / denominator` as a decimal string with `digits` fraction digits, truncated toward
 * zero (trailing zeros dropped); null when the denominator is zero.
 *
 * @example
 * ```ts
 * import { ratio } from './exact.js';
 *
 * ratio('88273246.403548383', '240000000', 6); // '0.367805'
 * ratio('1', '3', 4); // '0.3333'
 * ratio('5', '0'); // null
 * ```
 */
export function ratio(numerator: string, denominator: string, digits = 18): string | null {
  const a = scaled(numerator);
  const b = scaled(denominator);
  if (b.digits === 0n) return null;
  // a/b = (a.digits / 10^a.scale) / (b.digits / 10^b.scale); scale the quotient by 10^digits.
  const top = a.digits * 10n ** BigInt(b.scale + digits);
  const bottom = b.digits * 10n ** BigInt(a.scale);
  const quotient = top / bottom;
  const negative = quotient < 0n;
  const text = (negative ? -quotient : quotient).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

/**
 * A decimal string as a float, for a chart's pixel position only (never for display: labels and
 * tooltips show the served text). Null stays null.
 *
 * @example
 * ```ts
 * import { pixelValue } from './exact.js';
 *
 * pixelValue('88273246.403548383'); // 88273246.40354838
 * pixelValue(null); // null
 * ```
 */
export function pixelValue(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

import {
  type Decimal,
  formatDecimal,
  type ParameterKind,
  parseDecimal,
  parseInstant,
} from '@tokenomics/core';

/** A span of time in a lockup: whole calendar months (`mo`) or whole days (`d`). */
export interface Span {
  count: number;
  unit: 'mo' | 'd';
}

/**
 * A locked allocation and its unlock terms: nothing unlocks before the cliff;
 * then, with no linear period, everything unlocks at the cliff; with one, the
 * allocation unlocks linearly (continuously in time) over the linear period.
 */
export interface LockupTerms {
  amount: Decimal;
  cliff: Span;
  linear: Span | null;
}

const SPAN = /^(\d+)\s*(mo|d)$/;

function parseSpan(text: string, what: string): Span {
  const match = SPAN.exec(text.trim());
  if (!match) throw new Error(`has a bad ${what} ${JSON.stringify(text)}; write e.g. "24mo" or "90d"`);
  const count = Number(match[1]);
  if (!Number.isSafeInteger(count)) throw new Error(`has a ${what} that is too long: ${text}`);
  return { count, unit: match[2] as Span['unit'] };
}

function formatSpan(span: Span): string {
  return `${span.count}${span.unit}`;
}

/**
 * A lockup parameter, written `"<amount>; cliff <n>mo|d[; linear <n>mo|d]"`.
 *
 * @example
 * ```ts
 * const terms = lockupKind().parse('39332750; cliff 12mo; linear 12mo');
 * terms.amount.toFixed(); // '39332750'
 * terms.linear; // { count: 12, unit: 'mo' }
 * ```
 */
export function lockupKind(): ParameterKind<LockupTerms> {
  const expected =
    'an amount and unlock terms such as "19489700; cliff 24mo" or "38000000; cliff 12mo; linear 24mo"';
  return {
    type: 'WORD',
    expected,
    parse(text) {
      const parts = text.split(';').map((part) => part.trim());
      const [amountText, cliffText, linearText, ...rest] = parts;
      if (amountText === undefined || cliffText === undefined || rest.length > 0) {
        throw new Error(`must be ${expected}, got ${JSON.stringify(text)}`);
      }
      const amount = parseDecimal(amountText, 'the amount');
      if (amount.isNegative()) throw new Error(`must have a non-negative amount, got ${amountText}`);
      if (!cliffText.startsWith('cliff '))
        throw new Error(`must be ${expected}, got ${JSON.stringify(text)}`);
      const cliff = parseSpan(cliffText.slice('cliff '.length), 'cliff');
      let linear: Span | null = null;
      if (linearText !== undefined) {
        if (!linearText.startsWith('linear '))
          throw new Error(`must be ${expected}, got ${JSON.stringify(text)}`);
        linear = parseSpan(linearText.slice('linear '.length), 'linear period');
        if (linear.count === 0) linear = null;
      }
      return { amount, cliff, linear };
    },
    format: (terms) =>
      `${formatDecimal(terms.amount)}; cliff ${formatSpan(terms.cliff)}${terms.linear ? `; linear ${formatSpan(terms.linear)}` : ''}`,
  };
}

/** The word that anchors the pool balance at the TGE. */
export const AT_TGE = 'tgeDate';

/**
 * The instant the `stakingRewardPool` balance holds: the word `tgeDate`
 * (parsed as `null`: the pool is the TGE balance) or an ISO-8601 instant (a
 * chain reading).
 *
 * @example
 * ```ts
 * poolAnchorKind().parse('tgeDate'); // null
 * poolAnchorKind().parse('2026-01-01T00:00:00Z')?.toISOString(); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function poolAnchorKind(): ParameterKind<Date | null> {
  return {
    type: 'INSTANT',
    expected: `"${AT_TGE}" or an ISO-8601 instant such as "2026-01-01T00:00:00Z"`,
    parse: (text) => (text.trim() === AT_TGE ? null : parseInstant(text, 'value')),
    format: (value) => (value === null ? AT_TGE : value.toISOString()),
  };
}

/** The word that makes the unscheduled locked tokens the genesis remainder. */
export const REMAINDER = 'remainder';

/**
 * The locked tokens with no unlock schedule: the word `remainder` (parsed as
 * `null`: maxSupply − genesisCirculating − stakingRewardPool − the scheduled
 * lockups, at the TGE) or an amount ≥ 0.
 *
 * @example
 * ```ts
 * remainderKind().parse('remainder'); // null
 * remainderKind().parse('120000000')?.toFixed(); // '120000000'
 * ```
 */
export function remainderKind(): ParameterKind<Decimal | null> {
  return {
    type: 'DECIMAL',
    expected: `"${REMAINDER}" or a decimal ≥ 0`,
    parse(text) {
      if (text.trim() === REMAINDER) return null;
      const value = parseDecimal(text, 'value');
      if (value.isNegative()) throw new Error(`must be "${REMAINDER}" or a decimal ≥ 0, got ${text}`);
      return value;
    },
    format: (value) => (value === null ? REMAINDER : formatDecimal(value)),
  };
}

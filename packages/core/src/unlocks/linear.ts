import type { Decimal } from '../decimal.js';
import type { Unlock } from '../economy.js';
import { TokenomicsError } from '../errors.js';
import { checkUnlockAmount } from './check.js';

/** What a linear unlock is made of: plain data. */
export interface LinearDefinition {
  /** The holding (a SupplyBucket key) that unlocks. */
  bucket: string;
  label: string;
  /** Nothing is unlocked before it. */
  start: Date;
  /** Everything is unlocked from it; after `start`. */
  end: Date;
  /** Whole tokens. */
  amount: Decimal;
  /** A public URL or a file in this repository. */
  source: string;
}

/**
 * A linear unlock: the amount unlocks continuously in time from `start` to
 * `end` (as a vesting contract pays `amount × elapsed / duration`).
 *
 * @throws TokenomicsError BAD_INPUT when `end` is not after `start`, or for a negative amount
 * @example
 * ```ts
 * import { Decimal, linear } from '@tokenomics/core';
 *
 * const l = linear({ bucket: 'vesting', label: 'Team', start: new Date('2026-01-01Z'), end: new Date('2027-01-01Z'), amount: new Decimal(1_000), source: 'https://example.org/vesting' });
 * l.kind; // 'LINEAR'
 * ```
 */
export function linear(definition: LinearDefinition): Unlock {
  checkUnlockAmount(definition.amount, definition.bucket);
  if (definition.end.getTime() <= definition.start.getTime()) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `unlock of "${definition.bucket}": a linear unlock must end after it starts (${definition.start.toISOString()} → ${definition.end.toISOString()})`,
      { details: { bucket: definition.bucket } },
    );
  }
  return {
    bucket: definition.bucket,
    label: definition.label,
    kind: 'LINEAR',
    start: definition.start,
    end: definition.end,
    amount: definition.amount,
    source: definition.source,
  };
}

import type { Decimal } from '../decimal.js';
import type { Unlock } from '../economy.js';
import { checkUnlockAmount } from './check.js';

/** What a cliff unlock is made of: plain data. */
export interface CliffDefinition {
  /** The holding (a SupplyBucket key) that unlocks. */
  bucket: string;
  label: string;
  /** The instant the whole amount unlocks. */
  at: Date;
  /** Whole tokens. */
  amount: Decimal;
  /** A public URL or a file in this repository. */
  source: string;
}

/**
 * A cliff: the whole amount unlocks at one instant (a lockup that ends on a
 * date, e.g. "locked 24 months").
 *
 * @throws TokenomicsError BAD_INPUT for a negative or non-finite amount
 * @example
 * ```ts
 * import { cliff, Decimal } from '@tokenomics/core';
 *
 * const a = cliff({ bucket: 'locked-A', label: 'Lockup A', at: new Date('2027-05-21T00:00:00Z'), amount: new Decimal(19_489_700), source: 'docs/methodology/session.md#lockups' });
 * a.kind; // 'CLIFF'
 * a.end; // null
 * ```
 */
export function cliff(definition: CliffDefinition): Unlock {
  checkUnlockAmount(definition.amount, definition.bucket);
  return {
    bucket: definition.bucket,
    label: definition.label,
    kind: 'CLIFF',
    start: definition.at,
    end: null,
    amount: definition.amount,
    source: definition.source,
  };
}

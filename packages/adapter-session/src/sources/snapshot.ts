import {
  type Decimal,
  formatDecimal,
  type Preset,
  type SourcedState,
  type StateSource,
} from '@tokenomics/core';
import { methodology, type SessionSchema } from '../parameters.js';
import type { NonCirculatingHolding, SessionState } from '../state.js';

/** A configured holding with the amount a snapshot was given. */
export interface SnapshotHolding {
  address: `0x${string}`;
  label: string;
  amount: Decimal | null;
}

/**
 * The embedded source: the preset alone, stepped forward by the model, and
 * the configured non-circulating holdings with the amounts the configuration
 * gives (a snapshot reads nothing, so it works with no network).
 *
 * @example
 * ```ts
 * import type { UpstreamReader } from '@tokenomics/core';
 * import { SEED_PRESET } from '../parameters.js';
 * import { sessionSnapshotSource } from './snapshot.js';
 *
 * declare const reader: UpstreamReader;
 * declare const now: Date;
 *
 * const source = sessionSnapshotSource(SEED_PRESET);
 * (await source.read({ reader, now })).info.kind; // 'SNAPSHOT'
 * ```
 */
export function sessionSnapshotSource(
  preset: Preset<SessionSchema>,
  configured: readonly SnapshotHolding[] = [],
): StateSource<SessionSchema, SessionState> {
  const holdings: NonCirculatingHolding[] = configured.map((holding, index) => ({
    address: holding.address,
    label: holding.label,
    amount: holding.amount!,
    source: `configuration: nonCirculating[${index}] "${holding.label}" at ${holding.address}, ${formatDecimal(holding.amount!)} SESH as configured for this snapshot (${methodology('non-circulating-holdings')})`,
  }));
  const named = holdings.length
    ? `; non-circulating by configuration: ${holdings.map((h) => `${h.label} (${h.address})`).join(', ')}`
    : '';
  const sourced: SourcedState<SessionSchema, SessionState> = {
    state: { kind: 'snapshot', holdings },
    info: {
      kind: 'SNAPSHOT',
      description: `Preset "${preset.name}" stepped forward by the model (no network): ${preset.description}${named}`,
      fetchedAt: null,
      stale: false,
    },
  };
  return { read: async () => sourced };
}

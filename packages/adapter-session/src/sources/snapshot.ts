import { type Preset, type StateSource, snapshotSource } from '@tokenomics/core';
import type { SessionSchema } from '../parameters.js';
import type { SessionState } from '../state.js';

/**
 * The embedded source: the preset alone, stepped forward by the model. Reads
 * nothing, so it works with no network.
 *
 * @example
 * ```ts
 * const source = sessionSnapshotSource(SEED_PRESET);
 * (await source.read({ reader, now })).info.kind; // 'SNAPSHOT'
 * ```
 */
export function sessionSnapshotSource(
  preset: Preset<SessionSchema>,
): StateSource<SessionSchema, SessionState> {
  return snapshotSource<SessionSchema>(
    `Preset "${preset.name}" stepped forward by the model (no network): ${preset.description}`,
  );
}

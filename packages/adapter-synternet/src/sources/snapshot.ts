import { type StateSource, snapshotSource } from '@tokenomics/core';
import type { SynternetParameters, SynternetPresetName } from '../parameters.js';

/**
 * The snapshot source: no network; the model is the preset stepped from
 * `inflationStart` (genesis supply and treasury) by the yearly-allowance schedule.
 *
 * @example
 * ```ts
 * import { type EconomyContext } from '@tokenomics/core';
 * import { synternetSnapshotSource } from './snapshot.js';
 *
 * declare const ctx: EconomyContext;
 *
 * const source = synternetSnapshotSource('seed');
 * (await source.read(ctx)).info.kind; // 'SNAPSHOT'
 * ```
 */
export function synternetSnapshotSource(preset: SynternetPresetName): StateSource<SynternetParameters, null> {
  return snapshotSource(
    `Preset "${preset}": genesis supply and treasury stepped forward by the yearly-allowance inflation schedule; no network.`,
  );
}

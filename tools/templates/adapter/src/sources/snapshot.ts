import { type StateSource, snapshotSource } from '@tokenomics/core';
import type { AdapterParameters } from '../parameters.js';
import type { __PASCAL_NAME__State } from '../state.js';

/**
 * The snapshot source: no network; the model runs on the preset alone.
 *
 * @example
 * ```ts
 * import { presetSource } from '__PACKAGE_NAME__';
 *
 * const source = presetSource('default');
 * (await source.read({ at: new Date('2026-01-01T00:00:00Z') })).info.kind; // 'SNAPSHOT'
 * ```
 */
export function presetSource(preset: string): StateSource<AdapterParameters, __PASCAL_NAME__State> {
  return snapshotSource(`Preset "${preset}": a fixed supply with a treasury; no network.`);
}

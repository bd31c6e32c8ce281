import { type StateSource, snapshotSource } from '@tokenomics/core';
import type { AdapterParameters } from '../parameters.js';

/**
 * The snapshot source: no network; the model runs on the preset alone.
 *
 * @example
 * ```ts
 * (await presetSource('default').read(ctx)).info.kind; // 'SNAPSHOT'
 * ```
 */
export function presetSource(preset: string): StateSource<AdapterParameters, null> {
  return snapshotSource(`Preset "${preset}": a fixed supply with a treasury; no network.`);
}

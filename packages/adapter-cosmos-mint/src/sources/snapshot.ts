import { type StateSource, snapshotSource } from '@tokenomics/core';
import type { CosmosChainPreset, CosmosMintParameters } from '../parameters.js';

/**
 * The snapshot source: no network; the model is the preset's anchor state
 * stepped forward block by block by x/mint.
 *
 * @example
 * ```ts
 * import { COSMOSHUB_PRESET } from '@tokenomics/adapter-cosmos-mint';
 * import { type EconomyContext } from '@tokenomics/core';
 * import { cosmosMintSnapshotSource } from './snapshot.js';
 *
 * declare const ctx: EconomyContext;
 *
 * const source = cosmosMintSnapshotSource(COSMOSHUB_PRESET);
 * (await source.read(ctx)).info.kind; // 'SNAPSHOT'
 * ```
 */
export function cosmosMintSnapshotSource(preset: CosmosChainPreset): StateSource<CosmosMintParameters, null> {
  return snapshotSource(
    `Preset "${preset.name}" (${preset.chain.name}): the anchor supply and inflation at ${preset.values.anchorTime.value} stepped forward block by block by the x/mint formula, bonded ratio held; no network.`,
  );
}

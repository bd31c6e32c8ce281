import {
  Decimal,
  type EconomyContext,
  fromBaseUnits,
  type ParameterData,
  parseInstant,
  type SourcedState,
  type StateSource,
  TokenomicsError,
  type UpstreamValue,
} from '@tokenomics/core';
import {
  bankSupplyByDenom,
  distributionParams,
  latestBlock,
  mintInflation,
  mintParams,
  slashingParams,
  stakingPool,
} from '@tokenomics/cosmos-rest';
import { type CosmosMintParameters, cosmosMintParameters } from '../parameters.js';

/** What a live read knows about the chain at its latest block (amounts in whole tokens). */
export interface CosmosChainState {
  chainId: string;
  height: string;
  /** The latest block's time: the anchor the model steps from. */
  blockTime: Date;
  total: Decimal;
  bonded: Decimal;
  notBonded: Decimal;
}

/** The state behind the model: null for a snapshot. */
export type CosmosMintState = CosmosChainState | null;

/** What the live source needs. */
export interface CosmosMintLiveSourceOptions {
  /** A normalized LCD base URL. */
  lcdUrl: string;
  /** The mint denom, e.g. `uatom`. */
  denom: string;
  /** The denom's decimals, e.g. 6. */
  decimals: number;
}

function inconsistent(
  resource: string,
  message: string,
  details: Record<string, unknown> = {},
): TokenomicsError {
  return new TokenomicsError('UPSTREAM_UNAVAILABLE', `${resource} ${message}`, {
    details: { resource, reason: 'shape', ...details },
  });
}

/** `"600s"` → `"600s"`; `"600.5s"` → `"600s"`. */
function wholeSeconds(duration: string): string {
  return `${duration.split(/[.s]/)[0]}s`;
}

/** A chain value outside what the model accepts is the upstream's fault: an UPSTREAM error naming the path. */
function checkChainValues(parameters: Partial<ParameterData<CosmosMintParameters>>): void {
  for (const [key, data] of Object.entries(parameters)) {
    if (!data) continue;
    const kind = cosmosMintParameters[key as keyof CosmosMintParameters].kind;
    try {
      kind.parse(data.value);
    } catch {
      const resource = /^chain: (GET \S+)/.exec(data.source)?.[1] ?? 'the LCD';
      throw inconsistent(resource, `gives ${key} = ${data.value}, which must be ${kind.expected}`, { key });
    }
  }
}

/**
 * The live source: reads the mint denom's supply, the staking pool, the
 * slashing and distribution params, the latest block and x/mint's inflation
 * and params through `ctx.reader` (one read per path, so the gateway's reader
 * caches and deduplicates them). Amounts are converted from base units after
 * the read; the chain's values replace the preset's (anchor time = the block
 * time, anchor supply, inflation, bonded ratio, every x/mint, distribution and
 * slashing parameter), each with a `chain: GET …` source.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the path on any failed,
 *   malformed or inconsistent answer, including a chain without the standard
 *   x/mint (501/404) or one that mints another denom
 * @example
 * ```ts
 * const source = cosmosMintLiveSource({ lcdUrl: 'https://lcd.example', denom: 'uatom', decimals: 6 });
 * (await source.read({ reader: createDirectReader(), now: new Date() })).info.kind; // 'LIVE'
 * ```
 */
export function cosmosMintLiveSource(
  options: CosmosMintLiveSourceOptions,
): StateSource<CosmosMintParameters, CosmosMintState> {
  const { lcdUrl, denom, decimals } = options;
  const host = new URL(lcdUrl).host;
  const requests = {
    supply: bankSupplyByDenom(lcdUrl, denom),
    pool: stakingPool(lcdUrl),
    slashing: slashingParams(lcdUrl),
    distribution: distributionParams(lcdUrl),
    block: latestBlock(lcdUrl),
    inflation: mintInflation(lcdUrl),
    mint: mintParams(lcdUrl),
  };

  return {
    async read(ctx: EconomyContext): Promise<SourcedState<CosmosMintParameters, CosmosMintState>> {
      const { reader } = ctx;
      const [supply, pool, slashing, distribution, block, inflation, mint] = await Promise.all([
        reader.read(requests.supply),
        reader.read(requests.pool),
        reader.read(requests.slashing),
        reader.read(requests.distribution),
        reader.read(requests.block),
        reader.read(requests.inflation),
        reader.read(requests.mint),
      ]);

      const mintDenom = mint.value.params.mint_denom;
      if (mintDenom !== denom) {
        throw inconsistent(
          requests.mint.resource,
          `says the chain mints ${mintDenom}, but the adapter is configured for ${denom}: set the "denom" option`,
          { mintDenom, denom },
        );
      }
      const total = fromBaseUnits(supply.value.amount.amount, decimals);
      if (!total.isPositive() || total.isZero()) {
        throw inconsistent(
          requests.supply.resource,
          `reports a total supply of ${total.toFixed()} ${denom} tokens`,
        );
      }
      const bonded = fromBaseUnits(pool.value.pool.bonded_tokens, decimals);
      const notBonded = fromBaseUnits(pool.value.pool.not_bonded_tokens, decimals);
      if (bonded.isZero() || bonded.gt(total)) {
        throw inconsistent(
          requests.pool.resource,
          `reports ${bonded.toFixed()} bonded of a ${total.toFixed()} supply; the bonded ratio must be in (0, 1]`,
        );
      }
      const header = block.value.block.header;
      let blockTime: Date;
      try {
        blockTime = parseInstant(header.time, 'block time');
      } catch {
        throw inconsistent(
          requests.block.resource,
          `carries an unreadable block time ${JSON.stringify(header.time)}`,
        );
      }

      const at = `at block ${header.height} (${header.time})`;
      const chain = (resource: string, field: string) => `chain: ${resource} (${field}) ${at}`;
      const m = mint.value.params;
      const slash = slashing.value.params;
      const parameters: Partial<ParameterData<CosmosMintParameters>> = {
        anchorTime: {
          value: blockTime.toISOString(),
          source: chain(requests.block.resource, 'block.header.time'),
        },
        anchorSupply: {
          value: total.toFixed(),
          source: `chain: ${requests.supply.resource} (amount ÷ 10^${decimals}) ${at}`,
        },
        anchorInflation: {
          value: inflation.value.inflation,
          source: chain(requests.inflation.resource, 'inflation'),
        },
        bondedRatio: {
          value: bonded.div(total).toFixed(),
          source: `chain: ${requests.pool.resource} bonded_tokens ÷ ${requests.supply.resource} amount ${at}`,
        },
        inflationRateChange: {
          value: m.inflation_rate_change,
          source: chain(requests.mint.resource, 'inflation_rate_change'),
        },
        inflationMax: { value: m.inflation_max, source: chain(requests.mint.resource, 'inflation_max') },
        inflationMin: { value: m.inflation_min, source: chain(requests.mint.resource, 'inflation_min') },
        goalBonded: { value: m.goal_bonded, source: chain(requests.mint.resource, 'goal_bonded') },
        blocksPerYear: { value: m.blocks_per_year, source: chain(requests.mint.resource, 'blocks_per_year') },
        communityTax: {
          value: distribution.value.params.community_tax,
          source: chain(requests.distribution.resource, 'community_tax'),
        },
        signedBlocksWindow: {
          value: slash.signed_blocks_window,
          source: chain(requests.slashing.resource, 'signed_blocks_window'),
        },
        minSignedPerWindow: {
          value: slash.min_signed_per_window,
          source: chain(requests.slashing.resource, 'min_signed_per_window'),
        },
        downtimeJailSeconds: {
          value: wholeSeconds(slash.downtime_jail_duration),
          source: chain(requests.slashing.resource, 'downtime_jail_duration'),
        },
        slashFractionDowntime: {
          value: slash.slash_fraction_downtime,
          source: chain(requests.slashing.resource, 'slash_fraction_downtime'),
        },
        slashFractionDoubleSign: {
          value: slash.slash_fraction_double_sign,
          source: chain(requests.slashing.resource, 'slash_fraction_double_sign'),
        },
      };
      checkChainValues(parameters);
      if (new Decimal(m.inflation_min).gt(m.inflation_max)) {
        throw inconsistent(
          requests.mint.resource,
          `gives inflation_min ${m.inflation_min} above inflation_max ${m.inflation_max}`,
        );
      }

      const reads: UpstreamValue<unknown>[] = [supply, pool, slashing, distribution, block, inflation, mint];
      const fetchedAt = new Date(Math.min(...reads.map((read) => read.fetchedAt.getTime())));
      return {
        state: { chainId: header.chain_id, height: header.height, blockTime, total, bonded, notBonded },
        info: {
          kind: 'LIVE',
          description: `Cosmos REST (LCD) at ${host}, chain ${header.chain_id}, block ${header.height} (${header.time}): ${denom} supply, staking pool, x/mint inflation and params, distribution and slashing params. Exact at the block time; stepped forward by the x/mint formula (bonded ratio held) to later instants.`,
          fetchedAt,
          stale: reads.some((read) => read.stale),
        },
        parameters,
      };
    },
  };
}

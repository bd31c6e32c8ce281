import {
  Decimal,
  type EconomyContext,
  type ParameterData,
  type SourcedState,
  type StateSource,
} from '@tokenomics/core';
import {
  type CheckedHolding,
  chainSource,
  checkChainParameters,
  cosmosBlockSource,
  holdingRequests,
  inconsistentAnswer,
  mintInflation,
  mintParams,
  parseStandardChainState,
  readBlock,
  readHoldings,
  readStandardChainAnswers,
  readsFreshness,
  standardChainRequests,
} from '@tokenomics/cosmos-rest';
import { type CosmosMintParameters, cosmosMintParameters } from '../parameters.js';
import type { CosmosMintState } from '../state.js';

/** What the live source needs. */
export interface CosmosMintLiveSourceOptions {
  /** A normalized LCD base URL. */
  lcdUrl: string;
  /** The mint denom, e.g. `uatom`. */
  denom: string;
  /** The denom's decimals, e.g. 6. */
  decimals: number;
  /** The token symbol, e.g. `ATOM`, for messages; default: the word `tokens`. */
  symbol?: string;
  /** Configured non-circulating holdings (checked by the adapter's options): one balance read each. */
  nonCirculating?: readonly CheckedHolding[];
}

/**
 * The live source: reads the latest block first, then every resource at its
 * height (the `x-cosmos-block-height` header: one consistent block;
 * `info.height` and `info.blockTime` are the block's): the standard chain
 * state (the mint denom's supply, the staking pool, the slashing and
 * distribution params:
 * `@tokenomics/cosmos-rest`'s `readStandardChainAnswers`) and x/mint's
 * inflation and params through `ctx.reader` (one read per path, so the gateway's reader
 * caches and deduplicates them). Amounts are converted from base units after
 * the read; the chain's values replace the preset's (anchor time = the block
 * time, anchor supply, inflation, bonded ratio, every x/mint, distribution and
 * slashing parameter), each with a `chain: GET …` source.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the path on any failed or
 *   malformed answer, including a chain without the standard x/mint
 *   (501/404); UPSTREAM_INVALID on an inconsistent one or a chain that mints
 *   another denom
 * @example
 * ```ts
 * import { createDirectReader } from '@tokenomics/core';
 * import { cosmosMintLiveSource } from './live.js';
 *
 * const source = cosmosMintLiveSource({ lcdUrl: 'https://lcd.example', denom: 'uatom', decimals: 6 });
 * (await source.read({ reader: createDirectReader(), now: new Date() })).info.kind; // 'LIVE'
 * (await source.blocks!.readAt({ reader: createDirectReader(), now: new Date() }, 1200n)).info.height; // 1200n
 * ```
 */
export function cosmosMintLiveSource(
  options: CosmosMintLiveSourceOptions,
): StateSource<CosmosMintParameters, CosmosMintState> {
  const { lcdUrl, denom } = options;
  const host = new URL(lcdUrl).host;

  /** The state at one block: the latest (or `height`'s) read first, every resource at its height. */
  async function readAt(
    ctx: EconomyContext,
    height?: bigint,
  ): Promise<SourcedState<CosmosMintParameters, CosmosMintState>> {
    const { reader } = ctx;
    const block = await readBlock(reader, lcdUrl, height);
    const atHeight = { height: block.height };
    const requests = {
      standard: standardChainRequests(lcdUrl, denom, { height: block.height, block: block.request }),
      inflation: mintInflation(lcdUrl, atHeight),
      mint: mintParams(lcdUrl, atHeight),
      holdings: holdingRequests(lcdUrl, options.nonCirculating ?? [], atHeight),
    };
    const [answers, inflation, mint, holdingAnswers] = await Promise.all([
      readStandardChainAnswers(reader, requests.standard, block.answer),
      reader.read(requests.inflation),
      reader.read(requests.mint),
      Promise.all(requests.holdings.map((request) => reader.read(request))),
    ]);

    // First: another mint denom makes every other figure wrong (a supply of 0), so say what to set.
    const mintDenom = mint.value.params.mint_denom;
    if (mintDenom !== denom) {
      throw inconsistentAnswer(
        requests.mint.resource,
        `says the chain mints ${mintDenom}, but the adapter is configured for ${denom}: set the "denom" option`,
        { mintDenom, denom, reason: 'denom' },
      );
    }
    const chain = parseStandardChainState(answers, options);
    const { at } = chain;
    const m = mint.value.params;
    const parameters: Partial<ParameterData<CosmosMintParameters>> = {
      anchorTime: {
        value: chain.blockTime.toISOString(),
        source: chainSource(requests.standard.block.resource, 'block.header.time', at),
      },
      anchorSupply: {
        value: chain.total.toFixed(),
        source: `chain: ${requests.standard.supply.resource} (amount ÷ 10^${options.decimals}) ${at}`,
      },
      anchorInflation: {
        value: inflation.value.inflation,
        source: chainSource(requests.inflation.resource, 'inflation', at),
      },
      inflationRateChange: {
        value: m.inflation_rate_change,
        source: chainSource(requests.mint.resource, 'inflation_rate_change', at),
      },
      inflationMax: {
        value: m.inflation_max,
        source: chainSource(requests.mint.resource, 'inflation_max', at),
      },
      inflationMin: {
        value: m.inflation_min,
        source: chainSource(requests.mint.resource, 'inflation_min', at),
      },
      goalBonded: { value: m.goal_bonded, source: chainSource(requests.mint.resource, 'goal_bonded', at) },
      blocksPerYear: {
        value: m.blocks_per_year,
        source: chainSource(requests.mint.resource, 'blocks_per_year', at),
      },
      ...chain.parameters,
    };
    checkChainParameters(cosmosMintParameters, parameters);
    if (new Decimal(m.inflation_min).gt(m.inflation_max)) {
      throw inconsistentAnswer(
        requests.mint.resource,
        `gives inflation_min ${m.inflation_min} above inflation_max ${m.inflation_max}`,
      );
    }

    const nonCirculating = readHoldings(
      options.nonCirculating ?? [],
      requests.holdings,
      holdingAnswers,
      options,
      at,
    );
    const held = nonCirculating.reduce((sum, holding) => sum.plus(holding.amount), new Decimal(0));
    if (held.gt(chain.total)) {
      throw inconsistentAnswer(
        requests.holdings[0]!.resource,
        `and the other configured holdings report ${held.toFixed()} ${options.symbol ?? 'tokens'}, above the total supply (${chain.total.toFixed()})`,
      );
    }
    const { chainId, time, blockTime, total, bonded, notBonded } = chain;
    return {
      state: {
        chainId,
        denom: chain.denom,
        height: chain.height,
        blockTime,
        total,
        bonded,
        notBonded,
        nonCirculating,
      },
      info: {
        kind: 'LIVE',
        description: `Cosmos REST (LCD) at ${host}, chain ${chainId}, block ${chain.height} (${time}): ${denom} supply, staking pool, x/mint inflation and params, distribution and slashing params. Exact at the block time; stepped forward by the x/mint formula (bonded ratio held) to later instants.`,
        height: block.height,
        blockTime: block.time,
        ...readsFreshness([...chain.reads, inflation, mint, ...holdingAnswers]),
      },
      parameters,
    };
  }

  return cosmosBlockSource(lcdUrl, readAt);
}

import {
  Decimal,
  type EconomyContext,
  fromBaseUnits,
  type ParameterData,
  type SourcedState,
  type StateSource,
  type UpstreamValue,
} from '@tokenomics/core';
import {
  balanceOf,
  bankBalances,
  type CheckedHolding,
  checkChainParameters,
  cosmosBlockSource,
  holdingRequests,
  inconsistentAnswer,
  mintInflation,
  optionalEndpoint,
  readBlock,
  readHoldings,
  readStandardChainState,
  readsFreshness,
  standardChainRequests,
} from '@tokenomics/cosmos-rest';
import { checkLiveOptions, type SynternetLiveOptions } from '../options.js';
import { type SynternetParameters, synternetParameters } from '../parameters.js';
import type { SynternetState } from '../state.js';
import { SYNT_DECIMALS, SYNT_DENOM } from '../token.js';

/**
 * The live source: reads the latest block first, then, at its height (the
 * `x-cosmos-block-height` header, so the state is one consistent block), the
 * standard chain state (supply, staking pool, slashing and distribution
 * params: `readStandardChainState` of `@tokenomics/cosmos-rest`), the
 * treasury's balance and x/mint inflation through `ctx.reader` (one read per
 * path, so a caching reader deduplicates them); `info.height` and
 * `info.blockTime` are the block's. `blocks` reads the head, a block by
 * height and the state at a past height (an archive node; a pruned height is
 * core's `prunedHeight`). Falls back to the schedule when x/mint answers 501/404. Amounts are
 * converted from usynt to SYNT after the read; chain parameters replace the
 * preset's, each with a `chain: GET …` source.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the path on any failed or
 *   malformed answer; UPSTREAM_INVALID on an inconsistent one
 * @example
 * ```ts
 * import { synternetAdapter } from '@tokenomics/adapter-synternet';
 *
 * const economy = synternetAdapter({ live: { lcdUrl: 'https://api.synternet.com' } });
 * (await economy.source()).kind; // 'LIVE'
 * ```
 */
export function synternetLiveSource(
  options: SynternetLiveOptions,
  nonCirculating: readonly CheckedHolding[] = [],
): StateSource<SynternetParameters, SynternetState> {
  const { lcdUrl, treasuryAddress } = checkLiveOptions(options);
  const host = new URL(lcdUrl).host;
  const token = { denom: SYNT_DENOM, decimals: SYNT_DECIMALS, symbol: 'SYNT' };

  /** The state at one block: the latest (or `height`'s) read first, every resource at its height. */
  async function readAt(
    ctx: EconomyContext,
    height?: bigint,
  ): Promise<SourcedState<SynternetParameters, SynternetState>> {
    const { reader } = ctx;
    const block = await readBlock(reader, lcdUrl, height);
    const atHeight = { height: block.height };
    const requests = {
      standard: standardChainRequests(lcdUrl, SYNT_DENOM, { height: block.height, block: block.request }),
      treasury: bankBalances(lcdUrl, treasuryAddress, atHeight),
      // x/mint is optional: Synternet runs its own mint module, so a 404/501 is an answer, cached like any other.
      mint: optionalEndpoint(mintInflation(lcdUrl, atHeight)),
      // Configured non-circulating holdings (checked by the adapter): one balance read each.
      holdings: holdingRequests(lcdUrl, nonCirculating, atHeight),
    };
    const mintRead = reader
      .read(requests.mint)
      .then((read) =>
        read.value.served
          ? { value: { ...read, value: read.value.value }, missing: null }
          : { value: null, missing: `HTTP ${read.value.status}` },
      );
    const [chain, treasury, mint, holdingAnswers] = await Promise.all([
      readStandardChainState(reader, requests.standard, token, block.answer),
      reader.read(requests.treasury),
      mintRead,
      Promise.all(requests.holdings.map((request) => reader.read(request))),
    ]);

    const { total, at } = chain;
    const treasuryBalance = fromBaseUnits(balanceOf(treasury.value, SYNT_DENOM), SYNT_DECIMALS);
    if (treasuryBalance.gt(total)) {
      throw inconsistentAnswer(
        requests.treasury.resource,
        `reports a treasury balance (${treasuryBalance.toFixed()} SYNT) above the total supply (${total.toFixed()} SYNT)`,
      );
    }
    const held = readHoldings(nonCirculating, requests.holdings, holdingAnswers, token, at);
    const heldTotal = held.reduce((sum, holding) => sum.plus(holding.amount), treasuryBalance);
    if (heldTotal.gt(total)) {
      throw inconsistentAnswer(
        requests.holdings[0]?.resource ?? requests.treasury.resource,
        `and the other configured holdings report ${heldTotal.toFixed()} SYNT with the treasury, above the total supply (${total.toFixed()} SYNT)`,
      );
    }
    const mintInflationValue = mint.value ? new Decimal(mint.value.value.inflation) : null;
    if (mintInflationValue && (mintInflationValue.isNegative() || mintInflationValue.gte(1))) {
      throw inconsistentAnswer(
        requests.mint.resource,
        `reports an inflation of ${mintInflationValue.toFixed()}`,
      );
    }

    const parameters: Partial<ParameterData<SynternetParameters>> = {
      treasuryBalance: {
        value: treasuryBalance.toFixed(),
        source: `chain: ${requests.treasury.resource} (${SYNT_DENOM}, ÷ 10^${SYNT_DECIMALS}) ${at}`,
      },
      ...chain.parameters,
    };

    checkChainParameters(synternetParameters, parameters);

    const reads: UpstreamValue<unknown>[] = [...chain.reads, treasury, ...holdingAnswers];
    if (mint.value) reads.push(mint.value);
    const mintNote = mint.value
      ? `x/mint inflation ${mintInflationValue!.toFixed()} read and used, as the total inflation less the year's treasury rate, for the current year's validator allowance`
      : `x/mint inflation not served (${mint.missing}), the preset's schedule used`;
    return {
      state: {
        chainId: chain.chainId,
        denom: chain.denom,
        height: chain.height,
        blockTime: chain.blockTime,
        total,
        treasury: treasuryBalance,
        treasuryAddress,
        bonded: chain.bonded,
        notBonded: chain.notBonded,
        mintInflation: mintInflationValue,
        nonCirculating: held,
      },
      info: {
        kind: 'LIVE',
        description: `Cosmos REST (LCD) at ${host}, chain ${chain.chainId}, block ${chain.height} (${chain.time}); ${mintNote}. Figures are exact at the block time and stepped by the schedule to other instants.`,
        height: block.height,
        blockTime: block.time,
        ...readsFreshness(reads),
      },
      parameters,
    };
  }

  return cosmosBlockSource(lcdUrl, readAt);
}

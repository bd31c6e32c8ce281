import {
  asDecimal,
  type ExactFigure,
  ScaledDecimal,
  TokenomicsError,
  toScaledInteger,
} from '@tokenomics/core';

/** How the staked tokens split between the circulating supply and non-circulating holdings. */
export interface StakedSplit {
  /** Staked tokens taken from the circulating supply: min(staked, circulating). */
  fromCirculating: ScaledDecimal;
  /** Circulating tokens not staked: max(circulating − staked, 0). */
  liquid: ScaledDecimal;
  /** The excess staked beyond the circulating supply: max(staked − circulating, 0). */
  fromHoldings: ScaledDecimal;
  /** The excess as taken from each holding, in order (each at most the holding), summing to `fromHoldings`. */
  taken: ScaledDecimal[];
}

function unitsOf(figure: ExactFigure, places: number): bigint {
  if (figure instanceof ScaledDecimal) return figure.units * 10n ** BigInt(places - figure.places);
  return toScaledInteger(figure, places);
}

function placesOf(figure: ExactFigure): number {
  return figure instanceof ScaledDecimal ? figure.places : figure.decimalPlaces();
}

/**
 * Splits staked tokens by the circulating-supply convention (CoinGecko,
 * CoinMarketCap, Messari): tokens a holder owns and has staked are
 * circulating, so staked tokens are taken from the circulating supply first
 * and `liquid = max(circulating − staked, 0)`. Where more is staked than
 * circulates (a preset's bonded ratio against a large treasury), the excess
 * is staked from the non-circulating holdings, taken from the first holding
 * until it is used up, then the next: the buckets still reconcile, since each
 * holding keeps `holding − taken` and the excess is its own staked,
 * non-circulating bucket. Exact (scaled integers).
 *
 * Source: docs/methodology/synternet.md#staked-from-the-treasury.
 *
 * @param staked - staked tokens, at most circulating + Σ holdings
 * @param circulating - the circulating supply
 * @param holdings - the non-circulating holdings the excess may come from, in order (the treasury first)
 * @throws TokenomicsError INTERNAL when staked exceeds circulating + Σ holdings (the caller's figures disagree)
 * @example
 * ```ts
 * import { splitStaked } from '@tokenomics/cosmos-rest';
 * import { Decimal } from '@tokenomics/core';
 *
 * const split = splitStaked(new Decimal(500_000_000), new Decimal(100_015_000), [new Decimal(899_985_000)]);
 * [split.liquid.toText(), split.fromCirculating.toText(), split.fromHoldings.toText()]; // ['0', '100015000', '399985000']
 * ```
 */
export function splitStaked(
  staked: ExactFigure,
  circulating: ExactFigure,
  holdings: readonly ExactFigure[],
): StakedSplit {
  const places = Math.max(placesOf(staked), placesOf(circulating), ...holdings.map(placesOf));
  const s = unitsOf(staked, places);
  const c = unitsOf(circulating, places);
  const amount = (units: bigint) => new ScaledDecimal(units, places);
  let excess = s > c ? s - c : 0n;
  const fromHoldings = excess;
  const taken = holdings.map((holding) => {
    const units = unitsOf(holding, places);
    const take = excess < units ? excess : units;
    excess -= take;
    return amount(take);
  });
  if (excess > 0n) {
    throw new TokenomicsError(
      'INTERNAL',
      `staked (${asDecimal(staked).toFixed()}) exceeds the circulating supply plus every non-circulating holding`,
    );
  }
  return {
    // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
    fromCirculating: amount(s < c ? s : c),
    liquid: amount(c > s ? c - s : 0n),
    fromHoldings: amount(fromHoldings),
    taken,
  };
}

import {
  amountInput,
  type Decimal,
  derive,
  formatDecimal,
  fromScaledInteger,
  lazyMember,
  rateInput,
  type Supply,
  type SupplyBucket,
  sumDecimals,
  TokenomicsError,
  toScaledInteger,
} from '@tokenomics/core';
import {
  type HeldAmount,
  heldAmounts,
  holdingBucket,
  splitStaked,
  stakedAmount,
} from '@tokenomics/cosmos-rest';
import type { CosmosMintModel, ModelContext } from '../state.js';
import { anchorNote, HELD, METHOD, MINT, mintStateAt, STAKED_FROM_HOLDINGS, sourceOf } from './mint-state.js';

/** The configured holdings: read from the chain by a live source (its state), the configured amounts for a snapshot. */
export function heldOf(model: CosmosMintModel, context: ModelContext): HeldAmount[] {
  return heldAmounts(model.state, context.holdings ?? []);
}

/** total − Σ holdings, exact; BAD_INPUT when the holdings exceed the total (circulating would be negative). */
export function circulatingOf(
  total: Decimal,
  held: readonly HeldAmount[],
  at: Date,
  context: ModelContext,
): Decimal {
  if (held.length === 0) return total;
  const places = Math.max(total.decimalPlaces(), context.decimals);
  const heldUnits = held.reduce((sum, holding) => sum + toScaledInteger(holding.amount, places), 0n);
  const units = toScaledInteger(total, places) - heldUnits;
  if (units < 0n) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `the configured non-circulating holdings (${formatDecimal(fromScaledInteger(heldUnits, places))} ${context.symbol}) exceed the total supply (${formatDecimal(total)} ${context.symbol}) at ${at.toISOString()}: circulating would be negative; check "anchorSupply" and the holdings`,
      { details: { keys: ['anchorSupply'] } },
    );
  }
  return fromScaledInteger(units, places);
}

/**
 * Supply at `at`: total by x/mint from the anchor; circulating = total −
 * configured non-circulating holdings (x/mint has no treasury; staked tokens
 * count as circulating); staked = bondedRatio × total; liquid =
 * max(circulating − staked, 0). Staked beyond the circulating supply (only
 * possible with configured holdings) is its own non-circulating, staked
 * bucket, taken from the holdings in order, so the buckets reconcile.
 *
 * @example
 * ```ts
 * import type { CosmosMintModel } from '../state.js';
 * import { supplyFigures } from './supply.js';
 *
 * declare const model: CosmosMintModel; // the cosmoshub preset
 *
 * supplyFigures(model, new Date('2019-03-13T23:00:00Z'), { decimals: 6, symbol: 'ATOM', chainName: 'Cosmos Hub' }).liquid?.toFixed(); // '77946000'
 * ```
 */
export function supplyFigures(model: CosmosMintModel, at: Date, context: ModelContext): Supply {
  const { params } = model;
  const s = mintStateAt(model, at);
  const total = s.supply.total;
  const held = heldOf(model, context);
  const circulating = circulatingOf(total, held, at, context);
  const staked = stakedAmount(params.bondedRatio, total, context.decimals).toDecimal();
  const split = splitStaked(
    staked,
    circulating,
    held.map((holding) => holding.amount),
  );
  const liquid = split.liquid.toDecimal();
  const fromHoldings = split.fromHoldings.toDecimal();
  const bondedSource = sourceOf(model, 'bondedRatio');
  const buckets: SupplyBucket[] =
    held.length === 0
      ? []
      : [
          {
            key: 'staked-from-holdings',
            label:
              'Staked from non-circulating holdings (an assumption: the staked supply beyond the circulating supply)',
            amount: fromHoldings,
            circulating: false,
            staked: true,
            source: `${STAKED_FROM_HOLDINGS}; staked from bondedRatio: ${bondedSource}`,
          },
          ...held.map((holding, index) =>
            holdingBucket(holding, split.taken[index]!.toDecimal(), STAKED_FROM_HOLDINGS),
          ),
        ];
  buckets.push({
    key: 'staked',
    label: 'Staked (bonded to validators)',
    amount: split.fromCirculating.toDecimal(),
    circulating: true,
    source: bondedSource,
  });
  const heldNote =
    held.length === 0
      ? 'this model subtracts no vesting, module or community-pool balance unless the deployment configures one'
      : `the deployment's configured non-circulating holdings (${held.map((holding) => holding.label).join(', ')}) are subtracted`;
  const supply: Supply = {
    at,
    max: null,
    total,
    circulating,
    staked,
    liquid,
    burned: null,
    circulatingDefinition: `Circulating = total supply of the mint denom minus configured non-circulating holdings: x/mint has no cap and no treasury, and ${heldNote}. Staked (bonded) ${context.symbol} counts as circulating, the convention of CoinGecko, CoinMarketCap and Messari; liquid = circulating − staked, never below 0. Burns by slashing are not modelled (burned is unknown). See ${METHOD}#circulating-staked-and-liquid.`,
    buckets,
    derivations: {},
  };
  // Derived when read: a query selecting only the figures (the dashboard) never pays for them.
  return lazyMember(supply, 'derivations', () => ({
    total: derive(
      'total(n) = anchorSupply × Π_{k=1..n} (1 + inflation_k / blocksPerYear), n = floor(elapsed × blocksPerYear / 365.25 d); inflation_k = clamp(inflation_1 + (k − 1) × Δ, inflationMin, inflationMax), Δ = (1 − bondedRatio / goalBonded) × inflationRateChange / blocksPerYear; product as exp(Σ ln), series error ≤ seriesErrorBound (relative); the chain truncates each block’s provision to a base unit (< 1 base unit per block lower)',
      {
        anchorTime: params.anchorTime,
        anchorSupply: amountInput(params.anchorSupply),
        blocks: s.blocks,
        anchorInflation: rateInput(params.anchorInflation),
        changePerBlock: rateInput(s.change),
        linearBlocks: s.path.linearBlocks,
        bound: s.path.bound === null ? 'none reached' : s.path.bound,
        inflation: rateInput(s.path.inflation),
        minted: amountInput(s.supply.minted),
        seriesErrorBound: rateInput(s.supply.seriesErrorBound),
      },
      total,
      `${MINT}; ${anchorNote(model)}; ${HELD}`,
    ),
    circulating: derive(
      'circulating = total − Σ configured non-circulating holdings (staked tokens count as circulating; x/mint has no treasury)',
      {
        total: amountInput(total),
        nonCirculatingHoldings: amountInput(sumDecimals(held.map((holding) => holding.amount))),
      },
      circulating,
      `${METHOD}#circulating-staked-and-liquid`,
    ),
    staked: derive(
      `staked = bondedRatio × total, rounded half to even to the base unit (10^-${context.decimals}), never above total`,
      { bondedRatio: rateInput(params.bondedRatio), total: amountInput(total) },
      staked,
      bondedSource,
    ),
    liquid: derive(
      'liquid = max(circulating − staked, 0)',
      {
        circulating: amountInput(circulating),
        staked: amountInput(staked),
        stakedFromHoldings: amountInput(fromHoldings),
      },
      liquid,
      STAKED_FROM_HOLDINGS,
    ),
  }));
}

import {
  amountInput,
  type Decimal,
  derive,
  formatDecimal,
  fromScaledInteger,
  lazyMember,
  rateInput,
  ScaledDecimal,
  type Supply,
  type SupplyBucket,
  servedFigure,
} from '@tokenomics/core';
import { type CheckedHolding, holdingBucket, splitStaked, stakedAmount } from '@tokenomics/cosmos-rest';
import { AMOUNT_PLACES } from '../formulas/supply-at.js';
import type { SynternetModel } from '../state.js';
import { SYNT_DECIMALS, SYNTERNET_TREASURY_ADDRESS } from '../token.js';
import {
  anchorNote,
  anchorOf,
  checkNonCirculating,
  exactMinus,
  heldOf,
  METHOD,
  RULING,
  SPEC,
  sourceOf,
  stateAt,
  unitsOf,
} from './state-at.js';

const STAKED_FROM_TREASURY = `${METHOD}#staked-from-the-treasury`;

/**
 * Supply at `at`: total by the yearly-allowance ruling; circulating = total −
 * treasury − configured non-circulating holdings (staked tokens count as
 * circulating); staked = bondedRatio × total; liquid = max(circulating −
 * staked, 0). Where more is staked than circulates, the excess is its own
 * non-circulating, staked bucket, "staked from the treasury", taken from the
 * treasury bucket (then from configured holdings, in order, should the
 * treasury not cover it), so total − Σ(non-circulating buckets) = circulating.
 */
export function supplyFigures(
  model: SynternetModel,
  at: Date,
  configured: readonly CheckedHolding[] = [],
): Supply {
  const { params } = model;
  const s = stateAt(model, at);
  const anchor = anchorOf(model);
  const held = heldOf(model, configured);
  const totalUnits = s.units.total;
  const treasuryUnits = s.units.treasury;
  const heldUnits = held.reduce((sum, holding) => sum + unitsOf(holding.amount), 0n);
  checkNonCirculating(totalUnits, treasuryUnits, heldUnits, at);
  // Exact, as schedule points compute it: a Decimal subtraction rounds to 60 digits, which a
  // total of 10^20 tokens or more at AMOUNT_PLACES exceeds.
  const circulating = fromScaledInteger(totalUnits - treasuryUnits - heldUnits, AMOUNT_PLACES);
  const staked = stakedAmount(
    params.bondedRatio,
    new ScaledDecimal(totalUnits, AMOUNT_PLACES),
    SYNT_DECIMALS,
  ).toDecimal();
  const split = splitStaked(staked, circulating, [s.treasury, ...held.map((holding) => holding.amount)]);
  const fromTreasury = split.taken[0]!.toDecimal();
  const fromHoldings = split.fromHoldings.toDecimal();
  const liquid = split.liquid.toDecimal();
  const treasuryAddress = model.state?.treasuryAddress ?? SYNTERNET_TREASURY_ADDRESS;
  const bondedSource = sourceOf(model, 'bondedRatio');
  const spills = fromHoldings.gt(fromTreasury);
  const treasuryNotes = [
    sourceOf(model, 'treasuryBalance'),
    ...(s.units.treasuryEmitted === 0n ? [] : [`plus treasury inflation (${METHOD}#treasury-inflation)`]),
    ...(fromTreasury.isZero()
      ? []
      : [
          `less ${formatDecimal(servedFigure(fromTreasury, SYNT_DECIMALS) as Decimal)} SYNT counted as staked from the treasury (${STAKED_FROM_TREASURY})`,
        ]),
  ];
  const buckets: SupplyBucket[] = [
    {
      key: 'treasury',
      label: `Treasury (${treasuryAddress}), not staked`,
      amount: exactMinus(s.treasury, fromTreasury),
      circulating: false,
      source: treasuryNotes.join('; '),
    },
    {
      key: 'staked-from-treasury',
      label: `Staked from the treasury${spills ? ' and configured holdings' : ''} (an assumption: the staked supply beyond the circulating supply)`,
      amount: fromHoldings,
      circulating: false,
      staked: true,
      source: `${STAKED_FROM_TREASURY}; staked from bondedRatio: ${bondedSource}`,
    },
    ...held.map((holding, index) =>
      holdingBucket(holding, split.taken[index + 1]!.toDecimal(), STAKED_FROM_TREASURY),
    ),
    {
      key: 'staked',
      label: 'Staked (bonded to validators) from the circulating supply',
      amount: split.fromCirculating.toDecimal(),
      circulating: true,
      source: bondedSource,
    },
  ];
  const supply: Supply = {
    at,
    max: null,
    total: s.total,
    circulating,
    staked,
    liquid,
    burned: null,
    circulatingDefinition: `Total supply minus the treasury (${SPEC}, Circulating Supply: "Circulating supply = Total supply - Treasury") and minus any non-circulating holding the deployment configures. The treasury is the mint module's treasury_address ${treasuryAddress}. Staked tokens count as circulating, the convention of CoinGecko, CoinMarketCap and Messari; liquid = circulating − staked, never below 0. Where more is staked than circulates (the seed's bonded ratio of 0.5 against a 90 % treasury), the excess is shown as staked from the treasury, an assumption. Burns (manual, proposal 0009) are not modelled: burned is unknown. See ${METHOD}#circulating-supply.`,
    buckets,
    derivations: {},
  };
  // Derived when read: a query selecting only the figures (the dashboard) never pays for them.
  return lazyMember(supply, 'derivations', () => ({
    total: derive(
      'total(t) = total(start of year y) + (validatorAllowance_y + treasuryAllowance_y) × elapsed; allowance_y = rate_y × total(start of year y); years start on anniversaries of inflationStart',
      {
        year: s.year.number,
        yearStart: s.year.start,
        yearEnd: s.year.end,
        elapsed: rateInput(s.elapsed),
        yearStartTotal: amountInput(s.year.startTotal),
        validatorRate: rateInput(s.year.rates.validator),
        treasuryRate: rateInput(s.year.rates.treasury),
        validatorAllowance: amountInput(s.year.validatorAllowance),
        treasuryAllowance: amountInput(s.year.treasuryAllowance),
        anchorAt: anchor.at,
        anchorTotal: amountInput(anchor.total),
      },
      s.total,
      `${RULING}; ${SPEC} (Incentives)${anchorNote(model)}`,
    ),
    circulating: derive(
      'circulating = total − treasury − Σ configured non-circulating holdings (staked tokens count as circulating)',
      {
        total: amountInput(s.total),
        treasury: amountInput(s.treasury),
        nonCirculatingHoldings: amountInput(fromScaledInteger(heldUnits, AMOUNT_PLACES)),
        anchorTreasury: amountInput(anchor.treasury),
        treasuryEmittedSinceStart: amountInput(s.treasuryEmitted),
      },
      circulating,
      `${SPEC} (Circulating Supply); ${METHOD}#circulating-supply`,
    ),
    staked: derive(
      'staked = bondedRatio × total, rounded half to even to the usynt (never above total)',
      { bondedRatio: rateInput(params.bondedRatio), total: amountInput(s.total) },
      staked,
      bondedSource,
    ),
    liquid: derive(
      'liquid = max(circulating − staked, 0); the staked tokens beyond circulating are staked from the treasury',
      {
        circulating: amountInput(circulating),
        staked: amountInput(staked),
        stakedFromTreasury: amountInput(fromHoldings),
      },
      liquid,
      STAKED_FROM_TREASURY,
    ),
  }));
}

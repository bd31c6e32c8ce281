import {
  addMonths,
  amountInput,
  Decimal,
  derive,
  formatDecimal,
  fromScaledInteger,
  type Model,
  type Parameter,
  type ParameterModel,
  type ParameterValues,
  type PenaltyInput,
  type PenaltyOutcome,
  type PenaltyRule,
  type Rewards,
  type RewardsQuery,
  rateInput,
  type SchedulePoint,
  type Supply,
  type SupplyBucket,
  sumDecimals,
  type TokenFlow,
  TokenomicsError,
  toScaledInteger,
} from '@tokenomics/core';
import {
  type CheckedHolding,
  COSMOS_SDK_SLASHING_SOURCES,
  configuredHoldings,
  dailyCompoundedApy,
  delegatorApr,
  type HeldAmount,
  holdingBucket,
  type SlashingModel,
  simulateSlashingPenalty,
  slashingPenaltyRules,
  splitStaked,
  stakedAmount,
} from '@tokenomics/cosmos-rest';
import { annualProvisions } from './formulas/annual-provisions.js';
import { blocksElapsed } from './formulas/blocks-elapsed.js';
import { type InflationPath, inflationAfterBlocks } from './formulas/inflation-after-blocks.js';
import { inflationChangePerBlock } from './formulas/inflation-change-per-block.js';
import { stakingApr } from './formulas/staking-apr.js';
import { type SupplyAfterBlocks, supplyAfterBlocks } from './formulas/supply-after-blocks.js';
import { COSMOS_MINT_METHODOLOGY, type CosmosMintParameters } from './parameters.js';
import type { CosmosMintState } from './sources/live.js';

/** The model as core hands it to each capability. */
export type CosmosMintModel = Model<CosmosMintParameters, CosmosMintState>;

/**
 * What the model needs besides parameters: the token's decimals and the
 * chain's name, for wording, and the configured non-circulating holdings.
 */
export interface ModelContext {
  decimals: number;
  symbol: string;
  chainName: string;
  /** Configured non-circulating holdings (a snapshot's amounts; a live source reads them). */
  holdings?: readonly CheckedHolding[];
}

const METHOD = COSMOS_MINT_METHODOLOGY;
const MINT = `cosmos-sdk x/mint (minter.go NextInflationRate, NextAnnualProvisions, BlockProvision), https://github.com/cosmos/cosmos-sdk/blob/5f9c3fdf88952ea43316f1a18de572e7ae3c13f6/x/mint/types/minter.go; ${METHOD}#supply`;
const DISTRIBUTION = `cosmos-sdk x/distribution (community_tax), https://github.com/cosmos/cosmos-sdk/blob/a26a2e17a16cc7ebf9afb9d898b8996b0049b855/x/distribution/keeper/allocation.go; ${METHOD}#rewards`;
const SLASHING = {
  downtime: `${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.downtime}`,
  doubleSign: `${METHOD}#slashing; ${COSMOS_SDK_SLASHING_SOURCES.doubleSign}`,
};
const STAKED_FROM_HOLDINGS = `${METHOD}#circulating-staked-and-liquid`;
const HELD = 'the bonded ratio is held constant from the anchor on';

/** The model's state at an instant: blocks since the anchor, the inflation path and the supply. */
export interface MintStateAt {
  blocks: number;
  change: Decimal;
  path: InflationPath;
  supply: SupplyAfterBlocks;
}

/**
 * Checks across parameters: inflation_min ≤ inflation_max.
 *
 * @throws TokenomicsError BAD_INPUT naming both keys
 * @example
 * ```ts
 * validateParameters({ ...params, inflationMin: new Decimal('0.3') }); // throws: inflationMin (0.3) must not exceed inflationMax (0.2)
 * ```
 */
export function validateParameters(params: ParameterValues<CosmosMintParameters>): void {
  if (params.inflationMin.gt(params.inflationMax)) {
    throw new TokenomicsError(
      'BAD_INPUT',
      `inflationMin (${formatDecimal(params.inflationMin)}) must not exceed inflationMax (${formatDecimal(params.inflationMax)})`,
      { details: { keys: ['inflationMin', 'inflationMax'] } },
    );
  }
}

/**
 * Blocks since the anchor, the inflation path and the supply at `at`, the
 * one computation every capability (and the schedule) reads.
 *
 * @example
 * ```ts
 * mintStateAt(model, new Date('2020-03-13T05:00:00Z')).blocks; // 4360000 with the cosmoshub preset
 * ```
 */
export function mintStateAt(model: CosmosMintModel, at: Date): MintStateAt {
  const { params } = model;
  const blocks = blocksElapsed(params.anchorTime, at, params.blocksPerYear);
  const change = inflationChangePerBlock(
    params.bondedRatio,
    params.goalBonded,
    params.inflationRateChange,
    params.blocksPerYear,
  );
  const bounds = { min: params.inflationMin, max: params.inflationMax };
  const path = inflationAfterBlocks(params.anchorInflation, change, bounds, blocks);
  const supply = supplyAfterBlocks(params.anchorSupply, path, change, params.blocksPerYear, blocks);
  return { blocks, change, path, supply };
}

function sourceOf(model: CosmosMintModel, key: keyof CosmosMintParameters): string {
  return model.parameters.find((parameter: Parameter) => parameter.key === key)!.source;
}

function anchorNote(model: CosmosMintModel): string {
  const { state, params } = model;
  return state
    ? `anchored at the chain's total at block ${state.height} (${state.blockTime.toISOString()})`
    : `anchored at anchorSupply on ${params.anchorTime.toISOString()} (${sourceOf(model, 'anchorSupply')})`;
}

/** The configured holdings: read from the chain by a live source (its state), the configured amounts for a snapshot. */
export function heldOf(model: CosmosMintModel, context: ModelContext): HeldAmount[] {
  return model.state ? model.state.nonCirculating : configuredHoldings(context.holdings ?? []);
}

/** total − Σ holdings, exact; BAD_INPUT when the holdings exceed the total (circulating would be negative). */
function circulatingOf(
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
  return {
    at,
    max: null,
    total,
    circulating,
    staked,
    liquid,
    burned: null,
    circulatingDefinition: `Circulating = total supply of the mint denom minus configured non-circulating holdings: x/mint has no cap and no treasury, and ${heldNote}. Staked (bonded) ${context.symbol} counts as circulating, the convention of CoinGecko, CoinMarketCap and Messari; liquid = circulating − staked, never below 0. Burns by slashing are not modelled (burned is unknown). See ${METHOD}#circulating-staked-and-liquid.`,
    buckets,
    derivations: {
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
    },
  };
}

/**
 * Rewards at `at`: x/mint inflation (emissionRate), the run-rate
 * annualEmission (annual provisions × (1 − communityTax): what stakers
 * receive a year at this block's rate, the chain's `annual_provisions`
 * convention), APR after the community tax, daily-compounded APY; the
 * derivation also shows what the next twelve months actually mint to stakers.
 *
 * @example
 * ```ts
 * rewardsFigures(model, new Date('2019-03-13T23:00:00Z'), {}).stakingApr.toFixed(8); // '0.10238806' (0.07 × 0.98 / 0.67)
 * ```
 */
export function rewardsFigures(model: CosmosMintModel, at: Date, query: RewardsQuery): Rewards {
  const { params } = model;
  const s = mintStateAt(model, at);
  const inflation = s.path.inflation;
  const provisions = annualProvisions(inflation, s.supply.total);
  const keep = new Decimal(1).minus(params.communityTax);
  const toStakers = provisions.times(keep);
  const nextTo = addMonths(at, 12);
  const nextRelease = mintStateAt(model, nextTo).supply.minted.minus(s.supply.minted).times(keep);
  const apr = stakingApr(inflation, params.bondedRatio, params.communityTax);
  const delegator = query.commission === undefined ? null : delegatorApr(apr, query.commission);
  return {
    at,
    annualEmission: toStakers,
    emissionRate: inflation,
    stakingApr: apr,
    stakingApy: dailyCompoundedApy(apr),
    bondedRatio: params.bondedRatio,
    participants: null,
    perParticipantDaily: null,
    delegatorApr: delegator,
    derivation: derive(
      'stakingApr = inflation × (1 − communityTax) / bondedRatio; inflation after n blocks of x/mint (see supply derivation of total); annualProvisions = inflation × total; annualEmission = annualProvisions × (1 − communityTax), the run-rate at t (what stakers receive a year at this block’s rate, as x/mint’s annual_provisions); nextTwelveMonthsRelease = (minted(t + 12 months) − minted(t)) × (1 − communityTax), what the next twelve months actually mint to stakers (the bonded ratio held)',
      {
        inflation: rateInput(inflation),
        blocks: s.blocks,
        total: amountInput(s.supply.total),
        annualProvisions: amountInput(provisions),
        communityTax: rateInput(params.communityTax),
        bondedRatio: rateInput(params.bondedRatio),
        annualEmission: amountInput(toStakers),
        nextTwelveMonthsTo: nextTo,
        nextTwelveMonthsRelease: amountInput(nextRelease),
        ...(query.commission === undefined ? {} : { commission: rateInput(query.commission) }),
      },
      apr,
      `${MINT}; ${DISTRIBUTION}; ${anchorNote(model)}; ${HELD}. Fees, proposer rewards and commission are not in the APR`,
    ),
  };
}

/** The x/slashing model with this chain's token, truncating slashes to its base unit. */
function slashingModel(model: ParameterModel<CosmosMintParameters>, context: ModelContext): SlashingModel {
  return {
    params: model.params,
    token: { symbol: context.symbol, decimals: context.decimals },
    parameters: model.parameters,
    sources: SLASHING,
  };
}

/**
 * The two x/slashing rules: downtime and double-sign (shared with every Cosmos adapter).
 *
 * @example
 * ```ts
 * penaltyRules(model, context).map((rule) => rule.key); // ['downtime', 'double-sign']
 * ```
 */
export function penaltyRules(
  model: ParameterModel<CosmosMintParameters>,
  context: ModelContext,
): PenaltyRule[] {
  return slashingPenaltyRules(slashingModel(model, context));
}

/**
 * Simulates an x/slashing penalty on the given stakes (shared with every Cosmos adapter).
 *
 * @example
 * ```ts
 * simulatePenalty(model, { rule: 'double-sign', stakes: [new Decimal('10000')] }, context).slashedTotal.toFixed(); // '500'
 * ```
 */
export function simulatePenalty(
  model: CosmosMintModel,
  input: PenaltyInput,
  context: ModelContext,
): PenaltyOutcome {
  return simulateSlashingPenalty(slashingModel(model, context), input);
}

/**
 * Schedule points: supply and inflation at each instant as `supplyFigures`
 * and `rewardsFigures` give them (circulating less configured holdings,
 * liquid = max(circulating − staked, 0)); `emitted` = tokens minted to stakers
 * since the previous point (minted × (1 − communityTax)); no pool balance.
 *
 * @example
 * ```ts
 * schedulePoints(model, [new Date('2019-03-13T23:00:00Z'), new Date('2020-03-13T05:00:00Z')], context)[1].emissionRate.toFixed(); // '0.07'
 * ```
 */
export function schedulePoints(
  model: CosmosMintModel,
  instants: Date[],
  context: ModelContext,
): SchedulePoint[] {
  const share = new Decimal(1).minus(model.params.communityTax);
  const held = heldOf(model, context);
  const heldAmounts = held.map((holding) => holding.amount);
  let previous: Decimal | null = null;
  return instants.map((at) => {
    const s = mintStateAt(model, at);
    const emitted = previous === null ? new Decimal(0) : s.supply.minted.minus(previous).times(share);
    previous = s.supply.minted;
    const circulating = circulatingOf(s.supply.total, held, at, context);
    const staked = stakedAmount(model.params.bondedRatio, s.supply.total, context.decimals);
    return {
      at,
      total: s.supply.total,
      circulating,
      emitted: Decimal.max(0, emitted),
      emissionRate: s.path.inflation,
      poolBalance: null,
      liquid: splitStaked(staked, circulating, heldAmounts).liquid.toDecimal(),
    };
  });
}

/**
 * The value flows of a standard x/mint chain.
 *
 * @example
 * ```ts
 * mintFlows('ATOM').map((flow) => flow.key); // ['block-provisions', 'community-tax', 'staking', 'fees', 'slashing-burn']
 * ```
 */
export function mintFlows(symbol: string): TokenFlow[] {
  return [
    {
      key: 'block-provisions',
      from: 'x/mint (new tokens)',
      to: 'validators and delegators',
      kind: 'INFLATIONARY',
      description: `Every block mints annual provisions ÷ blocks_per_year new ${symbol} (inflation × total supply per year) to the fee collector; x/distribution pays them, less the community tax, to validators and their delegators by stake.`,
    },
    {
      key: 'community-tax',
      from: 'x/mint (new tokens) and fees',
      to: 'community pool',
      kind: 'INFLATIONARY',
      description:
        'x/distribution sends community_tax of every block’s provisions and fees to the community pool, spent by governance.',
    },
    {
      key: 'staking',
      from: 'token holders',
      to: 'validators (bonded)',
      kind: 'LOCK',
      description:
        'Holders bond tokens to validators to earn rewards; the bonded ratio steers inflation toward goal_bonded. Unbonding takes the chain’s unbonding time.',
    },
    {
      key: 'fees',
      from: 'users',
      to: 'validators and delegators',
      kind: 'UTILITY',
      description: 'Transaction fees go to the fee collector and are distributed with the block provisions.',
    },
    {
      key: 'slashing-burn',
      from: 'slashed stakes',
      to: 'burn',
      kind: 'DEFLATIONARY',
      description: 'Stakes slashed for downtime or double signing are burned, lowering total supply.',
    },
  ];
}

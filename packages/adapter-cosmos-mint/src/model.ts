import {
  Decimal,
  derive,
  formatDecimal,
  type Model,
  type Parameter,
  type ParameterValues,
  type PenaltyInput,
  type PenaltyOutcome,
  type PenaltyRule,
  type Rewards,
  type RewardsQuery,
  type SchedulePoint,
  type Supply,
  type TokenFlow,
  TokenomicsError,
} from '@tokenomics/core';
import {
  dailyCompoundedApy,
  delegatorApr,
  type SlashingModel,
  simulateSlashingPenalty,
  slashingPenaltyRules,
} from '@tokenomics/cosmos-rest';
import { annualProvisions } from './formulas/annual-provisions.js';
import { blocksElapsed } from './formulas/blocks-elapsed.js';
import { type InflationPath, inflationAfterBlocks } from './formulas/inflation-after-blocks.js';
import { inflationChangePerBlock } from './formulas/inflation-change-per-block.js';
import { stakingApr } from './formulas/staking-apr.js';
import { type SupplyAfterBlocks, supplyAfterBlocks } from './formulas/supply-after-blocks.js';
import type { CosmosMintParameters } from './parameters.js';
import type { CosmosMintState } from './sources/live.js';

/** The model as core hands it to each capability. */
export type CosmosMintModel = Model<CosmosMintParameters, CosmosMintState>;

/** What the model needs besides parameters: the token's decimals and the chain's name, for wording. */
export interface ModelContext {
  decimals: number;
  symbol: string;
  chainName: string;
}

const MINT =
  'cosmos-sdk x/mint (minter.go NextInflationRate, NextAnnualProvisions, BlockProvision; abci.go BeginBlocker)';
const DISTRIBUTION = 'cosmos-sdk x/distribution (community_tax)';
const SLASHING = {
  downtime: 'cosmos-sdk x/slashing (keeper/infractions.go) and x/staking (keeper/slash.go)',
  doubleSign: 'cosmos-sdk x/evidence (keeper/infraction.go) and x/staking (keeper/slash.go)',
};
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

/**
 * Supply at `at`: total by x/mint from the anchor, staked = bondedRatio × total, circulating = total.
 *
 * @example
 * ```ts
 * supplyFigures(model, new Date('2019-03-13T23:00:00Z'), { decimals: 6, symbol: 'ATOM', chainName: 'Cosmos Hub' }).total.toFixed(); // '236200000'
 * ```
 */
export function supplyFigures(model: CosmosMintModel, at: Date, context: ModelContext): Supply {
  const { params } = model;
  const s = mintStateAt(model, at);
  const total = s.supply.total;
  const staked = params.bondedRatio.times(total).toDecimalPlaces(context.decimals);
  return {
    at,
    max: null,
    total,
    circulating: total,
    staked,
    liquid: null, // replaced by the second-edition convention (issue 12)
    burned: null,
    circulatingDefinition: `Circulating = total supply of the mint denom: x/mint has no cap and no treasury, and this model reads no vesting, module or community-pool balances, so none is subtracted. Staked (bonded) ${context.symbol} counts as circulating. Burns by slashing are not modelled (burned is unknown).`,
    buckets: [{ key: 'staked', label: 'Staked (bonded to validators)', amount: staked, circulating: true }],
    derivations: {
      total: derive(
        'total(n) = anchorSupply × Π_{k=1..n} (1 + inflation_k / blocksPerYear), n = floor(elapsed × blocksPerYear / 365.25 d); inflation_k = clamp(inflation_1 + (k − 1) × Δ, inflationMin, inflationMax), Δ = (1 − bondedRatio / goalBonded) × inflationRateChange / blocksPerYear; product as exp(Σ ln), series error ≤ seriesErrorBound (relative); the chain truncates each block’s provision to a base unit (< 1 base unit per block lower)',
        {
          anchorTime: params.anchorTime,
          anchorSupply: params.anchorSupply,
          blocks: s.blocks,
          anchorInflation: params.anchorInflation,
          changePerBlock: s.change,
          linearBlocks: s.path.linearBlocks,
          bound: s.path.bound === null ? 'none reached' : s.path.bound,
          inflation: s.path.inflation,
          minted: s.supply.minted,
          seriesErrorBound: s.supply.seriesErrorBound,
        },
        total,
        `${MINT}; ${anchorNote(model)}; ${HELD}`,
      ),
      circulating: derive(
        'circulating = total (nothing subtracted: see circulatingDefinition)',
        { total },
        total,
        `${MINT}: no treasury or cap in x/mint`,
      ),
      staked: derive(
        `staked = bondedRatio × total, rounded to the base unit (10^-${context.decimals})`,
        { bondedRatio: params.bondedRatio, total },
        staked,
        sourceOf(model, 'bondedRatio'),
      ),
    },
  };
}

/**
 * Rewards at `at`: x/mint inflation, annual provisions, APR after the community tax, daily-compounded APY.
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
  const toStakers = provisions.times(new Decimal(1).minus(params.communityTax));
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
      'stakingApr = inflation × (1 − communityTax) / bondedRatio; inflation after n blocks of x/mint (see supply derivation of total); annualProvisions = inflation × total; annualEmission (to stakers) = annualProvisions × (1 − communityTax)',
      {
        inflation,
        blocks: s.blocks,
        total: s.supply.total,
        annualProvisions: provisions,
        communityTax: params.communityTax,
        bondedRatio: params.bondedRatio,
        ...(query.commission === undefined ? {} : { commission: query.commission }),
      },
      apr,
      `${MINT}; ${DISTRIBUTION}; ${anchorNote(model)}; ${HELD}. Fees, proposer rewards and commission are not in the APR`,
    ),
  };
}

/** The x/slashing model with this chain's token, truncating slashes to its base unit. */
function slashingModel(model: CosmosMintModel, context: ModelContext): SlashingModel {
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
export function penaltyRules(model: CosmosMintModel, context: ModelContext): PenaltyRule[] {
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
 * and `rewardsFigures` give them; `emitted` = tokens minted to stakers since
 * the previous point (minted × (1 − communityTax)); no pool balance.
 *
 * @example
 * ```ts
 * schedulePoints(model, [new Date('2019-03-13T23:00:00Z'), new Date('2020-03-13T05:00:00Z')])[1].emissionRate.toFixed(); // '0.07'
 * ```
 */
export function schedulePoints(model: CosmosMintModel, instants: Date[]): SchedulePoint[] {
  const share = new Decimal(1).minus(model.params.communityTax);
  let previous: Decimal | null = null;
  return instants.map((at) => {
    const s = mintStateAt(model, at);
    const emitted = previous === null ? new Decimal(0) : s.supply.minted.minus(previous).times(share);
    previous = s.supply.minted;
    return {
      at,
      total: s.supply.total,
      circulating: s.supply.total,
      emitted: Decimal.max(0, emitted),
      emissionRate: s.path.inflation,
      poolBalance: null,
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

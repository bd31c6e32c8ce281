import { TokenomicsError } from '@tokenomics/core';
import { type LcdRequest, type LcdRequestOptions, lcdRequest } from './request.js';
import {
  type BalancesResponse,
  balancesSchema,
  type Coin,
  type DistributionParamsResponse,
  distributionParamsSchema,
  type LatestBlockResponse,
  latestBlockSchema,
  type MintAnnualProvisionsResponse,
  type MintInflationResponse,
  type MintParamsResponse,
  mintAnnualProvisionsSchema,
  mintInflationSchema,
  mintParamsSchema,
  type SlashingParamsResponse,
  type StakingPoolResponse,
  type SupplyByDenomResponse,
  slashingParamsSchema,
  stakingPoolSchema,
  supplyByDenomSchema,
} from './schemas.js';

/** The standard paths this client reads. */
export const LCD_PATHS = {
  supplyByDenom: '/cosmos/bank/v1beta1/supply/by_denom',
  balances: '/cosmos/bank/v1beta1/balances',
  stakingPool: '/cosmos/staking/v1beta1/pool',
  slashingParams: '/cosmos/slashing/v1beta1/params',
  distributionParams: '/cosmos/distribution/v1beta1/params',
  latestBlock: '/cosmos/base/tendermint/v1beta1/blocks/latest',
  /** The prefix of a block by height: `${blocks}/{height}`. */
  blocks: '/cosmos/base/tendermint/v1beta1/blocks',
  mintInflation: '/cosmos/mint/v1beta1/inflation',
  mintParams: '/cosmos/mint/v1beta1/params',
  mintAnnualProvisions: '/cosmos/mint/v1beta1/annual_provisions',
} as const;

const DENOM = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
const ADDRESS = /^[a-z0-9]{1,83}1[02-9ac-hj-np-z]{6,}$/;

function checkDenom(denom: string): void {
  if (!DENOM.test(denom)) {
    throw new TokenomicsError('BAD_INPUT', `not a Cosmos denom: ${JSON.stringify(denom)}`, {
      details: { denom },
    });
  }
}

/**
 * The total supply of one denom: `GET /cosmos/bank/v1beta1/supply/by_denom?denom=…`.
 *
 * @example
 * ```ts
 * import { bankSupplyByDenom } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 *
 * const { value } = await reader.read(bankSupplyByDenom('https://api.synternet.com', 'usynt'));
 * value.amount.amount; // '1000000000000000' (usynt)
 * ```
 */
export function bankSupplyByDenom(
  baseUrl: string,
  denom: string,
  options?: LcdRequestOptions,
): LcdRequest<SupplyByDenomResponse> {
  checkDenom(denom);
  return lcdRequest(
    baseUrl,
    `${LCD_PATHS.supplyByDenom}?denom=${encodeURIComponent(denom)}`,
    supplyByDenomSchema,
    options,
  );
}

/**
 * An account's balances: `GET /cosmos/bank/v1beta1/balances/{address}` (the
 * first page; see {@link coinAmount}).
 *
 * @throws TokenomicsError BAD_INPUT when the address is not bech32-like
 * @example
 * ```ts
 * import { bankBalances, coinAmount } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(bankBalances(url, 'synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d'));
 * coinAmount(value.balances, 'usynt'); // '899985000000000'
 * ```
 */
export function bankBalances(
  baseUrl: string,
  address: string,
  options?: LcdRequestOptions,
): LcdRequest<BalancesResponse> {
  if (!ADDRESS.test(address)) {
    throw new TokenomicsError('BAD_INPUT', `not a bech32 account address: ${JSON.stringify(address)}`, {
      details: { address },
    });
  }
  return lcdRequest(baseUrl, `${LCD_PATHS.balances}/${address}`, balancesSchema, options);
}

/**
 * The staking pool (bonded and not-bonded tokens): `GET /cosmos/staking/v1beta1/pool`.
 *
 * @example
 * ```ts
 * import { stakingPool } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(stakingPool(url));
 * value.pool.bonded_tokens; // '504000000000000'
 * ```
 */
export function stakingPool(baseUrl: string, options?: LcdRequestOptions): LcdRequest<StakingPoolResponse> {
  return lcdRequest(baseUrl, LCD_PATHS.stakingPool, stakingPoolSchema, options);
}

/**
 * x/slashing parameters: `GET /cosmos/slashing/v1beta1/params`.
 *
 * @example
 * ```ts
 * import { slashingParams } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(slashingParams(url));
 * value.params.signed_blocks_window; // '16000'
 * ```
 */
export function slashingParams(
  baseUrl: string,
  options?: LcdRequestOptions,
): LcdRequest<SlashingParamsResponse> {
  return lcdRequest(baseUrl, LCD_PATHS.slashingParams, slashingParamsSchema, options);
}

/**
 * x/distribution parameters: `GET /cosmos/distribution/v1beta1/params`.
 *
 * @example
 * ```ts
 * import { distributionParams } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(distributionParams(url));
 * value.params.community_tax; // '0.000000000000000000'
 * ```
 */
export function distributionParams(
  baseUrl: string,
  options?: LcdRequestOptions,
): LcdRequest<DistributionParamsResponse> {
  return lcdRequest(baseUrl, LCD_PATHS.distributionParams, distributionParamsSchema, options);
}

/**
 * The latest block's header (chain id, height, time):
 * `GET /cosmos/base/tendermint/v1beta1/blocks/latest`.
 *
 * @example
 * ```ts
 * import { latestBlock } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(latestBlock(url));
 * value.block.header.time; // '2025-10-01T12:00:00.123456789Z'
 * ```
 */
export function latestBlock(baseUrl: string, options?: LcdRequestOptions): LcdRequest<LatestBlockResponse> {
  return lcdRequest(baseUrl, LCD_PATHS.latestBlock, latestBlockSchema, options);
}

/**
 * A block by height: `GET /cosmos/base/tendermint/v1beta1/blocks/{height}`
 * (the same answer as the latest block's). A height the node has pruned is
 * refused with core's `prunedHeight`.
 *
 * @example
 * ```ts
 * import { createDirectReader } from '@tokenomics/core';
 * import { blockAtHeight } from '@tokenomics/cosmos-rest';
 *
 * const { value } = await createDirectReader().read(blockAtHeight('https://lcd.example', 838n));
 * value.block.header.time; // '2024-08-01T00:00:00.000000000Z'
 * ```
 */
export function blockAtHeight(
  baseUrl: string,
  height: bigint,
  options?: Omit<LcdRequestOptions, 'height' | 'pathHeight'>,
): LcdRequest<LatestBlockResponse> {
  if (height < 1n) throw new RangeError(`a block height is 1 or more, got ${height}`);
  return lcdRequest(baseUrl, `${LCD_PATHS.blocks}/${height}`, latestBlockSchema, {
    ...options,
    pathHeight: height,
  });
}

/**
 * The standard x/mint inflation: `GET /cosmos/mint/v1beta1/inflation`. Chains
 * with a custom mint module answer 501 or 404: test with `isEndpointMissing`.
 *
 * @example
 * ```ts
 * import { mintInflation } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(mintInflation(url));
 * value.inflation; // '0.130016465508894587'
 * ```
 */
export function mintInflation(
  baseUrl: string,
  options?: LcdRequestOptions,
): LcdRequest<MintInflationResponse> {
  return lcdRequest(baseUrl, LCD_PATHS.mintInflation, mintInflationSchema, options);
}

/**
 * The standard x/mint parameters: `GET /cosmos/mint/v1beta1/params`.
 *
 * @example
 * ```ts
 * import { mintParams } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(mintParams(url));
 * value.params.goal_bonded; // '0.670000000000000000'
 * ```
 */
export function mintParams(baseUrl: string, options?: LcdRequestOptions): LcdRequest<MintParamsResponse> {
  return lcdRequest(baseUrl, LCD_PATHS.mintParams, mintParamsSchema, options);
}

/**
 * The standard x/mint annual provisions (a Dec of base units):
 * `GET /cosmos/mint/v1beta1/annual_provisions`.
 *
 * @example
 * ```ts
 * import { mintAnnualProvisions } from '@tokenomics/cosmos-rest';
 * import { type UpstreamReader } from '@tokenomics/core';
 *
 * declare const reader: UpstreamReader;
 * declare const url: string;
 *
 * const { value } = await reader.read(mintAnnualProvisions(url));
 * value.annual_provisions; // '130019024060848.545708142618272810'
 * ```
 */
export function mintAnnualProvisions(
  baseUrl: string,
  options?: LcdRequestOptions,
): LcdRequest<MintAnnualProvisionsResponse> {
  return lcdRequest(baseUrl, LCD_PATHS.mintAnnualProvisions, mintAnnualProvisionsSchema, options);
}

/**
 * The amount of one denom among coins (`"0"` when absent), as an integer
 * string of base units.
 *
 * @example
 * ```ts
 * import { coinAmount } from '@tokenomics/cosmos-rest';
 *
 * coinAmount([{ denom: 'usynt', amount: '5' }], 'usynt'); // '5'
 * coinAmount([], 'usynt'); // '0'
 * ```
 */
export function coinAmount(coins: readonly Coin[], denom: string): string {
  return coins.find((coin) => coin.denom === denom)?.amount ?? '0';
}

/**
 * An account's balance of one denom from a balances answer. The answer is one
 * page (100 denoms by default): when the denom is absent and more pages exist,
 * the balance is unknown, and this throws rather than say 0.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE when the denom may be on a later page
 * @example
 * ```ts
 * import { balanceOf } from '@tokenomics/cosmos-rest';
 *
 * balanceOf({ balances: [{ denom: 'usynt', amount: '7' }], pagination: null }, 'usynt'); // '7'
 * ```
 */
export function balanceOf(response: BalancesResponse, denom: string): string {
  const found = response.balances.find((coin) => coin.denom === denom);
  if (found) return found.amount;
  if (response.pagination?.next_key) {
    throw new TokenomicsError(
      'UPSTREAM_UNAVAILABLE',
      `GET ${LCD_PATHS.balances}/… lists more than one page of denoms and ${denom} is not on the first`,
      { details: { denom, reason: 'shape' } },
    );
  }
  return '0';
}

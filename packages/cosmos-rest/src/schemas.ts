import { z } from 'zod';

/**
 * An unsigned integer as the Cosmos REST gateway writes int64/uint64 and
 * `sdk.Int` amounts: a string of digits, never a JSON number.
 */
export const intString = z.string().regex(/^\d+$/, 'expected an integer string such as "1000000"');

/**
 * A `sdk.Dec` as the REST gateway writes it: a decimal string, usually with 18
 * decimals, e.g. `"0.500000000000000000"`.
 */
export const decString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "0.050000000000000000"');

/** A protobuf `Duration` in JSON form, e.g. `"600s"` or `"1.5s"`. */
export const durationString = z.string().regex(/^\d+(\.\d+)?s$/, 'expected a duration such as "600s"');

/** An RFC 3339 instant, as block headers carry it (nanoseconds allowed). */
export const timestampString = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
    'expected an RFC 3339 instant such as "2024-03-07T22:25:29.761240552Z"',
  );

/** A `Coin`: a denom and an integer amount of base units. */
export const coinSchema = z.object({ denom: z.string().min(1), amount: intString });

/** A `PageResponse`; `next_key` is base64 or null. */
export const pageResponseSchema = z.object({
  next_key: z.string().nullable(),
  total: intString,
});

/** `GET /cosmos/bank/v1beta1/supply/by_denom?denom=…` */
export const supplyByDenomSchema = z.object({ amount: coinSchema });

/** `GET /cosmos/bank/v1beta1/balances/{address}` */
export const balancesSchema = z.object({
  balances: z.array(coinSchema),
  pagination: pageResponseSchema.nullable().default(null),
});

/** `GET /cosmos/staking/v1beta1/pool` */
export const stakingPoolSchema = z.object({
  pool: z.object({ not_bonded_tokens: intString, bonded_tokens: intString }),
});

/** `GET /cosmos/slashing/v1beta1/params` */
export const slashingParamsSchema = z.object({
  params: z.object({
    signed_blocks_window: intString,
    min_signed_per_window: decString,
    downtime_jail_duration: durationString,
    slash_fraction_double_sign: decString,
    slash_fraction_downtime: decString,
  }),
});

/**
 * `GET /cosmos/distribution/v1beta1/params`. The proposer rewards are
 * deprecated since SDK 0.50 (still emitted, as zero); they default to null
 * where a chain leaves them out.
 */
export const distributionParamsSchema = z.object({
  params: z.object({
    community_tax: decString,
    base_proposer_reward: decString.nullable().default(null),
    bonus_proposer_reward: decString.nullable().default(null),
    withdraw_addr_enabled: z.boolean(),
  }),
});

const headerSchema = z.object({
  chain_id: z.string().min(1),
  height: intString,
  time: timestampString,
});

/**
 * `GET /cosmos/base/tendermint/v1beta1/blocks/latest`, reduced to the header
 * fields a model uses. SDK ≥ 0.47 also sends `sdk_block` (bech32 proposer);
 * `block` is still sent (deprecated), so it is the one required.
 */
export const latestBlockSchema = z.object({
  block: z.object({ header: headerSchema }),
  sdk_block: z.object({ header: headerSchema }).nullable().default(null),
});

/** `GET /cosmos/mint/v1beta1/inflation` (standard x/mint). */
export const mintInflationSchema = z.object({ inflation: decString });

/** `GET /cosmos/mint/v1beta1/annual_provisions` (standard x/mint). */
export const mintAnnualProvisionsSchema = z.object({ annual_provisions: decString });

/** `GET /cosmos/mint/v1beta1/params` (standard x/mint). */
export const mintParamsSchema = z.object({
  params: z.object({
    mint_denom: z.string().min(1),
    inflation_rate_change: decString,
    inflation_max: decString,
    inflation_min: decString,
    goal_bonded: decString,
    blocks_per_year: intString,
  }),
});

/** A `Coin` of a validated response. */
export type Coin = z.output<typeof coinSchema>;
/** The validated answer of `GET /cosmos/bank/v1beta1/supply/by_denom`. */
export type SupplyByDenomResponse = z.output<typeof supplyByDenomSchema>;
/** The validated answer of `GET /cosmos/bank/v1beta1/balances/{address}`. */
export type BalancesResponse = z.output<typeof balancesSchema>;
/** The validated answer of `GET /cosmos/staking/v1beta1/pool`. */
export type StakingPoolResponse = z.output<typeof stakingPoolSchema>;
/** The validated answer of `GET /cosmos/slashing/v1beta1/params`. */
export type SlashingParamsResponse = z.output<typeof slashingParamsSchema>;
/** The validated answer of `GET /cosmos/distribution/v1beta1/params`. */
export type DistributionParamsResponse = z.output<typeof distributionParamsSchema>;
/** The validated answer of `GET /cosmos/base/tendermint/v1beta1/blocks/latest` (header fields only). */
export type LatestBlockResponse = z.output<typeof latestBlockSchema>;
/** The validated answer of `GET /cosmos/mint/v1beta1/inflation`. */
export type MintInflationResponse = z.output<typeof mintInflationSchema>;
/** The validated answer of `GET /cosmos/mint/v1beta1/annual_provisions`. */
export type MintAnnualProvisionsResponse = z.output<typeof mintAnnualProvisionsSchema>;
/** The validated answer of `GET /cosmos/mint/v1beta1/params`. */
export type MintParamsResponse = z.output<typeof mintParamsSchema>;

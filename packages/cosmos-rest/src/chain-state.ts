import {
  Decimal,
  fromBaseUnits,
  type ImplausibilityReason,
  type ParameterData,
  type ParameterSchema,
  parseInstant,
  type SourcedValue,
  type TokenomicsError,
  type UpstreamReader,
  type UpstreamValue,
  upstreamInvalid,
} from '@tokenomics/core';
import {
  bankSupplyByDenom,
  distributionParams,
  latestBlock,
  slashingParams,
  stakingPool,
} from './endpoints.js';
import type { LcdRequest } from './request.js';
import type {
  DistributionParamsResponse,
  LatestBlockResponse,
  SlashingParamsResponse,
  StakingPoolResponse,
  SupplyByDenomResponse,
} from './schemas.js';
import type { SlashingParameterKey, SlashingParameterValues } from './slashing.js';

/** Which token a chain-state read is about. */
export interface StandardChainOptions {
  /** The denom whose supply is read and whose tokens are bonded, e.g. `usynt`. */
  denom: string;
  /** Its base-unit decimals, e.g. 6: amounts are converted to whole tokens after the read. */
  decimals: number;
  /** The token symbol, for messages (`… 0 SYNT bonded …`); default: the word `tokens`. */
  symbol?: string;
}

/** The five standard reads, built once per base URL and denom (their `key`s are the cache keys). */
export interface StandardChainRequests {
  supply: LcdRequest<SupplyByDenomResponse>;
  pool: LcdRequest<StakingPoolResponse>;
  slashing: LcdRequest<SlashingParamsResponse>;
  distribution: LcdRequest<DistributionParamsResponse>;
  block: LcdRequest<LatestBlockResponse>;
}

/** The five answers as the reader gave them, with the requests they answer. */
export interface StandardChainAnswers {
  requests: StandardChainRequests;
  supply: UpstreamValue<SupplyByDenomResponse>;
  pool: UpstreamValue<StakingPoolResponse>;
  slashing: UpstreamValue<SlashingParamsResponse>;
  distribution: UpstreamValue<DistributionParamsResponse>;
  block: UpstreamValue<LatestBlockResponse>;
}

/** The parameter keys a standard chain-state read gives values for. */
export type StandardChainParameterKey = 'bondedRatio' | 'communityTax' | SlashingParameterKey;

/** What the standard modules say at the latest block, validated and parsed. */
export interface StandardChainState {
  chainId: string;
  /** The denom the bank supply answer is about (the plausibility rules check it is the one asked for). */
  denom: string;
  /** The latest block's height, as the chain writes it. */
  height: string;
  /** The latest block's time, as the chain writes it (RFC 3339, nanoseconds kept). */
  time: string;
  /** The latest block's time: the instant the state holds at. */
  blockTime: Date;
  /** `at block <height> (<time>)`, the tail of every `chain:` source. */
  at: string;
  /** Total supply of the denom, in whole tokens. */
  total: Decimal;
  /** Bonded tokens, in whole tokens. */
  bonded: Decimal;
  /** Not-bonded (unbonding) tokens, in whole tokens. */
  notBonded: Decimal;
  /** `bonded / total`, in (0, 1]. */
  bondedRatio: Decimal;
  /** x/distribution `community_tax`. */
  communityTax: Decimal;
  /** x/slashing parameters, parsed (jail duration in whole seconds). */
  slashing: SlashingParameterValues;
  /**
   * The same values as parameter data, each with a `chain: GET … (field) at block …`
   * source, to put in `SourcedState.parameters` (check them with {@link checkChainParameters}).
   */
  parameters: Record<StandardChainParameterKey, SourcedValue>;
  /** The five reads, for {@link readsFreshness}. */
  reads: UpstreamValue<unknown>[];
  requests: StandardChainRequests;
}

/**
 * The `UPSTREAM_INVALID` error of an answer that parses but cannot be right
 * (a supply of 0, more bonded than supplied): the message starts with the
 * resource, `details.reason` is `inconsistent` unless `details` names
 * another of core's `IMPLAUSIBILITY_REASONS` (`denom`, `parameter`…).
 *
 * @example
 * ```ts
 * import { inconsistentAnswer } from '@tokenomics/cosmos-rest';
 *
 * throw inconsistentAnswer('GET /cosmos/staking/v1beta1/pool', 'reports 0 bonded');
 * // message: 'GET /cosmos/staking/v1beta1/pool reports 0 bonded'
 * ```
 */
export function inconsistentAnswer(
  resource: string,
  message: string,
  details: Record<string, unknown> & { reason?: ImplausibilityReason } = {},
): TokenomicsError {
  const { reason = 'inconsistent', ...rest } = details;
  return upstreamInvalid({ reason, message: `${resource} ${message}` }, { resource, ...rest });
}

/**
 * The source text of a value read from the chain: `chain: <resource> (<field>) <at>`.
 *
 * @example
 * ```ts
 * import { chainSource } from '@tokenomics/cosmos-rest';
 *
 * chainSource('GET /cosmos/mint/v1beta1/params', 'goal_bonded', 'at block 42 (2025-01-01T00:00:00Z)');
 * // 'chain: GET /cosmos/mint/v1beta1/params (goal_bonded) at block 42 (2025-01-01T00:00:00Z)'
 * ```
 */
export function chainSource(resource: string, field: string, at: string): string {
  return `chain: ${resource} (${field}) ${at}`;
}

/** `"600s"` → `"600s"`; `"600.5s"` → `"600s"` (whole seconds, as the jail check compares block times). */
function wholeSeconds(duration: string): string {
  return `${duration.split(/[.s]/)[0]}s`;
}

/**
 * The five standard requests for a base URL and denom: bank supply by denom,
 * staking pool, slashing params, distribution params, latest block. With
 * `at` (a block read first, {@link readBlock}), every resource is read at
 * that block's height (the `x-cosmos-block-height` header) and the block is
 * the one read, so the state is one consistent block.
 *
 * @throws TokenomicsError CONFIGURATION for a URL that is not http(s); BAD_INPUT for a malformed denom
 * @example
 * ```ts
 * import { standardChainRequests } from '@tokenomics/cosmos-rest';
 *
 * standardChainRequests('https://api.synternet.com', 'usynt').supply.key;
 * // 'GET https://api.synternet.com/cosmos/bank/v1beta1/supply/by_denom?denom=usynt'
 * ```
 */
export function standardChainRequests(
  baseUrl: string,
  denom: string,
  at?: { height: bigint; block: LcdRequest<LatestBlockResponse> },
): StandardChainRequests {
  const options = at ? { height: at.height } : undefined;
  return {
    supply: bankSupplyByDenom(baseUrl, denom, options),
    pool: stakingPool(baseUrl, options),
    slashing: slashingParams(baseUrl, options),
    distribution: distributionParams(baseUrl, options),
    block: at ? at.block : latestBlock(baseUrl),
  };
}

/**
 * Reads the five standard answers in parallel through `reader` (so a caching
 * reader deduplicates them across capabilities), without judging them yet
 * (`block`: the block's answer when it was read first, {@link readBlock}):
 * an adapter with a check of its own that must come first (the mint denom)
 * reads with this, checks, then calls {@link parseStandardChainState}.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the path of a failed or malformed read
 * @example
 * ```ts
 * import { readStandardChainAnswers, standardChainRequests } from '@tokenomics/cosmos-rest';
 * import { type EconomyContext } from '@tokenomics/core';
 *
 * declare const ctx: EconomyContext;
 * declare const url: string;
 *
 * const answers = await readStandardChainAnswers(ctx.reader, standardChainRequests(url, 'uatom'));
 * answers.pool.value.pool.bonded_tokens; // '250000000000000'
 * ```
 */
export async function readStandardChainAnswers(
  reader: UpstreamReader,
  requests: StandardChainRequests,
  block?: UpstreamValue<LatestBlockResponse>,
): Promise<StandardChainAnswers> {
  const [supply, pool, slashing, distribution, blockAnswer] = await Promise.all([
    reader.read(requests.supply),
    reader.read(requests.pool),
    reader.read(requests.slashing),
    reader.read(requests.distribution),
    block ?? reader.read(requests.block),
  ]);
  return { requests, supply, pool, slashing, distribution, block: blockAnswer };
}

/**
 * Validates and parses the standard answers: the supply must be positive, the
 * bonded tokens in (0, supply], the block time readable; amounts become whole
 * tokens (÷ 10^decimals), Decs become Decimals, the jail duration whole
 * seconds; each value also comes as parameter data with its `chain:` source.
 * Whether a value fits a model's bounds (a community tax of 1, a window of 0)
 * is the adapter's to check, with {@link checkChainParameters}.
 *
 * @throws TokenomicsError UPSTREAM_INVALID naming the path of an inconsistent answer
 * @example
 * ```ts
 * import { parseStandardChainState, type StandardChainAnswers } from '@tokenomics/cosmos-rest';
 *
 * declare const answers: StandardChainAnswers; // the answers to standardChainRequests(…), read at block 838
 *
 * const state = parseStandardChainState(answers, { denom: 'usynt', decimals: 6, symbol: 'SYNT' });
 * state.total.toFixed(); // '1000000000'
 * state.parameters.signedBlocksWindow.source; // 'chain: GET /cosmos/slashing/v1beta1/params (signed_blocks_window) at block 838 (…)'
 * ```
 */
export function parseStandardChainState(
  answers: StandardChainAnswers,
  options: StandardChainOptions,
): StandardChainState {
  const { requests } = answers;
  const { decimals } = options;
  const unit = options.symbol ? ` ${options.symbol}` : '';
  const total = fromBaseUnits(answers.supply.value.amount.amount, decimals);
  if (!total.isPositive() || total.isZero()) {
    throw inconsistentAnswer(
      requests.supply.resource,
      `reports a total supply of ${total.toFixed()} ${options.symbol ?? 'tokens'}`,
    );
  }
  const bonded = fromBaseUnits(answers.pool.value.pool.bonded_tokens, decimals);
  const notBonded = fromBaseUnits(answers.pool.value.pool.not_bonded_tokens, decimals);
  if (bonded.isZero() || bonded.gt(total)) {
    throw inconsistentAnswer(
      requests.pool.resource,
      `reports ${bonded.toFixed()}${unit} bonded of a ${total.toFixed()}${unit} supply; the bonded ratio must be in (0, 1]`,
    );
  }
  const header = answers.block.value.block.header;
  let blockTime: Date;
  try {
    blockTime = parseInstant(header.time, 'block time');
  } catch {
    throw inconsistentAnswer(
      requests.block.resource,
      `carries an unreadable block time ${JSON.stringify(header.time)}`,
      { reason: 'block-time' },
    );
  }

  const at = `at block ${header.height} (${header.time})`;
  const slash = answers.slashing.value.params;
  const communityTax = answers.distribution.value.params.community_tax;
  const jail = wholeSeconds(slash.downtime_jail_duration);
  const fromSlashing = (value: string, field: string): SourcedValue => ({
    value,
    source: chainSource(requests.slashing.resource, field, at),
  });
  const bondedRatio = bonded.div(total);
  return {
    chainId: header.chain_id,
    denom: answers.supply.value.amount.denom,
    height: header.height,
    time: header.time,
    blockTime,
    at,
    total,
    bonded,
    notBonded,
    bondedRatio,
    communityTax: new Decimal(communityTax),
    slashing: {
      signedBlocksWindow: Number(slash.signed_blocks_window),
      minSignedPerWindow: new Decimal(slash.min_signed_per_window),
      downtimeJailSeconds: Number(jail.slice(0, -1)),
      slashFractionDowntime: new Decimal(slash.slash_fraction_downtime),
      slashFractionDoubleSign: new Decimal(slash.slash_fraction_double_sign),
    },
    parameters: {
      bondedRatio: {
        value: bondedRatio.toFixed(),
        source: `chain: ${requests.pool.resource} bonded_tokens ÷ ${requests.supply.resource} amount ${at}`,
      },
      communityTax: {
        value: communityTax,
        source: chainSource(requests.distribution.resource, 'community_tax', at),
      },
      signedBlocksWindow: fromSlashing(slash.signed_blocks_window, 'signed_blocks_window'),
      minSignedPerWindow: fromSlashing(slash.min_signed_per_window, 'min_signed_per_window'),
      downtimeJailSeconds: fromSlashing(jail, 'downtime_jail_duration'),
      slashFractionDowntime: fromSlashing(slash.slash_fraction_downtime, 'slash_fraction_downtime'),
      slashFractionDoubleSign: fromSlashing(slash.slash_fraction_double_sign, 'slash_fraction_double_sign'),
    },
    reads: [answers.supply, answers.pool, answers.slashing, answers.distribution, answers.block],
    requests,
  };
}

/**
 * Reads the standard chain state of a denom through `reader`: bank supply,
 * staking pool, slashing and distribution params and the latest block, in
 * parallel, then validates and parses them ({@link parseStandardChainState}).
 * Adapters add what is their own (a treasury balance, x/mint) and feed
 * `state.parameters` into `SourcedState.parameters`.
 *
 * @param baseUrl - the LCD's base URL, or requests built once with {@link standardChainRequests}
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the path on any failed or malformed answer;
 *   UPSTREAM_INVALID on an inconsistent one
 * @example
 * ```ts
 * import { readStandardChainState } from '@tokenomics/cosmos-rest';
 * import { type EconomyContext } from '@tokenomics/core';
 *
 * declare const ctx: EconomyContext;
 *
 * const state = await readStandardChainState(ctx.reader, 'https://api.synternet.com', { denom: 'usynt', decimals: 6, symbol: 'SYNT' });
 * state.bondedRatio.toFixed(); // '0.504'
 * state.slashing.downtimeJailSeconds; // 600
 * ```
 */
export async function readStandardChainState(
  reader: UpstreamReader,
  baseUrl: string | StandardChainRequests,
  options: StandardChainOptions,
  block?: UpstreamValue<LatestBlockResponse>,
): Promise<StandardChainState> {
  const requests = typeof baseUrl === 'string' ? standardChainRequests(baseUrl, options.denom) : baseUrl;
  return parseStandardChainState(await readStandardChainAnswers(reader, requests, block), options);
}

/**
 * Checks chain values against a model's parameter kinds. A value outside what
 * the model accepts (a community tax of 1, a window of 0) is the upstream's
 * fault: an `UPSTREAM_INVALID` error naming the path (taken from the
 * value's `chain: GET …` source), not a configuration error.
 *
 * @throws TokenomicsError UPSTREAM_INVALID (reason `parameter`) `<resource> gives <key> = <value>, which must be <expected>`
 * @example
 * ```ts
 * import { checkChainParameters, slashingParameterSchema } from '@tokenomics/cosmos-rest';
 *
 * checkChainParameters(slashingParameterSchema, {
 *   slashFractionDowntime: { value: '1.5', source: 'chain: GET /cosmos/slashing/v1beta1/params (slash_fraction_downtime) at block 1 (…)' },
 * });
 * // throws: GET /cosmos/slashing/v1beta1/params gives slashFractionDowntime = 1.5, which must be a decimal in [0, 1]
 * ```
 */
export function checkChainParameters<S extends ParameterSchema>(
  schema: S,
  parameters: Partial<ParameterData<S>>,
): void {
  for (const [key, data] of Object.entries(parameters) as [string, SourcedValue | undefined][]) {
    if (!data) continue;
    const kind = schema[key]?.kind;
    if (!kind) continue;
    try {
      kind.parse(data.value);
    } catch {
      const resource = /^chain: (GET \S+)/.exec(data.source)?.[1] ?? 'the LCD';
      throw inconsistentAnswer(resource, `gives ${key} = ${data.value}, which must be ${kind.expected}`, {
        key,
        reason: 'parameter',
      });
    }
  }
}

/**
 * When a state read from several answers was fetched (the oldest answer's
 * time) and whether any of them is a last good value served stale.
 *
 * @example
 * ```ts
 * import type { UpstreamValue } from '@tokenomics/core';
 * import { readsFreshness, type StandardChainState } from '@tokenomics/cosmos-rest';
 *
 * declare const state: StandardChainState;
 * declare const treasury: UpstreamValue<unknown>; // one more read of the same source
 *
 * const { fetchedAt, stale } = readsFreshness([...state.reads, treasury]);
 * ```
 */
export function readsFreshness(reads: readonly UpstreamValue<unknown>[]): {
  fetchedAt: Date;
  stale: boolean;
} {
  return {
    fetchedAt: new Date(Math.min(...reads.map((read) => read.fetchedAt.getTime()))),
    stale: reads.some((read) => read.stale),
  };
}

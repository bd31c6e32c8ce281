import { bech32 } from '@scure/base';
import {
  type Decimal,
  formatDecimal,
  fromBaseUnits,
  parseDecimal,
  type SupplyBucket,
  TokenomicsError,
  type UpstreamValue,
} from '@tokenomics/core';
import { chainSource } from './chain-state.js';
import { balanceOf, bankBalances } from './endpoints.js';
import type { LcdRequest, LcdRequestOptions } from './request.js';
import type { BalancesResponse } from './schemas.js';

/**
 * A non-circulating holding a deployment names in its configuration: an
 * account (a treasury, a vesting or bridge account) whose balance is not in
 * holders' hands. The live source reads its balance; a snapshot takes
 * `amount`.
 */
export interface NonCirculatingHolding {
  /** The account's bech32 address, with the chain's prefix (e.g. `synt1…`). */
  address: string;
  /** What it is, as the supply buckets show it, e.g. "Bridge-locked supply". */
  label: string;
  /** Whole tokens, for a snapshot (required there); a live source reads the chain instead. */
  amount?: string;
}

/** A {@link NonCirculatingHolding} after {@link checkNonCirculatingHoldings}. */
export interface CheckedHolding {
  address: string;
  label: string;
  /** The configured amount; null when none was given (a live source reads it). */
  amount: Decimal | null;
}

/** A holding with its amount and where the amount comes from. */
export interface HeldAmount {
  address: string;
  label: string;
  amount: Decimal;
  /** `chain: GET /cosmos/bank/v1beta1/balances/<address> …` or `configuration: …`. */
  source: string;
}

/** The most holdings a deployment may list: each is one more read per live refresh. */
export const MAX_NON_CIRCULATING_HOLDINGS = 16;
const MAX_LABEL_LENGTH = 80;
const HOLDING_KEYS = ['address', 'label', 'amount'];

/** What {@link checkNonCirculatingHoldings} checks against. */
export interface HoldingRules {
  /** The chain's bech32 account prefix, e.g. `synt` or `cosmos`. */
  prefix: string;
  /** The token's base-unit decimals: a configured amount has at most this many. */
  decimals: number;
  /** True for a snapshot: each holding needs an `amount`. */
  requireAmount: boolean;
  /** Addresses the model already holds out of circulation (the treasury): listing one again is refused. */
  reserved?: readonly string[];
  /** How errors name the option, e.g. `nonCirculating`. */
  option?: string;
}

function configurationError(message: string, details: Record<string, unknown>): TokenomicsError {
  return new TokenomicsError('CONFIGURATION', message, { details });
}

/**
 * Whether `address` is a bech32 account address of the chain: a valid
 * checksum (BIP 173, @scure/base), lowercase, the chain's prefix, and a
 * 20-byte (account) or 32-byte (module or contract account) payload.
 *
 * @example
 * ```ts
 * import { isChainAddress } from '@tokenomics/cosmos-rest';
 *
 * isChainAddress('synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d', 'synt'); // true
 * isChainAddress('synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5e', 'synt'); // false (checksum)
 * isChainAddress('cosmos1…', 'synt'); // false (prefix)
 * ```
 */
export function isChainAddress(address: string, prefix: string): boolean {
  if (address !== address.toLowerCase()) return false;
  const decoded = bech32.decodeUnsafe(address);
  if (!decoded || decoded.prefix !== prefix) return false;
  const bytes = bech32.fromWordsUnsafe(decoded.words);
  return bytes !== undefined && (bytes.length === 20 || bytes.length === 32);
}

/**
 * Checks a protocol's configured non-circulating holdings (any JSON, from a
 * configuration file): a list of at most {@link MAX_NON_CIRCULATING_HOLDINGS}
 * `{ address, label, amount? }`, each address a valid bech32 account of the
 * chain listed once (and not the treasury the model already subtracts), each
 * label a short line of text, each amount a decimal ≥ 0 with at most the
 * token's decimals; a snapshot needs an amount on each.
 *
 * @throws TokenomicsError CONFIGURATION naming the entry and what is valid
 * @example
 * ```ts
 * import { checkNonCirculatingHoldings } from '@tokenomics/cosmos-rest';
 *
 * checkNonCirculatingHoldings([{ address: 'synt1m8kdtcvhx4pdndxfwsn2az52sxyq09mfexfxgs', label: 'Billing moderator', amount: '100000800' }],
 *   { prefix: 'synt', decimals: 6, requireAmount: true })[0]?.amount?.toFixed(); // '100000800'
 * ```
 */
export function checkNonCirculatingHoldings(input: unknown, rules: HoldingRules): CheckedHolding[] {
  const option = rules.option ?? 'nonCirculating';
  if (input === undefined) return [];
  if (!Array.isArray(input)) {
    throw configurationError(`option "${option}" must be a list of { "address", "label", "amount"? }`, {
      option,
    });
  }
  if (input.length > MAX_NON_CIRCULATING_HOLDINGS) {
    throw configurationError(
      `option "${option}" lists ${input.length} holdings; at most ${MAX_NON_CIRCULATING_HOLDINGS}`,
      { option },
    );
  }
  const seen = new Set(rules.reserved ?? []);
  return input.map((entry: unknown, index): CheckedHolding => {
    const where = `${option}[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw configurationError(`${where} must be { "address", "label", "amount"? }`, { option: where });
    }
    const record = entry as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !HOLDING_KEYS.includes(key));
    if (unknown.length > 0) {
      throw configurationError(
        `${where} has unknown field(s) ${unknown.join(', ')}; fields: ${HOLDING_KEYS.join(', ')}`,
        { option: where, unknown },
      );
    }
    const { address, label, amount } = record;
    if (typeof address !== 'string' || !isChainAddress(address, rules.prefix)) {
      throw configurationError(
        `${where}.address must be a ${rules.prefix}1… account address with a valid checksum, got ${JSON.stringify(address)}`,
        { option: `${where}.address` },
      );
    }
    if (seen.has(address)) {
      const reserved = rules.reserved?.includes(address);
      throw configurationError(
        reserved
          ? `${where}.address ${address} is the treasury, already out of circulation`
          : `${where}.address ${address} is listed twice`,
        { option: `${where}.address` },
      );
    }
    seen.add(address);
    if (
      typeof label !== 'string' ||
      label.trim() === '' ||
      label.length > MAX_LABEL_LENGTH ||
      // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
      /[\u0000-\u001f\u007f]/.test(label)
    ) {
      throw configurationError(
        `${where}.label must be a line of text of 1–${MAX_LABEL_LENGTH} characters, got ${JSON.stringify(label)}`,
        { option: `${where}.label` },
      );
    }
    if (amount === undefined) {
      if (rules.requireAmount) {
        throw configurationError(
          `${where}.amount is required for a snapshot (no chain to read the balance from): whole tokens, e.g. "100000800"`,
          { option: `${where}.amount` },
        );
      }
      return { address, label, amount: null };
    }
    let value: Decimal;
    try {
      if (typeof amount !== 'string') throw new Error('not a string');
      value = parseDecimal(amount, `${where}.amount`);
    } catch {
      throw configurationError(`${where}.amount must be a decimal string, got ${JSON.stringify(amount)}`, {
        option: `${where}.amount`,
      });
    }
    if (value.isNegative() || value.decimalPlaces() > rules.decimals || value.gte('1e30')) {
      throw configurationError(
        `${where}.amount must be a decimal ≥ 0 below 10^30 with at most ${rules.decimals} decimals, got ${amount}`,
        { option: `${where}.amount` },
      );
    }
    return { address, label, amount: value };
  });
}

/**
 * The balance requests of the holdings, built once per source (their keys
 * are the cache keys).
 *
 * @example
 * ```ts
 * import { type CheckedHolding, holdingRequests } from '@tokenomics/cosmos-rest';
 *
 * declare const holdings: CheckedHolding[]; // checkNonCirculatingHoldings(…) of one Billing moderator
 *
 * holdingRequests('https://api.synternet.com', holdings)[0]?.resource; // 'GET /cosmos/bank/v1beta1/balances/synt1m8kd…'
 * ```
 */
export function holdingRequests(
  baseUrl: string,
  holdings: readonly CheckedHolding[],
  options?: LcdRequestOptions,
): LcdRequest<BalancesResponse>[] {
  return holdings.map((holding) => bankBalances(baseUrl, holding.address, options));
}

/**
 * The holdings' balances of the denom, as whole tokens with a `chain:`
 * source naming the path and block, from the answers to
 * {@link holdingRequests} (read through the reader with the rest of the
 * chain state).
 *
 * @param at - `at block <height> (<time>)`, the tail of the sources (StandardChainState.at)
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE when a balance may be on a later page
 * @example
 * ```ts
 * import type { EconomyContext } from '@tokenomics/core';
 * import { type CheckedHolding, holdingRequests, readHoldings, type StandardChainState } from '@tokenomics/cosmos-rest';
 *
 * declare const ctx: EconomyContext;
 * declare const holdings: CheckedHolding[];
 * declare const chain: StandardChainState; // read at block 42
 *
 * const requests = holdingRequests('https://api.synternet.com', holdings);
 * const answers = await Promise.all(requests.map((request) => ctx.reader.read(request)));
 * readHoldings(holdings, requests, answers, { denom: 'usynt', decimals: 6 }, chain.at)[0]?.source;
 * // 'chain: GET /cosmos/bank/v1beta1/balances/synt1… (usynt ÷ 10^6) at block 42 (…)'
 * ```
 */
export function readHoldings(
  holdings: readonly CheckedHolding[],
  requests: readonly LcdRequest<BalancesResponse>[],
  answers: readonly UpstreamValue<BalancesResponse>[],
  token: { denom: string; decimals: number },
  at: string,
): HeldAmount[] {
  return holdings.map((holding, index) => ({
    address: holding.address,
    label: holding.label,
    amount: fromBaseUnits(balanceOf(answers[index]!.value, token.denom), token.decimals),
    source: chainSource(requests[index]!.resource, `${token.denom} ÷ 10^${token.decimals}`, at),
  }));
}

/**
 * The configured amounts of the holdings, for a snapshot, each with a
 * `configuration:` source.
 *
 * @example
 * ```ts
 * import { type CheckedHolding, configuredHoldings } from '@tokenomics/cosmos-rest';
 *
 * declare const holdings: CheckedHolding[];
 *
 * configuredHoldings(holdings)[0]?.source; // 'configuration: nonCirculating "Billing moderator" (synt1m8kd…), amount as configured'
 * ```
 */
export function configuredHoldings(
  holdings: readonly CheckedHolding[],
  option = 'nonCirculating',
): HeldAmount[] {
  return holdings.map((holding) => ({
    address: holding.address,
    label: holding.label,
    amount: holding.amount!,
    source: `configuration: ${option} ${JSON.stringify(holding.label)} (${holding.address}), amount as configured`,
  }));
}

/**
 * The supply bucket of a holding: non-circulating, keyed by address,
 * labelled as configured, less what the excess of staked tokens took from it
 * (see `splitStaked`), which the source then says, citing `stakedNote`.
 *
 * @param stakedNote - where the adapter explains staking beyond the circulating supply (a methodology anchor)
 * @example
 * ```ts
 * import { Decimal } from '@tokenomics/core';
 * import { type HeldAmount, holdingBucket } from '@tokenomics/cosmos-rest';
 *
 * declare const held: HeldAmount;
 *
 * holdingBucket(held, new Decimal(0), 'docs/methodology/synternet.md#staked-from-the-treasury');
 * // { key: 'held-synt1m8kd…', label: 'Billing moderator (synt1m8kd…)', amount, circulating: false, source }
 * ```
 */
export function holdingBucket(holding: HeldAmount, taken: Decimal, stakedNote: string): SupplyBucket {
  return {
    key: `held-${holding.address}`,
    label: `${holding.label} (${holding.address})`,
    amount: holding.amount.minus(taken),
    circulating: false,
    source: taken.isZero()
      ? holding.source
      : `${holding.source}; less ${formatDecimal(taken)} counted as staked beyond the circulating supply (${stakedNote})`,
  };
}

/**
 * The non-circulating holdings behind a model: the balances a live source
 * read at its block (in its state), or the configured amounts for a snapshot
 * (no state).
 *
 * @example
 * ```ts
 * import { heldAmounts } from '@tokenomics/cosmos-rest';
 *
 * heldAmounts(null, []); // [] — a snapshot without configured holdings
 * ```
 */
export function heldAmounts(
  state: { nonCirculating: HeldAmount[] } | null,
  configured: readonly CheckedHolding[],
): HeldAmount[] {
  return state ? state.nonCirculating : configuredHoldings(configured);
}

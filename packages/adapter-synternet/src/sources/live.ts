import {
  Decimal,
  type EconomyContext,
  fromBaseUnits,
  type ParameterData,
  parseInstant,
  type SourcedState,
  type StateSource,
  TokenomicsError,
  type UpstreamValue,
} from '@tokenomics/core';
import {
  balanceOf,
  bankBalances,
  bankSupplyByDenom,
  distributionParams,
  latestBlock,
  mintInflation,
  normalizeBaseUrl,
  optionalEndpoint,
  slashingParams,
  stakingPool,
} from '@tokenomics/cosmos-rest';
import { SYNT_DECIMALS } from '../formulas/slash-stake.js';
import { type SynternetParameters, synternetParameters } from '../parameters.js';

/** Synternet's base denom. */
export const SYNT_DENOM = 'usynt';

/** The mint module's `treasury_address` (synternet-facts.md §2). */
export const SYNTERNET_TREASURY_ADDRESS = 'synt1nwhx5p30n9xw88czjq4j45tuz53qw50yllrg5d';

/** Options of {@link synternetLiveSource}. */
export interface SynternetLiveOptions {
  /** A Cosmos SDK REST (LCD) base URL, e.g. `https://api.synternet.com`. */
  lcdUrl: string;
  /** The account whose balance is the treasury; defaults to {@link SYNTERNET_TREASURY_ADDRESS}. */
  treasuryAddress?: string;
}

/** What a live read knows about the chain at its latest block (amounts in SYNT). */
export interface SynternetChainState {
  chainId: string;
  height: string;
  /** The latest block's time: the instant the read state holds at (the anchor). */
  blockTime: Date;
  total: Decimal;
  treasury: Decimal;
  treasuryAddress: string;
  bonded: Decimal;
  notBonded: Decimal;
  /** x/mint inflation when the chain serves it; null when it answered 501/404. */
  mintInflation: Decimal | null;
}

/** The state behind the model: null for a snapshot. */
export type SynternetState = SynternetChainState | null;

const TREASURY_ADDRESS = /^synt1[02-9ac-hj-np-z]{38}$/;

/**
 * Checks live options; a bad URL or address is a CONFIGURATION error at start-up.
 *
 * @example
 * ```ts
 * checkLiveOptions({ lcdUrl: 'https://api.synternet.com' }).treasuryAddress; // 'synt1nwhx5p30…'
 * ```
 */
export function checkLiveOptions(options: SynternetLiveOptions): Required<SynternetLiveOptions> {
  const lcdUrl = normalizeBaseUrl(options.lcdUrl);
  const treasuryAddress = options.treasuryAddress ?? SYNTERNET_TREASURY_ADDRESS;
  if (!TREASURY_ADDRESS.test(treasuryAddress)) {
    throw new TokenomicsError(
      'CONFIGURATION',
      `the treasury address must be a Synternet account address (synt1…, 43 characters), got ${JSON.stringify(treasuryAddress)}`,
      { details: { treasuryAddress } },
    );
  }
  return { lcdUrl, treasuryAddress };
}

function inconsistent(
  resource: string,
  message: string,
  details: Record<string, unknown> = {},
): TokenomicsError {
  return new TokenomicsError('UPSTREAM_UNAVAILABLE', `${resource} ${message}`, {
    details: { resource, reason: 'shape', ...details },
  });
}

/** `"600s"` → `"600s"`; `"600.5s"` → `"600s"` (whole seconds, as the jail check compares block times). */
function wholeSeconds(duration: string): string {
  return `${duration.split(/[.s]/)[0]}s`;
}

/**
 * A chain value outside what the model accepts (a community tax of 1, a window
 * of 0) is the upstream's fault: an UPSTREAM error naming the path, not a
 * configuration error.
 */
function checkChainValues(parameters: Partial<ParameterData<SynternetParameters>>): void {
  for (const [key, data] of Object.entries(parameters)) {
    if (!data) continue;
    const kind = synternetParameters[key as keyof SynternetParameters].kind;
    try {
      kind.parse(data.value);
    } catch {
      const resource = /^chain: (GET \S+)/.exec(data.source)?.[1] ?? 'the LCD';
      throw inconsistent(resource, `gives ${key} = ${data.value}, which must be ${kind.expected}`, { key });
    }
  }
}

/**
 * The live source: reads the chain's supply, the treasury's balance, the
 * staking pool, slashing and distribution params and the latest block through
 * `ctx.reader` (one read per path, so a caching reader deduplicates them), and
 * tries x/mint inflation, falling back to the schedule on 501/404. Amounts are
 * converted from usynt to SYNT after the read; chain parameters replace the
 * preset's, each with a `chain: GET …` source.
 *
 * @throws TokenomicsError UPSTREAM_UNAVAILABLE naming the path on any failed,
 *   malformed or inconsistent answer
 * @example
 * ```ts
 * const economy = synternetAdapter({ live: { lcdUrl: 'https://api.synternet.com' } });
 * (await economy.source()).kind; // 'LIVE'
 * ```
 */
export function synternetLiveSource(
  options: SynternetLiveOptions,
): StateSource<SynternetParameters, SynternetState> {
  const { lcdUrl, treasuryAddress } = checkLiveOptions(options);
  const host = new URL(lcdUrl).host;
  const requests = {
    supply: bankSupplyByDenom(lcdUrl, SYNT_DENOM),
    treasury: bankBalances(lcdUrl, treasuryAddress),
    pool: stakingPool(lcdUrl),
    slashing: slashingParams(lcdUrl),
    distribution: distributionParams(lcdUrl),
    block: latestBlock(lcdUrl),
    // x/mint is optional: Synternet runs its own mint module, so a 404/501 is an answer, cached like any other.
    mint: optionalEndpoint(mintInflation(lcdUrl)),
  };

  return {
    async read(ctx: EconomyContext): Promise<SourcedState<SynternetParameters, SynternetState>> {
      const { reader } = ctx;
      const mintRead = reader
        .read(requests.mint)
        .then((read) =>
          read.value.served
            ? { value: { ...read, value: read.value.value }, missing: null }
            : { value: null, missing: `HTTP ${read.value.status}` },
        );
      const [supply, treasury, pool, slashing, distribution, block, mint] = await Promise.all([
        reader.read(requests.supply),
        reader.read(requests.treasury),
        reader.read(requests.pool),
        reader.read(requests.slashing),
        reader.read(requests.distribution),
        reader.read(requests.block),
        mintRead,
      ]);

      const total = fromBaseUnits(supply.value.amount.amount, SYNT_DECIMALS);
      if (!total.isPositive() || total.isZero()) {
        throw inconsistent(requests.supply.resource, `reports a total supply of ${total.toFixed()} SYNT`);
      }
      const treasuryBalance = fromBaseUnits(balanceOf(treasury.value, SYNT_DENOM), SYNT_DECIMALS);
      if (treasuryBalance.gt(total)) {
        throw inconsistent(
          requests.treasury.resource,
          `reports a treasury balance (${treasuryBalance.toFixed()} SYNT) above the total supply (${total.toFixed()} SYNT)`,
        );
      }
      const bonded = fromBaseUnits(pool.value.pool.bonded_tokens, SYNT_DECIMALS);
      const notBonded = fromBaseUnits(pool.value.pool.not_bonded_tokens, SYNT_DECIMALS);
      if (bonded.isZero() || bonded.gt(total)) {
        throw inconsistent(
          requests.pool.resource,
          `reports ${bonded.toFixed()} SYNT bonded of a ${total.toFixed()} SYNT supply; the bonded ratio must be in (0, 1]`,
        );
      }
      const header = block.value.block.header;
      let blockTime: Date;
      try {
        blockTime = parseInstant(header.time, 'block time');
      } catch {
        throw inconsistent(
          requests.block.resource,
          `carries an unreadable block time ${JSON.stringify(header.time)}`,
        );
      }
      const mintInflationValue = mint.value ? new Decimal(mint.value.value.inflation) : null;
      if (mintInflationValue && (mintInflationValue.isNegative() || mintInflationValue.gte(1))) {
        throw inconsistent(requests.mint.resource, `reports an inflation of ${mintInflationValue.toFixed()}`);
      }

      const at = `at block ${header.height} (${header.time})`;
      const slash = slashing.value.params;
      const chain = (resource: string, field: string) => `chain: ${resource} (${field}) ${at}`;
      const parameters: Partial<ParameterData<SynternetParameters>> = {
        treasuryBalance: {
          value: treasuryBalance.toFixed(),
          source: `chain: ${requests.treasury.resource} (${SYNT_DENOM}, ÷ 10^6) ${at}`,
        },
        bondedRatio: {
          value: bonded.div(total).toFixed(),
          source: `chain: ${requests.pool.resource} bonded_tokens ÷ ${requests.supply.resource} amount ${at}`,
        },
        communityTax: {
          value: distribution.value.params.community_tax,
          source: chain(requests.distribution.resource, 'community_tax'),
        },
        signedBlocksWindow: {
          value: slash.signed_blocks_window,
          source: chain(requests.slashing.resource, 'signed_blocks_window'),
        },
        minSignedPerWindow: {
          value: slash.min_signed_per_window,
          source: chain(requests.slashing.resource, 'min_signed_per_window'),
        },
        downtimeJailSeconds: {
          value: wholeSeconds(slash.downtime_jail_duration),
          source: chain(requests.slashing.resource, 'downtime_jail_duration'),
        },
        slashFractionDowntime: {
          value: slash.slash_fraction_downtime,
          source: chain(requests.slashing.resource, 'slash_fraction_downtime'),
        },
        slashFractionDoubleSign: {
          value: slash.slash_fraction_double_sign,
          source: chain(requests.slashing.resource, 'slash_fraction_double_sign'),
        },
      };

      checkChainValues(parameters);

      const reads: UpstreamValue<unknown>[] = [supply, treasury, pool, slashing, distribution, block];
      if (mint.value) reads.push(mint.value);
      const fetchedAt = new Date(Math.min(...reads.map((read) => read.fetchedAt.getTime())));
      const mintNote = mint.value
        ? `x/mint inflation ${mintInflationValue!.toFixed()} read and used for the current year's validator allowance`
        : `x/mint inflation not served (${mint.missing}), the preset's schedule used`;
      return {
        state: {
          chainId: header.chain_id,
          height: header.height,
          blockTime,
          total,
          treasury: treasuryBalance,
          treasuryAddress,
          bonded,
          notBonded,
          mintInflation: mintInflationValue,
        },
        info: {
          kind: 'LIVE',
          description: `Cosmos REST (LCD) at ${host}, chain ${header.chain_id}, block ${header.height} (${header.time}); ${mintNote}. Figures are exact at the block time and stepped by the schedule to other instants.`,
          fetchedAt,
          stale: reads.some((read) => read.stale),
        },
        parameters,
      };
    },
  };
}

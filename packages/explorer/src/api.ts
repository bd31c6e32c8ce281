import {
  createClient,
  type DateTime,
  type GatewayClient,
  GatewayError,
  graphql,
  type ResultOf,
  type VariablesOf,
} from '@tokenomics/client';

/** The explorer's documents: every one typed against the committed schema by gql.tada. */

/** Every configured protocol, for the tabs and the comparison view (a third adapter appears here). */
export const ProtocolsQuery = graphql(`
  query ExplorerProtocols {
    protocols {
      id
      name
      token { symbol name decimals }
      capabilities
      source { kind description fetchedAt stale height blockTime error { code message } }
      supply { at total circulating }
      rewards { at stakingApr emissionRate }
    }
  }
`);

/** One protocol's figures, parameters, fees and penalties, after the what-if overrides. */
export const OverviewQuery = graphql(`
  query ExplorerOverview($id: ID!, $overrides: [ParameterOverride!]) {
    protocol(id: $id) {
      id
      name
      token { symbol name decimals }
      capabilities
      source { kind description fetchedAt stale height blockTime error { code message } }
      parameters(overrides: $overrides) { key label kind value unit assumption description source }
      supply(overrides: $overrides) {
        at max total circulating staked liquid burned circulatingDefinition
        buckets { key label amount circulating staked source }
        maxDerivation: derivation(figure: MAX) { formula result source inputs { name value } }
        totalDerivation: derivation(figure: TOTAL) { formula result source inputs { name value } }
        circulatingDerivation: derivation(figure: CIRCULATING) { formula result source inputs { name value } }
        stakedDerivation: derivation(figure: STAKED) { formula result source inputs { name value } }
        liquidDerivation: derivation(figure: LIQUID) { formula result source inputs { name value } }
      }
      rewards(overrides: $overrides) {
        at annualEmission emissionRate stakingApr bondedRatio participants
        derivation { formula result source inputs { name value } }
      }
      fees { key label model description }
      penalties { key label trigger }
    }
  }
`);

/**
 * A live protocol's headline, each time the gateway tells of a change (server-sent events): the same
 * figures and source as {@link OverviewQuery}'s, without what-ifs.
 */
export const ProtocolUpdatedSubscription = graphql(`
  subscription ExplorerProtocolUpdated($id: ID!) {
    protocolUpdated(id: $id) {
      id
      token { symbol name decimals }
      source { kind description fetchedAt stale height blockTime error { code message } }
      supply {
        at max total circulating staked liquid burned circulatingDefinition
        maxDerivation: derivation(figure: MAX) { formula result source inputs { name value } }
        totalDerivation: derivation(figure: TOTAL) { formula result source inputs { name value } }
        circulatingDerivation: derivation(figure: CIRCULATING) { formula result source inputs { name value } }
        stakedDerivation: derivation(figure: STAKED) { formula result source inputs { name value } }
        liquidDerivation: derivation(figure: LIQUID) { formula result source inputs { name value } }
      }
      rewards {
        at annualEmission emissionRate stakingApr bondedRatio participants
        derivation { formula result source inputs { name value } }
      }
    }
  }
`);

/** What was observed on chain over the supply chart's range (one per step: the last at or before it). */
export const HistoryQuery = graphql(`
  query ExplorerHistory($id: ID!, $from: DateTime!, $to: DateTime, $interval: Interval) {
    protocol(id: $id) {
      id
      history(from: $from, to: $to, interval: $interval) {
        at height total circulating liquid staked poolBalance
      }
    }
  }
`);

/** The published model beside each observation of the range, with the difference. */
export const DriftQuery = graphql(`
  query ExplorerDrift($id: ID!, $from: DateTime!, $to: DateTime, $interval: Interval) {
    protocol(id: $id) {
      id
      drift(from: $from, to: $to, interval: $interval) {
        at height
        figures { figure observed modelled difference relative }
      }
    }
  }
`);

/** The modelled schedule over a range, and the unlocks in it. */
export const ScheduleQuery = graphql(`
  query ExplorerSchedule(
    $id: ID!
    $from: DateTime
    $to: DateTime!
    $interval: Interval!
    $overrides: [ParameterOverride!]
  ) {
    protocol(id: $id) {
      id
      schedule(from: $from, to: $to, interval: $interval, overrides: $overrides) {
        at total circulating liquid poolBalance emitted emissionRate
      }
      unlocks(from: $from, to: $to) { bucket label kind start end amount steps source }
    }
  }
`);

/** The staking APR at one instant (sampled along the range for the emission/APR chart). */
export const AprAtQuery = graphql(`
  query ExplorerAprAt($id: ID!, $at: DateTime, $overrides: [ParameterOverride!]) {
    protocol(id: $id) { id rewards(at: $at, overrides: $overrides) { at stakingApr emissionRate } }
  }
`);

/** The fee calculator. */
export const QuoteFeeQuery = graphql(`
  query ExplorerQuoteFee($id: ID!, $input: FeeQuoteInput!) {
    protocol(id: $id) {
      id
      quoteFee(input: $input) {
        fee quantity base protocolFee total
        allocations { target amount }
        derivation { formula source }
      }
    }
  }
`);

/** The slashing simulator. */
export const SimulatePenaltyQuery = graphql(`
  query ExplorerSimulatePenalty($id: ID!, $input: PenaltyInput!) {
    protocol(id: $id) {
      id
      simulatePenalty(input: $input) {
        rule triggered slashedTotal jailedSeconds tombstoned lockedSeconds
        stakes { before slashed after }
        allocations { target amount }
        derivation { formula source }
      }
    }
  }
`);

export type ProtocolsResult = ResultOf<typeof ProtocolsQuery>;
export type ProtocolSummary = ProtocolsResult['protocols'][number];
export type Overview = NonNullable<ResultOf<typeof OverviewQuery>['protocol']>;
export type Parameter = Overview['parameters'][number];
export type Derivation = NonNullable<NonNullable<Overview['rewards']>['derivation']>;
export type ScheduleResult = NonNullable<ResultOf<typeof ScheduleQuery>['protocol']>;
export type SchedulePoint = NonNullable<ScheduleResult['schedule']>[number];
export type Unlock = ScheduleResult['unlocks'][number];
export type FeeQuote = NonNullable<NonNullable<ResultOf<typeof QuoteFeeQuery>['protocol']>['quoteFee']>;
export type PenaltyOutcome = NonNullable<
  NonNullable<ResultOf<typeof SimulatePenaltyQuery>['protocol']>['simulatePenalty']
>;
export type LiveUpdate = ResultOf<typeof ProtocolUpdatedSubscription>['protocolUpdated'];
/** What a protocol's headline shows: its token, source, supply and rewards (from the overview or an update). */
export type Headline = Pick<LiveUpdate, 'token' | 'source' | 'supply' | 'rewards'>;
export type Observation = NonNullable<ResultOf<typeof HistoryQuery>['protocol']>['history'][number];
export type DriftPoint = NonNullable<ResultOf<typeof DriftQuery>['protocol']>['drift'][number];
export type Overrides = NonNullable<VariablesOf<typeof OverviewQuery>['overrides']>;
export type Interval = VariablesOf<typeof ScheduleQuery>['interval'];

/**
 * The client the explorer uses: the gateway's `/graphql` on the page's own origin.
 *
 * @example
 * ```ts
 * import { explorerClient } from './api.js';
 *
 * const client = explorerClient('/graphql');
 * ```
 */
export function explorerClient(url: string | URL = '/graphql'): GatewayClient {
  return createClient({ url });
}

/**
 * An error as words for the page's alert region: a gateway error's code and message (every message
 * when there are several), a network failure as such.
 *
 * @example
 * ```ts
 * import { errorText } from './api.js';
 *
 * errorText(new TypeError('Failed to fetch')); // 'The gateway could not be reached (Failed to fetch).'
 * ```
 */
export function errorText(error: unknown): string {
  if (error instanceof GatewayError) {
    const messages = [...new Set(error.errors.map((entry) => entry.message))];
    const text = messages.length > 0 ? messages.join('; ') : error.message;
    return `The gateway answered ${error.code}: ${text}`;
  }
  if (error instanceof TypeError) return `The gateway could not be reached (${error.message}).`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The partial data that came with a gateway error (one failing protocol never blanks the others),
 * or null when the answer had none.
 *
 * @example
 * ```ts
 * import { partialData, type ProtocolsResult } from './api.js';
 *
 * const data = partialData<ProtocolsResult>(new Error('x')); // null
 * ```
 */
export function partialData<T>(error: unknown): T | null {
  return error instanceof GatewayError && error.data ? (error.data as T) : null;
}

/**
 * A DateTime variable (branded) from a Date.
 *
 * @example
 * ```ts
 * import { instant } from './api.js';
 *
 * instant(new Date(Date.UTC(2026, 0, 1))); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export function instant(date: Date): DateTime {
  return date.toISOString() as DateTime;
}

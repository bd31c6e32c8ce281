/**
 * The benchmarked documents. Copies of the gateway's GraphiQL examples
 * (packages/gateway/src/examples.ts) without comments, kept here so that a
 * change to the examples does not silently change what the bench measures.
 */

/** The baseline's document. */
export const HELLO = '{ hello }';

/** The cross-protocol dashboard: protocols → token, source, supply with buckets, rewards, fee schedules. */
export const DASHBOARD = `query Dashboard {
  protocols {
    id
    name
    token { symbol decimals }
    source { kind description fetchedAt stale }
    capabilities
    supply {
      at max total circulating staked
      buckets { key label amount circulating }
    }
    rewards {
      annualEmission emissionRate stakingApr stakingApy bondedRatio participants perParticipantDaily
      derivation { formula inputs { name value } result source }
    }
    fees { key label model destinations { target share } }
  }
}`;

/** Supply of every protocol at a fixed past instant: the same answer (and ETag) every second. */
export const PAST_SUPPLY = `query PastSupply {
  protocols { id supply(at: "2026-01-01T00:00:00Z") { at max total circulating staked liquid } }
}`;

/** A what-if: today's Session rewards beside the same rewards with 3,000 nodes. */
export const WHAT_IF = `query WhatIfSessionNodes {
  protocol(id: "session") {
    today: rewards { participants perParticipantDaily stakingApr }
    whatIf: rewards(overrides: [{ key: "networkSize", value: "3000" }]) {
      participants perParticipantDaily stakingApr
      derivation { formula inputs { name value } }
    }
  }
}`;

/** Ten years of both protocols' supply from `from` (UTC midnight), one point a day (2 × 3,653 points). */
export function tenYearDaily(from = new Date('2026-01-01T00:00:00Z')): string {
  const to = new Date(from);
  to.setUTCFullYear(to.getUTCFullYear() + 10);
  return `query TenYearDailySchedule {
  protocols {
    id
    schedule(from: "${from.toISOString()}", to: "${to.toISOString()}", interval: DAY) {
      at total circulating emitted emissionRate poolBalance
    }
  }
}`;
}

/** Ten years of both protocols' supply from 2026-01-01, one point a day. */
export const TEN_YEAR_DAILY = tenYearDaily();

/** Fee quotes on both protocols. */
export const FEE_QUOTES = `query FeeQuotes {
  session: protocol(id: "session") {
    quoteFee(input: { fee: "session-pro", quantity: "1", unitPrice: "100" }) {
      base protocolFee total allocations { target amount } derivation { formula }
    }
  }
  synternet: protocol(id: "synternet") {
    data: quoteFee(input: { fee: "pay-per-data", quantity: "1", unitPrice: "8" }) {
      base protocolFee total allocations { target amount }
    }
    messages: quoteFee(input: { fee: "pay-per-message", quantity: "1000", unitPrice: "0.0005" }) {
      base protocolFee total derivation { formula inputs { name value } }
    }
  }
}`;

/** The dashboard's figures at an explicit instant, as a literal (every new `at` is a new document). */
export function dashboardAt(at: string): string {
  return DASHBOARD.replace('supply {', `supply(at: "${at}") {`).replace(
    'rewards {',
    `rewards(at: "${at}") {`,
  );
}

/** The dashboard's figures at the instant `$at` (one document, a new variable each time). */
export const DASHBOARD_AT_VARIABLE = DASHBOARD.replace(
  'query Dashboard {',
  'query Dashboard($at: DateTime) {',
)
  .replace('supply {', 'supply(at: $at) {')
  .replace('rewards {', 'rewards(at: $at) {');

/**
 * A new instant on every call, whole seconds from 2026-01-01 (a past instant every protocol
 * serves): no response cache or result memo can answer it.
 */
export function instants(start = Date.UTC(2026, 0, 1)): () => string {
  let next = 0;
  return () => new Date(start + 1_000 * next++).toISOString();
}

/** Supply and rewards of every protocol at `at`: the protocols-cost scenario. */
export function protocolsAt(at: string): string {
  return `{ protocols { id supply(at: "${at}") { total circulating } rewards(at: "${at}") { emissionRate stakingApr } } }`;
}

/** `years` of one protocol's supply from `from`, one point a day. */
export function dailySchedule(protocol: string, years: number, from: Date): string {
  const to = new Date(from);
  to.setUTCFullYear(to.getUTCFullYear() + years);
  return `{ protocol(id: "${protocol}") { schedule(from: "${from.toISOString()}", to: "${to.toISOString()}", interval: DAY) { at total circulating emitted emissionRate poolBalance } } }`;
}

/** The JSON body of a POST /graphql. */
export function graphqlBody(query: string): string {
  return JSON.stringify({ query });
}

/** A body counts as a success when it has data and no `errors` member. */
export function isGoodBody(body: string): boolean {
  return body.startsWith('{"data":') && !body.includes('"errors":');
}

/** The document each scenario of `profile` and `soak` sends (live uses the dashboard against live sources). */
export const SCENARIO_QUERIES: Readonly<Record<string, string>> = {
  dashboard: DASHBOARD,
  'what-if': WHAT_IF,
  fees: FEE_QUOTES,
  schedule: TEN_YEAR_DAILY,
  live: DASHBOARD,
};

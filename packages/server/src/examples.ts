/**
 * GraphiQL's example tabs: each runs as it is, against the snapshot presets,
 * and shows one thing a frontend does with the gateway.
 */
export const EXAMPLE_TABS: ReadonlyArray<{ query: string; variables?: string }> = [
  {
    query: `# Cross-protocol dashboard: supply, rewards and fees of every protocol in one request.
# Amounts are decimal strings in whole tokens, at the token's base unit (SESH 9 decimals,
# SYNT 6); rates are fractions to 18 places (0.12 = 12 %). Staked tokens circulate;
# liquid = circulating − staked. Set $at (e.g. "2026-01-01T00:00:00Z") for another instant; default now.
query Dashboard($at: DateTime) {
  protocols {
    id
    name
    token { symbol decimals }
    source { kind description fetchedAt stale }
    capabilities
    supply(at: $at) {
      at max total circulating staked liquid
      buckets { key label amount circulating source }
    }
    rewards(at: $at) {
      annualEmission emissionRate stakingApr stakingApy bondedRatio participants perParticipantDaily
      derivation { formula inputs { name value } result source }
    }
    fees { key label model destinations { target share } }
  }
}`,
  },
  {
    query: `# What if the Session Network grew from 2,000 to 3,000 nodes?
# Overrides apply to one field only: compare the two aliases. Change $overrides for another size.
query WhatIfSessionNodes($overrides: [ParameterOverride!] = [{ key: "networkSize", value: "3000" }]) {
  protocol(id: "session") {
    today: rewards { participants perParticipantDaily stakingApr }
    whatIf: rewards(overrides: $overrides) {
      participants perParticipantDaily stakingApr
      derivation { formula inputs { name value } }
    }
  }
}`,
  },
  {
    query: `# Fee quotes on both protocols: a 100 SESH Session Pro fee (burnt and reminted 90/10),
# 1 GB of Synternet data at 8 SYNT/GB, and 1,000 messages at 0.0005 SYNT each.
# Each input is a variable: change one and the document stays the same.
query FeeQuotes(
  $pro: FeeQuoteInput! = { fee: "session-pro", quantity: "1", unitPrice: "100" }
  $data: FeeQuoteInput! = { fee: "pay-per-data", quantity: "1", unitPrice: "8" }
  $messages: FeeQuoteInput! = { fee: "pay-per-message", quantity: "1000", unitPrice: "0.0005" }
) {
  session: protocol(id: "session") {
    quoteFee(input: $pro) {
      base protocolFee total allocations { target amount } derivation { formula }
    }
  }
  synternet: protocol(id: "synternet") {
    data: quoteFee(input: $data) {
      base protocolFee total allocations { target amount }
    }
    messages: quoteFee(input: $messages) {
      base protocolFee total derivation { formula inputs { name value } }
    }
  }
}`,
  },
  {
    query: `# Slashing: a Synternet validator (10,000 SYNT self-stake, one 250,000 SYNT delegation)
# misses 8,001 of 16,000 blocks; and a Session node with a 25,000 SESH deposit is liquidated.
query Slashing(
  $validator: PenaltyInput! = { rule: "downtime", stakes: ["10000", "250000"], missedBlocks: 8001 }
  $node: PenaltyInput! = { rule: "liquidation", stakes: ["25000"] }
) {
  synternet: protocol(id: "synternet") {
    simulatePenalty(input: $validator) {
      triggered slashedTotal jailedSeconds tombstoned
      stakes { before slashed after }
      allocations { target amount }
      derivation { formula inputs { name value } }
    }
  }
  session: protocol(id: "session") {
    simulatePenalty(input: $node) {
      slashedTotal stakes { before slashed after } allocations { target amount }
    }
  }
}`,
  },
  {
    query: `# Ten years of supply, yearly, for every protocol.
query TenYearSchedule($from: DateTime = "2026-01-01T00:00:00Z", $to: DateTime = "2036-01-01T00:00:00Z") {
  protocols {
    id
    schedule(from: $from, to: $to, interval: YEAR) {
      at total circulating liquid emitted emissionRate poolBalance
    }
  }
}`,
  },
  {
    query: `# Where each figure comes from: every parameter with its kind, unit and source
# (a public URL or a methodology page of this repository), assumptions flagged;
# and the scheduled unlocks of locked holdings.
query Provenance {
  protocols {
    id
    parameters { key kind value unit assumption source }
    unlocks { bucket label kind start end amount steps source }
  }
}`,
  },
];

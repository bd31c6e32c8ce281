import { Decimal, type Observation } from '@tokenomics/core';

/** An observation at `height`, `minutes` after 2026-01-01, figures derived from the height. */
export function observation(
  height: bigint,
  minutes: number,
  overrides: Partial<Observation> = {},
): Observation {
  return {
    at: new Date(Date.UTC(2026, 0, 1) + minutes * 60_000),
    height,
    total: new Decimal('240000000').plus(new Decimal(height.toString()).div(1000)),
    circulating: new Decimal('100000000.123456789'),
    liquid: new Decimal('60000000.123456789'),
    staked: new Decimal('40000000'),
    bondedRatio: new Decimal('0.4'),
    emissionRate: null,
    stakingApr: new Decimal('0.151'),
    poolBalance: new Decimal('1234.5'),
    participants: 1_234,
    ...overrides,
  };
}

/** The observation's figures as text, for exact comparisons. */
export function plain(o: Observation): Record<string, string | number | null> {
  return {
    at: o.at.toISOString(),
    height: o.height.toString(),
    total: o.total?.toFixed() ?? null,
    circulating: o.circulating?.toFixed() ?? null,
    liquid: o.liquid?.toFixed() ?? null,
    staked: o.staked?.toFixed() ?? null,
    bondedRatio: o.bondedRatio?.toFixed() ?? null,
    emissionRate: o.emissionRate?.toFixed() ?? null,
    stakingApr: o.stakingApr?.toFixed() ?? null,
    poolBalance: o.poolBalance?.toFixed() ?? null,
    participants: o.participants,
  };
}

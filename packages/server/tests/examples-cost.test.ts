import { DEFAULT_DOCUMENT_LIMITS, gatewaySchema, requestCost } from '@tokenomics/gateway';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TABS } from '../src/examples.js';

const schema = gatewaySchema();
const cost = (query: string) =>
  requestCost(schema, parse(query), null, undefined, {
    protocols: 2,
    maxSchedulePoints: 10_000,
    maxStakes: 1_000,
    maxOverrides: 50,
    now: new Date('2026-01-01T00:00:00Z'),
  });

describe('the GraphiQL example tabs', () => {
  it('prices the GraphiQL examples far below the default budget', () => {
    const costs = EXAMPLE_TABS.map((tab) => cost(tab.query).total);
    // Dashboard: 8 fields × 2 protocols; what-if: 2 fields and an override; fee quotes: 3 fields;
    // slashing: 2 fields and 3 stakes; ten-year schedule: 2 × (2 fields + 11 yearly points);
    // provenance: 3 fields × 2 protocols.
    expect(costs).toEqual([16, 12, 3, 5, 26, 6]);
    expect(Math.max(...costs)).toBeLessThan(DEFAULT_DOCUMENT_LIMITS.requestBudget / 1_000);
  });
});

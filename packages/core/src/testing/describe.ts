import { describe, expect, it } from 'vitest';
import type { TokenEconomy } from '../economy.js';
import { CONFORMANCE_CHECKS, type ConformanceOptions } from './checks.js';

/**
 * Holds an adapter to the invariants every TokenEconomy keeps, as one vitest
 * `describe` with one test per invariant. A violation fails its test with a
 * sentence naming the instant, the override and the figures.
 *
 * @param factory - builds the adapter (called once per test, so state never leaks)
 * @example
 * ```ts
 * import type { TokenEconomy } from '@tokenomics/core';
 * import { describeTokenEconomy } from '@tokenomics/core/testing';
 *
 * declare function sessionAdapter(): TokenEconomy;
 *
 * describeTokenEconomy('session (seed)', () => sessionAdapter(), {
 *   instants: [new Date('2025-05-21T00:00:00Z'), new Date('2030-01-01T00:00:00Z')],
 *   overrideSets: [[{ key: 'networkSize', value: '3000' }]],
 *   schedule: { from: new Date('2025-05-21T00:00:00Z'), to: new Date('2027-05-21T00:00:00Z'), interval: 'MONTH' },
 * });
 * ```
 */
export function describeTokenEconomy(
  name: string,
  factory: () => TokenEconomy | Promise<TokenEconomy>,
  options: ConformanceOptions,
): void {
  describe(`TokenEconomy conformance: ${name}`, () => {
    for (const [invariant, check] of Object.entries(CONFORMANCE_CHECKS)) {
      it(invariant, async () => {
        expect(await check(await factory(), options)).toEqual([]);
      });
    }
  });
}

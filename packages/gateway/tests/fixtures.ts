import {
  Decimal,
  decimalKind,
  defineAdapter,
  defineParameters,
  derive,
  instantKind,
  snapshotSource,
  type StateSource,
  type TokenEconomy,
} from '@tokenomics/core';
import type { Gateway } from '../src/index.js';

const schema = defineParameters({
  supply: { label: 'Supply', unit: 'FIX', description: 'Fixed supply.', kind: decimalKind({ min: '0' }) },
  treasury: { label: 'Treasury', unit: 'FIX', description: 'Not circulating.', kind: decimalKind({ min: '0' }) },
  genesis: { label: 'Genesis', description: 'First block.', kind: instantKind() },
});

/**
 * A fixed-supply protocol for gateway tests: 1,000 tokens, 250 in a treasury.
 * `source` replaces the snapshot, e.g. with one that fails.
 */
export function fixedSupplyAdapter(
  id = 'fixed',
  source: StateSource<typeof schema, unknown> = snapshotSource('Fixed test preset.'),
): TokenEconomy {
  return defineAdapter({
    id,
    name: `Fixed ${id}`,
    token: { symbol: 'FIX', name: 'Fixed', decimals: 6 },
    parameters: schema,
    preset: {
      name: 'seed',
      description: 'Test figures.',
      values: {
        supply: { value: '1000', source: 'test §1' },
        treasury: { value: '250', source: 'test §2' },
        genesis: { value: '2025-01-01T00:00:00Z', source: 'test §3' },
      },
    },
    source,
    genesis: (params) => params.genesis,
    genesisParameter: 'genesis',
    supply: ({ params }, at) => {
      const circulating = params.supply.minus(params.treasury);
      return {
        at,
        max: params.supply,
        total: params.supply,
        circulating,
        staked: null,
        burned: new Decimal(0),
        circulatingDefinition: 'total − treasury',
        buckets: [{ key: 'treasury', label: 'Treasury', amount: params.treasury, circulating: false }],
        derivations: {
          circulating: derive('total − treasury', { total: params.supply, treasury: params.treasury }, circulating, 'test'),
        },
      };
    },
  });
}

/** A source whose upstream always fails with an unexpected (uncoded) error. */
export const brokenSource: StateSource<typeof schema, unknown> = {
  read: async () => {
    throw new Error('socket hang up at 10.1.2.3:8545 (internal detail)');
  },
};

/** POSTs a GraphQL document to a gateway in-process and returns the status and JSON body. */
export async function post(
  gateway: Gateway,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: { data?: any; errors?: any[] } }> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

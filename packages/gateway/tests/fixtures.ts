import {
  Decimal,
  decimalKind,
  defineAdapter,
  defineParameters,
  derive,
  instantKind,
  type StateSource,
  snapshotSource,
  type TokenEconomy,
} from '@tokenomics/core';
import type { Gateway } from '../src/index.js';

const schema = defineParameters({
  supply: { label: 'Supply', unit: 'FIX', description: 'Fixed supply.', kind: decimalKind({ min: '0' }) },
  treasury: {
    label: 'Treasury',
    unit: 'FIX',
    description: 'Not circulating.',
    kind: decimalKind({ min: '0' }),
  },
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
          circulating: derive(
            'total − treasury',
            { total: params.supply, treasury: params.treasury },
            circulating,
            'test',
          ),
        },
      };
    },
  });
}

/** A live-like source reading two upstream resources through the context's reader, counting its loads. */
export function countingLiveSource(prefix: string) {
  const counter = { loads: new Map<string, number>(), treasury: '250', fail: false };
  const load = (key: string, value: () => string) => ({
    key: `${prefix}:${key}`,
    resource: `GET /${key}`,
    load: async () => {
      counter.loads.set(key, (counter.loads.get(key) ?? 0) + 1);
      if (counter.fail) throw new Error('upstream down');
      return { amount: value() };
    },
  });
  const source: StateSource<typeof schema, unknown> = {
    async read(ctx) {
      const [supply, treasury] = await Promise.all([
        ctx.reader.read(load('supply', () => '1000')),
        ctx.reader.read(load('treasury', () => counter.treasury)),
      ]);
      const stale = supply.stale || treasury.stale;
      const fetchedAt = new Date(Math.min(supply.fetchedAt.getTime(), treasury.fetchedAt.getTime()));
      return {
        state: null,
        info: { kind: 'LIVE', description: `test chain ${prefix}`, fetchedAt, stale },
        parameters: {
          supply: {
            value: String((supply.value as { amount: string }).amount),
            source: 'chain: GET /supply',
          },
          treasury: {
            value: String((treasury.value as { amount: string }).amount),
            source: 'chain: GET /treasury',
          },
        },
      };
    },
  };
  return { source, counter };
}

/** A source whose upstream always fails with an unexpected (uncoded) error. */
export const brokenSource: StateSource<typeof schema, unknown> = {
  read: async () => {
    throw new Error('socket hang up at 10.1.2.3:8545 (internal detail)');
  },
};

/** A GraphQL response body as tests read it: shapes vary by query, so it is loosely typed. */
// biome-ignore lint/suspicious/noExplicitAny: tests index into arbitrary response shapes
export type ResponseBody = any;

/** POSTs a GraphQL document to a gateway in-process and returns the status and JSON body. */
export async function post(
  gateway: Gateway,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: ResponseBody }> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

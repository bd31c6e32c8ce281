import { Decimal, type HistoryStore, type Observation } from '@tokenomics/core';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresHistoryStore } from '../src/index.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

let server: TestPostgres;
let store: HistoryStore;

beforeAll(async () => {
  server = await startPostgres();
  store = await postgresHistoryStore({ url: server.url });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

/** A realistic sample a minute apart: 9-decimal amounts of hundreds of millions, 18-digit ratios. */
function sample(i: number): Observation {
  const height = 5_000_000n + BigInt(i) * 10n;
  const total = new Decimal('240000000.123456789').plus(new Decimal(i).times('12.345678901'));
  const staked = new Decimal('95123456.987654321').plus(new Decimal(i).times('0.5'));
  const circulating = total.minus('30000000');
  return {
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    height,
    total,
    circulating,
    liquid: circulating.minus(staked),
    staked,
    bondedRatio: staked.div(total).toDecimalPlaces(18),
    emissionRate: new Decimal('0.071234567890123456'),
    stakingApr: new Decimal('0.151234567890123456'),
    poolBalance: new Decimal('40000000.123456789').minus(new Decimal(i).times('16.5')),
    participants: 1_500 + (i % 100),
  };
}

it('keeps a sample in about 250 bytes (table and indexes) in PostgreSQL', async () => {
  const rows = 10_000;
  expect(
    await store.append(
      'size',
      Array.from({ length: rows }, (_, i) => sample(i)),
    ),
  ).toBe(rows);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('vacuum analyze history_observation');
  const { rows: sizes } = await client.query<{ total: string; table: string }>(
    "select pg_total_relation_size('history_observation') as total, pg_relation_size('history_observation') as table",
  );
  await client.end();
  const perSample = Number(sizes[0]?.total) / rows;
  console.log(
    `history storage: ${perSample.toFixed(1)} bytes per sample (table ${Number(sizes[0]?.table) / rows})`,
  );
  // Measured 2026-12: see packages/history/README.md ("Retention and size").
  expect(perSample).toBeGreaterThan(100);
  expect(perSample).toBeLessThan(400);
}, 120_000);

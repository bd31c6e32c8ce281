import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { countingLiveSource, fixedSupplyAdapter } from './fixtures.js';

const QUERY = '{ protocols { id source { fetchedAt } supply { at circulating } } }';

async function fetchBody(gateway: ReturnType<typeof createGateway>) {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  return { body: await response.json() };
}

describe('the per-second response cache', () => {
  it('answers a repeat within the same second from the first answer, and recomputes in the next second', async () => {
    const clock = { ms: Date.parse('2026-01-01T00:00:00.100Z') };
    const live = countingLiveSource('response-cache');
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('a', live.source)],
      cacheTtlSeconds: 0.001,
      now: () => new Date(clock.ms),
    });
    const first = await fetchBody(gateway);
    clock.ms += 800; // 00:00:00.900, same second
    const repeat = await fetchBody(gateway);
    expect(repeat).toEqual(first);
    expect(Object.fromEntries(live.counter.loads)).toEqual({ supply: 1, treasury: 1 });
    expect(first.body.data.protocols[0].supply.at).toBe('2026-01-01T00:00:00.000Z');

    clock.ms += 200; // 00:00:01.000, the next second
    const next = await fetchBody(gateway);
    expect(next.body.data.protocols[0].supply.at).toBe('2026-01-01T00:00:01.000Z');
  });

  it('never keeps an answer with errors', async () => {
    const clock = { ms: Date.parse('2026-01-01T00:00:00Z') };
    const live = countingLiveSource('response-cache-errors');
    live.counter.fail = true;
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('a', live.source)],
      now: () => new Date(clock.ms),
    });
    expect(
      (await fetchBody(gateway)).body.errors.map((e: { extensions: { code: string } }) => e.extensions.code),
    ).toEqual(['UPSTREAM_UNAVAILABLE']); // supply's; source reports it as data (source.error)
    live.counter.fail = false;
    const recovered = await fetchBody(gateway);
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data.protocols[0].supply.circulating).toBe('750');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createGateway } from '../src/index.js';
import { countingLiveSource, fixedSupplyAdapter, post } from './fixtures.js';

const DASHBOARD = `{
  protocols {
    id
    source { kind stale }
    parameters { key value source }
    supply { total circulating }
    again: supply(at: "2026-06-01T00:00:00Z") { circulating }
    whatIf: supply(overrides: [{ key: "treasury", value: "0" }]) { circulating }
  }
}`;

describe('per-request reads', () => {
  it('reads each upstream resource once per request, however many fields of however many protocols use it', async () => {
    const a = countingLiveSource('chain-a');
    const b = countingLiveSource('chain-b');
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('a', a.source), fixedSupplyAdapter('b', b.source)],
      cacheTtlSeconds: 1,
      logger: undefined,
    });
    const { body } = await post(gateway, DASHBOARD);
    expect(body.errors).toBeUndefined();
    expect(body.data.protocols[0]).toMatchObject({
      source: { kind: 'LIVE', stale: false },
      supply: { total: '1000', circulating: '750' },
      again: { circulating: '750' },
      whatIf: { circulating: '1000' },
    });
    expect(body.data.protocols[0].parameters).toContainEqual({
      key: 'treasury',
      value: '250',
      source: 'chain: GET /treasury',
    });
    expect(Object.fromEntries(a.counter.loads)).toEqual({ supply: 1, treasury: 1 });
    expect(Object.fromEntries(b.counter.loads)).toEqual({ supply: 1, treasury: 1 });
  });

  it('serves later requests from the shared cache within the TTL', async () => {
    const a = countingLiveSource('chain-c');
    const gateway = createGateway({ adapters: [fixedSupplyAdapter('a', a.source)], cacheTtlSeconds: 60 });
    await post(gateway, DASHBOARD);
    a.counter.treasury = '100';
    const { body } = await post(gateway, DASHBOARD);
    expect(body.data.protocols[0].supply.circulating).toBe('750');
    expect(Object.fromEntries(a.counter.loads)).toEqual({ supply: 1, treasury: 1 });
  });

  it('serves the last good state flagged stale when the upstream fails, and an error when it never answered', async () => {
    const a = countingLiveSource('chain-d');
    const gateway = createGateway({ adapters: [fixedSupplyAdapter('a', a.source)], cacheTtlSeconds: 1 });
    const fresh = await post(gateway, '{ protocols { source { stale fetchedAt } supply { circulating } } }');
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    a.counter.fail = true;
    // Expired: the last good state at once while it is refreshed; flagged stale once the refresh failed.
    await vi.waitFor(
      async () => {
        const stale = await post(
          gateway,
          '{ protocols { source { stale fetchedAt } supply { circulating } } }',
        );
        expect(stale.body.errors).toBeUndefined();
        expect(stale.body.data.protocols[0]).toEqual({
          source: { stale: true, fetchedAt: fresh.body.data.protocols[0].source.fetchedAt },
          supply: { circulating: '750' },
        });
      },
      { timeout: 5_000, interval: 100 },
    );

    const never = countingLiveSource('chain-e');
    never.counter.fail = true;
    const other = createGateway({
      adapters: [fixedSupplyAdapter('e', never.source), fixedSupplyAdapter('ok')],
    });
    const { body } = await post(other, '{ protocols { id supply { circulating } } }');
    expect(body.data.protocols).toEqual([
      { id: 'e', supply: null },
      { id: 'ok', supply: { circulating: '750' } },
    ]);
    expect(body.errors[0].extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      protocol: 'e',
      resource: 'GET /supply',
    });
  });
});

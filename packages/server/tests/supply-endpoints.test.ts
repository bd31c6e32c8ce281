import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway } from '@tokenomics/gateway';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countingLiveSource,
  fixedSupplyAdapter,
  type ServedGateway,
  serveOnLoopback,
} from '../../gateway/tests/fixtures.js';

const silent = pino({ level: 'silent' });
// Pinned to one second: the plain-text figures and GraphQL's are compared at the same instant.
const NOW = Date.parse('2026-03-01T12:00:00.250Z');

describe('supply endpoints for listings, over real HTTP', () => {
  let served: ServedGateway;
  beforeAll(async () => {
    served = await serveOnLoopback(
      createGateway({
        adapters: [sessionAdapter(), synternetAdapter()],
        logger: silent,
        drainGraceMs: 0,
        now: () => new Date(NOW),
      }),
    );
  });
  afterAll(() => served.close());

  const graphqlSupply = async (id: string) => {
    const { body } = await served.post(
      'query($id: ID!) { protocol(id: $id) { supply { max total circulating liquid staked burned } } }',
      { id },
    );
    expect(body.errors).toBeUndefined();
    return body.data.protocol.supply as Record<string, string | null>;
  };

  it('answers each figure as plain text equal to the GraphQL figure, by id or by symbol in any case', async () => {
    for (const [id, symbol] of [
      ['session', 'sesh'],
      ['synternet', 'SYNT'],
    ] as const) {
      const figures = await graphqlSupply(id);
      for (const figure of ['total', 'circulating', 'liquid'] as const) {
        for (const key of [id, symbol]) {
          const response = await served.get(`/supply/${key}/${figure}`);
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
          const text = await response.text();
          expect(text).toBe(figures[figure]);
          expect(text).toMatch(/^\d+(\.\d+)?$/);
        }
      }
    }
  });

  it('answers max where the supply is capped, and 404 with a message where it is not', async () => {
    const session = await graphqlSupply('session');
    const synternet = await graphqlSupply('synternet');
    const sessionMax = await served.get('/supply/session/max');
    if (session.max === null) expect(sessionMax.status).toBe(404);
    else expect(await sessionMax.text()).toBe(session.max);
    expect(synternet.max).toBeNull();
    const synternetMax = await served.get('/supply/synternet/max');
    expect(synternetMax.status).toBe(404);
    expect(synternetMax.headers.get('cache-control')).toBe('no-store');
    expect(await synternetMax.text()).toBe('synternet has no maximum supply\n');
  });

  it('answers 404 with a plain message for an unknown protocol or figure', async () => {
    const unknown = await served.get('/supply/nope/total');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    expect(await unknown.text()).toBe('no protocol "nope"; served: session, synternet\n');
    const figure = await served.get('/supply/session/supply');
    expect(figure.status).toBe(404);
    expect(await figure.text()).toBe('no figure "supply"; ask total, circulating, max, liquid\n');
    expect((await served.get('/supply/session/total/more')).status).toBe(404);
    const post = await fetch(new URL('/supply/session/total', served.url), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('answers the breakdown as JSON: every figure and the non-circulating holdings with their sources', async () => {
    const { body } = await served.post(
      '{ protocol(id: "session") { supply { max total circulating liquid staked burned buckets { key label amount circulating source } } } }',
    );
    const supply = body.data.protocol.supply;
    const response = await served.get('/supply/SESH');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const breakdown = await response.json();
    expect(breakdown).toMatchObject({
      id: 'session',
      symbol: 'SESH',
      supply_data: {
        max_supply: supply.max,
        total_supply: supply.total,
        circulating_supply: supply.circulating,
        liquid_supply: supply.liquid,
        staked_supply: supply.staked,
        burned_supply: supply.burned,
        last_updated: '2026-03-01T12:00:00.000Z',
      },
    });
    const held = supply.buckets.filter((bucket: { circulating: boolean }) => !bucket.circulating);
    expect(held.length).toBeGreaterThan(0);
    expect(
      breakdown.non_circulating_wallets.map((w: Record<string, unknown>) => [
        w.key,
        w.label,
        w.balance,
        w.source,
      ]),
    ).toEqual(held.map((b: Record<string, unknown>) => [b.key, b.label, b.amount, b.source]));
    for (const wallet of breakdown.non_circulating_wallets) {
      expect(typeof wallet.balance).toBe('string');
      expect(wallet.percentage_of_total_supply).toMatch(/^\d+(\.\d{1,4})?$/);
    }
  });
});

describe('protocol(id:) by token symbol', () => {
  it('finds a protocol by its symbol in any case; ids win; an ambiguous symbol is refused', async () => {
    // Two example economies share the kit's token symbol.
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('alpha'), fixedSupplyAdapter('beta')],
      logger: silent,
    });
    const served = await serveOnLoopback(gateway);
    try {
      const symbol = gateway.protocols[0]!.token.symbol;
      const byId = await served.post('{ protocol(id: "alpha") { id } }');
      expect(byId.body.data.protocol.id).toBe('alpha');
      const ambiguous = await served.post(`{ protocol(id: "${symbol.toLowerCase()}") { id } }`);
      expect(ambiguous.body.data.protocol).toBeNull();
      expect(ambiguous.body.errors[0].extensions).toMatchObject({
        code: 'BAD_INPUT',
        matchingIds: ['alpha', 'beta'],
      });
      expect(ambiguous.body.errors[0].message).toContain('is ambiguous');
      const missing = await served.post('{ protocol(id: "zzz") { id } }');
      expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
    } finally {
      await served.close();
    }

    const real = createGateway({ adapters: [sessionAdapter(), synternetAdapter()], logger: silent });
    const servedReal = await serveOnLoopback(real);
    try {
      for (const [key, id] of [
        ['SESH', 'session'],
        ['sesh', 'session'],
        ['synt', 'synternet'],
        ['Synt', 'synternet'],
      ]) {
        const { body } = await servedReal.post('query($id: ID!) { protocol(id: $id) { id } }', { id: key });
        expect(body.data.protocol.id).toBe(id);
      }
    } finally {
      await servedReal.close();
    }
  });

  it('prefers an id over another protocol whose symbol is spelt the same', async () => {
    const symbol = fixedSupplyAdapter('x').token.symbol.toLowerCase();
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('first'), fixedSupplyAdapter(symbol)],
      logger: silent,
    });
    const { body } = await (async () => {
      const served = await serveOnLoopback(gateway);
      try {
        return await served.post(`{ protocol(id: "${symbol}") { id } }`);
      } finally {
        await served.close();
      }
    })();
    expect(body.data.protocol.id).toBe(symbol);
  });
});

describe('supply endpoints on a live source', () => {
  it('read through the shared reader: a second request within the TTL reads nothing upstream', async () => {
    const live = countingLiveSource('supply-endpoints');
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('live', live.source)],
      logger: silent,
      drainGraceMs: 0,
    });
    const served = await serveOnLoopback(gateway);
    try {
      expect(await (await served.get('/supply/live/circulating')).text()).toBe('750');
      expect(await (await served.get('/supply/live/total')).text()).toBe('1000');
      expect(Object.fromEntries(live.counter.loads)).toEqual({ supply: 1, treasury: 1 });
    } finally {
      await served.close();
    }
  });

  it('answers 503, no-store, when the upstream fails and no last good state exists', async () => {
    const live = countingLiveSource('supply-endpoints-down');
    live.counter.fail = true;
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('live', live.source)],
      logger: silent,
      drainGraceMs: 0,
      upstreamTimeoutMs: 200,
    });
    const served = await serveOnLoopback(gateway);
    try {
      const response = await served.get('/supply/live/total');
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toMatch(/^UPSTREAM_UNAVAILABLE: /);
    } finally {
      await served.close();
    }
  });
});

import { createGateway } from '@tokenomics/gateway';
import { describe, expect, it } from 'vitest';
import { countingLiveSource, fixedSupplyAdapter, post } from '../../gateway/tests/fixtures.js';
import { EXAMPLE_TABS } from '../src/examples.js';
import { createAdapters, loadConfig } from './server-config.js';

describe('operations', () => {
  it("GET /health reports each protocol's source, degraded when one fails", async () => {
    const broken = countingLiveSource('health');
    broken.counter.fail = true;
    const gateway = createGateway({
      adapters: [fixedSupplyAdapter('ok'), fixedSupplyAdapter('down', broken.source)],
    });
    const response = await gateway.yoga.fetch('http://gateway.test/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'degraded',
      cache: { store: 'memory', status: 'ok' },
      protocols: [
        {
          id: 'ok',
          ok: true,
          source: { kind: 'SNAPSHOT', description: 'Example preset.', fetchedAt: null, stale: false },
        },
        {
          id: 'down',
          ok: false,
          error: { code: 'UPSTREAM_UNAVAILABLE', message: 'GET /supply failed: upstream down' },
        },
      ],
    });
    expect((await gateway.yoga.fetch('http://gateway.test/health/live')).status).toBe(200);
  });

  it('GET /metrics exposes request, error and upstream counters in Prometheus text', async () => {
    const live = countingLiveSource('metrics');
    const gateway = createGateway({ adapters: [fixedSupplyAdapter('a', live.source)] });
    await post(gateway, '{ protocols { supply { total } } }');
    await post(gateway, '{ protocols { supply { total } } missing: protocol(id: "nope") { id } }');
    const response = await gateway.yoga.fetch('http://gateway.test/metrics');
    const text = await response.text();
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/tokenomics_http_requests_total\{path="\/graphql",status="200"\} 2/);
    expect(text).toMatch(/tokenomics_graphql_errors_total\{code="NOT_FOUND"\} 1/);
    expect(text).toMatch(/tokenomics_upstream_reads_total\{outcome="ok"\} 2/);
    expect(text).toMatch(/tokenomics_cache_events_total\{type="miss"\} 2/);
    expect(text).toMatch(/tokenomics_cache_events_total\{type="hit"\} 2/);
  });

  it("GET /metrics counts GraphQL operations, their execution and each error's code, with no client-chosen label", async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter('a')] });
    await post(gateway, 'query SecretLookingName { protocols { id } }');
    await post(gateway, '{ missing: protocol(id: "nope") { id } }');
    await post(gateway, '{ protocols { id ');
    await post(gateway, '{ protocols { noSuchField } }');
    const text = await (await gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(text).toMatch(/tokenomics_graphql_operations_total\{operationType="query"\} 2/);
    expect(text).toMatch(/tokenomics_graphql_execute_duration_seconds_count\{operationType="query"\} 2/);
    expect(text).toMatch(/tokenomics_graphql_errors_total\{code="NOT_FOUND"\} 1/);
    expect(text).toMatch(/tokenomics_graphql_errors_total\{code="GRAPHQL_PARSE_FAILED"\} 1/);
    expect(text).toMatch(/tokenomics_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1/);
    // Operation names, field paths and aliases are client input: never a label.
    expect(text).not.toContain('SecretLookingName');
    expect(text).not.toContain('operationName');
    expect(text).not.toContain('missing');
    expect(text).not.toContain('graphql_envelop_');
    expect(text).not.toContain('graphql_yoga_');
  });

  it('serves GraphiQL with the example tabs to browsers', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter()], exampleTabs: EXAMPLE_TABS });
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      headers: { accept: 'text/html' },
    });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Tokenomics gateway');
    expect(html).toContain('WhatIfSessionNodes');
    expect(html).toContain('TenYearSchedule');
    // Self-contained: GraphiQL's scripts come with the page, not from a CDN.
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
    // The library has no tabs of its own: an app passes them.
    const bare = createGateway({ adapters: [fixedSupplyAdapter()] });
    const page = await (
      await bare.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } })
    ).text();
    expect(page).toContain('Tokenomics gateway');
    expect(page).not.toContain('WhatIfSessionNodes');
  });

  it('answers GET requests per GraphQL over HTTP', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter()] });
    const query = encodeURIComponent('{ protocols { id } }');
    const response = await gateway.yoga.fetch(`http://gateway.test/graphql?query=${query}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { protocols: [{ id: 'fixed' }] } });
  });

  it('closes gracefully: requests in flight finish, then the port is released', async () => {
    const gateway = createGateway({ adapters: [fixedSupplyAdapter()] });
    const running = await gateway.listen(0, '127.0.0.1');
    const inFlight = fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ protocols { id } }' }),
    });
    // Close once the server has the request (a fixed sleep could close the listener while the
    // connection still waited in the kernel's backlog: a reset, not a request in flight).
    await new Promise((resolve) => running.server.once('request', resolve));
    const closing = running.close();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(running.server.listening).toBe(false);
    await gateway.close();
  });

  it.each(EXAMPLE_TABS.map((tab) => [/query (\w+)/.exec(tab.query)?.[1] ?? '?', tab] as const))(
    'the GraphiQL tab %s runs as it is, without errors, on a fresh gateway',
    async (_name, tab) => {
      const gateway = createGateway({
        adapters: await createAdapters(loadConfig({ env: {}, cwd: process.cwd() })),
      });
      const { status, body } = await post(
        gateway,
        tab.query,
        tab.variables ? JSON.parse(tab.variables) : undefined,
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeTruthy();
    },
  );
});

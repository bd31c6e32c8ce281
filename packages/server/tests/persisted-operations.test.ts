import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGateway,
  documentId,
  type GatewayOptions,
  loadManifest,
  manifestOf,
} from '@tokenomics/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { type ResponseBody, type ServedGateway, serveOnLoopback } from '../../gateway/tests/fixtures.js';
import { EXAMPLE_TABS } from '../src/examples.js';
import { createAdapters, loadConfig } from './server-config.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const ACCEPT = { accept: 'application/graphql-response+json' };
const SUPPLY = 'query Supply($at: DateTime) { protocols { id supply(at: $at) { at total circulating } } }';
const tab = (name: string) => {
  const found = EXAMPLE_TABS.find((example) => example.query.includes(`query ${name}`));
  if (!found) throw new Error(`no tab ${name}`);
  return found.query;
};
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

let served: ServedGateway[] = [];
afterEach(async () => {
  await Promise.all(served.map((gateway) => gateway.close()));
  served = [];
});

async function serve(options: Partial<GatewayOptions> = {}): Promise<ServedGateway> {
  const adapters = await createAdapters(loadConfig({ env: {}, cwd: process.cwd() }));
  const gateway = await serveOnLoopback(createGateway({ adapters, now: () => NOW, ...options }));
  served.push(gateway);
  return gateway;
}

/** The short GET an APQ client (and a CDN) uses: the hash and the variables, no document. */
function hashUrl(gateway: ServedGateway, hash: string, variables?: Record<string, unknown>): URL {
  const url = new URL(gateway.url);
  if (variables) url.searchParams.set('variables', JSON.stringify(variables));
  url.searchParams.set('extensions', JSON.stringify(persisted(hash)));
  return url;
}

async function getByHash(
  gateway: ServedGateway,
  hash: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: ResponseBody }> {
  const response = await fetch(hashUrl(gateway, hash, variables), { headers: ACCEPT });
  return { status: response.status, body: await response.json() };
}

async function postBody(
  gateway: ServedGateway,
  body: object,
): Promise<{ status: number; body: ResponseBody }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { ...ACCEPT, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function planCounts(gateway: ServedGateway): Promise<Record<string, number>> {
  const text = await (await gateway.get('/metrics')).text();
  return Object.fromEntries(
    [...text.matchAll(/^tokenomics_query_plans_total\{outcome="(\w+)"\} (\d+)$/gm)].map((match) => [
      match[1],
      Number(match[2]),
    ]),
  );
}

describe('automatic persisted queries (APQ) over HTTP', () => {
  it('a hash alone is not found; hash + query registers; then the hash alone serves, over GET and POST', async () => {
    const gateway = await serve();
    const hash = documentId(SUPPLY);
    const variables = { at: '2026-01-01T00:00:00Z' };

    const first = await getByHash(gateway, hash, variables);
    expect(first.status).toBe(200);
    expect(first.body.data).toBeUndefined();
    expect(first.body.errors).toEqual([
      expect.objectContaining({
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      }),
    ]);

    const registered = await postBody(gateway, { query: SUPPLY, variables, extensions: persisted(hash) });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    const plain = await gateway.post(SUPPLY, variables);
    expect(registered.body).toEqual(plain.body);
    expect(plain.body.data.protocols.map((p: { id: string }) => p.id)).toEqual(['session', 'synternet']);
    expect(plain.body.data.protocols[0].supply.at).toBe('2026-01-01T00:00:00.000Z');

    const url = hashUrl(gateway, hash, variables);
    expect(url.search).not.toContain('query=');
    // Hash and variables only: the same length for any document.
    expect(url.href.length).toBeLessThan(300);
    const byGet = await getByHash(gateway, hash, variables);
    expect(byGet.status).toBe(200);
    expect(byGet.body).toEqual(plain.body);

    // Another instant: the same short document, only the variable changes.
    const other = { at: '2027-01-01T00:00:00Z' };
    const later = await postBody(gateway, { variables: other, extensions: persisted(hash) });
    expect(later.body).toEqual((await gateway.post(SUPPLY, other)).body);
    expect(later.body.data.protocols[0].supply.at).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuses a hash that is not the sha256 of its query, and registers nothing', async () => {
    const gateway = await serve();
    const wrong = documentId('{ protocols { id } }');
    const refused = await postBody(gateway, { query: SUPPLY, extensions: persisted(wrong) });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(refused.body.errors[0].message).toMatch(/^provided sha does not match query/);
    // Neither the wrong hash nor the query's own was registered.
    for (const hash of [wrong, documentId(SUPPLY)]) {
      expect((await getByHash(gateway, hash)).body.errors[0].extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
    }
  });

  it('does not register a query that fails validation', async () => {
    const gateway = await serve();
    const invalid = '{ protocols { noSuchField } }';
    const hash = documentId(invalid);
    const first = await postBody(gateway, { query: invalid, extensions: persisted(hash) });
    expect(first.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await getByHash(gateway, hash)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('a request with neither query nor hash still gets yoga\'s "Must provide query string"', async () => {
    const gateway = await serve();
    const { status, body } = await postBody(gateway, { variables: {} });
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('Must provide query string.');
  });
});

describe('trusted documents from the committed manifest', () => {
  it('serves a GraphiQL tab by its id over GET, with new variables reusing the document', async () => {
    const gateway = await serve();
    const query = tab('FeeQuotes');
    const variables = { data: { fee: 'pay-per-data', quantity: '2', unitPrice: '8' } };
    const byId = await getByHash(gateway, documentId(query), variables);
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body).toEqual((await gateway.post(query, variables)).body);
    expect(byId.body.data.synternet.data.base).toBe('16');
    // The defaults: 1 GB at 8 SYNT.
    const defaults = await getByHash(gateway, documentId(query));
    expect(defaults.body.data.synternet.data.base).toBe('8');
    expect(defaults.body.data.synternet.messages.base).toBe('0.5');
  });

  it('a manifest whose id is not its document hash is a CONFIGURATION error; a good one loads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(manifestOf(['{ protocols { id } }'])));
    expect(loadManifest(good)).toEqual({ [documentId('{ protocols { id } }')]: '{ protocols { id } }' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ [documentId('{ a }')]: '{ b }' }));
    expect(() => loadManifest(bad)).toThrowError(/is not the sha256 \(lowercase hex\) of its document/);
    writeFileSync(bad, '["{ a }"]');
    expect(() => loadManifest(bad)).toThrowError(/must be a JSON object of documents by their sha256/);
  });
});

describe('locked down: allowArbitrary false', () => {
  it('refuses a plain query with PERSISTED_QUERY_ONLY; the manifest still serves; nothing registers', async () => {
    const gateway = await serve({ persistedOperations: { allowArbitrary: false } });
    const plain = await gateway.post('{ protocols { id } }');
    expect(plain.status).toBe(400);
    expect(plain.body.data).toBeUndefined();
    expect(plain.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Only persisted operations are served here/),
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      }),
    ]);

    const slashing = tab('Slashing');
    const byId = await getByHash(gateway, documentId(slashing));
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data.session.simulatePenalty.stakes).toHaveLength(1);
    expect(byId.body.data.synternet.simulatePenalty.stakes).toHaveLength(2);

    const hash = documentId(SUPPLY);
    const register = await postBody(gateway, { query: SUPPLY, extensions: persisted(hash) });
    expect(register.status).toBe(400);
    expect(register.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await getByHash(gateway, hash)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    // GraphiQL sends whole documents: it is not served.
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('Tokenomics gateway');
  });

  it('serves only a manifest of its own when given one', async () => {
    const query = '{ protocols { id } }';
    const gateway = await serve({
      persistedOperations: { allowArbitrary: false, manifest: manifestOf([query]) },
    });
    expect((await getByHash(gateway, documentId(query))).body).toEqual({
      data: { protocols: [{ id: 'session' }, { id: 'synternet' }] },
    });
    expect((await getByHash(gateway, documentId(tab('Slashing')))).body.errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  it('is PERSISTED_OPERATIONS_ONLY=true in the environment, or persistedOperations in the file', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'persisted-config-'));
    expect(loadConfig({ cwd, env: {} }).persistedOperations).toEqual({
      allowArbitrary: true,
      manifest: null,
    });
    expect(loadConfig({ cwd, env: { PERSISTED_OPERATIONS_ONLY: 'true' } }).persistedOperations).toEqual({
      allowArbitrary: false,
      manifest: null,
    });
    expect(
      loadConfig({
        cwd,
        env: { PERSISTED_OPERATIONS_ONLY: 'off', PERSISTED_OPERATIONS_MANIFEST: './ops.json' },
      }).persistedOperations,
    ).toEqual({ allowArbitrary: true, manifest: './ops.json' });
    expect(() => loadConfig({ cwd, env: { PERSISTED_OPERATIONS_ONLY: 'maybe' } })).toThrowError(
      /persistedOperations\.allowArbitrary: .*PERSISTED_OPERATIONS_ONLY is its opposite/,
    );
    writeFileSync(
      join(cwd, 'gateway.config.json'),
      JSON.stringify({ persistedOperations: { allowArbitrary: false } }),
    );
    expect(loadConfig({ cwd, env: {} }).persistedOperations.allowArbitrary).toBe(false);
  });
});

describe('with the response cache and compiled plans', () => {
  it('a persisted query answers as the plain query, from the same cached response', async () => {
    const gateway = await serve();
    const query = tab('Dashboard');
    const plain = await gateway.post(query);
    expect(plain.body.errors).toBeUndefined();
    const byId = await getByHash(gateway, documentId(query));
    expect(byId.body).toEqual(plain.body);
    // The second request was the first's cached answer (same second, same text): it ran on no executor.
    expect(await planCounts(gateway)).toEqual({ standard: 1 });
  });

  it('without the response cache, the persisted query runs on the plan compiled for the plain one', async () => {
    const gateway = await serve({ responseCache: false });
    const query = tab('WhatIfSessionNodes');
    const variables = { overrides: [{ key: 'networkSize', value: '2500' }] };
    const plain = await gateway.post(query, variables);
    const byId = await getByHash(gateway, documentId(query), variables);
    const again = await postBody(gateway, { variables, extensions: persisted(documentId(query)) });
    expect(byId.body).toEqual(plain.body);
    expect(again.body).toEqual(plain.body);
    expect(plain.body.data.protocol.whatIf.participants).toBe(2500);
    expect(await planCounts(gateway)).toEqual({ standard: 1, compiled: 1, reused: 1 });
  });
});

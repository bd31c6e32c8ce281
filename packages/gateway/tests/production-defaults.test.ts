import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type GatewayOptions, type RunningGateway } from '../src/index.js';
import { fixedSupplyAdapter } from './fixtures.js';

/**
 * What a public endpoint answers by default, over real HTTP: CORS for any
 * origin without credentials, introspection switchable, `/metrics` guarded
 * in production, no echo of a client's body in production errors.
 */
const open: RunningGateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((running) => running.close()));
});

async function start(options: Omit<GatewayOptions, 'adapters'> = {}): Promise<RunningGateway> {
  const running = await createGateway({ adapters: [fixedSupplyAdapter()], ...options }).listen(
    0,
    '127.0.0.1',
  );
  open.push(running);
  return running;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

function query(url: string, document: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify({ query: document }),
  });
}

describe('CORS', () => {
  it('allows any origin with "*" and never with credentials, by default', async () => {
    const running = await start();
    const before = await preflight(running.url, 'https://anywhere.example');
    expect(before.status).toBe(204);
    expect(before.headers.get('access-control-allow-origin')).toBe('*');
    expect(before.headers.get('access-control-allow-credentials')).toBeNull();
    expect(before.headers.get('access-control-allow-methods')).toContain('POST');
    expect(before.headers.get('access-control-allow-headers')).toBe('content-type');

    const simple = await query(running.url, '{ protocols { id } }', { origin: 'https://anywhere.example' });
    expect(simple.status).toBe(200);
    expect(await simple.json()).toEqual({ data: { protocols: [{ id: 'fixed' }] } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('*');
    expect(simple.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('reflects only the configured origins, without credentials', async () => {
    const running = await start({ corsOrigins: ['https://app.example', 'https://dash.example'] });
    for (const origin of ['https://app.example', 'https://dash.example']) {
      const allowed = await preflight(running.url, origin);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
      expect(allowed.headers.get('vary')).toMatch(/\bOrigin\b/);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const simple = await query(running.url, '{ protocols { id } }', { origin });
      expect(simple.headers.get('access-control-allow-origin')).toBe(origin);
      expect(simple.headers.get('access-control-allow-credentials')).toBeNull();
    }
    for (const origin of ['https://evil.example', 'null', 'https://app.example.evil.example']) {
      const refused = await preflight(running.url, origin);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(refused.headers.get('access-control-allow-credentials')).toBeNull();
      const simple = await query(running.url, '{ protocols { id } }', { origin });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('introspection', () => {
  it('answers __schema by default (GraphiQL needs it)', async () => {
    const running = await start();
    const response = await query(running.url, '{ __schema { queryType { name } } }');
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('refuses __schema and __type with GRAPHQL_VALIDATION_FAILED when switched off, and still runs queries', async () => {
    const running = await start({ introspection: false });
    for (const [document, field] of [
      ['{ __schema { queryType { name } } }', '__schema'],
      ['{ __type(name: "Query") { name } }', '__type'],
    ]) {
      const response = await query(running.url, document as string);
      const body = await response.json();
      expect(body.data).toBeUndefined();
      expect(body.errors[0]).toMatchObject({
        message: `GraphQL introspection has been disabled, but the requested query contained the field "${field}".`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      for (const error of body.errors)
        expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
    const typename = await query(running.url, '{ __typename protocols { id } }');
    expect(await typename.json()).toEqual({ data: { __typename: 'Query', protocols: [{ id: 'fixed' }] } });
    // GraphiQL is still served; only its schema documentation is empty.
    const page = await fetch(running.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tokenomics gateway');
  });
});

describe('GET /metrics', () => {
  const TOKEN = 'a-long-enough-metrics-token';
  const metrics = (url: string, headers: Record<string, string> = {}) =>
    fetch(new URL('/metrics', url), { headers });

  it('is open on the gateway port outside production', async () => {
    const running = await start({ production: false });
    const response = await metrics(running.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('tokenomics_http_requests_total');
    expect(running.metricsUrl).toBeNull();
  });

  it('is not served on the gateway port in production without a token or a port', async () => {
    const running = await start({ production: true });
    const response = await metrics(running.url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('tokenomics_');
  });

  it('is not served anywhere when switched off', async () => {
    const running = await start({ production: false, metrics: { enabled: false } });
    expect((await metrics(running.url)).status).toBe(404);
    expect(running.metricsUrl).toBeNull();
  });

  it('with a token: 401 without it or with another, 200 with it', async () => {
    const running = await start({ production: true, metrics: { token: TOKEN } });
    const without = await metrics(running.url);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect(await without.text()).not.toContain('tokenomics_');
    for (const authorization of [
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      TOKEN,
      'Basic abc',
      'Bearer ',
    ]) {
      expect((await metrics(running.url, { authorization })).status).toBe(401);
    }
    const granted = await metrics(running.url, { authorization: `Bearer ${TOKEN}` });
    expect(granted.status).toBe(200);
    expect(granted.headers.get('content-type')).toContain('text/plain');
    expect(await granted.text()).toContain('tokenomics_http_requests_total');
  });

  it('on a port of its own: served there on 127.0.0.1 only, not on the gateway port', async () => {
    const running = await start({ production: true, metrics: { port: 0 } });
    expect(running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const metricsUrl = running.metricsUrl as string;
    expect(new URL(metricsUrl).port).not.toBe(new URL(running.url).port);
    expect((await metrics(running.url)).status).toBe(404);
    await query(running.url, '{ protocols { id } }');
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /tokenomics_http_requests_total\{path="\/graphql",status="200"\} 1/,
    );
    // The metrics port answers nothing else.
    expect((await fetch(new URL('/graphql', metricsUrl))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(405);
  });

  it('on a port of its own with a token: the token is required there', async () => {
    const running = await start({ production: true, metrics: { port: 0, token: TOKEN } });
    const metricsUrl = running.metricsUrl as string;
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('closes the metrics port with the gateway', async () => {
    const running = await start({ metrics: { port: 0 } });
    const metricsUrl = running.metricsUrl as string;
    expect((await fetch(metricsUrl)).status).toBe(200);
    await running.close();
    open.splice(open.indexOf(running), 1);
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });
});

describe('errors in production', () => {
  const BODY = '{"query": "{ protocols { id } }" SECRET-BODY-MARKER';

  it('answers a body that is not JSON with BAD_REQUEST, without originalError or any echo of the body', async () => {
    const running = await start({ production: true });
    const response = await fetch(running.url, { method: 'POST', headers: JSON_HEADERS, body: BODY });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(text).not.toContain('SECRET-BODY-MARKER');
    expect(text).not.toContain('originalError');
  });

  it('keeps the parser message for developers outside production', async () => {
    const running = await start({ production: false });
    const response = await fetch(running.url, { method: 'POST', headers: JSON_HEADERS, body: BODY });
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].extensions.originalError.name).toBe('SyntaxError');
  });
});

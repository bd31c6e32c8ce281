import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, createLogger, sitePath } from '../src/index.js';
import { fixedSupplyAdapter, type ServedGateway, serveOnLoopback } from './fixtures.js';

let parent: string;
let site: string;
let served: ServedGateway;
let origin: string;

const PAGE =
  '<!doctype html><title>site</title><script type="module" src="/assets/index-AbCd1234.js"></script>';
const SCRIPT = 'console.log("explorer");';

/** A raw GET over node:http: the path goes out exactly as written (fetch would normalise `..`). */
function rawGet(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'static-site-'));
  site = join(parent, 'site');
  await mkdir(join(site, 'assets', 'fonts'), { recursive: true });
  await writeFile(join(site, 'index.html'), PAGE);
  await writeFile(join(site, 'assets', 'index-AbCd1234.js'), SCRIPT);
  await writeFile(join(site, 'assets', 'index-Zz9_-xYw.css'), 'body{margin:0}');
  await writeFile(join(site, 'assets', 'fonts', 'plain.woff2'), 'woff');
  await writeFile(join(site, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // Beside the site, never served: what a traversal would try to read.
  await writeFile(join(parent, 'secret.txt'), 'TOP SECRET');
  await writeFile(join(site, 'notes.txt'), 'not an asset');
  served = await serveOnLoopback(
    createGateway({
      adapters: [fixedSupplyAdapter()],
      site: { dir: site },
      logger: createLogger('silent'),
      drainGraceMs: 0,
    }),
  );
  origin = new URL(served.url).origin;
});

afterAll(async () => {
  await served?.close();
  await rm(parent, { recursive: true, force: true });
});

describe('the static site plugin (createGateway site option)', () => {
  it('serves index.html at / with the page policy, revalidated each time', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(PAGE);
  });

  it('serves hashed assets with their content type, cached as immutable', async () => {
    const script = await fetch(`${origin}/assets/index-AbCd1234.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(SCRIPT);
    const style = await fetch(`${origin}/assets/index-Zz9_-xYw.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Not hashed: revalidated.
    const logo = await fetch(`${origin}/assets/logo.svg`);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(logo.headers.get('cache-control')).toBe('no-cache');
    const font = await fetch(`${origin}/assets/fonts/plain.woff2`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
  });

  it('answers HEAD with the headers and no body, and refuses other methods', async () => {
    const head = await rawGet('/assets/index-AbCd1234.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(SCRIPT.length));
    expect(head.body).toBe('');
    const post = await fetch(`${origin}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never serves a file outside assets/ (traversal, encoded or not) nor a missing one', async () => {
    for (const path of [
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/%2e%2e%2fnotes.txt',
      '/assets/index-AbCd1234.js%00.png',
      '/assets/%E0%A4%A',
      '/assets//etc/passwd',
      '/assets/fonts',
      '/assets/missing-AbCd1234.js',
      '/notes.txt',
      '/../secret.txt',
    ]) {
      const answer = await rawGet(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('TOP SECRET');
      expect(answer.body, path).not.toContain('not an asset');
    }
    expect(sitePath('/srv/site', '/assets/..%2f..%2fetc/passwd')).toBeNull();
    expect(sitePath('/srv/site', '/assets/a/b.js')).toBe('/srv/site/assets/a/b.js');
    expect(sitePath('/srv/site', '/index.html')).toBe('/srv/site/index.html');
    expect(sitePath('/srv/site', '/favicon.ico')).toBeNull();
  });

  it("never shadows the gateway's own paths", async () => {
    const graphql = await served.post('{ protocols { id } }');
    expect(graphql.body).toEqual({ data: { protocols: [{ id: 'fixed' }] } });
    const graphiql = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('GraphiQL');
    expect((await fetch(`${origin}/health/live`)).status).toBe(200);
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    expect((await fetch(`${origin}/metrics`)).status).toBe(200);
    const supply = await fetch(`${origin}/supply/fixed/circulating`);
    expect(supply.status).toBe(200);
    expect(await supply.text()).toBe('750');
  });

  it('without the option, / is not served', async () => {
    const plain = await serveOnLoopback(
      createGateway({ adapters: [fixedSupplyAdapter()], logger: createLogger('silent'), drainGraceMs: 0 }),
    );
    try {
      expect((await fetch(new URL('/', plain.url))).status).toBe(404);
      expect((await fetch(new URL('/assets/index-AbCd1234.js', plain.url))).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

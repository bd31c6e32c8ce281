import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

/** Options of {@link useStaticSite}. */
export interface StaticSiteOptions {
  /** The built site: `index.html` at its root, hashed files under `assets/` (Vite's output). */
  dir: string;
}

/** Paths the gateway answers itself: a site never shadows them. */
export const RESERVED_PATH_PREFIXES = ['/graphql', '/health', '/metrics', '/supply/'] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Vite names built assets `name-<hash>.ext`, the hash 8 characters of base64url. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/** The page's own policy: scripts, styles and requests from this origin only (uPlot sets inline styles). */
const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

/**
 * The content type served for a file name (by extension), `application/octet-stream` when unknown.
 *
 * @example
 * ```ts
 * import { contentTypeOf } from './static-site.js';
 *
 * contentTypeOf('index-AbCd1234.js'); // 'text/javascript; charset=utf-8'
 * ```
 */
export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file under `root`, or null when it names none the
 * site serves: `/` and `/index.html` are `index.html`, `/assets/…` a file
 * under `assets/`; anything else, an encoded or literal `..`, a backslash, a
 * NUL or an empty segment is null, as is any path resolving outside `root`.
 *
 * @example
 * ```ts
 * import { sitePath } from '@tokenomics/gateway';
 *
 * sitePath('/srv/site', '/assets/index-AbCd1234.js'); // '/srv/site/assets/index-AbCd1234.js'
 * sitePath('/srv/site', '/assets/..%2f..%2fetc/passwd'); // null
 * ```
 */
export function sitePath(root: string, pathname: string): string | null {
  if (pathname === '/' || pathname === '/index.html') return resolve(root, 'index.html');
  if (!pathname.startsWith('/assets/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  const assets = resolve(root, 'assets');
  const file = resolve(root, ...segments);
  return file.startsWith(assets + sep) ? file : null;
}

function isReserved(pathname: string): boolean {
  return RESERVED_PATH_PREFIXES.some(
    (prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
  );
}

/**
 * Serves a static site (the explorer's `dist`) from `dir`: `index.html` at
 * `/`, files under `/assets/*` with their content type. Hashed assets are
 * cached for a year (`immutable`); `index.html` is revalidated each time
 * (`no-cache`), with the page's Content-Security-Policy. GET and HEAD only
 * (other methods: 405); paths outside the site, and the gateway's own
 * (`/graphql`, `/health*`, `/metrics`, `/supply/*`), pass through untouched.
 *
 * @example
 * ```ts
 * import { useStaticSite } from '@tokenomics/gateway';
 * import { createYoga, createSchema } from 'graphql-yoga';
 *
 * const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }' });
 * createYoga({ schema, plugins: [useStaticSite({ dir: '/srv/explorer/dist' })] });
 * ```
 */
export function useStaticSite(options: StaticSiteOptions): Plugin {
  const root = resolve(options.dir);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const { pathname } = url;
      if (isReserved(pathname)) return;
      const file = sitePath(root, pathname);
      if (file === null) {
        // An /assets/ path that names no file of the site (traversal, bad encoding): not found, never passed on.
        if (pathname.startsWith('/assets/')) {
          endResponse(new fetchAPI.Response('not found\n', { status: 404, headers: TEXT }));
        }
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          new fetchAPI.Response('the site answers GET and HEAD only\n', {
            status: 405,
            headers: { ...TEXT, allow: 'GET, HEAD' },
          }),
        );
        return;
      }
      let body: Uint8Array<ArrayBuffer>;
      try {
        const info = await stat(file);
        if (!info.isFile()) throw new Error('not a file');
        body = new Uint8Array(await readFile(file));
      } catch {
        endResponse(new fetchAPI.Response('not found\n', { status: 404, headers: TEXT }));
        return;
      }
      const isPage = file.endsWith('.html');
      const headers: Record<string, string> = {
        'content-type': contentTypeOf(file),
        'content-length': String(body.byteLength),
        'x-content-type-options': 'nosniff',
        'cache-control':
          !isPage && HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(isPage ? { 'content-security-policy': PAGE_POLICY, 'referrer-policy': 'no-referrer' } : {}),
      };
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

import type { Plugin } from 'graphql-yoga';

/** Options of {@link useCors}. */
export interface CorsOptions {
  /** `'*'`: any origin (the default); or the exact origins (`https://app.example`) allowed to read answers. */
  origins?: '*' | readonly string[];
  /** How long a browser may reuse a preflight answer. Default 600 s. */
  maxAgeSeconds?: number;
}

/**
 * CORS for a public read API: by default `Access-Control-Allow-Origin: *`,
 * so any page may read answers but a browser never sends them cookies or
 * other credentials (it refuses to with `*`, and no
 * `Access-Control-Allow-Credentials` is ever sent). With a list of origins,
 * only those are named back (with `Vary: Origin`); any other origin gets no
 * CORS header and its browser keeps the answer from the page. Preflights
 * (`OPTIONS`) are answered 204.
 *
 * yoga's built-in CORS (whatwg-node's) answers `*` by naming the caller's
 * origin back with credentials allowed, so the gateway turns it off and uses
 * this plugin.
 *
 * @example
 * ```ts
 * import { useCors } from '@tokenomics/gateway';
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, cors: false, plugins: [useCors({ origins: ['https://app.example'] })] });
 * ```
 */
export function useCors({ origins = '*', maxAgeSeconds = 600 }: CorsOptions = {}): Plugin {
  const listed = origins === '*' ? null : new Set(origins);
  const allowedOrigin = (origin: string | null): string | null => {
    if (origin === null) return null;
    if (listed === null) return '*';
    return listed.has(origin) ? origin : null;
  };

  return {
    onRequest({ request, endResponse }) {
      if (request.method === 'OPTIONS') {
        // Safari needs Content-Length: 0 on a 204 to stop waiting for a body.
        endResponse(new Response(null, { status: 204, headers: { 'content-length': '0' } }));
      }
    },
    onResponse({ request, response }) {
      const origin = allowedOrigin(request.headers.get('origin'));
      const vary: string[] = listed === null ? [] : ['Origin'];
      if (origin !== null) {
        response.headers.set('access-control-allow-origin', origin);
        if (request.method === 'OPTIONS') {
          response.headers.set('access-control-allow-methods', 'GET, POST, OPTIONS');
          const requested = request.headers.get('access-control-request-headers');
          if (requested) {
            // No credentials ride on these requests, so any header the page wants to send may go.
            response.headers.set('access-control-allow-headers', requested);
            vary.push('Access-Control-Request-Headers');
          }
          response.headers.set('access-control-max-age', String(maxAgeSeconds));
        }
      }
      for (const name of vary) response.headers.append('vary', name);
    },
  };
}

import {
  createDirectReader,
  type EconomyContext,
  isTokenomicsError,
  redactUrls,
  type TokenEconomy,
  type UpstreamReader,
} from '@tokenomics/core';
import type { Plugin } from 'graphql-yoga';
import type { CacheHealth } from '../cache-store.js';

/** One protocol's line in `/health`. */
export interface ProtocolHealth {
  id: string;
  ok: boolean;
  source?: {
    kind: string;
    description: string;
    fetchedAt: string | null;
    stale: boolean;
    /** The chain height a live state was read at (decimal text), absent for a snapshot. */
    height?: string;
    /** That block's time, absent for a snapshot. */
    blockTime?: string;
  };
  error?: { code: string; message: string };
}

/**
 * `GET /health`: the process is alive (HTTP 200 whenever it answers), the
 * cache store (`memory` or `redis`, `ok` or `degraded` while it does not
 * answer and the gateway serves from memory and upstream) and each protocol's
 * source: its kind, freshness, or the coded error it gives now. `status` is
 * "ok" when the cache and every source answer fresh, else "degraded" (a
 * source serving its last good state because the upstream failed or answered
 * implausible data is stale). Its reads run with `economyContext` as the
 * GraphQL requests' do: `onSourceEvent` receives the rejections they make,
 * `snapshotWindowMs` is the gateway's. URLs in descriptions and messages
 * are redacted (no credentials, and a path or query string shows as `/…`:
 * providers put API keys in both).
 *
 * @example
 * ```ts
 * import type { EconomyContext, TokenEconomy, UpstreamReader } from '@tokenomics/core';
 * import type { GuardedStore } from '@tokenomics/gateway';
 * import type { GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 * import { useHealth } from './health.js';
 *
 * declare const schema: GraphQLSchema;
 * declare const protocols: TokenEconomy[];
 * declare const reader: UpstreamReader;
 * declare const store: GuardedStore; // guardStore(…): it answers health()
 * declare const onSourceEvent: EconomyContext['onSourceEvent'];
 *
 * createYoga({ schema, plugins: [useHealth(protocols, reader, store, { onSourceEvent, snapshotWindowMs: 2_500 })] });
 * ```
 */
export function useHealth(
  protocols: readonly TokenEconomy[],
  reader: UpstreamReader = createDirectReader(),
  cache?: { health(): Promise<CacheHealth> },
  economyContext: Pick<EconomyContext, 'onSourceEvent' | 'snapshotWindowMs'> = {},
): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/health' || request.method !== 'GET') return;
      const now = new Date();
      const [cacheHealth, report] = await Promise.all([
        cache?.health(),
        Promise.all(
          protocols.map(async (economy): Promise<ProtocolHealth> => {
            try {
              const source = await economy.source({
                ...economyContext,
                reader,
                now,
              });
              return {
                id: economy.id,
                ok: !source.stale,
                source: {
                  kind: source.kind,
                  description: redactUrls(source.description),
                  fetchedAt: source.fetchedAt?.toISOString() ?? null,
                  stale: source.stale,
                  // JSON has no bigint: the height as decimal text.
                  ...(source.height == null ? {} : { height: source.height.toString() }),
                  ...(source.blockTime == null ? {} : { blockTime: source.blockTime.toISOString() }),
                },
              };
            } catch (error) {
              const code = isTokenomicsError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
              const message = isTokenomicsError(error) ? redactUrls(error.message) : 'unexpected error';
              return { id: economy.id, ok: false, error: { code, message } };
            }
          }),
        ),
      ]);
      const ok = report.every((protocol) => protocol.ok) && cacheHealth?.status !== 'degraded';
      endResponse(
        Response.json(
          {
            status: ok ? 'ok' : 'degraded',
            ...(cacheHealth ? { cache: cacheHealth } : {}),
            protocols: report,
          },
          { headers: { 'cache-control': 'no-store' } },
        ),
      );
    },
  };
}

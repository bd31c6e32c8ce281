import {
  createDirectReader,
  type EconomyContext,
  isTokenomicsError,
  type TokenEconomy,
  type UpstreamReader,
} from '@tokenomics/core';
import type { Plugin } from 'graphql-yoga';

/** One protocol's line in `/health`. */
export interface ProtocolHealth {
  id: string;
  ok: boolean;
  source?: { kind: string; description: string; fetchedAt: string | null; stale: boolean };
  error?: { code: string; message: string };
}

/**
 * `GET /health`: the process is alive (HTTP 200 whenever it answers) and each
 * protocol's source: its kind, freshness, or the coded error it gives now.
 * `status` is "ok" when every source answers fresh, else "degraded" (a
 * source serving its last good state because the upstream failed or answered
 * implausible data is stale). `onSourceEvent` receives the rejections its
 * reads make, as the GraphQL requests' do.
 */
export function useHealth(
  protocols: readonly TokenEconomy[],
  reader: UpstreamReader = createDirectReader(),
  onSourceEvent?: EconomyContext['onSourceEvent'],
): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/health' || request.method !== 'GET') return;
      const now = new Date();
      const report: ProtocolHealth[] = await Promise.all(
        protocols.map(async (economy): Promise<ProtocolHealth> => {
          try {
            const source = await economy.source({ reader, now, ...(onSourceEvent ? { onSourceEvent } : {}) });
            return {
              id: economy.id,
              ok: !source.stale,
              source: { ...source, fetchedAt: source.fetchedAt?.toISOString() ?? null },
            };
          } catch (error) {
            const code = isTokenomicsError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
            const message = isTokenomicsError(error) ? error.message : 'unexpected error';
            return { id: economy.id, ok: false, error: { code, message } };
          }
        }),
      );
      const status = report.every((protocol) => protocol.ok) ? 'ok' : 'degraded';
      endResponse(Response.json({ status, protocols: report }, { headers: { 'cache-control': 'no-store' } }));
    },
  };
}

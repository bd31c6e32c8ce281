import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway, createLogger } from '@tokenomics/gateway';

/** A gateway on loopback serving the explorer at `/` and GraphQL at `/graphql`. */
export interface ExplorerGateway {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `http://127.0.0.1:<port>/graphql` */
  graphqlUrl: string;
  close(): Promise<void>;
}

/**
 * The one place the explorer's tests build a gateway: the Session and Synternet economies (snapshot
 * presets, no network; Session's TGE preset, whose lockups schedule unlocks for the chart to mark)
 * with the built explorer at `/` (`siteDir`), on 127.0.0.1 at a free port.
 */
export async function startGateway(siteDir: string): Promise<ExplorerGateway> {
  const gateway = createGateway({
    adapters: [sessionAdapter({ preset: 'tge-2025-05-21' }), synternetAdapter()],
    site: { dir: siteDir },
    logger: createLogger('silent'),
    drainGraceMs: 0,
  });
  const running = await gateway.listen(0, '127.0.0.1');
  return {
    origin: new URL(running.url).origin,
    graphqlUrl: running.url,
    async close() {
      await running.close();
      await gateway.close();
    },
  };
}

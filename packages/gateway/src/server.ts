import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDirectReader,
  DEFAULT_MAX_SCHEDULE_POINTS,
  type TokenEconomy,
  TokenomicsError,
  type UpstreamReader,
} from '@tokenomics/core';
import type { GraphQLSchema } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GatewayContext } from './context.js';
import { maskError } from './errors.js';
import { createRequestReader } from './loaders.js';
import { gatewaySchema } from './schema/index.js';

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The protocols to serve, in the order `protocols` lists them. Ids must be unique. */
  adapters: readonly TokenEconomy[];
  /** The reader shared by all requests (the cache). Default: straight upstream, with a timeout. */
  reader?: UpstreamReader;
  /** The most points one `schedule` field may return. Default 10,000. */
  maxSchedulePoints?: number;
  /** Mask unexpected errors (no messages, no stacks). Default: NODE_ENV === 'production'. */
  production?: boolean;
  /** Serve GraphiQL at the endpoint for browsers. Default true. */
  graphiql?: boolean;
  /** The clock; tests pin it. */
  now?: () => Date;
}

/** A gateway: a fetch-style handler plus a way to listen on a port. */
export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  schema: GraphQLSchema;
  /** The served protocols, in configuration order. */
  protocols: readonly TokenEconomy[];
  /** Starts an HTTP server on `port` (0 for any free port) and host. */
  listen(port: number, host?: string): Promise<RunningGateway>;
}

/** A gateway listening on a port. */
export interface RunningGateway {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the gateway from a list of adapters.
 *
 * @throws TokenomicsError CONFIGURATION when two adapters share an id
 * @example
 * ```ts
 * const gateway = createGateway({ adapters: [sessionAdapter(), synternetAdapter()] });
 * const running = await gateway.listen(4000);
 * console.log(`GraphiQL at ${running.url}`);
 * ```
 */
export function createGateway(options: GatewayOptions): Gateway {
  const protocols = [...options.adapters];
  const protocolById = new Map<string, TokenEconomy>();
  for (const economy of protocols) {
    if (protocolById.has(economy.id)) {
      throw new TokenomicsError('CONFIGURATION', `two adapters have the id "${economy.id}"; ids must be unique`, {
        details: { id: economy.id },
      });
    }
    protocolById.set(economy.id, economy);
  }
  const shared = options.reader ?? createDirectReader();
  const now = options.now ?? (() => new Date());
  const limits = { maxSchedulePoints: options.maxSchedulePoints ?? DEFAULT_MAX_SCHEDULE_POINTS };
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const schema = gatewaySchema();

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql === false ? false : { title: 'Tokenomics gateway' },
    maskedErrors: { maskError, isDev: !production },
    context: (): GatewayContext => ({
      protocols,
      protocolById,
      economy: { reader: createRequestReader(shared), now: now() },
      limits,
    }),
  });

  return {
    yoga,
    schema,
    protocols,
    listen(port, host = '0.0.0.0') {
      const server = createServer(yoga);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve({
            server,
            url: `http://${shownHost}:${address.port}/graphql`,
            close: () =>
              new Promise<void>((done, fail) => {
                server.close((error) => (error ? fail(error) : done()));
                server.closeAllConnections();
              }),
          });
        });
      });
    },
  };
}

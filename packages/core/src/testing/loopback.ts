import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** An HTTP server listening on 127.0.0.1, for fake upstreams in tests. */
export interface LoopbackServer {
  server: Server;
  /** The free port it was given. */
  port: number;
  /** Stops it and drops every connection, hung ones included; calling it again returns the same promise. */
  close(): Promise<void>;
}

/**
 * Starts `handler` on 127.0.0.1 at a free port. Tests only talk to loopback,
 * and a fake that leaves a request hanging (a timeout fault) must still close
 * at once: `close` destroys the open sockets instead of waiting for them.
 * Kept apart from the rest of `@tokenomics/core/testing` (which needs vitest),
 * so the bench can start fakes outside a test run.
 *
 * @example
 * ```ts
 * import { listenOnLoopback } from '@tokenomics/core/testing/loopback';
 *
 * const fake = await listenOnLoopback((req, res) => res.end('{}'));
 * await fetch(`http://127.0.0.1:${fake.port}/`);
 * await fake.close();
 * ```
 */
export async function listenOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  let closed: Promise<void> | null = null;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface PostResult {
  status: number;
  body: string;
  /** Milliseconds from the request's first byte written to the response's last byte read. */
  ms: number;
}

/** One POST of a GraphQL body over a fresh connection, or over `socket` when given. */
export function postGraphql(url: string, body: string, socket?: Socket): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          connection: 'close',
        },
        ...(socket ? { createConnection: () => socket } : { agent: false }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens `count` TCP connections to the URL's host and port and resolves once all are connected. */
export function openSockets(url: string, count: number): Promise<Socket[]> {
  const { hostname, port } = new URL(url);
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect({ host: hostname, port: Number(port) });
          socket.setNoDelay(true);
          socket.once('connect', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
}

/** The text of GET `url`, with `headers`. */
export async function getText(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers });
  return response.text();
}

/** Throws unless `query` answers HTTP 200 with data and no errors: nothing is timed that does not work. */
export async function preflight(url: string, query: string, what: string): Promise<PostResult> {
  const { graphqlBody, isGoodBody } = await import('./queries.js');
  const result = await postGraphql(url, graphqlBody(query));
  if (result.status !== 200 || !isGoodBody(result.body)) {
    throw new Error(
      `${what}: HTTP ${result.status}, expected data without errors:\n${result.body.slice(0, 2_000)}`,
    );
  }
  return result;
}

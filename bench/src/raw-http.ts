/**
 * The ceiling: plain node:http answering every request with the same
 * precomputed JSON bytes (the gateway's dashboard answer, read from the file
 * RAW_BODY_FILE), headers built once. Nothing parses the request: no server
 * can serve that answer for less on this machine. Run by the harness in a
 * child process.
 *
 * Environment: PORT, HOST (default 127.0.0.1), RAW_BODY_FILE.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.env.RAW_BODY_FILE;
if (!file) throw new Error('RAW_BODY_FILE is required');
const body = readFileSync(file);
const headers = {
  'content-type': 'application/graphql-response+json; charset=utf-8',
  'content-length': String(body.length),
};
const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
const port = Number(process.env.PORT ?? 4002);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  process.stdout.write(`raw node:http at http://${host}:${port}/\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The built CLI with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a loopback
 * collector: spans are batched, so what the collector receives was sent by
 * the flush on SIGTERM.
 */
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

const received: Received[] = [];
const collector = createServer((request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      path: request.url ?? '',
      contentType: String(request.headers['content-type']),
      body: Buffer.concat(chunks),
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let collectorUrl = '';

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the gateway first (pnpm build)`);
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe('tracing over OTLP/HTTP (the CLI)', () => {
  it('exports the spans of a request to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces, flushed on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve'], {
      cwd: mkdtempSync(join(tmpdir(), 'tokenomics-otlp-')),
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        DRAIN_GRACE_MS: '0',
        OTEL_EXPORTER_OTLP_ENDPOINT: `${collectorUrl}/`,
        OTEL_SERVICE_NAME: 'gateway-under-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let started: Record<string, unknown> | undefined;
      for (let i = 0; i < 750 && !started && child.exitCode === null; i++) {
        started = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((line) => typeof line.url === 'string');
        if (!started) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (!started) throw new Error(`the gateway did not start; stdout:\n${stdout}\nstderr:\n${stderr}`);
      // The start-up line names the collector's origin only.
      expect(started.tracing).toBe(collectorUrl);

      const response = await fetch(String(started.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ protocols { id supply { total } } }' }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { protocols: unknown[] } }).data.protocols).toHaveLength(2);
      // Batched (every 5 s): nothing is sent yet; SIGTERM flushes.
      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      const traces = received.filter((each) => each.path === '/v1/traces');
      expect(traces.length).toBeGreaterThanOrEqual(1);
      expect(traces[0]?.contentType).toMatch(/^application\/(x-protobuf|json)/);
      // Protobuf keeps strings as they are: the service, the request span and the adapter calls are there.
      const sent = Buffer.concat(traces.map((each) => each.body)).toString('latin1');
      for (const text of [
        'gateway-under-test',
        'POST /graphql',
        'graphql.parse',
        'graphql.validate',
        'adapter.supply',
      ]) {
        expect(sent).toContain(text);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

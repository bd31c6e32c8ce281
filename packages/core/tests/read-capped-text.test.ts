import { afterEach, describe, expect, it } from 'vitest';
import { readCappedText } from '../src/index.js';
import { type LoopbackServer, listenOnLoopback } from '../src/testing/loopback.js';

const MiB = 1_048_576;
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves `total` bytes of JSON-ish filler in 64 KiB chunks, honouring back-pressure, and counts what it wrote. */
async function hugeBody(total: number, declareLength: boolean) {
  const sent = { bytes: 0, closed: false };
  server = await listenOnLoopback((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declareLength ? { 'content-length': String(total) } : {}),
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.on('close', () => {
      sent.closed = true;
    });
    const pump = () => {
      while (sent.bytes < total && !sent.closed) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!sent.closed) res.end();
    };
    pump();
  });
  return { url: `http://127.0.0.1:${server.port}/`, sent };
}

describe('readCappedText', () => {
  it('reads a body within the cap whole', async () => {
    server = await listenOnLoopback((_req, res) => res.end('{"pool":{"bonded_tokens":"7"}}'));
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await readCappedText(response, 1_024, 'GET /pool')).toBe('{"pool":{"bonded_tokens":"7"}}');
  });

  it('cuts a streamed 100 MB body off at the cap without reading it whole', async () => {
    const { url, sent } = await hugeBody(100 * MiB, false);
    const response = await fetch(url);
    const error = await readCappedText(response, MiB, 'GET /pool').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'GET /pool answered a body larger than 1048576 bytes; the rest was not read',
      details: { resource: 'GET /pool', reason: 'too-large', maxBytes: MiB },
    });
    // The connection is dropped: the server stops far short of the 100 MB (socket buffers hold a few MB at most).
    await expect.poll(() => sent.closed, { timeout: 5_000 }).toBe(true);
    expect(sent.bytes).toBeLessThan(20 * MiB);
  });

  it('refuses a declared Content-Length above the cap before reading', async () => {
    const { url } = await hugeBody(100 * MiB, true);
    const response = await fetch(url);
    await expect(readCappedText(response, MiB, 'GET /pool')).rejects.toMatchObject({
      details: { reason: 'too-large', size: 100 * MiB },
    });
  });
});

import { Agent, request } from 'node:http';
import { snapshotSource } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { fixedSupplyAdapter } from './fixtures.js';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** One POST through `agent` (keep-alive: the agent reuses its sockets). */
function post(url: string, agent: Agent, query: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query });
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A protocol whose source answers only once `open()` is called. */
function gatedAdapter(id: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const snapshot = snapshotSource('Example preset.');
  const adapter = fixedSupplyAdapter(id, {
    read: async (ctx) => {
      await gate;
      return snapshot.read(ctx);
    },
  });
  return { adapter, open };
}

describe('draining on close (SIGTERM)', () => {
  it('answers requests arriving on kept-alive sockets with Connection: close, none reset', async () => {
    const slow = gatedAdapter('slow');
    const gateway = createGateway({ adapters: [slow.adapter, fixedSupplyAdapter('fast')] });
    const running = await gateway.listen(0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const errors: unknown[] = [];
    const answers: Answer[] = [];

    // A request in flight for the whole drain: the close cannot complete before it.
    const received = new Promise((resolve) => running.server.once('request', resolve));
    const slowAnswer = post(
      running.url,
      new Agent({ keepAlive: true }),
      '{ protocol(id: "slow") { source { kind } } }',
    );
    await received;
    let closing: Promise<void> | undefined;
    let sent = 0;
    // Four clients sending one request after another on their kept-alive sockets. Each stops
    // when told the connection closes (as a client does: its next request goes elsewhere).
    const lane = async () => {
      for (let i = 0; i < 200; i++) {
        sent++;
        if (sent === 40) closing = running.close();
        try {
          const answer = await post(running.url, agent, '{ protocol(id: "fast") { id } }');
          answers.push(answer);
          if (answer.connection === 'close') return;
        } catch (error) {
          errors.push(error);
          return;
        }
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    expect(closing).toBeDefined();
    expect(errors).toEqual([]);
    expect(running.server.listening).toBe(false);
    // Every lane was answered, the last time with Connection: close.
    expect(answers.filter((answer) => answer.connection === 'close')).toHaveLength(4);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ data: { protocol: { id: 'fast' } } });
    }

    slow.open();
    const last = await slowAnswer;
    expect(last.status).toBe(200);
    expect(last.connection).toBe('close');
    expect(JSON.parse(last.body)).toEqual({ data: { protocol: { source: { kind: 'SNAPSHOT' } } } });
    await closing;
    agent.destroy();
    await gateway.close();
  });

  it('refuses new connections once closing', async () => {
    const slow = gatedAdapter('slow');
    const gateway = createGateway({ adapters: [slow.adapter] });
    const running = await gateway.listen(0, '127.0.0.1');
    const received = new Promise((resolve) => running.server.once('request', resolve));
    const inFlight = post(
      running.url,
      new Agent({ keepAlive: true }),
      '{ protocol(id: "slow") { source { kind } } }',
    );
    await received;
    const closing = running.close();
    await expect(post(running.url, new Agent(), '{ protocols { id } }')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    slow.open();
    expect((await inFlight).status).toBe(200);
    await closing;
    await gateway.close();
  });
});

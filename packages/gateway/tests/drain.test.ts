import { Agent } from 'node:http';
import { snapshotSource } from '@tokenomics/core';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { type AgentAnswer, fixedSupplyAdapter, postThrough } from './fixtures.js';

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
    const answers: AgentAnswer[] = [];

    // A request in flight for the whole drain: the close cannot complete before it.
    const received = new Promise((resolve) => running.server.once('request', resolve));
    const slowAnswer = postThrough(
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
          const answer = await postThrough(running.url, agent, '{ protocol(id: "fast") { id } }');
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
    const inFlight = postThrough(
      running.url,
      new Agent({ keepAlive: true }),
      '{ protocol(id: "slow") { source { kind } } }',
    );
    await received;
    const closing = running.close();
    await expect(postThrough(running.url, new Agent(), '{ protocols { id } }')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    slow.open();
    expect((await inFlight).status).toBe(200);
    await closing;
    await gateway.close();
  });
});

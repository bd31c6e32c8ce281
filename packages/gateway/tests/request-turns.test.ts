import { Agent } from 'node:http';
import { exampleEconomy } from '@tokenomics/core/testing';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { type AgentAnswer, getThrough, postThrough } from './fixtures.js';

/** Supply at an instant of its own and a 200-day schedule: work no kept answer saves. */
const work = (i: number) => {
  const at = new Date(Date.UTC(2025, 1, 1, 0, 0, i)).toISOString();
  return `{ protocol(id: "example") { supply(at: "${at}") { total circulating } schedule(from: "${at}", to: "2025-08-20T00:00:00Z", interval: DAY) { total } } }`;
};

/**
 * Sends `count` GraphQL requests and then a `/health/live` probe at once, on
 * kept-alive sockets opened beforehand (so every request is on the wire
 * before the gateway's next poll), and returns the order their answers
 * came back in, and the GraphQL answers.
 */
async function burst(
  requestTurns: boolean,
  count: number,
): Promise<{ order: string[]; answers: AgentAnswer[] }> {
  const gateway = createGateway({ adapters: [exampleEconomy({ id: 'example' })], requestTurns });
  const running = await gateway.listen(0, '127.0.0.1');
  const live = running.url.replace('/graphql', '/health/live');
  const agent = new Agent({ keepAlive: true, maxSockets: count + 1 });
  try {
    await Promise.all(Array.from({ length: count + 1 }, () => getThrough(live, agent)));
    const order: string[] = [];
    const answers = Array.from({ length: count }, (_, i) =>
      postThrough(running.url, agent, work(i)).then((answer) => {
        order.push(`request ${i}`);
        return answer;
      }),
    );
    const probe = getThrough(live, agent).then((answer) => {
      order.push('probe');
      return answer;
    });
    expect((await probe).status).toBe(200);
    return { order, answers: await Promise.all(answers) };
  } finally {
    agent.destroy();
    await running.close();
  }
}

describe('one request’s work per turn of the event loop', () => {
  const COUNT = 24;

  it('answers /health/live before the work of the requests that arrived with it', async () => {
    const { order, answers } = await burst(true, COUNT);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/^\{"data":\{"protocol":\{"supply":\{"total":"\d+","circulating":"\d+"\}/);
    }
    // Read in the turn it arrived in: at most the request already being worked is answered first.
    expect(order.indexOf('probe')).toBeLessThanOrEqual(1);
    // And the requests were worked in the order they arrived.
    expect(order.filter((name) => name !== 'probe')).toEqual(
      Array.from({ length: COUNT }, (_, i) => `request ${i}`),
    );
  });

  it('without it (requestTurns: false), the probe waits for the work of every request read before it', async () => {
    const { order, answers } = await burst(false, COUNT);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(order.indexOf('probe')).toBeGreaterThanOrEqual(COUNT / 2);
  });
});

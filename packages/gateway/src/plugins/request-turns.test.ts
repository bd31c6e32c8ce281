import { countTurns } from '@tokenomics/core/testing';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { type LoopTurns, loopTurns, useRequestTurns } from './request-turns.js';

describe('loopTurns', () => {
  it('resolves each caller in a turn of its own, in order of asking', async () => {
    const turns = loopTurns();
    const counter = countTurns();
    const seen: Array<{ name: string; turn: number }> = [];
    const taken = ['a', 'b', 'c'].map((name) =>
      turns.take().then(() => {
        seen.push({ name, turn: counter.turns });
      }),
    );
    expect(turns.waiting()).toBe(3);
    await Promise.all(taken);
    counter.stop();
    expect(seen.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect(seen[1]!.turn).toBeGreaterThan(seen[0]!.turn);
    expect(seen[2]!.turn).toBeGreaterThan(seen[1]!.turn);
    expect(turns.waiting()).toBe(0);
    // Idle again: the next caller is scheduled afresh.
    await turns.take();
    expect(turns.waiting()).toBe(0);
  });
});

describe('useRequestTurns', () => {
  const counting = (): LoopTurns & { taken: number } => {
    const inner = loopTurns();
    const turns = {
      taken: 0,
      take() {
        turns.taken += 1;
        return inner.take();
      },
      waiting: () => inner.waiting(),
    };
    return turns;
  };

  it('starts each request’s execution in a turn of its own', async () => {
    const counter = countTurns();
    const executedIn: number[] = [];
    const turns = counting();
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { hello(n: Int!): Int! }',
        resolvers: {
          Query: {
            hello: (_: unknown, { n }: { n: number }) => {
              executedIn.push(counter.turns);
              return n;
            },
          },
        },
      }),
      plugins: [useRequestTurns(turns)],
      logging: false,
    });
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        Promise.resolve(
          yoga.fetch('http://yoga.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: `{ hello(n: ${n}) }` }),
          }),
        ).then((response) => response.json()),
      ),
    );
    counter.stop();
    expect(answers).toEqual([1, 2, 3, 4].map((n) => ({ data: { hello: n } })));
    expect(turns.taken).toBe(4);
    expect(new Set(executedIn).size).toBe(4);
    expect([...executedIn].sort((a, b) => a - b)).toEqual(executedIn);
  });

  it('gives a request an earlier hook answered its turn too (its answer is written in it)', async () => {
    const turns = counting();
    const answered: Plugin = {
      onParams({ params, setResult }) {
        if (params.query?.includes('cached')) setResult({ data: { hello: 7 } });
      },
    };
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { hello: Int! cached: Int }',
        resolvers: { Query: { hello: () => 1 } },
      }),
      plugins: [answered, useRequestTurns(turns)],
      logging: false,
    });
    const ask = async (query: string) =>
      (
        await yoga.fetch('http://yoga.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).json();
    expect(await ask('{ cached }')).toEqual({ data: { hello: 7 } });
    expect(turns.taken).toBe(1);
    expect(await ask('{ hello }')).toEqual({ data: { hello: 1 } });
    expect(turns.taken).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { fixedSupplyAdapter, post } from './fixtures.js';

describe('limits', () => {
  const gateway = createGateway({ adapters: [fixedSupplyAdapter()], limits: { maxDepth: 3, maxAliases: 5 } });

  async function expectLimit(query: string, message: RegExp) {
    const { status, body } = await post(gateway, query);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: { code: 'LIMIT_EXCEEDED' },
      }),
    ]);
  }

  it('refuses documents deeper than maxDepth', async () => {
    await expectLimit('{ protocols { supply { buckets { key } } } }', /depth limit/i);
    const { body } = await post(gateway, '{ protocols { supply { total } } }');
    expect(body.errors).toBeUndefined();
  });

  it('refuses more aliases than maxAliases', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: protocols { id }`).join(' ');
    await expectLimit(`{ ${aliases} }`, /aliases limit/i);
  });

  it('refuses documents of more tokens than maxTokens', async () => {
    const fields = Array.from({ length: 2_100 }, () => 'id').join(' ');
    await expectLimit(`{ protocols { ${fields} } }`, /token limit/i);
  });

  it('refuses documents that cost more than maxCost', async () => {
    const costly = createGateway({ adapters: [fixedSupplyAdapter()], limits: { maxCost: 20 } });
    const { status, body } = await post(
      costly,
      '{ protocols { id name token { symbol name decimals } supply { total circulating max } } }',
    );
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({
      message: expect.stringMatching(/cost limit/i),
      extensions: { code: 'LIMIT_EXCEEDED' },
    });
  });

  it('refuses request bodies over maxBodyBytes with 413, before reading them', async () => {
    const small = createGateway({ adapters: [fixedSupplyAdapter()], limits: { maxBodyBytes: 1_024 } });
    const response = await small.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '5000' },
      body: JSON.stringify({ query: `{ protocols { id } } # ${'x'.repeat(4_950)}` }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'request bodies may be at most 1024 bytes; this one is 5000',
          extensions: { code: 'LIMIT_EXCEEDED' },
        },
      ],
    });
  });

  it('counts a body without a Content-Length as it is read (a stream made in this process), 413 over maxBodyBytes', async () => {
    const small = createGateway({ adapters: [fixedSupplyAdapter()], limits: { maxBodyBytes: 1_024 } });
    const ask = (padding: number) => {
      const bytes = new TextEncoder().encode(
        JSON.stringify({ query: `{ protocols { id } } # ${'x'.repeat(padding)}` }),
      );
      // A stream of unknown length, in pieces of 100 bytes: no Content-Length can be sent with it.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 100) controller.enqueue(bytes.slice(at, at + 100));
          controller.close();
        },
      });
      return small.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
    };
    const refused = await ask(4_950);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: 'request bodies may be at most 1024 bytes; this one is longer',
          extensions: { code: 'LIMIT_EXCEEDED' },
        },
      ],
    });
    const answered = await ask(900);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ data: { protocols: [{ id: 'fixed' }] } });
  });

  it('keeps serving after refusing', async () => {
    await post(gateway, `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: protocols { id }`).join(' ')} }`);
    const { body } = await post(gateway, '{ protocols { id } }');
    expect(body).toEqual({ data: { protocols: [{ id: 'fixed' }] } });
  });
});

describe('the response cache and compiled plans follow their limits', () => {
  const now = () => new Date('2026-01-01T00:00:00Z');
  /** How the queries ran so far: only executed queries count (a response-cache hit runs none). */
  async function plans(gateway: ReturnType<typeof createGateway>): Promise<Record<string, number>> {
    const metric = await gateway.metrics.registry.getSingleMetric('tokenomics_query_plans_total')!.get();
    return Object.fromEntries(metric.values.map((value) => [String(value.labels.outcome), value.value]));
  }
  // An answer of a few KB: over a 1 KiB response cache.
  const LARGE = '{ protocols { parameters { key label value description source } } }';

  it('limits.responseCacheBytes: an answer larger than the bound is not kept, so a repeat runs again', async () => {
    const cached = createGateway({ adapters: [fixedSupplyAdapter()], now });
    const bounded = createGateway({
      adapters: [fixedSupplyAdapter()],
      now,
      limits: { responseCacheBytes: 1_024 },
    });
    for (const gateway of [cached, bounded]) {
      for (let run = 0; run < 3; run++) expect((await post(gateway, LARGE)).body.errors).toBeUndefined();
    }
    // Default: the first run executes, the repeats in the same second are the kept text.
    expect(await plans(cached)).toEqual({ standard: 1 });
    expect(await plans(bounded)).toEqual({ standard: 1, compiled: 1, reused: 1 });
    expect(bounded.limits.responseCacheBytes).toBe(1_024);
  });

  it('limits.maxPlans: a plan is dropped once more shapes than that are compiled', async () => {
    const shapes = ['{ protocols { id } }', '{ protocols { name } }'];
    const run = async (gateway: ReturnType<typeof createGateway>) => {
      // Each shape twice in a row (compiled on its second run), then the first shape again.
      for (const query of [shapes[0]!, shapes[0]!, shapes[1]!, shapes[1]!, shapes[0]!])
        await post(gateway, query);
      return plans(gateway);
    };
    const options = { adapters: [fixedSupplyAdapter()], now, responseCache: false } as const;
    expect(await run(createGateway(options))).toEqual({ standard: 2, compiled: 2, reused: 1 });
    expect(await run(createGateway({ ...options, limits: { maxPlans: 1 } }))).toEqual({
      standard: 3,
      compiled: 2,
    });
  });
});

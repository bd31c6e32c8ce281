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

  it('keeps serving after refusing', async () => {
    await post(gateway, `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: protocols { id }`).join(' ')} }`);
    const { body } = await post(gateway, '{ protocols { id } }');
    expect(body).toEqual({ data: { protocols: [{ id: 'fixed' }] } });
  });
});

import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway } from '@tokenomics/gateway';
import { createYoga } from 'graphql-yoga';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { lexicalShape, useValidationCache } from '../../gateway/src/plugins/validation-cache.js';
import { gatewaySchema } from '../../gateway/src/schema/index.js';

const silent = pino({ level: 'silent' });
const supplyAt = (at: string) => `{ protocol(id: "session") { supply(at: "${at}") { at total } } }`;
const scheduleOf = (to: string, interval = 'YEAR') =>
  `{ protocol(id: "synternet") { schedule(from: "2026-01-01T00:00:00Z", to: "${to}", interval: ${interval}) { at total } } }`;

async function post(
  yoga: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> },
  query: string,
) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.text() };
}

function gateway() {
  return createGateway({
    adapters: [sessionAdapter(), synternetAdapter()],
    logger: silent,
    now: () => new Date('2026-06-01T00:00:00Z'),
  });
}

describe('validation cached by document shape', () => {
  it('lexicalShape: literals become marks of their kind; names, enums and punctuation stay', () => {
    const a = lexicalShape(scheduleOf('2030-01-01T00:00:00Z'))!;
    const b = lexicalShape(`# a comment\n${scheduleOf('2031-01-01T00:00:00Z')}`)!;
    expect(a.key).toBe(b.key);
    expect(a.literals.map((l) => l.value)).toEqual([
      'synternet',
      '2026-01-01T00:00:00Z',
      '2030-01-01T00:00:00Z',
    ]);
    expect(lexicalShape(scheduleOf('2030-01-01T00:00:00Z', 'MONTH'))!.key).not.toBe(a.key);
    expect(lexicalShape('{ a(n: 1) }')!.key).not.toBe(lexicalShape('{ a(n: "1") }')!.key);
  });

  it('a new literal in a known shape skips validation and answers exactly as a fresh gateway does', async () => {
    const cached = gateway();
    const plugin = useValidationCache();
    const yoga = createYoga({ schema: gatewaySchema(), plugins: [plugin], logging: false });
    // The plugin on its own: the second document of the shape is a hit.
    await post(yoga, '{ __typename }');
    expect(plugin.stats().hits).toBe(0);

    const first = await post(cached.yoga, supplyAt('2026-02-01T00:00:00Z'));
    expect(first.status).toBe(200);
    const second = await post(cached.yoga, supplyAt('2026-03-01T00:00:00Z'));
    const fresh = await post(gateway().yoga, supplyAt('2026-03-01T00:00:00Z'));
    expect(second).toEqual(fresh);
    expect(JSON.parse(second.body).data.protocol.supply.at).toBe('2026-03-01T00:00:00.000Z');
  });

  it('a bad literal in a known shape is refused with the same error as without the cache', async () => {
    const cached = gateway();
    expect((await post(cached.yoga, supplyAt('2026-02-01T00:00:00Z'))).status).toBe(200);
    for (const bad of ['not-a-date', '2026-13-45T00:00:00Z', '']) {
      const refused = await post(cached.yoga, supplyAt(bad));
      const fresh = await post(gateway().yoga, supplyAt(bad));
      expect(refused).toEqual(fresh);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('BAD_INPUT');
    }
    // And the good literal after them still answers.
    expect((await post(cached.yoga, supplyAt('2026-04-01T00:00:00Z'))).status).toBe(200);
  });

  it('a plugin on its own: hits counted only for valid literals of a shape already valid', async () => {
    const plugin = useValidationCache();
    const yoga = createYoga({
      schema: gatewaySchema(),
      plugins: [plugin],
      logging: false,
      context: () => ({}),
    });
    await post(yoga, '{ protocol(id: "x") { id } }');
    await post(yoga, '{ protocol(id: "y") { id } }');
    await post(yoga, '{ protocol(id: 7) { id } }');
    await post(yoga, '{ protocol(id: 1.5) { id } }');
    // "y" hits; 7 (an ID may be an Int literal) is another shape, validated in full; 1.5 is refused.
    expect(plugin.stats().hits).toBe(1);
    const refused = await post(yoga, '{ protocol(id: 2.5) { id } }');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('ID cannot represent');
    expect(plugin.stats().hits).toBe(1);
  });
});

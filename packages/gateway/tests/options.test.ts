import { describe, expect, it } from 'vitest';
import { createGateway, gatewayOptionsSchema } from '../src/index.js';
import { fixedSupplyAdapter } from './fixtures.js';

describe("createGateway's options (zod: gatewayOptionsSchema)", () => {
  it('accepts the options the gateway documents', () => {
    const options = {
      adapters: [fixedSupplyAdapter('a'), fixedSupplyAdapter('b')],
      limits: { maxPlans: 1, maxDepth: 3 },
      metrics: { token: 't0ken', port: 0 },
      rateLimit: { perMinute: 60, trustProxy: 1, apiKeyHeader: null },
      corsOrigins: ['https://app.example'],
      drainGraceMs: 0,
      upstreamCircuit: { failures: 3, cooldownMs: 1_000 },
    };
    expect(gatewayOptionsSchema.safeParse(options).success).toBe(true);
    expect(createGateway(options).protocols.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('refuses two adapters with one id, naming it', () => {
    expect(() =>
      createGateway({ adapters: [fixedSupplyAdapter('a'), fixedSupplyAdapter('a')] }),
    ).toThrowError(
      expect.objectContaining({
        code: 'CONFIGURATION',
        message: 'two adapters have the id "a"; ids must be unique',
        details: { id: 'a' },
      }),
    );
  });

  it('refuses a number out of range, naming the option', () => {
    expect(() => createGateway({ adapters: [], limits: { maxDepth: -1 } })).toThrowError(
      expect.objectContaining({
        code: 'CONFIGURATION',
        message: 'createGateway: limits.maxDepth: must be 0 or more',
      }),
    );
    expect(() => createGateway({ adapters: [], limits: { maxPlans: 1.5 } })).toThrowError(
      'createGateway: limits.maxPlans: must be a whole number',
    );
    expect(() => createGateway({ adapters: [], metrics: { port: 70_000 } })).toThrowError(
      'createGateway: metrics.port: must be a port, 0 to 65535',
    );
    expect(() => createGateway({ adapters: [], rateLimit: { perMinute: 0 } })).toThrowError(
      'createGateway: rateLimit.perMinute: must be 1 or more',
    );
  });

  it('refuses a typo’d key (JavaScript callers have no compiler to catch it)', () => {
    const typo = { adapters: [], limits: { maxDepht: 3 } } as unknown as Parameters<typeof createGateway>[0];
    expect(() => createGateway(typo)).toThrowError(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining('maxDepht') }),
    );
    const topLevel = { adapters: [], compiledExecutoin: false } as unknown as Parameters<
      typeof createGateway
    >[0];
    expect(() => createGateway(topLevel)).toThrowError(
      expect.objectContaining({ message: 'createGateway: options: Unrecognized key: "compiledExecutoin"' }),
    );
    expect(() => createGateway({ adapters: [], limits: { maxPlans: 0 } })).toThrowError(
      'createGateway: limits.maxPlans: must be 1 or more',
    );
  });
});

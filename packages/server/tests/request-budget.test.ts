import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { memoStats, type TokenEconomy } from '@tokenomics/core';
import { exampleEconomy } from '@tokenomics/core/testing';
import { createGateway, type RunningGateway, SCHEDULE_ROW_BYTES } from '@tokenomics/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseBody } from '../../gateway/tests/fixtures.js';

/** Counts the calls of an economy's heavy members, to show a refusal comes before any resolver. */
function counted(economy: TokenEconomy) {
  const calls = { schedule: 0, simulatePenalty: 0 };
  const { schedule, simulatePenalty } = economy;
  if (schedule) {
    economy.schedule = (query, ctx) => {
      calls.schedule++;
      return schedule(query, ctx);
    };
  }
  if (simulatePenalty) {
    economy.simulatePenalty = (input, ctx) => {
      calls.simulatePenalty++;
      return simulatePenalty(input, ctx);
    };
  }
  return { economy, calls };
}

async function send(
  running: RunningGateway,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; text: string; body: ResponseBody; ms: number }> {
  const started = performance.now();
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text), ms: performance.now() - started };
}

const aliases = (count: number, field: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join('\n');

describe('the request budget, over HTTP', () => {
  const session = counted(sessionAdapter());
  const synternet = counted(synternetAdapter());
  let running: RunningGateway;
  beforeAll(async () => {
    running = await createGateway({ adapters: [session.economy, synternet.economy] }).listen(0, '127.0.0.1');
  });
  afterAll(() => running.close());

  function expectRefused(result: Awaited<ReturnType<typeof send>>, message: RegExp) {
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED' }),
      }),
    ]);
    // Refused before any resolver ran: a short answer, soon (the bound is a generous safety limit).
    expect(result.text.length).toBeLessThan(2_000);
    expect(result.ms).toBeLessThan(5_000);
    expect(session.calls).toEqual({ schedule: 0, simulatePenalty: 0 });
    expect(synternet.calls).toEqual({ schedule: 0, simulatePenalty: 0 });
  }

  // 27 years of days from the TGE: 9,863 points each, 30 times (295,890 points; a 176 MB answer).
  const schedule27 = (from: string, to: string) =>
    `protocol(id: "session") { schedule(from: ${from}, to: ${to}, interval: DAY) { at total circulating } }`;

  it('refuses 30 aliased 27-year daily schedules written as literals, every time', async () => {
    const query = `{ ${aliases(30, () => schedule27('"2025-05-21T00:00:00Z"', '"2052-05-21T00:00:00Z"'))} }`;
    // Twice: the second time the compiled plan (literals hoisted into variables) would run it.
    for (let i = 0; i < 2; i++) {
      const result = await send(running, query);
      expectRefused(result, /would cost 295920 units of work; the budget is 50000/);
      expect(result.body.errors[0].extensions).toEqual({
        code: 'LIMIT_EXCEEDED',
        cost: 295_920,
        budget: 50_000,
      });
      expect(result.body.errors[0].message).toMatch(
        /295890 schedule points, 0 stakes, 0 overrides \(10 each\) and 30 protocol fields/,
      );
    }
  });

  it('refuses the same schedules with `from` and `to` as variables', async () => {
    const query = `query ($from: DateTime, $to: DateTime!) { ${aliases(30, () => schedule27('$from', '$to'))} }`;
    const result = await send(running, query, { from: '2025-05-21T00:00:00Z', to: '2052-05-21T00:00:00Z' });
    expectRefused(result, /would cost 295920 units of work/);
  });

  it('counts variable defaults, and a schedule asked of `protocols` once per protocol', async () => {
    const query = `query ($to: DateTime = "2052-05-21T00:00:00Z") {
      ${aliases(3, () => 'protocols { schedule(from: "2025-05-21T00:00:00Z", to: $to, interval: DAY) { at } }')}
    }`;
    // 3 aliases × 2 protocols × (9,863 points + 1 field).
    expectRefused(await send(running, query), /would cost 59184 units of work/);
  });

  it('refuses 30 aliases over a 20,000-entry stakes variable', async () => {
    const stakes = Array.from({ length: 20_000 }, () => '1');
    const query = `query ($stakes: [Decimal!]!) { protocol(id: "session") { ${aliases(
      30,
      (i) =>
        `simulatePenalty(input: { rule: "liquidation", stakes: $stakes, overrides: [{ key: "networkSize", value: "${2_000 + i}" }] }) { slashedTotal }`,
    )} } }`;
    const result = await send(running, query, { stakes });
    expectRefused(result, /a0: simulatePenalty has 20000 stakes; at most 1000 are allowed/);
  });

  it('refuses more stakes than allowed in a literal list, and more overrides than allowed', async () => {
    const stakes = Array.from({ length: 1_001 }, () => '"1"').join(',');
    expectRefused(
      await send(
        running,
        `{ protocol(id: "session") { simulatePenalty(input: { rule: "liquidation", stakes: [${stakes}] }) { slashedTotal } } }`,
      ),
      /simulatePenalty has 1001 stakes; at most 1000 are allowed/,
    );
    const overrides = Array.from({ length: 51 }, () => ({ key: 'networkSize', value: '3000' }));
    expectRefused(
      await send(
        running,
        'query ($o: [ParameterOverride!]) { protocol(id: "session") { whatIf: rewards(overrides: $o) { stakingApr } } }',
        {
          o: overrides,
        },
      ),
      /whatIf: rewards has 51 overrides; at most 50 are allowed/,
    );
  });

  it('answers what fits: 13 aliased 10-year daily schedules, and 30 small simulations', async () => {
    const query = `{ protocol(id: "session") { ${aliases(
      13,
      (i) =>
        `schedule(from: "2026-01-0${1 + (i % 9)}T00:00:00Z", to: "2036-01-01T00:00:00Z", interval: DAY) { at }`,
    )} } }`;
    const result = await send(running, query);
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.protocol.a0).toHaveLength(3_653);
    const penalties = await send(
      running,
      `{ protocol(id: "synternet") { ${aliases(30, (i) => `simulatePenalty(input: { rule: "double-sign", stakes: ["${i + 1}", "250000"] }) { slashedTotal }`)} } }`,
    );
    expect(penalties.body.errors).toBeUndefined();
    expect(penalties.body.data.protocol.a0.slashedTotal).toBe('12500.05');
    session.calls.schedule = 0;
    synternet.calls.simulatePenalty = 0;
  });
});

describe('a configured budget', () => {
  it('refuses what costs more than GatewayOptions.limits allow, and answers what fits', async () => {
    const gateway = createGateway({
      adapters: [exampleEconomy({ id: 'a' }), exampleEconomy({ id: 'b' })],
      limits: { requestBudget: 400, maxStakes: 2 },
    });
    const running = await gateway.listen(0, '127.0.0.1');
    try {
      const days = 'from: "2026-01-01T00:00:00Z", to: "2026-07-01T00:00:00Z", interval: DAY'; // 182 points
      const one = await send(running, `{ protocol(id: "a") { schedule(${days}) { at } } }`);
      expect(one.body.data.protocol.schedule).toHaveLength(182);
      // Of both protocols, 2 × (182 points + 2 fields) = 368 fits; three aliases, 3 × 183 = 549, do not.
      const both = await send(running, `{ protocols { id schedule(${days}) { at } } }`);
      expect(both.body.data.protocols).toHaveLength(2);
      const three = await send(
        running,
        `{ a: protocol(id: "a") { schedule(${days}) { at } } ${aliases(2, () => `protocol(id: "b") { schedule(${days}) { at } }`)} }`,
      );
      expect(three.status).toBe(400);
      expect(three.body.errors[0]).toMatchObject({
        message: expect.stringContaining('would cost 549 units of work; the budget is 400'),
        extensions: { code: 'LIMIT_EXCEEDED', cost: 549, budget: 400 },
      });
      const stakes = await send(
        running,
        '{ protocol(id: "a") { simulatePenalty(input: { rule: "slash", stakes: ["1", "2", "3"] }) { slashedTotal } } }',
      );
      expect(stakes.body.errors[0].message).toBe(
        'simulatePenalty has 3 stakes; at most 2 are allowed; send fewer in one field',
      );
    } finally {
      await running.close();
    }
  });
});

describe('the memo of results under many distinct requests', () => {
  const resultBytes = 2 * 1024 * 1024;
  const economy = exampleEconomy({ id: 'example', memo: { resultBytes } });
  let running: RunningGateway;
  beforeAll(async () => {
    running = await createGateway({ adapters: [economy], responseCache: false }).listen(0, '127.0.0.1');
  });
  afterAll(() => running.close());

  it('stays within its bytes: 40 requests of 5 aliased schedules, each under its own overrides', async () => {
    let points = 0;
    for (let request = 0; request < 40; request++) {
      const query = `{ protocol(id: "example") { ${aliases(
        5,
        (i) =>
          `schedule(from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z", interval: DAY, overrides: [{ key: "treasury", value: "${request * 5 + i}" }]) { at total }`,
      )} } }`;
      const { status, body } = await send(running, query);
      expect(status).toBe(200);
      expect(body.data.protocol.a4).toHaveLength(365);
      points += 5 * 365;
      const { results } = memoStats(economy)!;
      expect(results.maxBytes).toBe(resultBytes);
      expect(results.bytes).toBeLessThanOrEqual(resultBytes);
    }
    // 200 schedules went through a memo that holds about 11 of them (their rows: the gateway keeps a
    // schedule written, SCHEDULE_ROW_BYTES a point).
    expect(points * SCHEDULE_ROW_BYTES).toBeGreaterThan(10 * resultBytes);
    expect(memoStats(economy)!.results.entries).toBeLessThan(15);
  });
});

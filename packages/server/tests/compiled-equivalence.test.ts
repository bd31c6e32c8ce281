import { sessionAdapter } from '@tokenomics/adapter-session';
import { synternetAdapter } from '@tokenomics/adapter-synternet';
import { createGateway, createLogger, type Gateway, gatewaySchema } from '@tokenomics/gateway';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenSource, fixedSupplyAdapter } from '../../gateway/tests/fixtures.js';
import { type Domain, type PrintedQuery, printQuery, queryArbitrary } from './query-generator.js';

/** Fixed so every run generates the same queries; EQUIVALENCE_SEED explores others. */
const SEED = Number(process.env.EQUIVALENCE_SEED ?? 20_260_301);
const RUNS = Number(process.env.EQUIVALENCE_RUNS ?? 2_000);

const now = () => new Date('2026-03-01T12:00:00Z');

function gateway(compiledExecution: boolean): Gateway {
  return createGateway({
    adapters: [sessionAdapter(), synternetAdapter(), fixedSupplyAdapter('bad', brokenSource)],
    compiledExecution,
    responseCache: false,
    production: true,
    // Few schedule points: short schedules stay cheap, and a long one is an error.
    limits: { maxSchedulePoints: 40 },
    logger: createLogger('silent'),
    now,
  });
}

/** The response as the client gets it: status and the body's exact text (key and error order included). */
async function send(target: Gateway, request: PrintedQuery): Promise<{ status: number; body: string }> {
  const response = await target.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({
      query: request.query,
      variables: request.variables,
      ...(request.operationName ? { operationName: request.operationName } : {}),
    }),
  });
  return { status: response.status, body: await response.text() };
}

async function domainOf(target: Gateway): Promise<Domain> {
  const keys = '{ parameters { key } fees { key } penalties { key } }';
  const response = await send(target, {
    query: `{ protocols { id } s: protocol(id: "session") ${keys} y: protocol(id: "synternet") ${keys} }`,
    variables: {},
    operationName: null,
    conditionalDuplicate: false,
  });
  const { data } = JSON.parse(response.body) as {
    data: {
      protocols: Array<{ id: string }>;
      s: {
        parameters: Array<{ key: string }>;
        fees: Array<{ key: string }>;
        penalties: Array<{ key: string }>;
      };
      y: {
        parameters: Array<{ key: string }>;
        fees: Array<{ key: string }>;
        penalties: Array<{ key: string }>;
      };
    };
  };
  const unique = (lists: Array<Array<{ key: string }>>) => [...new Set(lists.flat().map(({ key }) => key))];
  return {
    protocolIds: data.protocols.map(({ id }) => id),
    parameterKeys: unique([data.s.parameters, data.y.parameters]),
    feeKeys: unique([data.s.fees, data.y.fees]),
    ruleKeys: unique([data.s.penalties, data.y.penalties]),
  };
}

describe('generated queries answer alike on compiled plans and the standard executor', () => {
  // Time limits are safety limits only: the runs take a fraction of them, even on a loaded machine.
  it(`${RUNS} queries from seed ${SEED}`, { timeout: 420_000 }, async () => {
    const standard = gateway(false);
    const compiled = gateway(true);
    const schema = gatewaySchema();
    const domain = await domainOf(standard);
    expect(domain.protocolIds).toEqual(['session', 'synternet', 'bad']);
    expect(domain.feeKeys.length).toBeGreaterThan(0);

    const seen = { queries: 0, conditionalDuplicates: 0, ok: 0, withErrors: 0, refused: 0 };
    const started = Date.now();
    const cpu = process.cpuUsage();
    // The seed is how a failure is reproduced.
    console.info(`compiled-equivalence: seed ${SEED}, ${RUNS} queries`);
    await fc.assert(
      // Mapped to the request, so a failure reports the (shrunk) query text and variables.
      fc.asyncProperty(
        queryArbitrary(schema, domain).map((generated) => printQuery(schema, generated)),
        async (request) => {
          const expected = await send(standard, request);
          seen.queries++;
          if (request.conditionalDuplicate) seen.conditionalDuplicates++;
          if (expected.status !== 200) seen.refused++;
          else if (expected.body.includes('"errors"')) seen.withErrors++;
          else seen.ok++;
          // New shapes: first sight (the standard executor), then the plan compiled, then reused.
          for (const run of [1, 2, 3]) {
            const actual = await send(compiled, request);
            if (actual.status !== expected.status || actual.body !== expected.body) {
              throw new Error(
                [
                  `run ${run} on the compiled gateway differs`,
                  `query: ${request.query}`,
                  `variables: ${JSON.stringify(request.variables)}`,
                  `standard: ${expected.status} ${expected.body}`,
                  `compiled: ${actual.status} ${actual.body}`,
                ].join('\n'),
              );
            }
          }
        },
      ),
      {
        seed: SEED,
        numRuns: RUNS,
        // Bounds shrinking too: a failure reports the smallest query found by then.
        plugins: [fc.interruptAfterTimeLimit(360_000, { failOnInterrupt: true })],
      },
    );
    // What the generator covered.
    const { user, system } = process.cpuUsage(cpu);
    console.info(
      `compiled-equivalence: ${JSON.stringify(seen)} in ${Date.now() - started} ms (${Math.round((user + system) / 1000)} ms of CPU)`,
    );

    expect(seen.queries).toBe(RUNS);
    // The finding's case, and answers of every kind, are among the generated queries.
    expect(seen.conditionalDuplicates).toBeGreaterThan(RUNS / 20);
    expect(seen.ok).toBeGreaterThan(RUNS / 10);
    expect(seen.withErrors).toBeGreaterThan(RUNS / 10);
    expect(seen.refused).toBeGreaterThan(RUNS / 20);
    const metric = await compiled.metrics.registry.getSingleMetric('tokenomics_query_plans_total')?.get();
    const count = (outcome: string) =>
      metric?.values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    // Most executed queries ran on plans: the comparison is not between two standard executors.
    expect(count('reused')).toBeGreaterThan(RUNS / 4);
  });
});

import { serverAudits } from 'graphql-http';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { fixedSupplyAdapter } from './fixtures.js';

const gateway = createGateway({ adapters: [fixedSupplyAdapter()] });
const bareYoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  }),
  logging: false,
});
/** A fetch that never leaves the process: straight into a yoga handler. */
interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}
const fetchInto = (server: FetchHandler) => async (input: RequestInfo | URL, init?: RequestInit) =>
  server.fetch(new Request(input, init));

async function audit(server: FetchHandler) {
  const audits = serverAudits({ url: 'http://gateway.test/graphql', fetchFn: fetchInto(server) });
  return Promise.all(audits.map((entry) => entry.fn()));
}

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  it('passes every MUST, and as many SHOULDs as bare graphql-yoga', async () => {
    const results = await audit(gateway.yoga);
    const failedMust = results.filter((result) => result.name.startsWith('MUST') && result.status !== 'ok');
    expect(failedMust.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual(
      [],
    );

    const passed = (list: typeof results) =>
      list.filter((result) => result.status === 'ok').map((result) => result.id);
    const baseline = await audit(bareYoga);
    const shouldCount = (list: typeof results) =>
      list.filter((result) => result.name.startsWith('SHOULD')).length;
    const gatewayShoulds = passed(results).filter((id) =>
      results.find((r) => r.id === id)?.name.startsWith('SHOULD'),
    );
    const yogaShoulds = passed(baseline).filter((id) =>
      baseline.find((r) => r.id === id)?.name.startsWith('SHOULD'),
    );
    // Reported for the record: how many SHOULDs pass here and for bare yoga.
    console.info(
      `graphql-http: ${results.length} audits; SHOULD passed ${gatewayShoulds.length}/${shouldCount(results)} (bare yoga ${yogaShoulds.length}/${shouldCount(baseline)})`,
    );
    expect(gatewayShoulds).toEqual(yogaShoulds);
  });
});

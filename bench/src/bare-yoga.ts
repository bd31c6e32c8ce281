/**
 * The baseline: a bare graphql-yoga server answering `{ hello }`, with the same
 * HTTP stack as the gateway (node:http + yoga) and nothing else: no plugins,
 * no logging, no GraphiQL. Run by the harness in a child process.
 *
 * Environment: PORT (default 4001), HOST (default 127.0.0.1).
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { hello: String! }',
    resolvers: { Query: { hello: () => 'world' } },
  }),
  graphqlEndpoint: '/graphql',
  healthCheckEndpoint: '/health/live',
  landingPage: false,
  graphiql: false,
  logging: false,
  maskedErrors: true,
});

const server = createServer(yoga);
const port = Number(process.env.PORT ?? 4001);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  process.stdout.write(`bare yoga at http://${host}:${port}/graphql\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

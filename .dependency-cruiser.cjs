// The dependency rule: the package layering and the adapter skeleton
// (docs/architecture.md#the-dependency-rule). Checked in `pnpm test` by
// tools/tests/dependency-rule.test.ts; by hand:
//   npx depcruise --config .dependency-cruiser.cjs packages/*/src tools/templates/adapter/src

// The server app (packages/server) and bench/ may import anything: they compose
// the layers, so no rule names them as importers; every other rule keeps them
// out of the layers below (nothing under packages/*/src imports the server).

/** An adapter's src folder, or the scaffold template's: group 1 is the package folder. */
const ADAPTER_SRC = '^(packages/adapter-[^/]+|tools/templates/adapter)/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, anywhere.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-workspace-package',
      severity: 'error',
      comment: 'core is the bottom layer: it imports no other workspace package.',
      from: { path: '^packages/core/' },
      to: { path: '^(packages|bench|tools)/', pathNot: '^packages/core/' },
    },
    {
      name: 'cosmos-rest-imports-only-core',
      severity: 'error',
      comment: 'cosmos-rest (shared Cosmos glue) knows no protocol: it imports core only.',
      from: { path: '^packages/cosmos-rest/' },
      to: { path: '^(packages|bench|tools)/', pathNot: '^packages/(core|cosmos-rest)/' },
    },
    {
      name: 'adapter-imports-only-core-and-cosmos-rest',
      severity: 'error',
      comment:
        'An adapter imports core and cosmos-rest only: never another adapter, the gateway or the server.',
      from: { path: ADAPTER_SRC },
      to: { path: '^(packages|bench|tools)/', pathNot: '^(packages/(core|cosmos-rest)|$1)/' },
    },
    {
      name: 'gateway-imports-only-core',
      severity: 'error',
      comment: 'The gateway library names no protocol: it imports core only, never an adapter.',
      from: { path: '^packages/gateway/' },
      to: { path: '^(packages|bench|tools)/', pathNot: '^packages/(core|gateway)/' },
    },
    {
      name: 'history-imports-only-core',
      severity: 'error',
      comment:
        'The history store knows no protocol and no gateway: it imports core only (TokenEconomy.history, StateSource.blocks, HistoryStore), and its own libraries.',
      from: { path: '^packages/history/' },
      to: { path: '^(packages|bench|tools)/', pathNot: '^packages/(core|history)/' },
    },
    {
      name: 'client-imports-no-workspace-package',
      severity: 'error',
      comment:
        'The client ships to browsers: no runtime workspace package (types come from the printed schema).',
      from: { path: '^packages/client/' },
      to: {
        path: '^(packages|bench|tools)/',
        pathNot: '^packages/client/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'explorer-imports-only-client',
      severity: 'error',
      comment: 'The explorer speaks to the gateway over HTTP through the client only.',
      from: { path: '^packages/explorer/' },
      to: { path: '^(packages|bench|tools)/', pathNot: '^packages/(client|explorer)/' },
    },
    {
      name: 'model-never-imports-sources',
      severity: 'error',
      comment: 'The model is pure: it computes on the state type (state.ts), never on a source.',
      from: { path: `${ADAPTER_SRC}model(/|\\.ts$)` },
      to: { path: '^$1/src/sources(/|\\.ts$)' },
    },
    {
      name: 'sources-never-import-model',
      severity: 'error',
      comment: 'Sources read and validate only: they never compute with the model.',
      from: { path: `${ADAPTER_SRC}sources(/|\\.ts$)` },
      to: { path: '^$1/src/model(/|\\.ts$)' },
    },
    {
      name: 'formulas-import-only-formulas',
      severity: 'error',
      comment:
        'A formula imports core, cosmos-rest and other formulas only (no model, no source, no wiring).',
      from: { path: `${ADAPTER_SRC}formulas/` },
      to: { path: '^$1/', pathNot: '^$1/src/formulas/' },
    },
    {
      name: 'nothing-imports-its-own-index',
      severity: 'error',
      comment: 'src/index.ts is wiring for users: nothing inside the package imports it.',
      from: { path: '^(packages/[^/]+|tools/templates/adapter)/src/' },
      to: { path: '^$1/src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/'] },
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};

export * from './checks.js';
export { describeTokenEconomy } from './describe.js';
export { type ExampleChainOptions, type ExampleChainState, exampleChain } from './example-chain.js';
export { type ExampleEconomyOptions, exampleEconomy, exampleParameters } from './example-economy.js';
export {
  EXCLUSIVE_STEP,
  LARGE_DECIMAL,
  LARGE_INTEGER,
  type ParameterExtremes,
  parameterExtremes,
} from './extremes.js';
export { seededRandom } from './seeded-random.js';
export { DYNAMIC_SOURCE_PREFIXES, repositoryRoot, sourceViolation } from './sources.js';
export { countTurns, type TurnCounter } from './turn-counter.js';
export { vestingEconomy, vestingParameters } from './vesting-economy.js';

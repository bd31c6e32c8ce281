export * from './checks.js';
export { describeTokenEconomy } from './describe.js';
export { type ExampleEconomyOptions, exampleEconomy, exampleParameters } from './example-economy.js';

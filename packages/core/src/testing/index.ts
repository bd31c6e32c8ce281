export * from './checks.js';
export { describeTokenEconomy } from './describe.js';

export { type CliffDefinition, cliff } from './cliff.js';
export { type LinearDefinition, linear } from './linear.js';
export { type MonthlyStepsDefinition, monthlySteps } from './monthly-steps.js';
export { tranchesReached } from './tranches-reached.js';
export { unlockedAt } from './unlocked-at.js';
export { unlockedUnitsAt } from './unlocked-units-at.js';
export { unlocksBetween } from './unlocks-between.js';

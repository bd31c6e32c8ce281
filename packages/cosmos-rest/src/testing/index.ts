export * from './fake-lcd.js';
export * from './helpers.js';

export * from './fake-lcd.js';
export * from './helpers.js';
export * from './second-edition.js';

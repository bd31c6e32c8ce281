export * from './endpoints.js';
export * from './request.js';
export * from './schemas.js';

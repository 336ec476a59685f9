// The whole drizzle schema, gathered from each capability's schema file.
export * from '../schema.js';
export * from '../jobs/schema.js';
export * from '../../registry/schema.js';
export * from '../../balance/schema.js';
export * from '../../exams/schema.js';

// The whole drizzle schema, gathered from each capability's schema file: what drizzle-kit reads to write the
// migrations in drizzle/ (npm run db:generate). The database layer (core/db) needs no capability's tables.
export * from './core/schema.js';
export * from './core/jobs/schema.js';
export * from './registry/schema.js';
export * from './balance/schema.js';
export * from './exams/schema.js';
export * from './admissions/schema.js';
export * from './wellbeing/schema.js';
export * from './wellbeing/vision/schema.js';
export * from './wellbeing/burden/schema.js';
export * from './wellbeing/surveys/schema.js';
export * from './wellbeing/retention/schema.js';
export * from './planning/schema.js';
export * from './teachers/schema.js';

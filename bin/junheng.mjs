#!/usr/bin/env node
// Junheng command line. TypeScript sources run through tsx.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli.ts');

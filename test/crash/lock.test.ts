// The data folder's lock after a crash: a lock file whose process is gone is taken over — also when the dead process
// had our pid (a container restarted after kill -9 often gets the same one); a folder open in this process is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/core/db/index.js';

describe('data folder lock after a crash', () => {
  it('takes over a stale lock, even one with our own pid, and refuses a second open in this process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-lock-'));
    try {
      const lock = path.join(dir, 'junheng.lock');
      fs.writeFileSync(lock, String(process.pid));
      const release = acquireLock(dir);
      expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
      expect(() => acquireLock(dir)).toThrow(/already open in this process/);
      release();
      expect(fs.existsSync(lock)).toBe(false);
      fs.writeFileSync(lock, '999999999'); // no such process
      acquireLock(dir)();
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

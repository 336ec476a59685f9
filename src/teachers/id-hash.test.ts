import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtIdKey, hashIdNumber, idCheckChar, idNumberFacts, idNumberProblem } from './id-hash.js';
import type { Database } from '../core/db/index.js';
import { freshDatabase } from '../../test/helpers.js';

describe('GB 11643 check digit', () => {
  it('computes the check character (hand-computed)', () => {
    // 11010519491231002X, the standard's own example: Σ ai·Wi over 1,1,0,1,0,5,1,9,4,9,1,2,3,1,0,0,2 with
    // W = 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    // 33090219850301123: 21+27+0+45+0+8+2+9+48+15+0+27+10+5+8+8+6 = 239; 239 mod 11 = 8 → 3.
    expect(idCheckChar('33090219850301123')).toBe('3');
  });
  it('accepts valid numbers (x or X) and names what is wrong otherwise', () => {
    expect(idNumberProblem('330902198503011233')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('330902198503011234')).toMatch(/校验位应为 3/);
    expect(idNumberProblem('33090219850301123')).toMatch(/18 位/);
    expect(idNumberProblem('3.30902198503011E+17')).toMatch(/18 位/);
    expect(idNumberProblem('330902198502301238')).toMatch(/不是有效日期/); // 30 February
  });
  it('reads the birth date and the sex digit (odd 男, even 女)', () => {
    expect(idNumberFacts('330902198503011233')).toEqual({ birthYear: 1985, birthMonth: 3, birthDay: 1, sex: '男' });
    expect(idNumberFacts('11010519491231002X')).toEqual({ birthYear: 1949, birthMonth: 12, birthDay: 31, sex: '女' });
  });
});

describe('the keyed hash', () => {
  it('is HMAC-SHA256 over the upper-cased number', () => {
    const want = createHmac('sha256', 'k1').update('11010519491231002X').digest('hex');
    expect(hashIdNumber('k1', '11010519491231002x')).toBe(want);
    expect(hashIdNumber('k1', ' 11010519491231002X ')).toBe(want);
    expect(hashIdNumber('k2', '11010519491231002X')).not.toBe(want);
  });

  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => database?.close());

  it('makes one key per district at first use, also when asked twice at once; JUNHENG_ID_KEY overrides', async () => {
    const db = database.db;
    const [a, b] = await Promise.all([districtIdKey(db, '330902', ''), districtIdKey(db, '330902', '')]);
    expect(a).toBe(b);
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(await districtIdKey(db, '330902', '')).toBe(a);
    expect(await districtIdKey(db, '330903', '')).not.toBe(a);
    expect(await districtIdKey(db, '330902', 'from-env')).toBe('from-env');
  });
});

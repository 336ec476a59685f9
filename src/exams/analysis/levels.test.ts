import { describe, expect, it } from 'vitest';
import { codeLevels } from './levels.js';

describe('score levels', () => {
  it('half points: level 2x, values b/2 for every level up to the maximum; NaN → −1', () => {
    const l = codeLevels(Float64Array.of(3, NaN, 0.5, 3, 0, -0));
    expect(l.grid).toBe(true);
    expect(Array.from(l.codes)).toEqual([6, -1, 1, 6, 0, 0]);
    expect(Array.from(l.values)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(l.present).toBe(5);
  });
  it('other scores: the sorted distinct values; equal scores share a level, order is kept', () => {
    const l = codeLevels(Float64Array.of(72.3, 10, NaN, 72.3, 0.1, -2));
    expect(l.grid).toBe(false);
    expect(Array.from(l.values)).toEqual([-2, 0.1, 10, 72.3]);
    expect(Array.from(l.codes)).toEqual([3, 2, -1, 3, 1, 0]);
    expect(l.present).toBe(5);
  });
  it('nobody present: no levels; a reused buffer of the wrong length is refused', () => {
    const l = codeLevels(Float64Array.of(NaN, NaN));
    expect([l.values.length, l.present, Array.from(l.codes)]).toEqual([0, 0, [-1, -1]]);
    expect(codeLevels(new Float64Array(0)).values.length).toBe(0);
    expect(() => codeLevels(new Float64Array(3), new Int32Array(2))).toThrow(RangeError);
  });
});

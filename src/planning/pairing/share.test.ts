// The share of schools in close pairings against the target, worked by hand, with the boundary compared in integers.
import { describe, expect, it } from 'vitest';
import { decimalFraction, pairingShare } from './share.js';
import { pairingTarget } from './method.js';

const target = { share: '0.5', closeTypes: ['融合型', '共建型'] as const };

describe('pairingShare', () => {
  it('counts schools in any and in close pairings', () => {
    // A→B 融合型, A→C 协作型, D→E 共建型 among 5 open schools: any {A,B,C,D,E} = 5, close {A,B,D,E} = 4.
    const s = pairingShare(
      new Set(['A', 'B', 'C', 'D', 'E']),
      [
        { leadCode: 'A', memberCode: 'B', type: '融合型' },
        { leadCode: 'A', memberCode: 'C', type: '协作型' },
        { leadCode: 'D', memberCode: 'E', type: '共建型' },
      ],
      target,
    );
    expect(s).toEqual({
      schools: 5,
      inPairings: 5,
      inClose: 4,
      shareAny: 1,
      shareClose: 0.8,
      pairings: 3,
      closePairings: 2,
      closePairingShare: 2 / 3,
      meetsTarget: true, // 4·10 = 40 ≥ 5·5 = 25
      schoolsShort: 0,
    });
  });

  it('meets the target exactly at 50 % and not one school below', () => {
    // 4 schools, 2 in a close pairing: 2·10 = 20 ≥ 5·4 = 20 → met.
    const at = pairingShare(new Set(['A', 'B', 'C', 'D']), [{ leadCode: 'A', memberCode: 'B', type: '共建型' }], target);
    expect([at.shareClose, at.meetsTarget, at.schoolsShort]).toEqual([0.5, true, 0]);
    // 5 schools, 2 close: 20 < 25 → not met; ⌈5·5/10⌉ = ⌈2.5⌉ = 3 needed → 1 short.
    const below = pairingShare(new Set(['A', 'B', 'C', 'D', 'E']), [{ leadCode: 'A', memberCode: 'B', type: '融合型' }], target);
    expect([below.shareClose, below.meetsTarget, below.schoolsShort]).toEqual([0.4, false, 1]);
  });

  it('leaves out closed schools and answers an empty district', () => {
    // X is not open (closed or unknown): only A counts of the pair.
    const s = pairingShare(new Set(['A', 'B', 'C']), [{ leadCode: 'A', memberCode: 'X', type: '融合型' }], target);
    expect([s.inPairings, s.inClose, s.schools, s.meetsTarget, s.schoolsShort]).toEqual([1, 1, 3, false, 1]);
    const empty = pairingShare(new Set(), [], target);
    expect(empty).toEqual({ schools: 0, inPairings: 0, inClose: 0, shareAny: null, shareClose: null, pairings: 0, closePairings: 0, closePairingShare: null, meetsTarget: null, schoolsShort: 0 });
  });
});

describe('decimalFraction', () => {
  it('reads decimal text as a fraction', () => {
    expect(decimalFraction('0.5')).toEqual({ num: 5, den: 10 });
    expect(decimalFraction('1')).toEqual({ num: 1, den: 1 });
    expect(decimalFraction('0.333')).toEqual({ num: 333, den: 1000 });
    expect(() => decimalFraction('½')).toThrow();
  });
});

describe('the target', () => {
  it('is Dinghai’s: 融合型 and 共建型 count, at least 50 %, with its source', () => {
    const t = pairingTarget();
    expect(t.share).toBe('0.5');
    expect(t.closeTypes).toEqual(['融合型', '共建型']);
    expect(t.source).toContain('到2025年区域内融合型、共建型教共体比例不低于50%');
  });
});

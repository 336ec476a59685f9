// Pairing (结对, junheng-pairing-v1) through the API on the test district, with six primary schools whose balance
// compliance (national 2017 pack, 7 indicators) and places are set below and worked out by hand; no exams, so
// the exam and value-added components are missing (said as 'no-source'). Checks: the strength z-scores, the roles,
// the suggested pairs against the optimum worked by hand, the distance limit, confirmation and its refusals (bilingual),
// the share against the target, removal, and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, sampleRecord, schoolFixture, signIn, testApp } from '../helpers.js';
import { insertSchool, writeRecord } from '../../src/registry/store.js';
import type { Pairings, Suggestions } from '../../src/planning/pairing/contract.js';

// sampleRecord(): 134 pupils; against the 2017 primary standards it meets 6 of 7 (backbone 1 → 0.75 per 100 < 1):
//   degree 9 → 6.72 ≥ 4.2; pe/art 3 → 2.24 ≥ 0.9; teaching 900.5 / 134 = 6.72 ≥ 4.5; sports 1500 / 134 = 11.19 ≥ 7.5;
//   equipment 400000 / 134 = 2985 ≥ 2000; multimedia 5 → 3.73 ≥ 2.3.
const record = (values: Record<string, number>) => {
  const r = sampleRecord();
  return { ...r, values: { ...r.values, ...values } };
};
const ALL7 = { backboneCounty: 2 }; // 2 → 1.49 per 100 ≥ 1: 7 / 7
const SIX = {}; // 6 / 7
const FIVE = { sportsGroundAreaM2: 500 }; // sports 3.73 < 7.5 and backbone: 5 / 7
const FOUR = { equipmentValueYuan: 200000, multimediaClassrooms: 2 }; // equipment 1492.5 < 2000, multimedia 1.49 < 2.3, backbone: 4 / 7

// Places on the meridian 122° E: 0.01° of latitude = 1.112 km.
const P = [
  { code: '2133000011', name: '一号小学', location: '城区', lat: 30.0, values: ALL7 },
  { code: '2133000012', name: '二号小学', location: '城区', lat: 30.01, values: SIX },
  { code: '2133000013', name: '三号小学', location: '镇区', lat: 30.05, values: SIX },
  { code: '2133000014', name: '四号小学', location: '乡村', lat: 30.08, values: FOUR },
  { code: '2133000015', name: '五号小学', location: '乡村', lat: 30.09, values: FIVE },
  { code: '2133000016', name: '六号小学', location: '乡村', lat: 30.5, values: FOUR },
] as const;
const [P1, P2, P3, P4, P5, P6] = P.map((p) => p.code);
const CLOSED = '2133000019';

// Compliance in sevenths: 7, 6, 6, 4, 5, 4 → mean 32/6 = 5.3333; deviations 1.6667, 0.6667, 0.6667, −1.3333, −0.3333,
// −1.3333; Σ squares = 2.7778 + 0.4444 + 0.4444 + 1.7778 + 0.1111 + 1.7778 = 7.3333; σ = √(7.3333/6) = 1.10554 sevenths.
// z: P1 1.6667/1.10554 = 1.50756; P2, P3 0.60302; P4, P6 −1.20605; P5 −0.30151. Strength = z (the only component).
const Z = { [P1]: 1.50756, [P2]: 0.60302, [P3]: 0.60302, [P4]: -1.20605, [P5]: -0.30151, [P6]: -1.20605 };

describe('planning pairing API', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let viewer: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    for (const p of P) {
      await insertSchool(db, schoolFixture(p.code, p.name, '小学', { location: p.location, lat: p.lat, lng: 122 }));
      await writeRecord(db, DISTRICT, p.code, 2024, record(p.values), { status: 'approved' });
    }
    await insertSchool(db, schoolFixture(CLOSED, '已停办小学', '小学', { isOpen: false, lat: 30, lng: 122 }));
    admin = await signIn(t.app, 'admin');
    viewer = await signIn(t.app, 'viewer');
  }, 60_000);
  afterAll(async () => t?.close());

  const suggestions = async (q = '') => {
    const r = await admin.get(`/api/planning/pairing/suggestions?year=2024${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Suggestions>();
  };
  const pairings = async () => (await admin.get('/api/planning/pairing/pairings?year=2024')).json<Pairings>();

  it('computes each school’s strength and role, and says what is missing', async () => {
    const s = await suggestions();
    expect(s.method).toBe('junheng-pairing-v1');
    expect(s.params).toEqual({ maxKm: 15, maxPartners: 3, ruralBonus: 0.5 });
    expect(s.sources.balance.standard).toBe('national-2017-quality');
    expect(s.sources.exams).toEqual({ primary: null, junior: null });
    const row = (code: string) => s.schools.find((x) => x.code === code && x.group === 'primary')!;
    expect(row(P1).components.compliance.raw).toBeCloseTo(1, 12);
    expect(row(P5).components.compliance.raw).toBeCloseTo(5 / 7, 12);
    expect(row(P4).components.compliance.raw).toBeCloseTo(4 / 7, 12);
    for (const [code, z] of Object.entries(Z)) {
      expect(row(code).components.compliance.z, code).toBeCloseTo(z, 4);
      expect(row(code).strength, code).toBeCloseTo(z, 4);
      expect(row(code).components.exam).toEqual({ raw: null, z: null, missing: 'no-source' });
      expect(row(code).components.valueAdded.missing).toBe('no-source');
    }
    // n = 6: leads the first ⌈6/3⌉ = 2 places (P1; P2 and P3 tie for the second), members the last ⌊6/2⌋ = 3.
    expect([P1, P2, P3, P4, P5, P6].map((c) => row(c).role)).toEqual(['lead', 'lead', 'lead', 'member', 'member', 'member']);
    // The test district's own schools have no figures: no strength, said so; the closed school is not there.
    expect(row('2133000001')).toMatchObject({ strength: null, role: null, excluded: 'no-strength' });
    expect(row('2133000001').components.compliance.missing).toBe('no-data');
    expect(s.schools.find((x) => x.code === '2133000003')!.group).toBe('junior');
    expect(s.schools.some((x) => x.code === CLOSED)).toBe(false);
  });

  it('suggests the optimal pairs within the distance limit', async () => {
    const s = await suggestions();
    // Candidates within 15 km (P6 is 55.6 km away): P1–P4 8.9, P1–P5 10.0, P2–P4 7.8, P2–P5 8.9, P3–P4 3.3, P3–P5 4.4.
    expect(s.candidates).toBe(6);
    // All leads are 城区/镇区 and the members 乡村: +0.5 each. Complementarity: P1–P4 2.71361 + 0.5 = 3.21361,
    // P1–P5 1.80907 + 0.5 = 2.30907, P2–P4 / P3–P4 2.30907, P2–P5 / P3–P5 1.40453. Capacity 3: P1 takes both
    // (3.21361 + 2.30907 = 5.52268), better than any assignment using P2 or P3 (at most 3.21361 + 1.40453).
    expect(s.pairs.map((p) => `${p.leadCode}-${p.memberCode}`)).toEqual([`${P1}-${P4}`, `${P1}-${P5}`]);
    const [a, b] = s.pairs;
    expect(a.km).toBeCloseTo(8.8956, 3); // 0.08° × 111.19508 km
    expect(a.gap).toBeCloseTo(2.71361, 4);
    expect(a.bonus).toBe(0.5);
    expect(a.complementarity).toBeCloseTo(3.21361, 4);
    expect(b.complementarity).toBeCloseTo(2.30907, 4);
    expect(s.solver!.status).toBe('Optimal');
    expect(s.solver!.mipGap ?? 0).toBeLessThanOrEqual(1e-6);
    // One partner each: P1 takes one member, the other goes to P2 or P3 — both totals are 4.61814; the shorter
    // journeys break the tie: P1–P4 (8.9) + P3–P5 (4.4) = 13.3 km against P1–P5 (10.0) + P3–P4 (3.3) = 13.3 km — equal
    // too on a meridian, so only the totals are checked here.
    const one = await suggestions('&maxPartners=1');
    expect(one.pairs).toHaveLength(2);
    expect(one.pairs.reduce((x, p) => x + p.complementarity, 0)).toBeCloseTo(4.61814, 4);
    expect(new Set(one.pairs.map((p) => p.leadCode)).size).toBe(2);
    // 5 km: only P3 (3.3 and 4.4 km) is close enough; it takes both.
    const near = await suggestions('&maxKm=5');
    expect(near.pairs.map((p) => `${p.leadCode}-${p.memberCode}`).sort()).toEqual([`${P3}-${P4}`, `${P3}-${P5}`]);
    for (const p of near.pairs) expect(p.km).toBeLessThanOrEqual(5);
    // No bonus: the complementarity is the gap.
    const noBonus = await suggestions('&ruralBonus=0');
    expect(noBonus.pairs.every((p) => p.bonus === 0 && p.complementarity === p.gap)).toBe(true);
  });

  it('refuses bad parameters', async () => {
    expect((await admin.get('/api/planning/pairing/suggestions?maxKm=0')).statusCode).toBe(400);
    expect((await admin.get('/api/planning/pairing/suggestions?maxPartners=0')).statusCode).toBe(400);
    expect((await admin.get('/api/planning/pairing/suggestions?ruralBonus=-1')).statusCode).toBe(400);
  });

  it('answers a year without figures: no strength, said why, nothing suggested', async () => {
    const r = await admin.get('/api/planning/pairing/suggestions?year=2019');
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json<Suggestions>();
    expect(s.schools.every((x) => x.strength === null && x.excluded === 'no-strength' && x.components.compliance.missing === 'no-source')).toBe(true);
    expect([s.pairs, s.candidates, s.solver]).toEqual([[], 0, null]);
    const p = (await admin.get('/api/planning/pairing/pairings?year=2019')).json<Pairings>();
    expect(p.pairings).toEqual([]);
    expect(p.share).toMatchObject({ schools: 9, inClose: 0, shareClose: 0, meetsTarget: false, schoolsShort: 5 });
  });

  let firstId = 0;
  it('confirms a pairing and refuses what breaks the rules, in both languages', async () => {
    const ok = await admin.post('/api/planning/pairing/pairings', { year: 2024, leadCode: P1, memberCode: P4, type: '融合型', note: '城乡教共体' });
    expect(ok.statusCode, ok.body).toBe(200);
    const p = ok.json<{ id: number; leadName: string; memberName: string; close: boolean; km: number }>();
    firstId = p.id;
    expect(p).toMatchObject({ leadName: '一号小学', memberName: '四号小学', close: true });
    expect(p.km).toBeCloseTo(8.8956, 3);

    const refuse = async (body: object, status: number, zh: string, en: string) => {
      const r = await admin.post('/api/planning/pairing/pairings', { year: 2024, type: '共建型', ...body });
      expect(r.statusCode, r.body).toBe(status);
      const msg = r.json<{ error: { message: string } }>().error.message;
      expect(msg).toContain(zh);
      expect(msg).toContain(en);
    };
    await refuse({ leadCode: P2, memberCode: P4 }, 409, '已与 一号小学 结对', 'already paired with 一号小学');
    await refuse({ leadCode: '9999999999', memberCode: P5 }, 400, '不在本区县学校名录中', 'not a school of the district');
    await refuse({ leadCode: P2, memberCode: '9999999998' }, 400, '成员学校代码 9999999998', 'member school 9999999998');
    await refuse({ leadCode: P2, memberCode: CLOSED }, 400, '已停办', 'is closed');
    await refuse({ leadCode: P2, memberCode: P2 }, 400, '不能是同一所学校', 'two different schools');
    await refuse({ leadCode: P4, memberCode: P5 }, 409, '不能同时牵头', 'cannot lead one as well');
    await refuse({ leadCode: P2, memberCode: P1 }, 409, '不能同时作为成员学校', 'cannot be a member as well');
    expect((await admin.post('/api/planning/pairing/pairings', { year: 2024, leadCode: P2, memberCode: P5, type: '松散型' })).statusCode).toBe(400);
    // Another year is another year.
    expect((await admin.post('/api/planning/pairing/pairings', { year: 2023, leadCode: P2, memberCode: P4, type: '协作型' })).statusCode).toBe(200);
  });

  it('leaves a confirmed member out of the suggestions and keeps the lead’s remaining places', async () => {
    const s = await suggestions('&maxPartners=2');
    expect(s.schools.find((x) => x.code === P4)!.excluded).toBe('confirmed-member');
    // P1 has 1 place left: P5 goes to it (gap 1.80907 + 0.5); nobody is suggested for P4 again.
    expect(s.pairs.map((p) => `${p.leadCode}-${p.memberCode}`)).toEqual([`${P1}-${P5}`]);
    const full = await suggestions('&maxPartners=1');
    expect(full.schools.find((x) => x.code === P1)!.excluded).toBe('confirmed-lead-full');
    expect(full.pairs.some((p) => p.leadCode === P1)).toBe(false);
  });

  it('answers the share of schools in close pairings against the target', async () => {
    expect((await admin.post('/api/planning/pairing/pairings', { year: 2024, leadCode: P3, memberCode: P5, type: '协作型', note: null })).statusCode).toBe(200);
    const r = await pairings();
    expect(r.pairings.map((p) => [p.leadCode, p.memberCode, p.type, p.close])).toEqual([
      [P1, P4, '融合型', true],
      [P3, P5, '协作型', false],
    ]);
    expect(r.years).toEqual([2024, 2023]);
    // Open schools: the test district's 3 and P1–P6 = 9 (the closed one does not count). In pairings P1 P4 P3 P5 = 4;
    // in close ones P1 P4 = 2: 2/9 = 22.2 %; target 50 %: 2·10 = 20 < 5·9 = 45 → not met; ⌈45/10⌉ = 5 → 3 short.
    expect(r.share).toEqual({
      schools: 9,
      inPairings: 4,
      inClose: 2,
      shareAny: 4 / 9,
      shareClose: 2 / 9,
      pairings: 2,
      closePairings: 1,
      closePairingShare: 0.5,
      meetsTarget: false,
      schoolsShort: 3,
    });
    expect(r.target).toMatchObject({ share: 0.5, closeTypes: ['融合型', '共建型'], byYear: 2025 });
    // A viewer reads the same (school aggregates), but may not confirm.
    const v = await viewer.get('/api/planning/pairing/pairings?year=2024');
    expect(v.statusCode).toBe(200);
    expect(v.json<Pairings>().share.inClose).toBe(2);
    expect((await viewer.post('/api/planning/pairing/pairings', { year: 2024, leadCode: P2, memberCode: P6, type: '共建型' })).statusCode).toBe(403);
  });

  it('removes a pairing and records every change in the audit log', async () => {
    expect((await admin.raw('DELETE', `/api/planning/pairing/pairings/${firstId}`)).statusCode).toBe(200);
    const again = await admin.raw('DELETE', `/api/planning/pairing/pairings/${firstId}`);
    expect(again.statusCode).toBe(404);
    expect(again.json<{ error: { message: string } }>().error.message).toContain(`no pairing ${firstId}`);
    expect((await pairings()).pairings.map((p) => p.memberCode)).toEqual([P5]);
    const log = await admin.get('/api/audit?entity=planning-pairing&pageSize=50');
    expect(log.statusCode).toBe(200);
    const rows = log.json<{ rows: { action: string; entityKey: string; username: string; newValue: unknown; oldValue: unknown; entityName: string | null }[] }>().rows;
    const key = `2024:${P1}:${P4}`;
    expect(
      rows
        .filter((r) => r.entityKey === key)
        .map((r) => r.action)
        .sort(),
    ).toEqual(['create', 'delete']);
    expect(rows.find((r) => r.entityKey === key && r.action === 'create')!.newValue).toEqual({ year: 2024, leadCode: P1, memberCode: P4, type: '融合型', note: '城乡教共体' });
    expect(rows.find((r) => r.entityKey === key && r.action === 'delete')!.oldValue).toMatchObject({ type: '融合型' });
    expect(rows.find((r) => r.entityKey === key)!.entityName).toBe('一号小学 — 四号小学（2024学年）');
    // Three confirmations (2024 ×2, 2023 ×1) and one removal; refusals leave nothing.
    expect(rows).toHaveLength(4);
  });
});

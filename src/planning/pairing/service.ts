// Planning: pairing (结对帮扶, 教共体 / 集团化), method junheng-pairing-v1 (docs/methods/planning-pairing.md).
// The strength of every open school comes from what Junheng already holds, read through the other capabilities'
// services (PlanningDeps): balance compliance (the share of the national 2017 indicators the school meets),
// exam achievement (its mean 总分 in the latest exam of its level in the year) and value-added (its effect in the
// latest exam pair of its level up to the year). strength.ts turns them into z-scores within the level group and
// the composite; suggest.ts and assignment.ts choose the pairs. Confirming and removing a pairing is audited in the
// same transaction as the change.
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import { recordAudit } from '../../core/audit/store.js';
import { registerAuditFields } from '../../core/audit/labels.js';
import { registerAuditNamer } from '../../core/audit/service.js';
import { AppError, badRequest, conflict, databaseErrorCode, notFound } from '../../core/http/errors.js';
import { schoolNames, schoolSites } from '../../registry/lookup.js';
import type { Location, SchoolLevel } from '../../registry/model.js';
import { DEFAULT_STANDARD } from '../../balance/pack-schema.js';
import { privacySettings } from '../../exams/privacy.js';
import { schoolYearOf, TOTAL } from '../../growth/service.js';
import type { PlanningDeps } from '../deps.js';
import {
  PAIRING_GROUPS,
  PAIRING_METHOD,
  type ConfirmInput,
  type MissingReason,
  type Pairing,
  type PairingGroup,
  type Pairings,
  type PairingType,
  type StrengthRow,
  type Suggestions,
} from './contract.js';
import { GROUPS_OF_LEVEL, groupOfBalanceLevel, groupOfGrade, schoolCodeOfSection } from './groups.js';
import { haversineKm } from '../geo.js';
import { pairingTarget, strengthWeights } from './method.js';
import { pairingShare } from './share.js';
import { strengths, type RawComponent, type StrengthInput } from './strength.js';
import { suggestPairs, unitKey, type SuggestParams } from './suggest.js';
import * as store from './store.js';

/** The caller: exams and growth answer as this user may see them (small groups withheld alike for everyone, see below). */
type User = Actor;

const ENTITY = 'planning-pairing';
const auditKey = (year: number, lead: string, member: string) => `${year}:${lead}:${member}`;

registerAuditFields((entity, field) => {
  if (entity !== ENTITY) return null;
  const words: Record<string, { zh: string; en: string }> = {
    leadCode: { zh: '牵头学校', en: 'lead school' },
    memberCode: { zh: '成员学校', en: 'member school' },
    type: { zh: '结对类型', en: 'type' },
    note: { zh: '备注', en: 'note' },
  };
  return words[field] ?? null;
});
registerAuditNamer(async (db, districtId, entity, keys) => {
  if (entity !== ENTITY) return new Map();
  const names = await schoolNames(db, districtId);
  return new Map(
    keys.flatMap((k): [string, string][] => {
      const [year, lead, member] = k.split(':');
      if (!member) return [];
      return [[k, `${names.get(lead) ?? lead} — ${names.get(member) ?? member}（${year}学年）`]];
    }),
  );
});

interface Site {
  code: string;
  name: string;
  level: SchoolLevel;
  location: Location;
  isOpen: boolean;
  lat: number | null;
  lng: number | null;
}

type RawByUnit = Map<string, RawComponent>;
const missing = (reason: MissingReason): RawComponent => ({ value: null, missing: reason });

export class PairingService {
  constructor(
    readonly db: Db,
    readonly deps: PlanningDeps,
  ) {}

  private yearOf(districtId: string, year: number | undefined): Promise<number> {
    return year === undefined ? this.deps.registry.currentYear(districtId) : Promise.resolve(year);
  }

  private async sites(districtId: string): Promise<Map<string, Site>> {
    return new Map((await schoolSites(this.db, districtId)).map((s) => [s.code, s as Site]));
  }

  // ───────────────────────────── strength components ─────────────────────────────

  /** Balance compliance: met / judged national (2017) indicators of each school section, per `${code}|${group}`. */
  private async compliance(districtId: string, year: number) {
    const ev = await this.deps.balance.evaluate(districtId, year, DEFAULT_STANDARD);
    const out: RawByUnit = new Map();
    const sourced = new Set<PairingGroup>();
    for (const lv of ['小学', '初中'] as const) {
      const lr = ev.levels[lv];
      if (!lr) continue;
      const group = groupOfBalanceLevel(lv);
      if (lr.schools.length) sourced.add(group);
      const withStandard = ev.pack.indicators.filter((i) => i.threshold?.[lv] !== undefined);
      for (const s of lr.schools) {
        const key = unitKey(schoolCodeOfSection(s.schoolCode), group);
        if (s.met === null || withStandard.length === 0) {
          out.set(key, missing('no-standard'));
          continue;
        }
        // Judged: the indicators with a standard for the level that the school reports (a value); met / judged.
        const judged = withStandard.filter((i) => s.values[i.key] !== null && s.values[i.key] !== undefined).length;
        out.set(key, judged > 0 ? { value: s.met / judged, missing: null } : missing('no-data'));
      }
    }
    return { out, sourced, standard: { standard: ev.standard, version: ev.version } };
  }

  /** Exam achievement: each school's mean 总分 in the latest ready exam of each group held in the school year. */
  private async examMeans(user: User, year: number) {
    const min = privacySettings().minCellSize;
    const exams = (await this.deps.exams.list(user)).filter((e) => e.status === 'ready' && schoolYearOf(e.date) === year);
    const out: RawByUnit = new Map();
    const refs: Suggestions['sources']['exams'] = { primary: null, junior: null };
    for (const group of PAIRING_GROUPS) {
      const [latest] = exams.filter((e) => groupOfGrade(e.grade) === group).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.id - a.id);
      if (!latest) continue;
      refs[group] = { id: latest.id, name: latest.name, date: latest.date, grade: latest.grade };
      const { report } = await this.deps.exams.report(user, latest.id);
      for (const s of report.schools) {
        const st = s.stats[TOTAL];
        const key = unitKey(s.school, group);
        if (!st || st.n === 0) out.set(key, missing('no-data'));
        else if (st.n < min) out.set(key, missing('too-few'));
        else out.set(key, st.mean === null ? missing('no-data') : { value: st.mean, missing: null });
      }
    }
    return { out, refs, min };
  }

  /** Value-added: each school's effect (总分) in the latest exam pair of each group whose exit exam is in or before the year. */
  private async valueAdded(user: User, year: number) {
    const { exams, pairs } = await this.deps.growth.exams(user.districtId);
    const byId = new Map(exams.map((e) => [e.id, e]));
    const out: RawByUnit = new Map();
    const refs: Suggestions['sources']['valueAdded'] = { primary: null, junior: null };
    for (const group of PAIRING_GROUPS) {
      // Pairs come latest first (by the exit exam's date).
      const pair = pairs.find((p) => {
        const to = byId.get(p.to);
        return to !== undefined && groupOfGrade(to.grade) === group && to.schoolYear !== null && to.schoolYear <= year;
      });
      if (!pair) continue;
      const [from, to] = [byId.get(pair.from)!, byId.get(pair.to)!];
      const ref = { fromId: from.id, fromName: from.name, toId: to.id, toName: to.name, minN: null as number | null, error: null as string | null };
      refs[group] = ref;
      try {
        const va = await this.deps.growth.valueAdded(user, { from: from.id, to: to.id, subject: TOTAL });
        ref.minN = va.minN;
        for (const s of va.schools) {
          const key = unitKey(s.school, group);
          if (s.suppressed) out.set(key, missing('too-few'));
          else out.set(key, s.effect === null ? missing('no-data') : { value: s.effect, missing: null });
        }
      } catch (e) {
        // The pair's model cannot be fitted (too few linked pupils …): the component is missing for the group, and why.
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        ref.error = e.message;
      }
    }
    return { out, refs };
  }

  // ───────────────────────────── suggestions ─────────────────────────────

  async suggestions(user: User, q: { year?: number } & SuggestParams): Promise<Suggestions> {
    const year = await this.yearOf(user.districtId, q.year);
    const params: SuggestParams = { maxKm: q.maxKm, maxPartners: q.maxPartners, ruralBonus: q.ruralBonus };
    const sites = [...(await this.sites(user.districtId)).values()].filter((s) => s.isOpen);
    const [bal, exam, va, confirmed] = await Promise.all([
      this.compliance(user.districtId, year),
      this.examMeans(user, year),
      this.valueAdded(user, year),
      store.pairingsOfYear(this.db, user.districtId, year),
    ]);
    const weights = strengthWeights();
    const inputs: StrengthInput[] = sites.flatMap((s) =>
      GROUPS_OF_LEVEL[s.level].map((group) => {
        const key = unitKey(s.code, group);
        const pick = (m: RawByUnit, sourced: boolean): RawComponent => m.get(key) ?? missing(sourced ? 'no-data' : 'no-source');
        return {
          code: s.code,
          group,
          raw: {
            compliance: pick(bal.out, bal.sourced.has(group)),
            exam: pick(exam.out, exam.refs[group] !== null),
            valueAdded: pick(va.out, va.refs[group] !== null && va.refs[group].error === null),
          },
        };
      }),
    );
    const scored = strengths(inputs, weights.weights);
    const siteOf = new Map(sites.map((s) => [s.code, s]));
    const units = scored.map((r) => {
      const s = siteOf.get(r.code)!;
      return { code: r.code, name: s.name, group: r.group, location: s.location, lat: s.lat, lng: s.lng, strength: r.strength };
    });
    const result = await suggestPairs(units, confirmed, params);
    const schools: StrengthRow[] = scored.map((r) => {
      const s = siteOf.get(r.code)!;
      const key = unitKey(r.code, r.group);
      return {
        code: r.code,
        name: s.name,
        level: s.level,
        location: s.location,
        lat: s.lat,
        lng: s.lng,
        group: r.group,
        components: r.components,
        strength: r.strength,
        role: result.roles.get(key) ?? null,
        excluded: result.excluded.get(key) ?? null,
      };
    });
    const name = (code: string) => siteOf.get(code)?.name ?? code;
    const pairs = result.chosen
      .map((p) => ({ ...p, leadName: name(p.leadCode), memberName: name(p.memberCode) }))
      .sort((a, b) => a.group.localeCompare(b.group) || b.leadStrength - a.leadStrength || a.leadCode.localeCompare(b.leadCode) || b.complementarity - a.complementarity);
    const sol = result.solution;
    return {
      method: PAIRING_METHOD,
      year,
      params,
      weights: { version: weights.version, ...weights.weights },
      sources: { balance: bal.standard, exams: exam.refs, valueAdded: va.refs, minExamPupils: exam.min },
      schools,
      pairs,
      candidates: result.pairs.length,
      solver: sol && { status: sol.status, objective: sol.objective, mipGap: sol.mipGap, seconds: sol.seconds, variables: sol.variables },
    };
  }

  // ───────────────────────────── confirmed pairings ─────────────────────────────

  private toPairing(r: store.PairingRow, sites: Map<string, Site>): Pairing {
    const [l, m] = [sites.get(r.leadCode), sites.get(r.memberCode)];
    const type = r.type as PairingType;
    return {
      id: r.id,
      year: r.year,
      leadCode: r.leadCode,
      leadName: l?.name ?? r.leadCode,
      memberCode: r.memberCode,
      memberName: m?.name ?? r.memberCode,
      type,
      close: pairingTarget().closeTypes.includes(type),
      note: r.note,
      km: l && m && l.lat !== null && l.lng !== null && m.lat !== null && m.lng !== null ? haversineKm({ lat: l.lat, lng: l.lng }, { lat: m.lat, lng: m.lng }) : null,
      confirmedBy: r.confirmedBy,
      confirmedAt: r.confirmedAt,
    };
  }

  async pairings(user: User, year?: number): Promise<Pairings> {
    const y = await this.yearOf(user.districtId, year);
    const [rows, years, sites] = await Promise.all([store.pairingsOfYear(this.db, user.districtId, y), store.pairingYears(this.db, user.districtId), this.sites(user.districtId)]);
    const target = pairingTarget();
    const pairings = rows.map((r) => this.toPairing(r, sites));
    const open = new Set([...sites.values()].filter((s) => s.isOpen).map((s) => s.code));
    return {
      year: y,
      years,
      pairings,
      share: pairingShare(open, pairings, target),
      target: { ...target, share: Number(target.share) },
    };
  }

  async confirm(user: User, input: ConfirmInput): Promise<Pairing> {
    const sites = await this.sites(user.districtId);
    const school = (code: string, role: string, roleEn: string) => {
      const s = sites.get(code);
      if (!s) throw badRequest(`${role}代码 ${code} 不在本区县学校名录中 / ${roleEn} ${code} is not a school of the district's registry`);
      if (!s.isOpen) throw badRequest(`${role} ${s.name}（${code}）已停办 / ${roleEn} ${s.name} (${code}) is closed`);
      return s;
    };
    const lead = school(input.leadCode, '牵头学校', 'lead school');
    const member = school(input.memberCode, '成员学校', 'member school');
    if (lead.code === member.code) throw badRequest(`牵头学校与成员学校不能是同一所学校（${lead.name}）/ the lead and the member must be two different schools`);
    const note = input.note?.trim() || null;
    const nameOf = (code: string) => sites.get(code)?.name ?? code;
    try {
      const row = await this.db.transaction(async (tx) => {
        const existing = await store.pairingsOfYear(tx, user.districtId, input.year);
        const asMember = existing.find((p) => p.memberCode === member.code);
        if (asMember)
          throw conflict(
            `${member.name} 在 ${input.year} 学年已与 ${nameOf(asMember.leadCode)} 结对（${asMember.type}），每所学校每学年只能作为一个结对的成员 / ${member.name} is already paired with ${nameOf(asMember.leadCode)} in ${input.year} (${asMember.type}); a school is the member of one pairing a year`,
          );
        const leadIsMember = existing.find((p) => p.memberCode === lead.code);
        if (leadIsMember)
          throw conflict(
            `${lead.name} 在 ${input.year} 学年是 ${nameOf(leadIsMember.leadCode)} 的成员学校，不能同时牵头结对 / ${lead.name} is a member of ${nameOf(leadIsMember.leadCode)}'s pairing in ${input.year} and cannot lead one as well`,
          );
        const memberLeads = existing.find((p) => p.leadCode === member.code);
        if (memberLeads)
          throw conflict(
            `${member.name} 在 ${input.year} 学年牵头与 ${nameOf(memberLeads.memberCode)} 的结对，不能同时作为成员学校 / ${member.name} leads a pairing with ${nameOf(memberLeads.memberCode)} in ${input.year} and cannot be a member as well`,
          );
        const r = await store.insertPairing(tx, {
          districtId: user.districtId,
          year: input.year,
          leadCode: lead.code,
          memberCode: member.code,
          type: input.type,
          note,
          confirmedBy: user.username,
        });
        await recordAudit(tx, user.districtId, [
          {
            username: user.username,
            action: 'create',
            entity: ENTITY,
            entityKey: auditKey(input.year, lead.code, member.code),
            newValue: { year: input.year, leadCode: lead.code, memberCode: member.code, type: input.type, note },
          },
        ]);
        return r;
      });
      return this.toPairing(row, sites);
    } catch (e) {
      // Two confirmations of one member at the same moment: the unique index keeps one, the other is told so.
      if (databaseErrorCode(e) === '23505') throw conflict(`${member.name} 在 ${input.year} 学年已有结对 / ${member.name} is already paired in ${input.year}`);
      throw e;
    }
  }

  async remove(user: User, id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const r = await store.getPairing(tx, user.districtId, id);
      if (!r) throw notFound(`没有编号为 ${id} 的结对 / no pairing ${id}`);
      await store.deletePairing(tx, user.districtId, id);
      await recordAudit(tx, user.districtId, [
        {
          username: user.username,
          action: 'delete',
          entity: ENTITY,
          entityKey: auditKey(r.year, r.leadCode, r.memberCode),
          oldValue: { year: r.year, leadCode: r.leadCode, memberCode: r.memberCode, type: r.type, note: r.note },
        },
      ]);
    });
  }
}

// Teachers: moves — the exchange history (交流轮岗 / 支教 / 调动) and what follows from it. The personnel staff record a
// move by hand (hand-entry.ts checks it against the roster and the registry) or delete one so entered; a locked
// exchange plan built from the roster records its moves (recordPlanMoves, in the plan's lock transaction). The list
// names teachers (a clerk sees the moves from or to the own school); the yearly rules (rules.ts) are aggregates by
// school. The exchange optimiser reads its teachers from the roster through exchangeCandidates (candidates.ts).
// Every write is one transaction with its audit row; reads of named rows are audited by the routes.
// 民办 schools are outside the county's rotation: neither candidates nor counted in the yearly rules.
import type { Db } from '../../core/db/index.js';
import type { Actor } from '../../core/http/routes.js';
import { AppError, conflict, notFound } from '../../core/http/errors.js';
import { registerAuditFields } from '../../core/audit/labels.js';
import type { ExchangeTeacher } from '../../planning/exchange/model.js';
import type { School } from '../../registry/model.js';
import type { TeachersDeps } from '../deps.js';
import { MOVE_KIND_EN, schoolYearOf, type MoveKind, type TeacherMove } from '../model.js';
import { TEACHER_TARGETS } from '../targets.js';
import { personOf, rosterEntriesOfYear, rosterEntry, rosterOfYear } from '../roster/store.js';
import type { ExchangeRulesWire, MoveTeacherOption, NewMoveBody, TeacherMoveRow } from './contract.js';
import { exchangeCandidatesOf } from './candidates.js';
import { handMoveProblems, type HandMove } from './hand-entry.js';
import { yearlyExchangeRules, type ExchangeRuleRow } from './rules.js';
import * as store from './store.js';

type User = Pick<Actor, 'districtId' | 'username' | 'schools'>;

/** Audit entity of a recorded move (by hand: key teacher-move:ID; a locked plan's: key exchange-plan:ID). */
export const MOVE_ENTITY = 'teacher-move';
const moveKey = (id: number) => `teacher-move:${id}`;

const AUDIT_FIELDS: Record<string, { zh: string; en: string; value?: (v: unknown, lang: 'zh' | 'en') => string | null }> = {
  teacherId: { zh: '教师编号', en: 'teacher id' },
  fromSchool: { zh: '调出学校', en: 'from school' },
  toSchool: { zh: '调入学校', en: 'to school' },
  kind: { zh: '类型', en: 'kind', value: (v, lang) => (typeof v === 'string' && lang === 'en' && v in MOVE_KIND_EN ? MOVE_KIND_EN[v as MoveKind] : typeof v === 'string' ? v : null) },
  startDate: { zh: '开始日期', en: 'start date' },
  endDate: { zh: '结束日期', en: 'end date' },
  note: { zh: '备注', en: 'note' },
  planId: { zh: '交流方案', en: 'exchange plan' },
  moves: { zh: '记录条数', en: 'moves' },
};
registerAuditFields((entity, field) => (entity === MOVE_ENTITY ? (AUDIT_FIELDS[field] ?? null) : null));

const isPublic = (s: School) => s.ownership === '公办';

export class MovesService {
  constructor(
    readonly db: Db,
    readonly deps: TeachersDeps,
  ) {}

  /** The moves matching the filters, with the teachers' and schools' names; a clerk's are those from or to the own school. */
  async list(user: User, q: { year?: number; school?: string; kind?: MoveKind; teacher?: string }): Promise<{ moves: TeacherMoveRow[] }> {
    const moves = await store.listMoves(this.db, user.districtId, { ...q, schools: user.schools === 'all' || q.school ? undefined : user.schools });
    const names = await this.schoolNames(user.districtId);
    return { moves: moves.map((m) => this.row(m, names)) };
  }

  /** Records a move by hand after every check (each problem named by its field; nothing stored on any). */
  async create(user: User, body: NewMoveBody): Promise<TeacherMoveRow> {
    const m: HandMove = { ...body, endDate: body.endDate ?? null, note: body.note || null };
    const schools = await this.schoolNames(user.districtId);
    const person = await personOf(this.db, user.districtId, m.teacherId);
    const y = /^\d{4}-\d{2}-\d{2}$/.test(m.startDate) ? schoolYearOf(m.startDate) : null;
    const rosterSchools =
      person && y !== null
        ? (await Promise.all([y - 1, y].map((year) => rosterEntry(this.db, user.districtId, year, m.teacherId)))).flatMap((e) => (e ? [{ year: e.year, schoolCode: e.schoolCode }] : []))
        : [];
    const problems = handMoveProblems(m, { teacherName: person?.name ?? null, rosterSchools, schools });
    if (problems.length)
      throw new AppError(422, 'invalid_move', `调动记录有误，未保存 / the move was not recorded: ${problems.map((p) => p.reason).join('; ')}`, {
        problems: problems.map((p) => ({ field: `body.${p.field}`, reason: p.reason })),
      });
    const { note, ...rest } = m;
    const [saved] = await store.insertMoves(this.db, user.districtId, [{ ...rest, note }], user.username, null, ([r]) => [
      {
        username: user.username,
        action: 'create',
        entity: MOVE_ENTITY,
        entityKey: moveKey(r.id),
        detail: `${m.kind} ${m.startDate}`,
        newValue: { teacherId: m.teacherId, fromSchool: m.fromSchool, toSchool: m.toSchool, kind: m.kind, startDate: m.startDate, endDate: m.endDate, note: m.note },
      },
    ]);
    return this.row({ ...saved, teacherName: person!.name, createdBy: user.username, createdAt: new Date().toISOString() }, schools);
  }

  /** Deletes a move entered by hand; a locked plan's moves stay (409). */
  async remove(user: User, id: number): Promise<{ ok: true }> {
    const m = await store.getMove(this.db, user.districtId, id);
    if (!m) throw notFound(`调动记录 ${id} 不存在 / no move ${id}`);
    if (m.planId !== null) throw conflict(`该记录由已锁定的交流方案 ${m.planId} 写入，不能删除 / this move was recorded by the locked exchange plan ${m.planId} and cannot be deleted`);
    const gone = await store.deleteHandMove(this.db, user.districtId, id, [
      {
        username: user.username,
        action: 'delete',
        entity: MOVE_ENTITY,
        entityKey: moveKey(id),
        detail: `${m.kind} ${m.startDate}`,
        oldValue: { teacherId: m.teacherId, fromSchool: m.fromSchool, toSchool: m.toSchool, kind: m.kind, startDate: m.startDate, endDate: m.endDate, note: m.note },
      },
    ]);
    if (!gone) throw notFound(`调动记录 ${id} 不存在 / no move ${id}`);
    return { ok: true };
  }

  /** One school's teachers in the rosters of Y − 1 and Y (a move of school year Y leaves from one of them), by name. */
  async teacherOptions(user: User, school: string, year: number): Promise<{ teachers: MoveTeacherOption[] }> {
    const rows = [...(await rosterEntriesOfYear(this.db, user.districtId, year, [school])), ...(await rosterEntriesOfYear(this.db, user.districtId, year - 1, [school]))];
    const seen = new Set<string>();
    const out: MoveTeacherOption[] = [];
    for (const r of rows) {
      if (seen.has(r.teacherId)) continue;
      seen.add(r.teacherId);
      out.push({ teacherId: r.teacherId, name: r.name, subject: r.subjects[0] ?? '', year: r.year });
    }
    return { teachers: out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.teacherId < b.teacherId ? -1 : 1)) };
  }

  /** The yearly exchange rules of school year `year` from the roster of year − 1 and the moves (public schools). */
  async rules(user: User, year: number): Promise<ExchangeRulesWire> {
    const schools = (await this.deps.registry.districtSchools(user.districtId)).filter(isPublic);
    const codes = new Set(schools.map((s) => s.code));
    const roster = (await rosterOfYear(this.db, user.districtId, year - 1)).filter((t) => codes.has(t.schoolCode));
    const moves = (await store.movesOfSchoolYear(this.db, user.districtId, year)).filter((m) => codes.has(m.fromSchool));
    const r = yearlyExchangeRules(
      year,
      roster,
      moves,
      schools.filter((s) => s.isOpen).map((s) => s.code),
      TEACHER_TARGETS,
    );
    const names = new Map(schools.map((s) => [s.code, s.name]));
    const named = (x: ExchangeRuleRow) => ({ ...x, schoolName: x.schoolCode === null ? '全县（区） / district' : (names.get(x.schoolCode) ?? x.schoolCode) });
    const t = TEACHER_TARGETS;
    return {
      targets: { id: t.id, ...t.exchange, source: t.sources.exchange ?? '' },
      year: r.year,
      rosterYear: r.rosterYear,
      rosterMissing: r.rosterMissing,
      schools: r.schools.filter((x) => user.schools === 'all' || user.schools.includes(x.schoolCode!)).map(named),
      district: named(r.district),
    };
  }

  /**
   * The exchange optimiser's teachers from the roster of `year`: the 专任 of the public, open schools with their main
   * subject, 骨干 (县/市/省), years at the school and age in that year.
   */
  async exchangeCandidates(districtId: string, year: number): Promise<ExchangeTeacher[]> {
    const open = new Set((await this.deps.registry.districtSchools(districtId)).filter((s) => s.isOpen && isPublic(s)).map((s) => s.code));
    return exchangeCandidatesOf(await rosterOfYear(this.db, districtId, year), open, year, TEACHER_TARGETS);
  }

  /**
   * Records a locked plan's moves (交流轮岗 from 1 September of the year after the plan's students' year, open-ended)
   * inside the caller's transaction `tx` (the plan's lock), with one audit row; refuses (409, rolling the lock back)
   * when a mover is no longer on the roster of the plan's year at the school the plan moves them from (left, moved,
   * or deleted since the plan was made), naming them. Returns the number recorded.
   */
  async recordPlanMoves(tx: Db, districtId: string, planId: number, year: number, moves: readonly { teacherId: string; from: string; to: string }[], by: string): Promise<number> {
    if (moves.length === 0) return 0;
    const stale = await this.notOnRoster(tx, districtId, year, moves);
    if (stale.length) {
      const ids = stale.slice(0, 10);
      const more = stale.length > ids.length ? ` …（共 ${stale.length} 人 / ${stale.length} in all）` : '';
      throw new AppError(
        409,
        'conflict',
        `方案中的教师 ${ids.join('、')}${more} 已不在 ${year}–${year + 1} 学年调出学校的教师名册中，无法锁定方案、写入交流记录 / the plan’s teachers ${ids.join(', ')} are no longer on the ${year}–${year + 1} roster of the school they leave: the plan cannot be locked and nothing was recorded`,
        { teachers: stale },
      );
    }
    const startDate = `${year + 1}-09-01`;
    const rows = await store.insertMoves(
      tx,
      districtId,
      moves.map((m) => ({ teacherId: m.teacherId, fromSchool: m.from, toSchool: m.to, kind: '交流轮岗' as const, startDate, endDate: null, note: null })),
      by,
      planId,
      (saved) => [
        {
          username: by,
          action: 'create',
          entity: MOVE_ENTITY,
          entityKey: `exchange-plan:${planId}`,
          detail: `交流方案 ${planId} 锁定：写入 ${saved.length} 条交流轮岗记录（${startDate} 起） / exchange plan ${planId} locked: ${saved.length} rotations recorded from ${startDate}`,
          rowCount: saved.length,
          newValue: { planId, moves: saved.length, kind: '交流轮岗', startDate },
        },
      ],
    );
    return rows.length;
  }

  // ---------------------------------------------------------------------------------------------

  /** The movers (ids, in the plan's order) without a row on the roster of `year` at their `from` school, read through `tx`. */
  private async notOnRoster(tx: Db, districtId: string, year: number, moves: readonly { teacherId: string; from: string }[]): Promise<string[]> {
    const entries = await rosterEntriesOfYear(tx, districtId, year, [...new Set(moves.map((m) => m.from))]);
    const at = new Set(entries.map((e) => `${e.teacherId}@${e.schoolCode}`));
    return [...new Set(moves.filter((m) => !at.has(`${m.teacherId}@${m.from}`)).map((m) => m.teacherId))];
  }

  private async schoolNames(districtId: string): Promise<Map<string, string>> {
    return new Map((await this.deps.registry.districtSchools(districtId)).map((s) => [s.code, s.name]));
  }

  private row(m: TeacherMove & { teacherName: string | null; createdBy: string | null; createdAt: string }, names: ReadonlyMap<string, string>): TeacherMoveRow {
    return {
      id: m.id,
      teacherId: m.teacherId,
      teacherName: m.teacherName,
      fromSchool: m.fromSchool,
      fromName: names.get(m.fromSchool) ?? m.fromSchool,
      toSchool: m.toSchool,
      toName: names.get(m.toSchool) ?? m.toSchool,
      kind: m.kind,
      startDate: m.startDate,
      endDate: m.endDate,
      schoolYear: schoolYearOf(m.startDate),
      planId: m.planId,
      note: m.note,
      createdBy: m.createdBy,
      createdAt: m.createdAt,
    };
  }
}

// The HTTP contract of teachers: moves (交流轮岗 / 支教 / 调动, issue 13 item 4). The exchange history — moves entered
// by hand by the personnel staff ('teachers.manage') or written when a roster-built exchange plan is locked — is
// teachers' personal data: the list names teachers ('teachers.roster': the personnel staff, a clerk the moves from or
// to the own school; every read audited). The yearly rules computed from it (eligible from the roster of the year
// before, movers, the 10 % rate and the 20 % 骨干 share of movers, teacher-targets-v1) are aggregates by school:
// 'teachers.read' (a clerk the own school, an inspector the assigned ones, the district row for everyone).
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint, Ok, YearParam } from '../../core/http/contract.js';
import { MOVE_KINDS } from '../model.js';

const tags = ['teachers'];
const SchoolCode = z.string().trim().min(1).max(40);
const TeacherId = z.string().trim().min(1).max(64);
const MoveId = z.coerce.number().int().min(1).max(2_147_483_647);
/** YYYY-MM-DD (the calendar check, e.g. 02-30, is the service's: named with the field). */
const IsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 YYYY-MM-DD / dates are written YYYY-MM-DD');

/** How the rules' figures are written (core/format.ts formatNumber). */
export const MOVES_FIGURES = {
  count: { decimals: 0 },
  /** The rate and the 骨干 share: per cent with one decimal. */
  share: { decimals: 1, percent: true },
} as const;

export const TeacherMoveRow = z.object({
  id: z.number(),
  teacherId: z.string(),
  /** null: the teacher is not (any more) in the person table. */
  teacherName: z.string().nullable(),
  fromSchool: z.string(),
  fromName: z.string(),
  toSchool: z.string(),
  toName: z.string(),
  kind: z.enum(MOVE_KINDS),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** The school year the move belongs to (schoolYearOf(startDate)). */
  schoolYear: z.number(),
  /** The locked exchange plan that recorded it; null: entered by hand (only those can be deleted). */
  planId: z.number().nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TeacherMoveRow = z.infer<typeof TeacherMoveRow>;

export const MovesQuery = z.object({
  year: YearParam.optional(),
  school: SchoolCode.optional(),
  kind: z.enum(MOVE_KINDS).optional(),
  /** A teacher's id or a part of the name. */
  teacher: z.string().trim().min(1).max(64).optional(),
});

export const NewMoveBody = z.object({
  teacherId: TeacherId,
  fromSchool: SchoolCode,
  toSchool: SchoolCode,
  kind: z.enum(MOVE_KINDS),
  startDate: IsoDate,
  endDate: IsoDate.nullable().optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
export type NewMoveBody = z.infer<typeof NewMoveBody>;

export const ExchangeRuleRowWire = z.object({
  /** null: the district. */
  schoolCode: z.string().nullable(),
  schoolName: z.string(),
  /** The school has a roster of the year before. */
  roster: z.boolean(),
  eligible: z.number(),
  /** Every 交流轮岗 mover from the school in the year (for information). */
  allMovers: z.number(),
  /** The movers eligible on the school's roster of the year before: the rule's count. */
  movers: z.number(),
  /** 骨干 among the eligible movers. */
  backboneMovers: z.number(),
  rate: z.number().nullable(),
  rateMet: z.boolean().nullable(),
  backboneShare: z.number().nullable(),
  backboneMet: z.boolean().nullable(),
});
export type ExchangeRuleRowWire = z.infer<typeof ExchangeRuleRowWire>;

export const ExchangeRulesWire = z.object({
  /** The targets pack (teacher-targets-v1) and its exchange values with their source. */
  targets: z.object({ id: z.string(), rate: z.number(), backboneShare: z.number(), minYears: z.number(), maxAge: z.number(), source: z.string() }),
  year: z.number(),
  rosterYear: z.number(),
  rosterMissing: z.boolean(),
  /** The schools in the caller's scope. */
  schools: z.array(ExchangeRuleRowWire),
  /** Every school of the district. */
  district: ExchangeRuleRowWire,
});
export type ExchangeRulesWire = z.infer<typeof ExchangeRulesWire>;

export const MoveTeacherOption = z.object({
  teacherId: z.string(),
  name: z.string(),
  /** Main subject. */
  subject: z.string(),
  /** The roster year this row is from (Y − 1 or Y). */
  year: z.number(),
});
export type MoveTeacherOption = z.infer<typeof MoveTeacherOption>;

const keyOfList = ({ query, actor }: { query: z.output<typeof MovesQuery>; actor: { schools: 'all' | string[] } }) =>
  `teacher-moves:${query.year ?? 'all'}/school:${query.school ?? (actor.schools === 'all' ? 'all' : actor.schools.join(',') || 'none')}`;

export const movesApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/teachers/moves',
    summary:
      '教师交流调动记录（学年、学校（调出或调入）、类型、教师筛选；含教师姓名，每次查看记入审计日志；学校只看本校调出或调入的记录） / the teachers’ moves (filters: school year, school (from or to), kind, teacher; with names, every read audited; a school sees the moves from or to itself)',
    tags,
    policy: { capability: 'teachers.roster', school: { in: 'query', name: 'school' } },
    query: MovesQuery,
    response: z.object({ moves: z.array(TeacherMoveRow) }),
    audit: { action: 'read', entity: 'teacher-moves', key: keyOfList, count: ({ answer }) => answer.moves.length },
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/teachers/moves',
    summary:
      '手工登记一条交流、支教或调动记录（人事专员；核对：教师在名册中、调出学校为其上一学年或当学年名册中的学校、调入学校不同、两校均在名录中、日期有效且结束不早于开始；记入审计日志） / record a move by hand (personnel staff; checked: the teacher is in the roster, the move leaves the teacher’s school in the roster of the year before or of the move’s year, goes elsewhere, both schools are in the registry, the dates are valid and the end is not before the start; audited)',
    tags,
    policy: { capability: 'teachers.manage' },
    body: NewMoveBody,
    response: TeacherMoveRow,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/api/teachers/moves/:id',
    summary: '删除一条手工登记的记录（由锁定的交流方案写入的记录不能删除；记入审计日志） / delete a move entered by hand (a locked exchange plan’s moves stay; audited)',
    tags,
    policy: { capability: 'teachers.manage' },
    params: z.object({ id: MoveId }),
    response: Ok,
  }),
  teachers: endpoint({
    method: 'GET',
    path: '/api/teachers/moves/teachers',
    summary:
      '登记调动时可选的教师：一所学校在某学年及上一学年名册中的教师（编号、姓名、主教学科；每次查看记入审计日志） / the teachers to choose from when recording a move: one school’s teachers in the roster of a school year and of the year before (id, name, main subject; every read audited)',
    tags,
    policy: { capability: 'teachers.manage', school: { in: 'query', name: 'school' } },
    query: z.object({ school: SchoolCode, year: YearParam }),
    response: z.object({ teachers: z.array(MoveTeacherOption) }),
    audit: { action: 'read', entity: 'teacher-options', key: ({ query }) => `teachers:${query.year}/school:${query.school}`, count: ({ answer }) => answer.teachers.length },
  }),
  rules: endpoint({
    method: 'GET',
    path: '/api/teachers/moves/rules',
    summary:
      '某学年交流轮岗是否达标（按事实计算）：各校及全县符合交流条件的教师（上一学年名册中的专任教师，本校任教满 6 年且未满 55 岁）、全部交流人数（仅供参考）、符合条件的交流人数与比例（不低于 10%）、其中骨干人数与比例（不低于 20%） / whether a school year’s exchange met the rules, from the facts: per school and for the district, the eligible teachers (专任 in the roster of the year before, 6 years or more at the school, under 55), all movers (for information), the eligible movers and their rate (at least 10 %), the 骨干 among them and their share (at least 20 %)',
    tags,
    policy: { capability: 'teachers.read' },
    query: z.object({ year: YearParam }),
    response: ExchangeRulesWire,
  }),
};

// The teacher roster's domain (教师队伍, issue 13): the values each column of the roster takes, with their Chinese
// labels as schools write them (教师管理信息系统 style) and English, and the row types every part of src/teachers shares.
// Pure module (no Node imports): the web imports it.

export const SEXES = ['男', '女'] as const;
export type Sex = (typeof SEXES)[number];

/** 学部 of a 一贯制 / 完全中学 school. */
export const SECTIONS = ['小学', '初中', '高中'] as const;
export type Section = (typeof SECTIONS)[number];

/** 岗位: 专任教师 (full-time teachers: the statistics count these), 行政, 工勤. */
export const POSTS = ['专任', '行政', '工勤'] as const;
export type Post = (typeof POSTS)[number];
export const POST_EN: Record<Post, string> = { 专任: 'Full-time teacher', 行政: 'Administration', 工勤: 'Support staff' };

/** 最高学历, lowest first. */
export const QUALIFICATIONS = ['高中及以下', '专科', '本科', '研究生'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];
export const QUALIFICATION_EN: Record<Qualification, string> = { 高中及以下: 'Upper secondary or below', 专科: 'Associate degree', 本科: "Bachelor's", 研究生: 'Postgraduate' };

/** 职称 (中小学教师职称, 人社部发〔2015〕79号), lowest first; 未定级 = not yet appointed. */
export const TITLES = ['未定级', '三级', '二级', '一级', '高级', '正高级'] as const;
export type Title = (typeof TITLES)[number];
export const TITLE_EN: Record<Title, string> = { 未定级: 'Unranked', 三级: 'Third grade', 二级: 'Second grade', 一级: 'First grade', 高级: 'Senior', 正高级: 'Professor-level senior' };
/** 中级及以上职称 = 一级 and above (the statistics' seniorTitleTeachers). */
export const INTERMEDIATE_TITLES: readonly Title[] = ['一级', '高级', '正高级'];

/** 骨干教师 level, lowest first (校级 is recorded but the statistics count 县级 and above). */
export const BACKBONE_LEVELS = ['校', '县', '市', '省'] as const;
export type BackboneLevel = (typeof BACKBONE_LEVELS)[number];
export const BACKBONE_EN: Record<BackboneLevel, string> = { 校: 'School', 县: 'County', 市: 'City', 省: 'Province or national' };

/** 梯队: the five tiers of the Yancheng seed's 五级梯队 (教育家型教师, 卓越教师, 领航教师, 骨干教师, 新秀教师), highest first. */
export const TIERS = ['教育家型', '卓越', '领航', '骨干', '新秀'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_EN: Record<Tier, string> = { 教育家型: 'Educator', 卓越: 'Outstanding', 领航: 'Leading', 骨干: 'Backbone', 新秀: 'Rising' };

/** 用工形式: 在编 (established post) or 合同 (contract). */
export const EMPLOYMENTS = ['在编', '合同'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

/** Subjects counted by the statistics' 体育 / 音乐 / 美术 fields (the main subject decides). */
export const PE_SUBJECTS = ['体育', '体育与健康'] as const;
export const MUSIC_SUBJECTS = ['音乐'] as const;
export const ART_SUBJECTS = ['美术', '艺术'] as const;

/** One teacher in one school year's roster: the person and the post. `teacherId` is internal (T + digits). */
export interface RosterTeacher {
  teacherId: string;
  name: string;
  sex: Sex;
  birthYear: number;
  schoolCode: string;
  /** null for a single-level school. */
  section: Section | null;
  staffNo: string | null;
  /** Main subject first. */
  subjects: string[];
  post: Post;
  qualification: Qualification;
  title: Title;
  /** 持有教师资格证 */
  certified: boolean;
  backboneLevel: BackboneLevel | null;
  backboneYear: number | null;
  tier: Tier | null;
  /** The year the teacher started at this school (本校任教起始年); years at the school = year − schoolSince. */
  schoolSince: number;
  employment: Employment;
}

/** A roster row as read from a school's file, before it has an internal id: the 身份证号 (if given) only for matching. */
export interface RosterFileRow extends Omit<RosterTeacher, 'teacherId'> {
  /** The 1-based row of the sheet (for messages). */
  row: number;
  /** 身份证号 as written (18 characters, checked); never stored — only its keyed hash. */
  idNumber: string | null;
}

/** 培训级别 */
export const COURSE_LEVELS = ['校本', '县级', '市级', '省级', '国家级'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

export interface TrainingCourse {
  id: number;
  title: string;
  provider: string;
  level: CourseLevel;
  hours: number;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string;
}

/** 交流轮岗 (rotation under 教师〔2014〕4号), 支教 (teaching support, usually urban → rural, temporary), 调动 (transfer). */
export const MOVE_KINDS = ['交流轮岗', '支教', '调动'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];
export const MOVE_KIND_EN: Record<MoveKind, string> = { 交流轮岗: 'Rotation', 支教: 'Teaching support', 调动: 'Transfer' };

export interface TeacherMove {
  id: number;
  teacherId: string;
  fromSchool: string;
  toSchool: string;
  kind: MoveKind;
  /** YYYY-MM-DD; the move belongs to the school year schoolYearOf(startDate). */
  startDate: string;
  endDate: string | null;
  planId: number | null;
  note: string | null;
}

/** The school year (2025 = 2025–2026) a date falls in: from 1 September to 31 August. */
export function schoolYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= 9 ? y : y - 1;
}

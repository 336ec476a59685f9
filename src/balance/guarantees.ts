// 政府保障程度 items the registry can answer, per whole school (教督〔2017〕6号 政府保障 #3–#5):
// 学校规模 ≤ 2000 (一贯制 ≤ 2500), 音乐、美术专用教室 ≥ 1 each per 12 classes, every class ≤ its standard.
// Counts are integers, compared exactly; a value at the limit meets it.
import type { School } from '../registry/model.js';
import type { SchoolYearData } from '../registry/types.js';
import { standardSizeOfGrade } from './class-size.js';
import type { StandardPack } from './pack-schema.js';

export interface SchoolGuarantees {
  schoolCode: string;
  schoolName: string;
  level: string;
  /** Students of grades 1–9 (the compulsory sections). */
  students: number;
  maxStudents: number;
  sizePass: boolean;
  /** Classes of grades 1–9 and the special rooms they require (⌈classes / classesPerRoom⌉ of each kind). */
  classes: number;
  roomsRequired: number;
  rooms: Record<string, number | null>;
  roomsPass: boolean | null;
  /** Classes above their grade's standard size. */
  classesOverStandard: number;
  classSizePass: boolean;
  pass: boolean | null;
}

const THROUGH_TRAIN = new Set(['九年一贯制', '十二年一贯制']);

export function guaranteesOfSchool(pack: StandardPack, school: Pick<School, 'code' | 'name' | 'level'>, data: SchoolYearData): SchoolGuarantees | null {
  const g = pack.guarantees;
  if (!g) return null;
  const compulsory = (grade: number) => grade >= 1 && grade <= 9;
  const students = data.enrolments.filter((e) => compulsory(e.grade)).reduce((s, e) => s + e.students, 0);
  const classRows = data.classes.filter((c) => compulsory(c.grade));
  const maxStudents = THROUGH_TRAIN.has(school.level) ? g.schoolSize.maxThroughTrain : g.schoolSize.max;
  const roomsRequired = classRows.length === 0 ? 0 : Math.ceil(classRows.length / g.specialRooms.classesPerRoom);
  const rooms = Object.fromEntries(g.specialRooms.fields.map((f) => [f, data.values[f] ?? null]));
  const roomValues = Object.values(rooms);
  const roomsPass = roomValues.some((v) => v === null) ? null : roomValues.every((v) => (v as number) >= roomsRequired);
  const classesOverStandard = classRows.filter((c) => c.size > standardSizeOfGrade(pack, c.grade)).length;
  const sizePass = students <= maxStudents;
  const classSizePass = classesOverStandard === 0;
  return {
    schoolCode: school.code,
    schoolName: school.name,
    level: school.level,
    students,
    maxStudents,
    sizePass,
    classes: classRows.length,
    roomsRequired,
    rooms,
    roomsPass,
    classesOverStandard,
    classSizePass,
    pass: roomsPass === null ? null : sizePass && roomsPass && classSizePass,
  };
}

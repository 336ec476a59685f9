// The map's indicators per school, from plain rows of one school year: students (Σ enrolments), classes, average
// class size (平均班额 = students ÷ classes), the share of classes above their standard size (超标准班额占比), the
// per-school balance standards met, and the distance to the nearest school that could take the pupils; and which
// schools are consolidation candidates (教学点, or fewer students than the threshold). Pure.
import type { MapIndicator, MapSchool } from './contract.js';
import { nearestReceiving, type Site } from './nearest.js';

export interface SiteRow {
  code: string;
  name: string;
  level: string;
  location: string;
  isIsland: boolean;
  isOpen: boolean;
  lat: number | null;
  lng: number | null;
}

export interface MapInputs {
  /** Every school of the district (closed ones are left out here). */
  sites: readonly SiteRow[];
  /** Enrolments of the year: school × grade → students. */
  enrolments: readonly { schoolCode: string; students: number }[];
  /** Classes of the year: school × grade → classes. */
  classes: readonly { schoolCode: string; classes: number }[];
  /** Classes of the year above the standard size of their grade (one row per class). */
  overStandard: readonly { schoolCode: string }[];
  /** Per-school standards met from the balance evaluation, one row per evaluated school or 一贯制 section (code-P / code-J). */
  balance: readonly { schoolCode: string; met: number | null }[];
}

/** Σ of a field per school; a school without rows is absent (not 0). */
function sumBy<T extends { schoolCode: string }>(rows: readonly T[], v: (r: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.schoolCode, (m.get(r.schoolCode) ?? 0) + v(r));
  return m;
}

/**
 * Standards met per school: a 一贯制 school is evaluated as a primary (code-P) and a junior (code-J) section; the
 * school shows its weaker section (the fewer standards met), so a school meets a count only if each section does.
 */
export function balanceMetBySchool(rows: MapInputs['balance'], codes: ReadonlySet<string>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const r of rows) {
    const section = /^(.*)-(P|J)$/.exec(r.schoolCode);
    const code = codes.has(r.schoolCode) || !section || !codes.has(section[1]) ? r.schoolCode : section[1];
    if (!out.has(code)) out.set(code, r.met);
    else {
      const prev = out.get(code) ?? null;
      out.set(code, prev === null || r.met === null ? null : Math.min(prev, r.met));
    }
  }
  return out;
}

const hasCoords = (s: SiteRow): s is SiteRow & { lat: number; lng: number } => s.lat !== null && s.lng !== null && Number.isFinite(s.lat) && Number.isFinite(s.lng);

/** The open schools with every indicator, the chosen one as `value`, and the candidate flag; in code order. */
export function mapSchools(inputs: MapInputs, indicator: MapIndicator, threshold: number): MapSchool[] {
  const open = inputs.sites.filter((s) => s.isOpen).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const students = sumBy(inputs.enrolments, (r) => r.students);
  const classes = sumBy(inputs.classes, (r) => r.classes);
  const over = sumBy(inputs.overStandard, () => 1);
  const met = balanceMetBySchool(inputs.balance, new Set(open.map((s) => s.code)));
  const placed: Site[] = open.filter(hasCoords).map((s) => ({ code: s.code, name: s.name, level: s.level, lat: s.lat, lng: s.lng }));
  return open.map((s) => {
    const st = students.get(s.code) ?? null;
    const cl = classes.get(s.code) ?? null;
    const nearest = hasCoords(s) ? nearestReceiving({ code: s.code, name: s.name, level: s.level, lat: s.lat, lng: s.lng }, placed) : null;
    const row = {
      code: s.code,
      name: s.name,
      level: s.level,
      location: s.location,
      isIsland: s.isIsland,
      lat: hasCoords(s) ? s.lat : null,
      lng: hasCoords(s) ? s.lng : null,
      students: st,
      classes: cl,
      avgClassSize: st !== null && cl !== null && cl > 0 ? st / cl : null,
      overStandardShare: cl !== null && cl > 0 ? (over.get(s.code) ?? 0) / cl : null,
      balanceMet: met.get(s.code) ?? null,
      nearest,
      // 教学点 always; another school when it reported fewer students than the threshold (integers: exact).
      candidate: s.level === '教学点' || (st !== null && st < threshold),
    };
    const value = indicator === 'nearestKm' ? (nearest?.km ?? null) : row[indicator];
    return { ...row, value };
  });
}

/** Candidates, the smallest first (unknown student numbers last), then by code. */
export function candidatesOf(schools: readonly MapSchool[]): MapSchool[] {
  return schools.filter((s) => s.candidate).sort((a, b) => (a.students ?? Infinity) - (b.students ?? Infinity) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

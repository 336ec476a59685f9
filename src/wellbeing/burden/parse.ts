// Reading a homework time and a sleep time as people write them in a survey sheet, into whole minutes such that every
// comparison with a whole-minute limit or band edge gives what the exact value gives: homework rounds UP (a started
// minute counts: 60.3 min → 61, over a 60-minute limit as 60.3 is; v > L ⇔ ⌈v⌉ > L), sleep rounds DOWN (599.4 min →
// 599, short of 600 as 599.4 is; v < L ⇔ ⌊v⌋ < L); 1.55 小时 = 93 min exactly. The plausible range is checked on the
// exact value. A bare homework number of 1–4 without a unit is refused as ambiguous (minutes or hours?). Homework: minutes ("75", "75分钟"), hours ("1.5小时", "1个半小时", "半小时"), hours and
// minutes ("1小时20分", "1:20"). Sleep: hours ("9.5", "9.5小时"), hours and minutes ("9小时30分", "9:30"). Full-width
// digits are read too, and a time typed into Excel (1:20 as a time of day). A value outside the plausible range of the limits pack is refused (a typing error or the
// wrong unit), as is anything else: the caller names the cell.

export type Parsed = { minutes: number } | { error: string };

const HOUR = '(?:小时|个小时|钟头|个钟头|h|hr|hrs|hour|hours)';
const MIN = '(?:分钟|分|min|mins|minute|minutes|m)';

/** Full-width digits, point and colon as ASCII; spaces gone; lower case. */
const clean = (text: string) =>
  text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/：/g, ':')
    .replace(/\s+/g, '')
    .toLowerCase();

/** The value read to 12 significant digits (1.55 × 60 = 93.00000000000001 → 93): what the writer meant, before rounding. */
const exact = (minutes: number) => Number(minutes.toPrecision(12));

/** A bare homework number below this (and above 0) is ambiguous: "2" may be 2 minutes or 2 hours. */
const AMBIGUOUS_BELOW = 5;

/** Hours written as "1.5", "1个半", "半" (before the hour word) in minutes. */
function hoursText(t: string): number | null {
  if (t === '半') return 30;
  const m = /^(\d+(?:\.\d+)?)(个半|半)?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 60 + (m[2] ? 30 : 0);
}

/** A time in exact minutes from the forms both columns share (null: not a time); `bare` says what a plain number is (minutes or hours). */
function readTime(text: string, bare: 'minutes' | 'hours'): { minutes: number; bare: boolean } | null {
  // "1:20" typed into Excel is a time of day: the reader gives it as a date on Excel's day 0.
  const xl = /^1899-12-(?:30|31)T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)Z$/.exec(text.trim());
  if (xl) return { minutes: exact(Number(xl[1]) * 60 + Number(xl[2]) + Number(xl[3]) / 60), bare: false };
  const t = clean(text);
  if (t === '') return null;
  if (/^\d+(\.\d+)?$/.test(t)) return { minutes: exact(bare === 'minutes' ? Number(t) : Number(t) * 60), bare: true };
  const of = (m: number | null) => (m === null ? null : { minutes: exact(m), bare: false });
  let m = new RegExp(`^(\\d+(?:\\.\\d+)?)${MIN}$`).exec(t);
  if (m) return of(Number(m[1]));
  m = new RegExp(`^(.+?)${HOUR}$`).exec(t);
  if (m) return of(hoursText(m[1]));
  m = new RegExp(`^(\\d+)${HOUR}(\\d+(?:\\.\\d+)?)${MIN}?$`).exec(t);
  if (m && Number(m[2]) < 60) return of(Number(m[1]) * 60 + Number(m[2]));
  m = /^(\d+):(\d{2})$/.exec(t);
  if (m && Number(m[2]) < 60) return of(Number(m[1]) * 60 + Number(m[2]));
  return null;
}

const fmtMin = (n: number) => `${n}`;

/** Written homework per school day in whole minutes, rounded up, within [min, max] minutes (checked on the exact value). */
export function parseHomeworkMinutes(text: string, range: { min: number; max: number }): Parsed {
  const r = readTime(text, 'minutes');
  if (r === null)
    return {
      error: `应为分钟数（如 75）或小时与分钟（如 1.5小时、1小时20分、1:20），而不是“${text}” / must be minutes (75) or hours and minutes (1.5小时, 1小时20分, 1:20), not "${text}"`,
    };
  const v = r.minutes;
  if (r.bare && v > 0 && v < AMBIGUOUS_BELOW)
    return {
      error: `“${text}”没有单位，不能确定是分钟还是小时：请写明，如“${text}分钟”或“${text}小时” / "${text}" has no unit: minutes or hours? Write it out, e.g. ${text}分钟 or ${text}小时`,
    };
  if (v < range.min || v > range.max)
    return {
      error: `${fmtMin(v)} 分钟超出合理范围 ${range.min}–${range.max} 分钟（请检查单位），而不是“${text}” / ${v} minutes is outside the plausible ${range.min}–${range.max} minutes (check the unit): "${text}"`,
    };
  return { minutes: Math.ceil(v) };
}

/** Sleep per night in whole minutes, rounded down, from hours (9.5, 9小时30分, 9:30), within [minHours, maxHours] (checked on the exact value). */
export function parseSleepMinutes(text: string, range: { minHours: number; maxHours: number }): Parsed {
  const r = readTime(text, 'hours');
  if (r === null) return { error: `应为小时数（如 9.5）或小时与分钟（如 9小时30分、9:30），而不是“${text}” / must be hours (9.5) or hours and minutes (9小时30分, 9:30), not "${text}"` };
  const v = r.minutes;
  if (v < range.minHours * 60 || v > range.maxHours * 60)
    return {
      error: `睡眠时间超出合理范围 ${range.minHours}–${range.maxHours} 小时（请检查单位），而不是“${text}” / sleep is outside the plausible ${range.minHours}–${range.maxHours} hours (check the unit): "${text}"`,
    };
  return { minutes: Math.floor(v) };
}

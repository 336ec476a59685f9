// Times as people read them: "2025-03-01 09:30:00" in the district's time zone, not a UTC ISO string. The zone is
// the setting JUNHENG_TIME_ZONE (an IANA name such as Asia/Urumqi), else the server's TZ, else Asia/Shanghai.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function validZone(z: string | undefined): string | null {
  if (!z) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: z });
    return z;
  } catch {
    return null;
  }
}

/** The time zone of the times the server writes into files (audit export, lists). */
export function localTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  return validZone(env.JUNHENG_TIME_ZONE) ?? validZone(env.TZ && env.TZ !== 'UTC' ? env.TZ : undefined) ?? DEFAULT_TIME_ZONE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:mm:ss" in the zone; '' for a missing or unreadable time. */
export function formatLocalTime(at: string | Date | null | undefined, zone = localTimeZone()): string {
  if (at === null || at === undefined || at === '') return '';
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return typeof at === 'string' ? at : '';
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

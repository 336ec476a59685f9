// The version of each area of a district's data, as the triggers of migration 0005_data_versions.sql record it:
// `data_versions.base` + the number of rows in `data_changes` (one per committed transaction that wrote the area's
// tables, whoever wrote: this server, its import jobs, the CLI in another process, psql), the district's own and
// those of district '*' (writes to the large score tables, recorded for every district). Reading them is one small
// indexed query. Writers only ever insert change rows; the reader folds them into `base` once there are many
// (one statement, so the sum a reader sees never goes back or stands still over a change).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import type { DataArea } from '../http/contract.js';

/** Change rows of a district beyond which the reader folds them into the base. */
const FOLD_AFTER = 200;

export type Versions = Partial<Record<DataArea, number>>;

export class DataVersions {
  private folding = new Set<string>();
  /** Per district: the read under way (and when it started), the one queued after it, the last one done. */
  private reads = new Map<string, { running: { at: number; p: Promise<Versions> } | null; queued: Promise<Versions> | null; last: { at: number; v: Versions } | null }>();
  constructor(private readonly db: Db) {}

  /**
   * Every area's version in one district (an area never written is 0), as a read started at `since` or later sees
   * it (performance.now(); default: now). Such a read sees every write committed before `since`, so a request passes
   * the time it arrived and may use a read that another request started meanwhile. Concurrent callers share reads:
   * the last one done or the one under way when they started late enough; otherwise the next one, which starts when
   * the running one ends. Under load that is at most one read at a time per district, whatever the number of requests.
   */
  read(districtId: string, since = performance.now()): Promise<Versions> {
    let s = this.reads.get(districtId);
    if (!s) this.reads.set(districtId, (s = { running: null, queued: null, last: null }));
    const state = s;
    if (state.last && state.last.at >= since) return Promise.resolve(state.last.v);
    if (state.running && state.running.at >= since) return state.running.p;
    const start = () => {
      const at = performance.now();
      const p = this.query(districtId).then(
        (v) => {
          if (state.running?.p === p) state.running = null;
          if (!state.last || state.last.at < at) state.last = { at, v };
          return v;
        },
        (e: unknown) => {
          if (state.running?.p === p) state.running = null;
          throw e;
        },
      );
      state.running = { at, p };
      return p;
    };
    if (!state.running) return start();
    state.queued ??= state.running.p
      .catch(() => undefined)
      .then(() => {
        state.queued = null;
        return state.running && state.running.at >= since ? state.running.p : start();
      });
    return state.queued;
  }

  private async query(districtId: string): Promise<Versions> {
    const res: unknown = await this.db.execute(sql`
      select area, sum(base)::bigint as base, sum(changes)::bigint as changes from (
        select area, base, 0::bigint as changes from data_versions where district_id in (${districtId}, '*')
        union all
        select area, 0::bigint, count(*) from data_changes where district_id in (${districtId}, '*') group by area
      ) x group by area`);
    const r = res as { rows: { area: DataArea; base: number | string; changes: number | string }[] };
    const out: Versions = {};
    let changes = 0;
    for (const row of r.rows) {
      out[row.area] = Number(row.base) + Number(row.changes);
      changes += Number(row.changes);
    }
    if (changes > FOLD_AFTER) void this.fold(districtId);
    return out;
  }

  /**
   * Folds a district's change rows into the base: the rows deleted and their count added in one statement, so
   * every area's sum stays what it was. Rows of transactions still open are not seen and stay. Concurrent folds
   * (two server processes) each add only the rows they deleted themselves.
   */
  async fold(districtId: string): Promise<void> {
    if (this.folding.has(districtId)) return;
    this.folding.add(districtId);
    try {
      await this.db.execute(sql`
        with d as (delete from data_changes where district_id in (${districtId}, '*') returning district_id, area),
        n as (select district_id, area, count(*)::bigint as c from d group by district_id, area)
        insert into data_versions (district_id, area, base) select district_id, area, c from n
        on conflict (district_id, area) do update set base = data_versions.base + excluded.base`);
    } catch {
      // Folding is housekeeping: the next read tries again.
    } finally {
      this.folding.delete(districtId);
    }
  }
}

/** One reader per database, shared by the response cache and the session check (so that they share reads too). */
const perDatabase = new WeakMap<object, DataVersions>();
export function dataVersionsOf(db: Db): DataVersions {
  let v = perDatabase.get(db);
  if (!v) perDatabase.set(db, (v = new DataVersions(db)));
  return v;
}

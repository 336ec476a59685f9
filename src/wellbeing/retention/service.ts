// Retention of pupil-level health data (个人信息保护法: kept no longer than needed). The district sets how many school
// years pupil rows are kept (plan.ts says which years that removes); the purge, for every kind (fitness, vision,
// homework and sleep) and every year past the setting, has the kind tally the year's rows per school, grade and sex
// and delete them (PupilRowsKind.tallyAndDelete), and writes the tallies — every kind and year in ONE transaction
// with its audit rows, so a failure anywhere leaves every row in place. The preview runs the same steps in a
// transaction that is always rolled back, so its counts are exactly what a purge would do. (No read snapshot on
// PGlite: a year of a county's rows is tallied and deleted in about a second; other requests wait that long.)
import type { Db } from '../../core/db/index.js';
import { recordAudit } from '../../core/audit/store.js';
import { AppError } from '../../core/http/errors.js';
import type { PurgeResult, RetentionKind, RetentionPreview } from './contract.js';
import { RETENTION_KINDS } from './contract.js';
import type { PupilRowsKind } from './kinds.js';
import { keepFrom, referenceYear, yearsToPurge } from './plan.js';
import * as store from './store.js';

export type RetentionKinds = Record<RetentionKind, PupilRowsKind>;

export interface RetentionOptions {
  /** The registry's current school year of a district (RegistryService.currentYear); without it the data's latest year is the reference. */
  currentYear?: (districtId: string) => Promise<number>;
}

type Who = { districtId: string; username: string };
type Step = { kind: RetentionKind; year: number; pupilRows: number; tallies: number };

/** Thrown inside the preview's transaction to roll it back with the counts. */
class RolledBack extends Error {
  constructor(readonly steps: Step[]) {
    super('preview: rolled back');
  }
}

export class RetentionService {
  /** One purge or preview at a time in this process (each is one transaction over many rows). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly kinds: RetentionKinds,
    private readonly opts: RetentionOptions = {},
  ) {}

  async setting(districtId: string) {
    const row = await store.retentionSetting(this.db, districtId);
    return { retentionYears: row?.retentionYears ?? null, updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt ?? null };
  }

  async saveSetting(user: Who, retentionYears: number | null) {
    const before = await this.setting(user.districtId);
    await this.db.transaction(async (tx) => {
      await store.saveRetentionSetting(tx, user.districtId, retentionYears, user.username);
      await recordAudit(tx, user.districtId, [
        {
          username: user.username,
          action: 'update',
          entity: 'wellbeing-retention',
          entityKey: `retention:${user.districtId}`,
          field: 'retentionYears',
          oldValue: before.retentionYears,
          newValue: retentionYears,
        },
      ]);
    });
    return this.setting(user.districtId);
  }

  /** The reference year and, per kind, its years with pupil rows and its purged years. */
  private async years(districtId: string) {
    const per = await Promise.all(RETENTION_KINDS.map(async (kind) => ({ kind, rows: await this.kinds[kind].pupilYears(districtId), purged: await store.tallyYears(this.db, districtId, kind) })));
    const current = this.opts.currentYear ? await this.opts.currentYear(districtId) : null;
    const reference = referenceYear(
      current,
      per.flatMap((p) => [...p.rows, ...p.purged]),
    );
    return { reference, per };
  }

  /** What the setting (or `retentionYears`, not yet saved) would purge and keep, counted by a rolled-back run. */
  async preview(districtId: string, retentionYears?: number): Promise<RetentionPreview> {
    const years = retentionYears ?? (await this.setting(districtId)).retentionYears;
    const { reference, per } = await this.years(districtId);
    const plan = per.map((p) => ({ kind: p.kind, purge: yearsToPurge(p.rows, reference, years) }));
    const steps = plan.some((p) => p.purge.length) ? await this.serial(() => this.dryRun(districtId, plan)) : [];
    return {
      retentionYears: years,
      referenceYear: reference,
      keepFrom: keepFrom(reference, years),
      kinds: per.map((p) => {
        const purge = steps.filter((s) => s.kind === p.kind).map(({ year, pupilRows, tallies }) => ({ year, pupilRows, tallies }));
        return { kind: p.kind, purge, kept: p.rows.filter((y) => !purge.some((s) => s.year === y)), purged: p.purged };
      }),
    };
  }

  /** Purges what the saved setting makes due; `confirm` must equal the saved setting (the one the caller previewed). */
  async purge(user: Who, confirm: number): Promise<PurgeResult> {
    const saved = (await this.setting(user.districtId)).retentionYears;
    if (saved === null) throw new AppError(409, 'no_retention', '尚未设置保留期限，没有可清除的数据 / no retention is set: nothing to purge');
    if (saved !== confirm)
      throw new AppError(409, 'retention_changed', `保留期限已改为 ${saved} 个学年，请重新预览后再清除 / the retention is now ${saved} school years: preview again before purging`, {
        retentionYears: saved,
      });
    return this.run(user, saved);
  }

  /**
   * Purges what the saved setting makes due (nothing when none is set): for the server's start, after the migrations.
   * `actor` is the name recorded in the audit log (e.g. 'system').
   */
  async purgeDue(districtId: string, actor = 'system'): Promise<PurgeResult | null> {
    const saved = (await this.setting(districtId)).retentionYears;
    if (saved === null) return null;
    return this.run({ districtId, username: actor }, saved);
  }

  /** purgeDue for every district with a setting: at the server's start and once a day while it runs. */
  async purgeAllDue(actor = 'system'): Promise<PurgeResult[]> {
    const out: PurgeResult[] = [];
    for (const districtId of await store.districtsWithRetention(this.db)) {
      const r = await this.purgeDue(districtId, actor);
      if (r) out.push(r);
    }
    return out;
  }

  private async run(user: Who, retentionYears: number): Promise<PurgeResult> {
    return this.serial(async () => {
      const { reference, per } = await this.years(user.districtId);
      const plan = per.map((p) => ({ kind: p.kind, purge: yearsToPurge(p.rows, reference, retentionYears) }));
      if (!plan.some((p) => p.purge.length)) return { retentionYears, referenceYear: reference, purged: [] };
      const steps = await this.db.transaction(async (tx) => {
        const done = await this.steps(tx, user.districtId, plan);
        await recordAudit(
          tx,
          user.districtId,
          done.map((s) => ({
            username: user.username,
            action: 'delete',
            entity: 'wellbeing-pupil-rows',
            entityKey: `${s.kind}:${s.year}`,
            detail: `保留 ${retentionYears} 个学年（自 ${keepFrom(reference, retentionYears)} 学年起），明细已清除，汇总 ${s.tallies} 项已保存 / retention ${retentionYears} school years: pupil rows removed, ${s.tallies} tallies kept`,
            rowCount: s.pupilRows,
            newValue: { retentionYears, tallies: s.tallies },
          })),
        );
        return done;
      });
      return { retentionYears, referenceYear: reference, purged: steps };
    });
  }

  /** Every kind's due years: tally and delete, then write the tallies — within `tx`. */
  private async steps(tx: Db, districtId: string, plan: { kind: RetentionKind; purge: number[] }[]): Promise<Step[]> {
    const out: Step[] = [];
    for (const { kind, purge } of plan)
      for (const year of purge) {
        const { tallies, deleted } = await this.kinds[kind].tallyAndDelete(tx, districtId, year);
        await store.writeTallies(tx, districtId, kind, year, tallies);
        out.push({ kind, year, pupilRows: deleted, tallies: tallies.length });
      }
    return out;
  }

  private async dryRun(districtId: string, plan: { kind: RetentionKind; purge: number[] }[]): Promise<Step[]> {
    try {
      await this.db.transaction(async (tx) => {
        throw new RolledBack(await this.steps(tx, districtId, plan));
      });
    } catch (e) {
      if (e instanceof RolledBack) return e.steps;
      throw e;
    }
    return [];
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

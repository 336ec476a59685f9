// The HTTP contract of the retention of pupil-level health data (fitness, vision, homework and sleep): the setting
// (school years of pupil rows kept; null keeps everything), a preview of what a setting would remove and keep, and
// the purge, which stores each year's additive tallies and removes its pupil rows in one transaction — all for the
// bureau ('wellbeing.manage'), the setting and every purge recorded in the audit log.
// Pure module (zod and types only): the web imports it.
import { z } from 'zod';
import { endpoint } from '../../core/http/contract.js';

const tags = ['wellbeing'];
export const RETENTION_KINDS = ['fitness', 'vision', 'burden'] as const;
const Kind = z.enum(RETENTION_KINDS);
export type RetentionKind = z.infer<typeof Kind>;
/** School years kept: at least the current one, at most 30. */
const Years = z.number().int().min(1).max(30);

export const RetentionSetting = z.object({
  /** School years of pupil rows kept (the current year counts as one); null: kept until the setting changes. */
  retentionYears: Years.nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const RetentionPreview = z.object({
  retentionYears: Years.nullable(),
  /** The school year the count starts from: the later of the registry's current year and the latest year of the data. */
  referenceYear: z.number().nullable(),
  /** The first school year whose pupil rows are kept (null: all kept). */
  keepFrom: z.number().nullable(),
  kinds: z.array(
    z.object({
      kind: Kind,
      /** Years whose pupil rows would be removed: the rows removed and the tallies (school × grade × sex) kept instead. */
      purge: z.array(z.object({ year: z.number(), pupilRows: z.number(), tallies: z.number() })),
      /** Years whose pupil rows stay. */
      kept: z.array(z.number()),
      /** Years already purged: only their tallies remain. */
      purged: z.array(z.number()),
    }),
  ),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

export const PurgeResult = z.object({
  retentionYears: Years,
  referenceYear: z.number().nullable(),
  purged: z.array(z.object({ kind: Kind, year: z.number(), pupilRows: z.number(), tallies: z.number() })),
});
export type PurgeResult = z.infer<typeof PurgeResult>;

const manage = { capability: 'wellbeing.manage' } as const;

export const retentionApi = {
  setting: endpoint({
    method: 'GET',
    path: '/api/wellbeing/retention',
    summary: '学生健康明细的保留期限（学年数；空为一直保留） / how many school years pupil-level health rows are kept (null: kept)',
    tags,
    policy: manage,
    response: RetentionSetting,
  }),
  saveSetting: endpoint({
    method: 'PUT',
    path: '/api/wellbeing/retention',
    summary: '设置学生健康明细的保留期限（记入审计日志） / set the retention of pupil-level health rows (audited)',
    tags,
    policy: manage,
    body: z.object({ retentionYears: Years.nullable() }),
    response: RetentionSetting,
  }),
  preview: endpoint({
    method: 'GET',
    path: '/api/wellbeing/retention/preview',
    summary:
      '按保留期限将清除哪些学年的学生明细（各类数据的行数）以及保留的汇总数；years 可预览尚未保存的设置 / which years of which kind a retention would purge (pupil rows per kind and year) and the tallies kept; years previews an unsaved setting',
    tags,
    policy: manage,
    query: z.object({ years: z.coerce.number().pipe(Years).optional() }),
    response: RetentionPreview,
  }),
  purge: endpoint({
    method: 'POST',
    path: '/api/wellbeing/retention/purge',
    summary:
      '按已保存的保留期限清除到期的学生明细：先保存各校、年级、性别的汇总，再删除明细，全部在一个事务中完成（记入审计日志）；retentionYears 须与已保存的设置一致 / purge the pupil rows past the saved retention: tallies stored, rows removed, in one transaction (audited); retentionYears must match the saved setting',
    tags,
    policy: manage,
    body: z.object({ retentionYears: Years }),
    response: PurgeResult,
  }),
};

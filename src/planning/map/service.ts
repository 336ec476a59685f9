// Planning: the school layout map — the map's data from the registry (sites, enrolments, classes) and balance (the
// pack's class-size standards and per-school standards), and the map layers the bureau uploads (validated GeoJSON,
// audited in the same transaction as the change).
import type { Db } from '../../core/db/index.js';
import type { CurrentUser } from '../../core/auth/roles.js';
import { AppError, notFound } from '../../core/http/errors.js';
import { recordAudit } from '../../core/audit/store.js';
import { classCounts, enrolmentRecords, schoolSites } from '../../registry/lookup.js';
import type { PlanningDeps } from '../deps.js';
import { MAP_FIGURES, MAP_INDICATORS, type MapIndicatorInfo, type MapLayer, type MapLayers, type MapQuery, type MapReport } from './contract.js';
import { parseLayerFile, validateLayer, type LayerKind, type LayerProblem } from './geojson.js';
import { candidatesOf, mapSchools } from './indicators.js';
import * as store from './store.js';

type User = Pick<CurrentUser, 'districtId' | 'username'>;

/** The audit log's entity of a map layer (its key: the kind). */
export const LAYER_ENTITY = 'planning-map-layer';

/** Names, units and one-line definitions of the indicators (zh / en). */
function indicatorInfo(outOf: number | null): MapIndicatorInfo[] {
  const words: Record<(typeof MAP_INDICATORS)[number], { name: [string, string]; unit: [string, string]; note: [string, string] }> = {
    students: { name: ['在校生数', 'Students'], unit: ['人', ''], note: ['该学年各年级在校生之和', 'Sum of the year’s enrolments over the grades'] },
    classes: { name: ['班级数', 'Classes'], unit: ['个', ''], note: ['该学年的教学班数', 'Classes of the year'] },
    avgClassSize: { name: ['平均班额', 'Average class size'], unit: ['人/班', 'per class'], note: ['在校生数 ÷ 班级数', 'Students ÷ classes'] },
    overStandardShare: {
      name: ['超标准班额占比', 'Classes over the standard size'],
      unit: ['%', '%'],
      note: ['超过所在年级标准班额的班级 ÷ 班级数（标准班额取自评估标准）', 'Classes above their grade’s standard size ÷ classes (standard sizes from the standards pack)'],
    },
    balanceMet: {
      name: ['均衡指标达标项数', 'Balance standards met'],
      unit: outOf === null ? ['项', 'standards'] : [`项（共 ${outOf} 项）`, `of ${outOf}`],
      note: ['按评估标准逐校达标的资源配置指标项数；九年一贯制等学校取较弱学段', 'Resource standards the school meets under the pack; a 一贯制 school shows its weaker section'],
    },
    nearestKm: {
      name: ['到最近同学段学校距离', 'Distance to the nearest school of the level'],
      unit: ['公里', 'km'],
      note: ['按坐标计算的球面直线距离，到最近的可接收其学生的在办学校', 'Great-circle distance to the nearest open school that teaches all its grades'],
    },
  };
  return MAP_INDICATORS.map((key) => ({
    key,
    name: { zh: words[key].name[0], en: words[key].name[1] },
    unit: { zh: words[key].unit[0], en: words[key].unit[1] },
    figure: { ...MAP_FIGURES[key] },
    outOf: key === 'balanceMet' ? outOf : null,
    note: { zh: words[key].note[0], en: words[key].note[1] },
  }));
}

/** 422 invalid_file naming every problem of an uploaded layer (the format of the other imports: file, message, text). */
function refusedLayer(fileName: string, problems: LayerProblem[]): AppError {
  return new AppError(422, 'invalid_file', `${fileName}：${problems.length} 处问题，图层未保存 / ${fileName}: ${problems.length} problems, the layer was not saved`, {
    problems: problems.map((p) => ({ file: fileName, feature: p.feature, row: null, column: null, message: `${p.zh} / ${p.en}`, zh: p.zh, en: p.en, text: `${fileName}，${p.zh} / ${p.en}` })),
  });
}

const toLayer = (r: store.LayerRow): MapLayer => ({ kind: r.kind, name: r.name, uploadedBy: r.uploadedBy, uploadedAt: r.uploadedAt, features: r.geojson.features.length, geojson: r.geojson });

export class MapService {
  constructor(
    readonly db: Db,
    readonly deps: PlanningDeps,
  ) {}

  /** The map of one school year: open schools with their indicators, those without coordinates, the candidates. */
  async report(user: User, q: MapQuery): Promise<MapReport> {
    const d = user.districtId;
    const year = q.year ?? (await this.deps.registry.currentYear(d));
    const evaluation = await this.deps.balance.evaluate(d, year, q.standard, q.version);
    const sizes = await this.deps.balance.classSizes(d, year, q.standard, q.version);
    const [sites, enrolments, classes] = await Promise.all([schoolSites(this.db, d), enrolmentRecords(this.db, d), classCounts(this.db, d)]);
    const schools = mapSchools(
      {
        sites,
        enrolments: enrolments.filter((r) => r.year === year),
        classes: classes.filter((r) => r.year === year),
        overStandard: sizes.list,
        balance: Object.values(evaluation.levels).flatMap((lv) => lv.schools.map((s) => ({ schoolCode: s.schoolCode, met: s.met }))),
      },
      q.indicator,
      q.threshold,
    );
    const outOf = evaluation.pack.schoolRule ? evaluation.pack.indicators.length : null;
    return {
      year,
      indicator: q.indicator,
      threshold: q.threshold,
      standard: { id: evaluation.standard, version: evaluation.version, name: evaluation.name },
      indicators: indicatorInfo(outOf),
      schools: schools.filter((s) => s.lat !== null),
      withoutCoordinates: schools.filter((s) => s.lat === null),
      candidates: candidatesOf(schools),
      totals: { schools: schools.length, students: schools.reduce((a, s) => a + (s.students ?? 0), 0) },
    };
  }

  async layers(user: User): Promise<MapLayers> {
    const rows = await store.listLayers(this.db, user.districtId);
    const of = (k: LayerKind) => {
      const r = rows.find((x) => x.kind === k);
      return r ? toLayer(r) : null;
    };
    return { boundary: of('boundary'), catchments: of('catchments') };
  }

  /** Validate an uploaded GeoJSON file and store it as the district's layer of this kind (replacing any), audited. */
  async putLayer(user: User, kind: LayerKind, fileName: string, bytes: Buffer): Promise<MapLayer> {
    if (!/\.(geo)?json$/i.test(fileName))
      throw new AppError(422, 'invalid_file', `${fileName}：请上传 .geojson 或 .json 文件 / ${fileName}: upload a .geojson or .json file`, {
        problems: [
          {
            file: fileName,
            feature: null,
            row: null,
            column: null,
            message: '请上传 .geojson 或 .json 文件 / upload a .geojson or .json file',
            zh: '请上传 .geojson 或 .json 文件',
            en: 'Upload a .geojson or .json file',
            text: `${fileName}：请上传 .geojson 或 .json 文件 / upload a .geojson or .json file`,
          },
        ],
      });
    const parsed = parseLayerFile(bytes);
    if (!parsed.ok) throw refusedLayer(fileName, parsed.problems);
    const checked = validateLayer(kind, parsed.value);
    if (!checked.ok) throw refusedLayer(fileName, checked.problems);
    const name = fileName.slice(0, 200);
    await this.db.transaction(async (tx) => {
      const before = await store.getLayer(tx, user.districtId, kind);
      await store.upsertLayer(tx, user.districtId, kind, name, checked.geojson, user.username);
      await recordAudit(tx, user.districtId, [
        {
          username: user.username,
          action: 'import',
          entity: LAYER_ENTITY,
          entityKey: kind,
          oldValue: before ? { name: before.name, features: before.geojson.features.length, uploadedBy: before.uploadedBy, uploadedAt: before.uploadedAt } : undefined,
          newValue: { name, features: checked.geojson.features.length },
          detail: fileName,
          rowCount: checked.geojson.features.length,
        },
      ]);
    });
    const saved = await store.getLayer(this.db, user.districtId, kind);
    return toLayer(saved as store.LayerRow);
  }

  /** Remove the district's layer of this kind (404 when there is none), audited. */
  async deleteLayer(user: User, kind: LayerKind): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await store.getLayer(tx, user.districtId, kind);
      if (!before) throw notFound(`没有${kind === 'boundary' ? '区县边界' : '学区'}图层 / there is no ${kind} layer`);
      await store.deleteLayer(tx, user.districtId, kind);
      await recordAudit(tx, user.districtId, [
        {
          username: user.username,
          action: 'delete',
          entity: LAYER_ENTITY,
          entityKey: kind,
          oldValue: { name: before.name, features: before.geojson.features.length, uploadedBy: before.uploadedBy, uploadedAt: before.uploadedAt },
          detail: before.name,
        },
      ]);
    });
  }
}

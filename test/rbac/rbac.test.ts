// The RBAC matrix over every route: each table file's rows run against a fresh test district.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';
import { runMatrix, type TestApp } from './matrix.js';
import { coreRows } from './core.matrix.js';
import { examRows, setupExams } from './exams.matrix.js';
import { growthRows, setupGrowth } from './growth.matrix.js';
import { registryRows, setupRegistry } from './registry.matrix.js';
import { balanceRows, setupBalance } from './balance.matrix.js';
import { admissionsRows, setupAdmissions } from './admissions.matrix.js';
import { wellbeingRows } from './wellbeing.matrix.js';
import { visionRows } from './wellbeing-vision.matrix.js';
import { burdenRows } from './wellbeing-burden.matrix.js';
import { surveysRows } from './wellbeing-surveys.matrix.js';
import { retentionRows } from './wellbeing-retention.matrix.js';
import { forecastRows } from './planning-forecast.matrix.js';
import { exchangeRows } from './planning-exchange.matrix.js';
import { pairingRows } from './planning-pairing.matrix.js';
import { mapRows } from './planning-map.matrix.js';
import { rosterRows } from './teachers-roster.matrix.js';
import { trainingRows } from './teachers-training.matrix.js';
import { movesRows } from './teachers-moves.matrix.js';
import { structureRows } from './teachers-structure.matrix.js';
import { API } from '../../src/contracts.js';

describe('RBAC matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  it('core routes: system, sign-in, accounts, audit', async () => {
    await runMatrix(t, coreRows);
  });

  it('exams: exams, import and its job, report, PDF, students, report cards, comparison, items, workbook', async () => {
    await runMatrix(t, examRows(await setupExams(t)));
  }, 120_000);

  it('growth: value-added, students, targets, workbook and PDF', async () => {
    await runMatrix(t, growthRows(await setupGrowth(t)));
  }, 120_000);

  it('registry: vocabulary, overview, schools, yearly figures and their workflow, review, template, export, upload', async () => {
    await runMatrix(t, registryRows(await setupRegistry(t)));
  }, 120_000);

  it('balance: standards packs, evaluation, plan, trend, class sizes, saved evaluations, workbook and PDFs', async () => {
    await runMatrix(t, balanceRows(await setupBalance(t)));
  }, 180_000);

  it('admissions: draws and their workflow, the 公民同招 report, the public draws', async () => {
    await setupAdmissions(t);
    await runMatrix(t, admissionsRows());
  }, 120_000);

  it('wellbeing: fitness import, report (scoped, small cells withheld), pupil rows', async () => {
    await runMatrix(t, wellbeingRows());
  }, 120_000);

  it('vision: screening import, myopia report (scoped, small cells withheld), pupil rows', async () => {
    await runMatrix(t, visionRows());
  }, 120_000);

  it('burden: homework and sleep import, report, pupil rows', async () => {
    await runMatrix(t, burdenRows());
  }, 120_000);

  it('surveys: questionnaires, surveys, sampling plans, access codes, anonymous answers, results', async () => {
    await runMatrix(t, surveysRows());
  }, 120_000);

  it('retention: the setting and the purge of pupil-level health rows', async () => {
    await runMatrix(t, retentionRows());
  }, 120_000);

  it('planning: seat forecast, its inputs and backtest', async () => {
    await runMatrix(t, forecastRows());
  }, 120_000);

  it('planning: teacher-exchange plans (the bureau and its personnel staff)', async () => {
    await runMatrix(t, exchangeRows());
  }, 120_000);

  it('planning: pairings (教共体)', async () => {
    await runMatrix(t, pairingRows());
  }, 120_000);

  it('planning: the layout map and its layers', async () => {
    await runMatrix(t, mapRows());
  }, 120_000);

  it('teachers: the roster (personal rows: the personnel staff and the own school)', async () => {
    await runMatrix(t, rosterRows());
  }, 120_000);

  it('teachers: training courses and hours', async () => {
    await runMatrix(t, trainingRows());
  }, 120_000);

  it('teachers: moves (交流、支教、调动) and the yearly exchange rules', async () => {
    await runMatrix(t, movesRows());
  }, 120_000);

  it('teachers: structure and pipeline', async () => {
    await runMatrix(t, structureRows());
  }, 120_000);
});

describe('RBAC coverage', () => {
  it('every route of the contracts has a row, and every /api route of the server is a contract route', async () => {
    const t = await testApp();
    try {
      const declared = Object.entries(API).flatMap(([area, c]) => Object.keys(c).map((k) => `${area}.${k}`));
      const covered = new Set(
        [
          ...coreRows,
          ...examRows({ examId: 0, earlierId: 0, emptyId: 0, jobId: '' }),
          ...growthRows({ from: 0, to: 0 }),
          ...registryRows({ fileA: Buffer.alloc(0), fileB: Buffer.alloc(0) }),
          ...balanceRows({ evaluationId: 0 }),
          ...admissionsRows(),
          ...wellbeingRows(),
          ...visionRows(),
          ...burdenRows(),
          ...surveysRows(),
          ...retentionRows(),
          ...forecastRows(),
          ...exchangeRows(),
          ...pairingRows(),
          ...mapRows(),
          ...rosterRows(),
          ...trainingRows(),
          ...movesRows(),
          ...structureRows(),
        ].map((r) => r.route),
      );
      const missing = declared.filter((d) => !covered.has(d));
      expect(missing, 'routes without a matrix row').toEqual([]);
      const unknown = [...covered].filter((c) => !declared.includes(c));
      expect(unknown, 'matrix rows naming no route').toEqual([]);
      const served = (t.app as unknown as { routeList: { method: string; url: string; contract: boolean }[] }).routeList.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
      expect(
        served.filter((r) => !r.contract).map((r) => `${r.method} ${r.url}`),
        'API routes not declared by a contract',
      ).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

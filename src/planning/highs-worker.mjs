// HiGHS off the main thread (src/planning/highs.ts keeps one of these and sends it one model at a time). HiGHS runs
// in WASM and blocks its thread for the whole solve, so the server's event loop must never run it. Plain JS so that
// it loads the same way under tsx, vitest and node (dist/ gets it from scripts/build.mjs, which copies every
// non-TypeScript file of src/).
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';

// highs.constants.modelStatus → the names HiGHS prints (the legacy `solve()` API's `Status` strings).
const STATUS = [
  'Not Set',
  'Load error',
  'Model error',
  'Presolve error',
  'Solve error',
  'Postsolve error',
  'Empty',
  'Optimal',
  'Infeasible',
  'Primal infeasible or unbounded',
  'Unbounded',
  'Bound on objective reached',
  'Target for objective reached',
  'Time limit reached',
  'Iteration limit reached',
  'Unknown',
  'Solution limit reached',
  'Interrupted',
];
// A model with integer columns has one of these CPLEX LP sections.
const INTEGER_SECTION = /^\s*(general|generals|gen|integer|integers|binary|binaries|bin)\s*$/im;
const FEASIBLE = 2; // primal_solution_status: kSolutionStatusFeasible

const highs = await loadHighs();

function solve({ lp, timeLimitSeconds, mipRelGap }) {
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    const options = { output_flag: false, random_seed: 0 };
    if (timeLimitSeconds !== undefined) options.time_limit = timeLimitSeconds;
    if (mipRelGap !== undefined) options.mip_rel_gap = mipRelGap;
    model.options.set(options);
    const { modelStatus } = model.run();
    const hasSolution = Number(model.info.get('primal_solution_status')) === FEASIBLE;
    const gap = INTEGER_SECTION.test(lp) && hasSolution ? Number(model.info.get('mip_gap')) : NaN;
    const names = [];
    let values = new Float64Array(0);
    if (hasSolution) {
      const n = model.getDimensions().numCols;
      for (let i = 0; i < n; i++) names.push(model.getColName(i));
      values = Float64Array.from(model.getSolution().colValue);
    }
    return {
      status: STATUS[modelStatus] ?? `Status ${modelStatus}`,
      objective: hasSolution ? model.getObjectiveValue() : null,
      mipGap: Number.isFinite(gap) ? gap : null,
      names,
      values,
    };
  } finally {
    model.dispose();
  }
}

parentPort.on('message', (job) => {
  let answer;
  try {
    answer = { id: job.id, ok: true, ...solve(job) };
  } catch (e) {
    // After a WASM abort the runtime is unusable: highs.ts ends this worker on any error.
    parentPort.postMessage({ id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) });
    return;
  }
  parentPort.postMessage(answer, [answer.values.buffer]);
});
parentPort.postMessage({ ready: true });

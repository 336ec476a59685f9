// Where the shared public reference data (../shared/data: the SGPdata sample and the R-computed SGP oracle)
// lives: JUNHENG_SHARED_DATA, else next to the checkout (../shared/data), else the workspace's /work/shared/data.
// The reference checks need it; a checkout elsewhere still finds it through the last two candidates.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const candidates = [process.env.JUNHENG_SHARED_DATA, path.resolve(ROOT, '../shared/data'), '/work/shared/data'].filter((x): x is string => !!x);
export const SHARED_DATA = candidates.find((d) => fs.existsSync(path.join(d, 'sgpdata'))) ?? candidates[1];

// Item analysis of one paper (standards.md §4.4): per item 难度 P, 区分度 D (27 % extreme groups by total), item–total
// and item–rest correlations with their quality bands; for the paper the full-marks-weighted P and D and the
// reliability (α, KR-20, split-half with Spearman–Brown, SEM).
import { pearson } from './correlation.js';
import { difficulty, fullWeightedMean } from './difficulty.js';
import { discrimination } from './discrimination.js';
import { extremeGroups } from './extreme-groups.js';
import { alphaAcceptable, difficultyBand, discriminationBand, type DifficultyBand, type DiscriminationBand } from './quality.js';
import { reliability, type Reliability } from './reliability.js';

export interface ItemSpec {
  name: string;
  full: number;
  /** Objective (客观题): right (full marks) or wrong; else subjective (主观题). */
  objective: boolean;
}

export interface ItemStats extends ItemSpec {
  /** Students with a score on the item. */
  n: number;
  difficulty: number | null;
  discrimination: number | null;
  itemTotal: number | null;
  itemRest: number | null;
  difficultyBand: DifficultyBand | null;
  discriminationBand: DiscriminationBand | null;
}

export interface ItemAnalysis {
  items: ItemStats[];
  groups: { n: number; k: number; highCut: number | null; lowCut: number | null; share: number };
  paper: { difficulty: number | null; discrimination: number | null; reliability: Reliability; alphaAcceptable: boolean | null };
}

/**
 * @param scores per item, one score per student (NaN = none)
 * @param totals per student, the paper total (NaN = none) that ranks students for the extreme groups and the item–total r
 */
export function analyzeItems(items: readonly ItemSpec[], scores: readonly Float64Array[], totals: Float64Array, options: { groupShare?: number } = {}): ItemAnalysis {
  if (scores.length !== items.length) throw new RangeError(`${scores.length} score columns for ${items.length} items`);
  scores.forEach((col, j) => {
    if (col.length !== totals.length) throw new RangeError(`item ${items[j].name}: ${col.length} scores for ${totals.length} students`);
    if (!(items[j].full > 0)) throw new RangeError(`item ${items[j].name}: full marks ${items[j].full}`);
  });
  const share = options.groupShare ?? 0.27;
  const groups = extremeGroups(totals, share);
  const stats: ItemStats[] = items.map((item, j) => {
    const col = scores[j];
    let n = 0;
    for (let i = 0; i < col.length; i++) if (col[i] === col[i]) n++;
    const p = difficulty(col, item.full, item.objective);
    const d = discrimination(col, item.full, item.objective, groups);
    return {
      ...item,
      n,
      difficulty: p,
      discrimination: d,
      itemTotal: pearson(col, totals),
      itemRest: pearson(col, totals, true),
      difficultyBand: difficultyBand(p),
      discriminationBand: discriminationBand(d),
    };
  });
  const fulls = items.map((i) => i.full);
  const rel = reliability(scores);
  return {
    items: stats,
    groups: { n: groups.n, k: groups.k, highCut: groups.highCut, lowCut: groups.lowCut, share },
    paper: {
      difficulty: fullWeightedMean(
        stats.map((s) => s.difficulty),
        fulls,
      ),
      discrimination: fullWeightedMean(
        stats.map((s) => s.discrimination),
        fulls,
      ),
      reliability: rel,
      alphaAcceptable: alphaAcceptable(rel.alpha),
    },
  };
}

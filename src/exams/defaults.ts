// The names and defaults of Junheng's exam numbers, defined once: the key of the total (总分), the default cut
// lines (0.85 / 0.6 / 0.4 of full marks) and x of 后x%率. Pure constants: the contract and the web import them too.

/** The total of the subjects: its key in every per-column record, in the CLI's JSON and in the exports. */
export const TOTAL = '总分';
/** Header texts and long-sheet 科目 values (normalised: see detect.ts) that are a total: computed, never imported. */
export const TOTAL_NAMES: readonly string[] = [TOTAL, '总成绩', '合计', '总计'];

/** Cut lines as shares of full marks. */
export interface CutShares {
  excellent: number;
  pass: number;
  low: number;
}

/** The default cut lines of an exam and of `junheng exam report`. */
export const DEFAULT_CUTS: Readonly<CutShares> = Object.freeze({ excellent: 0.85, pass: 0.6, low: 0.4 });
/** The same as the database and the API write them (decimal strings: "0.85", "0.6", "0.4"). */
export const DEFAULT_CUT_TEXT: Readonly<Record<keyof CutShares, string>> = Object.freeze({
  excellent: String(DEFAULT_CUTS.excellent),
  pass: String(DEFAULT_CUTS.pass),
  low: String(DEFAULT_CUTS.low),
});
/** x of 后x%率 by default. */
export const DEFAULT_BOTTOM_PERCENTILE = 30;

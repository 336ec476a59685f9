// The shape every bench file returns. A bench file is bench/NAME.bench.ts whose default export is
// `async function (): Promise<BenchResult[]>`; bench/run.ts finds, runs and prints them.

export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  /** The figure to beat. An upper bound (value < target) unless `better` is 'higher'. */
  target?: number;
  /** Set by the bench to decide itself; otherwise the runner compares value with target. */
  pass?: boolean;
  /** Direction of `target`; default 'lower' (times, memory). */
  better?: 'lower' | 'higher';
  note?: string;
};

export type BenchFile = () => Promise<BenchResult[]>;

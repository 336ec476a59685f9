// Teacher exchange (交流轮岗, issue 16 item 2): the domain's types, the default rules (教师〔2014〕4号: at least 10 % of
// the eligible teachers rotate each year, 骨干 at least 20 % of those who rotate) and the one error an impossible set
// of rules gives. The optimiser is solve.ts (its model: mip.ts), the independent checker check.ts.

export const EXCHANGE_METHOD = 'junheng-exchange-v1';

export interface ExchangeTeacher {
  teacherId: string;
  schoolCode: string;
  subject: string;
  /** 骨干教师 */
  backbone: boolean;
  /** 本校任教年限 */
  yearsAtSchool: number;
  age: number;
}

export interface ExchangeSchool {
  schoolCode: string;
  schoolName: string;
  /** 在校生数 P_s */
  students: number;
  /** Planar coordinates in km (any local projection); distances are Euclidean on them. */
  xKm: number;
  yKm: number;
}

/**
 * A bureau's decision about one teacher: `stay` (must not move), `move` (must move; with `schoolCode`: must move to
 * that school), `not_to` (must not move to `schoolCode`). A teacher may have several `not_to` pins.
 */
export interface ExchangePin {
  teacherId: string;
  kind: 'stay' | 'move' | 'not_to';
  schoolCode?: string;
}

export interface ExchangeRules {
  /** Movers ≥ ⌈rate × eligible⌉ (交流比例). */
  rate: number;
  /** 骨干 movers ≥ backboneShare × movers (骨干比例). */
  backboneShare: number;
  /** Eligible: years at the school ≥ minYears … */
  minYears: number;
  /** … and age < maxAge. */
  maxAge: number;
  /** No move longer than this (km, straight line). */
  maxKm: number;
  pins: ExchangePin[];
  /** Relative MIP gap at which the solver stops (fraction; default 0.01 = 1 %). */
  mipGap?: number;
  /** Seconds for the optimisation (default 60). */
  timeLimitSeconds?: number;
}

export const DEFAULT_EXCHANGE_RULES: ExchangeRules = {
  rate: 0.1,
  backboneShare: 0.2,
  minYears: 6,
  maxAge: 55,
  maxKm: 30,
  pins: [],
  mipGap: 0.01,
  timeLimitSeconds: 60,
};

export interface ExchangeMove {
  teacherId: string;
  from: string;
  to: string;
  subject: string;
  backbone: boolean;
  km: number;
}

export interface ExchangeMetrics {
  teachers: number;
  eligible: number;
  /** ⌈rate × eligible⌉ */
  required: number;
  movers: number;
  backboneMovers: number;
  /** ⌈backboneShare × movers⌉ */
  requiredBackbone: number;
  /** D = Σ_s |B_s − μ·P_s| before and after the moves (μ = district 骨干 / students). */
  dBefore: number;
  dAfter: number;
  /** Student-weighted 差异系数 of 骨干 per 100 students (0 when the district has no 骨干 or no students). */
  cvBefore: number;
  cvAfter: number;
}

export interface ExchangeViolation {
  rule: 'eligible' | 'once' | 'rate' | 'backbone_share' | 'balance' | 'max_km' | 'pin' | 'unknown';
  /** 中文 / English */
  message: string;
  teacherId?: string;
  schoolCode?: string;
  subject?: string;
}

export interface ExchangeSolution extends ExchangeMetrics {
  method: typeof EXCHANGE_METHOD;
  moves: ExchangeMove[];
  /** The proven relative gap of D as HiGHS reports it (fraction; 0 when D was solved exactly or needed no solver). */
  mipGap: number;
  /** optimal: gap ≈ 0; gap_reached: stopped within rules.mipGap; time_limit: stopped by the time limit (gap as shown). */
  status: 'optimal' | 'gap_reached' | 'time_limit';
  seconds: number;
}

/** The rules cannot all hold: `rule` names the binding one (the one whose relaxation alone makes a plan possible). */
export class ExchangeInfeasible extends Error {
  constructor(
    readonly rule: ExchangeViolation['rule'],
    message: string,
  ) {
    super(message);
    this.name = 'ExchangeInfeasible';
  }
}

/** The solver found no plan at all within the time limit (the rules may still be feasible): try a longer limit. */
export class ExchangeNoPlan extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeNoPlan';
  }
}

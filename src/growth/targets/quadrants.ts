// Achievement × growth quadrants of schools: achievement = the school's mean exit z-score (gain/student-gain.ts),
// growth = its value-added effect (va/). Split 'sign' (default) cuts at 0 — the district mean of z and the VA mean;
// 'median' cuts at the district medians over the schools given (unweighted), so half the schools fall on each side.
// A value equal to the cut counts as high.
import { median } from './median.js';

export type Split = 'sign' | 'median';
export type Quadrant = 'high-achievement-high-growth' | 'high-achievement-low-growth' | 'low-achievement-high-growth' | 'low-achievement-low-growth';

export const QUADRANT_LABEL: Record<Quadrant, string> = {
  'high-achievement-high-growth': '高成就·高增长',
  'high-achievement-low-growth': '高成就·低增长',
  'low-achievement-high-growth': '低成就·高增长',
  'low-achievement-low-growth': '低成就·低增长',
};

export interface SchoolPoint {
  school: string;
  achievement: number;
  growth: number;
}

export interface QuadrantResult {
  cuts: { achievement: number; growth: number };
  schools: (SchoolPoint & { quadrant: Quadrant })[];
}

export function quadrants(points: readonly SchoolPoint[], split: Split = 'sign'): QuadrantResult {
  const cuts = split === 'median' ? { achievement: median(points.map((p) => p.achievement)), growth: median(points.map((p) => p.growth)) } : { achievement: 0, growth: 0 };
  return {
    cuts,
    schools: points.map((p) => {
      const a = p.achievement >= cuts.achievement ? 'high' : 'low';
      const g = p.growth >= cuts.growth ? 'high' : 'low';
      return { ...p, quadrant: `${a}-achievement-${g}-growth` as Quadrant };
    }),
  };
}

// Whether a teacher meets the training targets (TEACHER_TARGETS.training): the year when hours ≥ yearHours (96 h; exactly
// 96 meets it), the window when hours ≥ windowHours (360 h over 5 years); the shortfall = max(0, target − hours). Pure.
import { roundTo } from '../../core/format.js';
import type { TeacherTargets } from '../targets.js';
import type { TeacherHours } from './teacher-hours.js';

export type TrainingTargets = TeacherTargets['training'];

/** hours ≥ yearHours */
export const meetsYear = (h: number, t: TrainingTargets): boolean => h >= t.yearHours;
/** hours ≥ windowHours */
export const meetsWindow = (h: number, t: TrainingTargets): boolean => h >= t.windowHours;
/** max(0, target − hours), to 6 decimals. */
export const shortOf = (h: number, target: number): number => Math.max(0, roundTo(target - h, 6));

/** Below either target (the list of teachers short of hours). */
export const belowTarget = (h: TeacherHours, t: TrainingTargets, which: 'year' | 'window' | 'any'): boolean =>
  which === 'year' ? !meetsYear(h.year, t) : which === 'window' ? !meetsWindow(h.window, t) : !meetsYear(h.year, t) || !meetsWindow(h.window, t);

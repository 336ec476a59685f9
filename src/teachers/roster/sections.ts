// 学部 (sections) of a school by its level: a single-level school has one (its rows carry section null), a 一贯制 or
// 完全中学 school two or three, and each of its roster rows names one. Pure module: the web imports it.
import type { SchoolLevel } from '../../registry/model.js';
import type { Section } from '../model.js';

const SECTIONS_OF_LEVEL: Record<SchoolLevel, readonly Section[]> = {
  小学: ['小学'],
  教学点: ['小学'],
  初中: ['初中'],
  九年一贯制: ['小学', '初中'],
  完全中学: ['初中', '高中'],
  十二年一贯制: ['小学', '初中', '高中'],
};

/** The sections of a school of this level, lowest first. */
export function sectionsOfLevel(level: SchoolLevel): Section[] {
  return [...SECTIONS_OF_LEVEL[level]];
}

/** Does a school of this level have more than one section (so that its roster rows must name one)? */
export function hasSections(level: SchoolLevel): boolean {
  return SECTIONS_OF_LEVEL[level].length > 1;
}

/**
 * The section a roster row is counted in: a single-level school's only section (whatever the row says), or the row's own
 * for a multi-section school. A row without a section, or with one the school does not have (the registry changed the
 * school's level after the roster was written), is counted in the school's first section and flagged by
 * sectionNeedsCheck — the import and the forms refuse such rows, so only a level change leaves them.
 */
export function sectionOf(level: SchoolLevel, section: Section | null): Section {
  const list = SECTIONS_OF_LEVEL[level];
  return section !== null && list.includes(section) ? section : list[0];
}

/**
 * Does a stored row's section need checking against the school's level (学部需核对)? A multi-section school's row without
 * one of its sections; a single-level school's row naming another section than the school's (both left by a level
 * change).
 */
export function sectionNeedsCheck(level: SchoolLevel, section: Section | null): boolean {
  const list = SECTIONS_OF_LEVEL[level];
  if (list.length === 1) return section !== null && section !== list[0];
  return section === null || !list.includes(section);
}

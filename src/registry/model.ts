// Domain vocabulary of the school registry. Stored values are the Chinese terms bureaus use.

export const SCHOOL_LEVELS = ['小学', '初中', '九年一贯制', '完全中学', '十二年一贯制', '教学点'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const LEVEL_EN: Record<SchoolLevel, string> = {
  小学: 'Primary',
  初中: 'Junior secondary',
  九年一贯制: 'Nine-year school',
  完全中学: 'Complete secondary',
  十二年一贯制: 'Twelve-year school',
  教学点: 'Teaching point',
};
/** Grades a school of each level may enrol (1–6 小学, 7–9 初中, 10–12 高中). */
export const GRADES_OF_LEVEL: Record<SchoolLevel, number[]> = {
  小学: [1, 2, 3, 4, 5, 6],
  初中: [7, 8, 9],
  九年一贯制: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  完全中学: [7, 8, 9, 10, 11, 12],
  十二年一贯制: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  教学点: [1, 2, 3, 4, 5, 6],
};

export const OWNERSHIPS = ['公办', '民办'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const OWNERSHIP_EN: Record<Ownership, string> = { 公办: 'Public', 民办: 'Private' };

export const LOCATIONS = ['城区', '镇区', '乡村'] as const;
export type Location = (typeof LOCATIONS)[number];
export const LOCATION_EN: Record<Location, string> = { 城区: 'Urban', 镇区: 'Town', 乡村: 'Rural' };

/** Workflow of a school's yearly statistics: 填报中 → 已提交 → 已审核 (locked), or 已退回 with a comment. */
export const STAT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type StatStatus = (typeof STAT_STATUSES)[number];
export const STATUS_ZH: Record<StatStatus, string> = { draft: '填报中', submitted: '已提交', approved: '已审核', returned: '已退回' };

export interface School {
  districtId: string;
  code: string; // 学校标识码 (10 digits)
  name: string;
  level: SchoolLevel;
  ownership: Ownership;
  location: Location;
  isIsland: boolean;
  isBoarding: boolean;
  address: string | null;
  lat: number | null;
  lng: number | null;
  groupName: string | null; // 集团 or 教共体
  isOpen: boolean;
}

/** 学校标识码: the 10-digit national school identifier. */
export const SCHOOL_CODE_PATTERN = /^\d{10}$/;

// The word for "the whole district" in user-facing text, from the district's own name: 全县 for a 县, 全区 for a 区,
// 全市 for a county-level 市, 全旗 for a 旗 (Inner Mongolia). Every report and page says it the same way. Pure: the web imports it.

export interface DistrictTerm {
  /** 全县 / 全区 / 全市 / 全旗 — "全县平均" */
  zh: string;
  /** 县 / 区 / 市 / 旗 — "本县" */
  unitZh: string;
  /** "county" / "district" / "city" / "banner" — "county mean" */
  en: string;
}

const TERMS: readonly (readonly [suffix: string, term: DistrictTerm])[] = [
  ['自治县', { zh: '全县', unitZh: '县', en: 'county' }],
  ['县', { zh: '全县', unitZh: '县', en: 'county' }],
  ['区', { zh: '全区', unitZh: '区', en: 'district' }],
  ['市', { zh: '全市', unitZh: '市', en: 'city' }],
  ['旗', { zh: '全旗', unitZh: '旗', en: 'banner' }],
];

/** 全区 / district when the name does not say (a name such as "示范" or an English name). */
export const DEFAULT_TERM: DistrictTerm = { zh: '全区', unitZh: '区', en: 'district' };

/** The district's own word, from its name: "舟山市定海区" → 全区, "某某县" → 全县, "兴化市" → 全市. */
export function districtTerm(name: string | null | undefined): DistrictTerm {
  const n = (name ?? '').trim().replace(/[（(][^）)]*[）)]$/, ''); // "某县（演示）" reads as 某县
  for (const [suffix, term] of TERMS) if (n.endsWith(suffix)) return term;
  return DEFAULT_TERM;
}

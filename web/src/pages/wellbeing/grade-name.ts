// Grade names on the wellbeing pages (fitness, vision, homework and sleep): one vocabulary, as the 2014 fitness
// standard writes them (一年级 … 六年级, 初一 … 初三); in English the page's own "Grade N".
const GRADE_ZH: Record<number, string> = { 1: '一年级', 2: '二年级', 3: '三年级', 4: '四年级', 5: '五年级', 6: '六年级', 7: '初一', 8: '初二', 9: '初三' };

/** The grade's name in the page's language; `numbered` gives the dictionary's "Grade N" (and any grade outside 1–9). */
export const gradeLabel = (g: number, lang: 'zh' | 'en', numbered: (g: number) => string): string => (lang === 'en' ? numbered(g) : (GRADE_ZH[g] ?? numbered(g)));

// Interface language: a zh/en dictionary with a React context. Chinese is the default; the choice is kept in
// localStorage. Statistic labels come from /api/meta, not from here. The messages live in one file per language and
// area (i18n/zh/*.ts, i18n/en/*.ts); each English file has exactly the keys of its Chinese one (type-checked).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { balance as enBalance } from './i18n/en/balance.js';
import { common as enCommon } from './i18n/en/common.js';
import { registry as enRegistry } from './i18n/en/registry.js';
import { balance as zhBalance } from './i18n/zh/balance.js';
import { common as zhCommon } from './i18n/zh/common.js';
import { registry as zhRegistry } from './i18n/zh/registry.js';

export type Lang = 'zh' | 'en';

const zh = { ...zhCommon, ...zhRegistry, ...zhBalance };
const en: Record<keyof typeof zh, string> = { ...enCommon, ...enRegistry, ...enBalance };
const messages: Record<Lang, Record<string, string | undefined>> = { zh, en };

// A key defined in two areas would be silently overwritten by the spreads above: that is a type error here.
type Disjoint<A, B, C> = [Extract<keyof A, keyof B | keyof C> | Extract<keyof B, keyof C>] extends [never] ? true : false;
const _keysInTwoAreas: Disjoint<typeof zhCommon, typeof zhRegistry, typeof zhBalance> = true;

export type TKey = keyof typeof zh;
export type TFunc = (key: TKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunc;
  /** Pick the zh or en variant of a pair coming from the server (e.g. a field's zh/en). */
  pick: (zh: string | null | undefined, en: string | null | undefined) => string;
}

const I18nContext = createContext<I18nValue | null>(null);
const STORAGE_KEY = 'jh_lang';

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh' || v === 'en') return v;
  } catch {
    /* private mode */
  }
  return 'zh';
}

export function translate(lang: Lang, key: TKey, vars?: Record<string, string | number>): string {
  let s = messages[lang][key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (zh, en) => (lang === 'en' ? en || zh || '' : zh || en || ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

// Who is signed in, the registry metadata (API.registry.meta, used as the server types it) and the labels derived from it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { GRADE_EN, GRADE_ZH } from '../../src/registry/fields.js';
import { LEVEL_EN, LOCATION_EN, OWNERSHIP_EN } from '../../src/registry/model.js';
import { API, call } from './client.js';
import { useI18n, type TKey } from './i18n.js';
import type { Choice, Me, Meta, StatField, StatStatus } from './types.js';
import { inScope, type Capability, type Scope } from '../../src/core/auth/policy.js';
import { formatNumber } from '../../src/core/format.js';

// ---------- session context ----------

interface SessionValue {
  me: Me | null;
  meta: Meta | null;
  /** True until the first answer of API.auth.me. */
  checking: boolean;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}
const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [checking, setChecking] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const r = await call(API.auth.me, {}, { silent: true, no401Redirect: true });
      setMeState(r.user);
    } catch {
      setMeState(null);
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Metadata once signed in.
  useEffect(() => {
    if (!me || me.mustChangePassword || meta) return; // nothing but the password change until it is done
    let alive = true;
    call(API.registry.meta)
      .then((m) => alive && setMeta(m))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [me, meta]);

  const logout = useCallback(async () => {
    try {
      await call(API.auth.logout, {}, { silent: true, no401Redirect: true });
    } catch {
      /* signed out anyway */
    }
    setMeState(null);
  }, []);

  const value = useMemo<SessionValue>(() => ({ me, meta, checking, setMe: setMeState, refresh, logout }), [me, meta, checking, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user (only inside the authenticated layout). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('not signed in');
  return me;
}

/**
 * May the signed-in user use a capability (for a school)? Read from the capabilities API.auth.me sends,
 * which come from the server's one permission table (src/core/auth/policy.ts).
 */
export function can(me: Me | null, cap: Capability, school?: string | null): boolean {
  return !!me && inScope(me, me.capabilities[cap], school);
}

/** Does the user hold a capability in one of these scopes (any scope when none given)? Pages and menu entries. */
export function holds(me: Me, cap: Capability, scopes?: readonly Scope[]): boolean {
  const s = me.capabilities[cap];
  return !!s && (!scopes || scopes.includes(s));
}

/** `can` for the signed-in user, as a hook. */
export function useCan() {
  const { me } = useSession();
  return useCallback((cap: Capability, school?: string | null) => can(me, cap, school), [me]);
}

// ---------- labels ----------

export const STATUS_COLORS: Record<StatStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
};

export function useLabels() {
  const { lang, t, pick } = useI18n();
  const { meta } = useSession();
  return useMemo(() => {
    const choiceLabel = (list: Choice[] | undefined, fallbackEn: Record<string, string>, v: string | null | undefined) => {
      if (!v) return '';
      const c = list?.find((x) => x.value === v);
      if (c) return lang === 'en' ? c.en : c.zh;
      return lang === 'en' ? (fallbackEn[v] ?? v) : v;
    };
    const fieldMap = new Map((meta?.fields ?? []).map((f) => [f.key, f]));
    const grades = meta?.grades ?? { zh: GRADE_ZH, en: GRADE_EN };
    const gradeArr = lang === 'en' ? grades.en : grades.zh;
    return {
      level: (v: string | null | undefined) => choiceLabel(meta?.levels, LEVEL_EN, v),
      location: (v: string | null | undefined) => choiceLabel(meta?.locations, LOCATION_EN, v),
      ownership: (v: string | null | undefined) => choiceLabel(meta?.ownerships, OWNERSHIP_EN, v),
      status: (s: StatStatus | null | undefined) => (s ? t(`status.${s}` as TKey) : t('status.none')),
      role: (r: string) => t(`role.${r}` as TKey),
      grade: (g: number) => {
        const s = gradeArr.length >= 13 ? gradeArr[g] : gradeArr[g - 1];
        return s || (lang === 'en' ? `Grade ${g}` : `${g}年级`);
      },
      field: (key: string) => fieldMap.get(key),
      fieldLabel: (key: string) => {
        const f = fieldMap.get(key);
        return f ? pick(f.zh, f.en) : key;
      },
      unit: (f: StatField) => pick(f.unitZh, f.unitEn),
      topic: (key: string) => {
        const tp = meta?.topics.find((x) => x.key === key);
        return tp ? pick(tp.zh, tp.en) : key;
      },
      levels: meta?.levels ?? [],
      locations: meta?.locations ?? [],
      ownerships: meta?.ownerships ?? [],
      options: (list: Choice[]) => list.map((c) => ({ value: c.value, label: lang === 'en' ? c.en : c.zh })),
    };
  }, [lang, t, pick, meta]);
}

// ---------- number formatting ----------

/**
 * A figure with `digits` decimals, through the one formatter of the PDF reports and the workbooks (src/core/format.ts):
 * the same rounding (half away from zero, as Excel), thousands separators, "—" for a missing value, no float artefacts.
 * `lang` is accepted for the callers that pass it; both languages write figures the same way.
 */
export function fmt(n: number | null | undefined, digits = 0, _lang: 'zh' | 'en' = 'zh'): string {
  return formatNumber(n, { decimals: digits });
}

export function fmtTime(s: string | null | undefined): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "2024" → "2024–2025" (zh: 2024–2025学年). */
export function yearLabel(year: number, lang: 'zh' | 'en'): string {
  return lang === 'en' ? `${year}–${String(year + 1).slice(2)}` : `${year}–${year + 1}学年`;
}

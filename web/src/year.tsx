// The school year being looked at: chosen in the header, kept in a context and in the URL (?year=2024).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { API, call } from './client.js';
import type { YearInfo } from './types.js';

interface YearValue {
  year: number;
  years: YearInfo[];
  currentYear: number;
  setYear: (y: number) => void;
  /** A path with the current ?year= appended (keeps other query parameters given in `path`). */
  link: (path: string) => string;
}
const YearContext = createContext<YearValue | null>(null);

function calendarSchoolYear(): number {
  const d = new Date();
  return d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
}

export function YearProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const [years, setYears] = useState<YearInfo[] | null>(null);
  const chosen = useRef<number | null>(null);

  useEffect(() => {
    let alive = true;
    call(API.registry.years)
      .then((r) => alive && setYears([...r.years].sort((a, b) => b.year - a.year)))
      .catch(() => alive && setYears([]));
    return () => {
      alive = false;
    };
  }, []);

  const currentYear = years?.find((y) => y.isCurrent)?.year ?? years?.[0]?.year ?? calendarSchoolYear();
  const fromUrl = Number(params.get('year'));
  const valid = (y: number | null | undefined) => !!y && (!years?.length || years.some((x) => x.year === y));
  const year = valid(fromUrl) ? fromUrl : valid(chosen.current) ? (chosen.current as number) : currentYear;
  if (valid(fromUrl)) chosen.current = fromUrl;

  // Keep the URL in step so that links and reloads show the same year.
  useEffect(() => {
    if (!years) return;
    if (params.get('year') !== String(year)) {
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          n.set('year', String(year));
          return n;
        },
        { replace: true },
      );
    }
  }, [years, year, params, setParams]);

  const setYear = useCallback(
    (y: number) => {
      chosen.current = y;
      setParams((p) => {
        const n = new URLSearchParams(p);
        n.set('year', String(y));
        return n;
      });
    },
    [setParams],
  );

  const link = useCallback(
    (path: string) => {
      const [base, q = ''] = path.split('?');
      const p = new URLSearchParams(q);
      p.set('year', String(year));
      return `${base}?${p.toString()}`;
    },
    [year],
  );

  const value = useMemo<YearValue>(() => ({ year, years: years?.length ? years : [{ year: currentYear, isCurrent: true }], currentYear, setYear, link }), [year, years, currentYear, setYear, link]);
  if (!years) return <>{fallback}</>;
  return <YearContext.Provider value={value}>{children}</YearContext.Provider>;
}

export function useYear(): YearValue {
  const v = useContext(YearContext);
  if (!v) throw new Error('useYear outside YearProvider');
  return v;
}

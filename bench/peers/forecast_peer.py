#!/usr/bin/python3
"""Seat forecast v1 (junheng-forecast-v1) computed with pandas: the independent reference of
src/planning/forecast/forecast-v1.test.ts and the speed peer of bench/planning-forecast.bench.ts.

usage: forecast_peer.py ENROLMENTS.csv --horizon H --window K [--out FORECAST.csv]

Input: a valid CSV with columns school_code, year, grade, students (the checks are ours). Output: CSV with
columns school_code, year, grade, students (students written with 17 significant digits), sorted by
school_code, year, grade; on stderr the seconds spent computing (without reading and writing).

Definitions (docs/methods/planning-forecast.md), written as joins and group-bys:
  T = max year; open schools = those with a record in T; grades(s) = every grade reported; entry = min.
  pairs = records joined to the record one grade lower one year earlier of the same school, years T-K+1..T.
  GPR(s,g) = mean over pairs with denominator > 0 of num/den; else district(g) = mean over years of
  sum(num)/sum(den) over all pairs of (g, t) (years with sum(den) = 0 dropped); else 1.
  entry mean = mean of the school's entry-grade records in the window, 0 if none.
  Roll forward: state(T) = actual records (0 where unreported); E(g,t) = E(g-1,t-1) * GPR, entry = mean.
"""
import argparse
import sys
import time

import pandas as pd


def forecast(df: pd.DataFrame, horizon: int, window: int) -> pd.DataFrame:
    T = int(df['year'].max())
    first = T - window + 1
    grades = df[['school_code', 'grade']].drop_duplicates()
    entry_grade = grades.groupby('school_code', as_index=False)['grade'].min().rename(columns={'grade': 'entry'})
    open_schools = df.loc[df['year'] == T, ['school_code']].drop_duplicates()

    # Progression pairs: E(s,g,t) with E(s,g-1,t-1), t in the window.
    lower = df.assign(year=df['year'] + 1, grade=df['grade'] + 1).rename(columns={'students': 'den'})
    pairs = df.rename(columns={'students': 'num'}).merge(lower, on=['school_code', 'year', 'grade'], how='inner')
    pairs = pairs[(pairs['year'] >= first) & (pairs['year'] <= T)]

    own = pairs[pairs['den'] > 0].assign(r=lambda x: x['num'] / x['den'])
    own = own.groupby(['school_code', 'grade'], as_index=False)['r'].mean().rename(columns={'r': 'own'})
    by_year = pairs.groupby(['grade', 'year'], as_index=False)[['num', 'den']].sum()
    by_year = by_year[by_year['den'] > 0]
    district = (by_year['num'] / by_year['den']).groupby(by_year['grade']).mean().rename('district').reset_index()

    cells = grades.merge(open_schools, on='school_code').merge(entry_grade, on='school_code')
    cells = cells.merge(own, on=['school_code', 'grade'], how='left').merge(district, on='grade', how='left')
    cells['gpr'] = cells['own'].fillna(cells['district']).fillna(1.0)

    window_entry = df[df['year'] >= first].merge(entry_grade, on='school_code')
    window_entry = window_entry[window_entry['grade'] == window_entry['entry']]
    means = window_entry.groupby('school_code', as_index=False)['students'].mean().rename(columns={'students': 'mean'})
    cells = cells.merge(means, on='school_code', how='left')
    cells['mean'] = cells['mean'].fillna(0.0)
    is_entry = cells['grade'] == cells['entry']

    state = cells[['school_code', 'grade']].merge(df[df['year'] == T][['school_code', 'grade', 'students']], on=['school_code', 'grade'], how='left')
    state['students'] = state['students'].fillna(0.0)
    out = []
    for t in range(T + 1, T + horizon + 1):
        shifted = state.assign(grade=state['grade'] + 1).rename(columns={'students': 'prev'})
        step = cells.merge(shifted, on=['school_code', 'grade'], how='left')
        step['prev'] = step['prev'].fillna(0.0)
        step['students'] = (step['prev'] * step['gpr']).where(~is_entry.values, step['mean'])
        step['year'] = t
        state = step[['school_code', 'grade', 'students']]
        out.append(step[['school_code', 'year', 'grade', 'students']])
    res = pd.concat(out, ignore_index=True)
    return res.sort_values(['school_code', 'year', 'grade'], kind='mergesort').reset_index(drop=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument('file')
    ap.add_argument('--horizon', type=int, required=True)
    ap.add_argument('--window', type=int, required=True)
    ap.add_argument('--out')
    a = ap.parse_args()
    df = pd.read_csv(a.file, dtype={'school_code': str}, encoding='utf-8-sig')
    df['students'] = df['students'].astype(float)
    t0 = time.perf_counter()
    res = forecast(df, a.horizon, a.window)
    sys.stderr.write(f'{time.perf_counter() - t0:.6f}\n')
    res.to_csv(a.out if a.out else sys.stdout, index=False, float_format='%.17g')


if __name__ == '__main__':
    main()

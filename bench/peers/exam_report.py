#!/usr/bin/python3
"""The JSON of `junheng exam report`, computed with pandas: the reference and the speed peer of bench/exam.bench.ts.

usage: exam_report.py FILE.csv --full 语文=120,数学=120,... [--excellent 0.85] [--pass 0.6] [--low 0.4] [--bottom 30]

Same definitions as src/exams: n = present scores (blank, 缺考, 作弊, 免考 are absent); population sd (ddof=0);
median; rates are shares of n (>= excellent*full, >= pass*full, < low*full, cut scores rounded to 1e-6);
总分 = students with every subject present; CV = student-weighted CV of the schools' 总分 means;
后x% threshold = the district's x-th percentile of 总分 (pandas default, linear = type 7), rate = share <= threshold.
Assumes a valid file (the checks are ours); does not count the marks (our JSON's "marks" is not compared).
"""
import argparse
import json
import math
import sys
import unicodedata

import numpy as np
import pandas as pd

ALIASES = {'id': ['学籍号', 'student_id', '考号'], 'name': ['姓名', 'name'], 'school': ['学校代码', 'school_code', '学校'], 'class': ['班级', 'class']}
MARKS = ['缺考', '作弊', '免考']
TOTAL = '总分'


def num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def cut(share, full):
    return round(share * full * 1e6) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('file')
    ap.add_argument('--full', required=True)
    ap.add_argument('--excellent', type=float, default=0.85)
    ap.add_argument('--pass', dest='pass_', type=float, default=0.6)
    ap.add_argument('--low', type=float, default=0.4)
    ap.add_argument('--bottom', type=float, default=30)
    a = ap.parse_args()
    full = {}
    for part in a.full.split(','):
        s, f = part.split('=')
        full[s.strip()] = float(f)
    subjects = list(full)

    with open(a.file, 'rb') as fh:
        raw = fh.read()
    try:
        raw.decode('utf-8')
        encoding = 'utf-8-sig'
    except UnicodeDecodeError:
        encoding = 'gb18030'
    del raw
    header = pd.read_csv(a.file, encoding=encoding, nrows=0).columns
    role = {}
    for key, names in ALIASES.items():
        for name in names:
            hit = [h for h in header if h.strip().lower() == name]
            if hit:
                role[key] = hit[0]
                break
    text_cols = {c: str for c in header if c.strip() not in full}
    df = pd.read_csv(a.file, encoding=encoding, dtype=text_cols, na_values=[''] + MARKS, keep_default_na=False)
    df.columns = [c.strip() for c in df.columns]
    role = {k: v.strip() for k, v in role.items()}
    school = df[role['school']].str.strip()
    for s in subjects:
        if df[s].dtype == object:  # full-width digits, spaces: normalise as text, then parse
            t = df[s].map(lambda x: unicodedata.normalize('NFKC', x).strip() if isinstance(x, str) else x)
            df[s] = pd.to_numeric(t.replace(dict.fromkeys([''] + MARKS, np.nan)))
    codes = sorted(school.unique())

    def stats(v, f):
        n = int(v.count())
        if n == 0:
            return dict(n=0, mean=None, sd=None, median=None, excellent_rate=None, pass_rate=None, low_rate=None)
        present = v.notna()
        return dict(n=n, mean=num(v.mean()), sd=num(v.std(ddof=0)), median=num(v.median()),
                    excellent_rate=num((v >= cut(a.excellent, f))[present].mean()),
                    pass_rate=num((v >= cut(a.pass_, f))[present].mean()),
                    low_rate=num((v < cut(a.low, f))[present].mean()))

    def grouped(v, f):
        present = v.notna()
        g = v.groupby(school)
        rate = lambda b: b.where(present).astype(float).groupby(school).mean()
        t = pd.DataFrame({'n': g.count(), 'mean': g.mean(), 'sd': g.std(ddof=0), 'median': g.median(),
                          'excellent_rate': rate(v >= cut(a.excellent, f)), 'pass_rate': rate(v >= cut(a.pass_, f)),
                          'low_rate': rate(v < cut(a.low, f))}).reindex(codes)
        out = []
        for code, r in t.iterrows():
            n = int(r['n'])
            row = {'school_code': code, 'n': n}
            for k in ['mean', 'sd', 'median', 'excellent_rate', 'pass_rate', 'low_rate']:
                row[k] = None if n == 0 else num(r[k])
            out.append(row)
        return out

    report = {'students': len(df), 'subjects': {}}
    for s in subjects:
        report['subjects'][s] = {'full': full[s], 'district': stats(df[s], full[s]), 'schools': grouped(df[s], full[s])}
    total = df[subjects].sum(axis=1, skipna=False)
    ft = sum(full.values())
    report['subjects'][TOTAL] = {'full': ft, 'district': stats(total, ft), 'schools': grouped(total, ft)}

    schools = [r for r in report['subjects'][TOTAL]['schools'] if r['n'] > 0]
    w = np.array([r['n'] for r in schools], dtype=float)
    m = np.array([r['mean'] for r in schools], dtype=float)
    if w.sum() > 0:
        mean = (w * m).sum() / w.sum()
        cv = None if mean == 0 else math.sqrt((w * (m - mean) ** 2).sum() / w.sum()) / mean
    else:
        cv = None
    report['cv_of_school_means'] = cv

    present = total.notna()
    threshold = num(total[present].quantile(a.bottom / 100)) if present.any() else None
    rates = (total <= threshold).where(present).astype(float).groupby(school).mean().reindex(codes) if threshold is not None else None
    report['bottom'] = {'percentile': a.bottom, 'threshold': threshold,
                        'schools': [{'school_code': c, 'rate': None if rates is None else num(rates[c])} for c in codes]}
    report['cutoffs'] = {'excellent': a.excellent, 'pass': a.pass_, 'low': a.low}
    json.dump(report, sys.stdout, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()

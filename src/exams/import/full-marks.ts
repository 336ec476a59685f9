// --full 语文=120,数学=120,… : each subject's full marks (满分), in the order given. ＝ and ， are accepted too.

export function parseFullMarks(spec: string): { subjects: string[]; full: number[] } | { error: string } {
  const subjects: string[] = [];
  const full: number[] = [];
  for (const part of spec.split(/[,，]/)) {
    if (part.trim() === '') continue;
    const m = /^\s*([^=＝:：]+?)\s*[=＝:：]\s*([0-9.]+)\s*$/.exec(part.normalize('NFKC'));
    const value = m ? Number(m[2]) : NaN;
    if (!m || !(value > 0) || !Number.isFinite(value)) return { error: `--full: 无法识别 "${part.trim()}",应为 科目=满分 / expected SUBJECT=FULL_MARKS, e.g. 语文=120` };
    if (subjects.includes(m[1])) return { error: `--full: 科目 ${m[1]} 重复 / subject given twice` };
    if (m[1] === '总分') return { error: '--full: 总分 is computed, not a subject' };
    subjects.push(m[1]);
    full.push(value);
  }
  if (!subjects.length) return { error: '--full: 至少需要一个科目 / give at least one subject, e.g. --full 语文=120,数学=120' };
  return { subjects, full };
}

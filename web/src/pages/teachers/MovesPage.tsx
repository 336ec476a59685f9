// /teachers/moves — 交流调动: the yearly exchange rules of a school year (the header's, or ?rules=Y up to the year after
// the latest, when a locked plan's moves start) computed from the facts (every
// holder of 'teachers.read': a clerk the own school, an inspector the assigned ones, the district row for all) and, for
// those who may see named teachers ('teachers.roster': the personnel staff, a clerk the own school), the moves list
// with its filters; the personnel staff ('teachers.manage') record moves by hand in a drawer and delete them.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { API } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan } from '../../session.js';
import { useYear } from '../../year.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useMovesT } from './moves/i18n.js';
import { RulesCard } from './moves/RulesCard.js';
import { MovesList } from './moves/MovesList.js';

export default function MovesPage() {
  const t = useMovesT();
  const can = useCan();
  const { year, years } = useYear();
  const [params, setParams] = useSearchParams();
  // The rules' school year: the header's by default; ?rules=Y may name the year after the latest (a locked plan's
  // moves start then, judged against the latest roster).
  const known = years.map((y) => y.year);
  const ruleYears = [...new Set([...known, year, Math.max(year, ...known) + 1])].sort((a, b) => b - a);
  const asked = Number(params.get('rules'));
  const rulesYear = ruleYears.includes(asked) ? asked : year;
  const setRulesYear = (y: number) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('rules', String(y));
      return n;
    });
  const rosterRows = can('teachers.roster');
  const schoolList = useCall(API.registry.listSchools, rosterRows ? { query: { year } } : null, { silent: true });
  const schools = useMemo(() => (schoolList.data?.schools ?? []).map((s) => ({ code: s.code, name: s.name })), [schoolList.data]);
  return (
    <div>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <RulesCard t={t} year={rulesYear} years={ruleYears} onYear={setRulesYear} />
      {rosterRows && <MovesList key={rulesYear} t={t} year={rulesYear} years={ruleYears} schools={schools} canManage={can('teachers.manage')} />}
    </div>
  );
}

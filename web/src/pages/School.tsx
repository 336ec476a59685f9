import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Skeleton, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import {
  CheckOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FormOutlined,
  LineChartOutlined,
  RollbackOutlined,
  SendOutlined,
  TableOutlined,
  BarChartOutlined,
  UnlockOutlined,
  InfoCircleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { API, call } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { can, fmt, fmtTime, useLabels, useMe, useSession, yearLabel } from '../session.js';
import { useYear } from '../year.js';
import { EChart, type EChartOption } from '../components/EChart.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorResult, PageSpin } from '../components/Problem.js';
import { ReturnModal } from '../components/ReturnModal.js';
import { SchoolFormModal } from '../components/SchoolFormModal.js';
import { StatusTag } from '../components/StatusTag.js';
import type { School, SchoolYearRecord, StatField } from '../types.js';
import { bandColor, chipClass, ratio, sum, useClassSize, type ClassBand } from '../util.js';
import { CLASS_BANDS, classSizeCounts } from '../../../src/registry/class-bands.js';
import { isEmptyRecord, statPermissions, studentsOfRecord } from '../records.js';

/** Per-student indicators used in balance evaluation (义务教育优质均衡 indicators). */
function indicators(rec: SchoolYearRecord) {
  const v = rec.values ?? {};
  const students = studentsOfRecord(rec);
  return {
    students,
    ratio: ratio(students, v.teachersTotal),
    area: ratio(v.buildingAreaM2, students),
    sports: ratio(v.sportsGroundAreaM2, students),
    books: ratio(v.books, students),
    computers: ratio(v.computers, students, 100),
    equipment: ratio(v.equipmentValueYuan, students),
  };
}

// ---------- statistics tab ----------

function ValuesByTopic({ rec }: { rec: SchoolYearRecord }) {
  const { meta } = useSession();
  const { pick, t, lang } = useI18n();
  const L = useLabels();
  if (!meta) return <Skeleton active />;
  const topics = meta.topics.filter((tp) => meta.fields.some((f) => f.topic === tp.key));
  const valueOf = (f: StatField) => {
    const v = rec.values?.[f.key];
    if (v == null) return <span className="jh-muted">{t('school.notReported')}</span>;
    return (
      <span className="jh-num">
        {fmt(v, f.type === 'int' ? 0 : 2, lang)}
        <span className="jh-desc-unit">{L.unit(f)}</span>
      </span>
    );
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {topics.map((tp) => (
        <Descriptions
          key={tp.key}
          title={
            <Space>
              {pick(tp.zh, tp.en)}
              {tp.key === 'teachers' && rec.teachersSource === 'roster' && (
                <Tooltip
                  title={
                    rec.rosterDifferences.length
                      ? pick(`${rec.rosterDifferences.length} 项录入数与名册不一致，统计采用名册数`, `${rec.rosterDifferences.length} typed-in figures differ; the statistics use the roster's`)
                      : pick('教师数据由本校教师名册计算', 'The teacher figures are computed from the school’s roster')
                  }
                >
                  <Tag color="blue" icon={<TeamOutlined />} data-testid="teachers-from-roster">
                    {pick('来自教师名册', 'From the roster')}
                  </Tag>
                </Tooltip>
              )}
            </Space>
          }
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 3 }}
          styles={{ label: { width: 220, background: '#f8fafc' } }}
          items={meta.fields
            .filter((f) => f.topic === tp.key)
            .map((f) => ({
              key: f.key,
              label: (
                <span>
                  {pick(f.zh, f.en)}
                  {f.helpZh && lang === 'zh' && (
                    <Tooltip title={f.helpZh}>
                      <InfoCircleOutlined className="jh-muted" style={{ marginLeft: 4 }} />
                    </Tooltip>
                  )}
                </span>
              ),
              children: valueOf(f),
            }))}
        />
      ))}
    </Space>
  );
}

function GradesTable({ rec, level }: { rec: SchoolYearRecord; level: string }) {
  const { t, lang } = useI18n();
  const L = useLabels();
  const { meta } = useSession();
  const grades = useMemo(() => {
    const set = new Set<number>([...(meta?.gradesOfLevel[level] ?? []), ...rec.enrolments.map((e) => e.grade), ...rec.classes.map((c) => c.grade)]);
    return [...set].sort((a, b) => a - b);
  }, [meta, level, rec]);
  const rows = grades.map((g) => {
    const students = rec.enrolments.find((e) => e.grade === g)?.students ?? null;
    const classes = rec.classes.filter((c) => c.grade === g).sort((a, b) => a.classNo - b.classNo);
    return { grade: g, students, classes, avg: ratio(sum(classes.map((c) => c.size)), classes.length) };
  });
  const totalStudents = sum(rows.map((r) => r.students));
  const totalClasses = rec.classes.length;
  const cs = useClassSize();
  return (
    <Table
      size="small"
      rowKey="grade"
      pagination={false}
      dataSource={rows}
      bordered
      columns={[
        { title: t('school.grade'), dataIndex: 'grade', width: 110, render: (g: number) => L.grade(g) },
        { title: t('school.gradeStudents'), dataIndex: 'students', width: 100, align: 'right', render: (v: number | null) => fmt(v, 0, lang) },
        { title: t('school.gradeClasses'), key: 'n', width: 80, align: 'right', render: (_v, r) => r.classes.length },
        { title: t('school.avgSize'), dataIndex: 'avg', width: 100, align: 'right', render: (v: number | null) => fmt(v, 1, lang) },
        {
          title: t('school.classSizes'),
          key: 'sizes',
          render: (_v, r) =>
            r.classes.length ? (
              <div className="jh-chips">
                {r.classes.map((c) => (
                  <Tooltip key={c.classNo} title={`${L.grade(r.grade)} ${t('form.classN', { n: c.classNo })} · ${cs.label(cs.band(r.grade, c.size))}`}>
                    <span className={`jh-chip ${chipClass(cs.band(r.grade, c.size))}`} data-band={cs.band(r.grade, c.size)}>
                      {c.size}
                    </span>
                  </Tooltip>
                ))}
              </div>
            ) : (
              <span className="jh-muted">—</span>
            ),
        },
      ]}
      summary={() => (
        <Table.Summary.Row style={{ background: '#fafbfd' }}>
          <Table.Summary.Cell index={0}>
            <b>{t('common.total')}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <b>{fmt(totalStudents, 0, lang)}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <b>{totalClasses}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <b>{fmt(ratio(sum(rec.classes.map((c) => c.size)), totalClasses), 1, lang)}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} />
        </Table.Summary.Row>
      )}
    />
  );
}

function StatsTab({ school, rec, onChange }: { school: School; rec: SchoolYearRecord; onChange: (r: SchoolYearRecord) => void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { year, link } = useYear();
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const perm = statPermissions(me, school.code, rec);
  const empty = isEmptyRecord(rec);
  const ind = indicators(rec);
  const act = async (action: 'submit' | 'approve' | 'reopen' | 'return', body: { comment?: string } = {}) => {
    setBusy(action);
    try {
      const r = await call(API.registry[action], { params: { code: school.code, year }, body });
      onChange(r.record);
      message.success(action === 'approve' ? t('review.approved') : action === 'return' ? t('review.returned') : action === 'reopen' ? t('review.reopened') : t('school.actionDone'));
    } catch {
      /* shown by the API client */
    } finally {
      setBusy(null);
    }
  };

  const who = (by: string | null, at: string | null) => (by || at ? `${by ?? ''} ${fmtTime(at)}` : '—');
  const colon = lang === 'zh' ? '：' : ': ';

  return (
    <div>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space size={[24, 8]} wrap>
          <Space>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('school.record', { year: yearLabel(year, lang) })}
            </Typography.Text>
            <StatusTag status={rec.status} />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('school.updated')}
            {colon}
            {who(rec.updatedBy, rec.updatedAt)}
            {rec.submittedAt && ` · ${t('school.submitted')}${colon}${who(rec.submittedBy, rec.submittedAt)}`}
            {rec.reviewedAt && ` · ${t('school.reviewed')}${colon}${who(rec.reviewedBy, rec.reviewedAt)}`}
          </Typography.Text>
        </Space>
        <Space wrap>
          {perm.edit && (
            <Button
              type={perm.submit || perm.review ? 'default' : 'primary'}
              icon={<EditOutlined />}
              onClick={() => navigate(link(`/schools/${school.code}/stats/${year}/edit`))}
              data-testid="edit-stats"
            >
              {t('school.edit')}
            </Button>
          )}
          {perm.submit && !empty && (
            <Popconfirm title={t('school.submitConfirm')} onConfirm={() => act('submit')} okText={t('school.submit')}>
              <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} data-testid="submit-stats">
                {t('school.submit')}
              </Button>
            </Popconfirm>
          )}
          {perm.review && (
            <>
              <Button danger icon={<RollbackOutlined />} loading={busy === 'return'} onClick={() => setReturning(true)} data-testid="return-stats">
                {t('school.return')}
              </Button>
              <Popconfirm title={t('school.approveConfirm')} onConfirm={() => act('approve')} okText={t('school.approve')}>
                <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} data-testid="approve-stats">
                  {t('school.approve')}
                </Button>
              </Popconfirm>
            </>
          )}
          {perm.reopen && (
            <Popconfirm title={t('school.reopenConfirm')} onConfirm={() => act('reopen')} okText={t('school.reopen')}>
              <Button icon={<UnlockOutlined />} loading={busy === 'reopen'}>
                {t('school.reopen')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>

      {rec.status === 'returned' && rec.reviewComment && (
        <Alert type="error" showIcon icon={<RollbackOutlined />} style={{ marginBottom: 16 }} title={t('school.reviewComment')} description={rec.reviewComment} />
      )}
      {rec.status === 'approved' && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('school.locked')} description={rec.reviewComment || undefined} />}

      {empty ? (
        <Empty description={t('school.noRecord')} style={{ padding: '32px 0' }}>
          {perm.edit && (
            <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(link(`/schools/${school.code}/stats/${year}/edit`))}>
              {t('school.edit')}
            </Button>
          )}
        </Empty>
      ) : (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Card size="small" title={t('school.indicators')} styles={{ body: { padding: '16px 20px' } }}>
            <Row gutter={[16, 16]}>
              {/* Each figure through the one formatter, with its indicator's unit (per student, per 100 students). */}
              {(
                [
                  ['students', t('common.students'), fmt(ind.students, 0, lang), undefined],
                  ['ratio', t('school.ind.ratio'), fmt(ind.ratio, 1, lang), ind.ratio == null ? undefined : ' : 1'],
                  ['area', t('school.ind.area'), fmt(ind.area, 2, lang), ind.area == null ? undefined : lang === 'zh' ? 'm²/生' : 'm² per student'],
                  ['sports', t('school.ind.sports'), fmt(ind.sports, 2, lang), ind.sports == null ? undefined : lang === 'zh' ? 'm²/生' : 'm² per student'],
                  ['books', t('school.ind.books'), fmt(ind.books, 1, lang), ind.books == null ? undefined : lang === 'zh' ? '册/生' : 'per student'],
                  ['computers', t('school.ind.computers'), fmt(ind.computers, 1, lang), ind.computers == null ? undefined : lang === 'zh' ? '台/百生' : 'per 100 students'],
                ] as const
              ).map(([key, title, value, suffix]) => (
                <Col xs={12} md={8} xl={4} key={key}>
                  <Statistic title={title} value={value} suffix={suffix} />
                </Col>
              ))}
            </Row>
          </Card>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('school.enrolments')}
            </Typography.Title>
            <GradesTable rec={rec} level={school.level} />
          </div>
          <ValuesByTopic rec={rec} />
        </Space>
      )}

      <ReturnModal
        open={returning}
        schoolName={school.name}
        onCancel={() => setReturning(false)}
        onSubmit={async (comment) => {
          await act('return', { comment });
          setReturning(false);
        }}
      />
    </div>
  );
}

// ---------- trends & class sizes ----------

function TrendsTab({ code }: { code: string }) {
  const { t } = useI18n();
  const { data, loading } = useCall(API.registry.listRecords, { params: { code } }, { silent: true });
  const recs = useMemo(() => [...(data?.records ?? [])].filter((r) => !isEmptyRecord(r)).sort((a, b) => a.year - b.year), [data]);
  if (loading && !data) return <Skeleton active />;
  if (!recs.length) return <Empty description={t('common.noData')} />;
  const years = recs.map((r) => yearLabel(r.year, 'en'));
  const ind = recs.map(indicators);
  const main: EChartOption = {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: years, axisTick: { show: false } },
    yAxis: [
      { type: 'value', splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
      { type: 'value', splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('common.students'), barMaxWidth: 40, itemStyle: { color: '#bfdbfe', borderRadius: [4, 4, 0, 0] }, data: ind.map((x) => x.students) },
      { type: 'line', name: t('common.teachers'), symbolSize: 7, yAxisIndex: 1, itemStyle: { color: '#8b5cf6' }, data: recs.map((r) => r.values?.teachersTotal ?? null) },
      { type: 'line', name: t('common.classes'), symbolSize: 7, yAxisIndex: 1, itemStyle: { color: '#f59e0b' }, data: recs.map((r) => r.classes.length) },
    ],
  };
  const round = (x: number | null, d: number) => (x == null ? null : Number(x.toFixed(d)));
  const ratios: EChartOption = {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: years, axisTick: { show: false } },
    yAxis: [
      { type: 'value', splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
      { type: 'value', splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: t('school.ind.ratio'), symbolSize: 7, data: ind.map((x) => round(x.ratio, 1)) },
      { type: 'line', name: t('school.ind.area'), symbolSize: 7, yAxisIndex: 1, data: ind.map((x) => round(x.area, 2)) },
      { type: 'line', name: t('school.ind.books'), symbolSize: 7, yAxisIndex: 1, data: ind.map((x) => round(x.books, 1)) },
    ],
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('school.trendStudents')}>
          <EChart option={main} height={320} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('school.trendRatios')}>
          <EChart option={ratios} height={320} />
        </Card>
      </Col>
    </Row>
  );
}

function ClassSizesTab({ rec }: { rec: SchoolYearRecord }) {
  const { t, lang } = useI18n();
  const { year } = useYear();
  const cs = useClassSize();
  const sizes = rec.classes.map((c) => c.size);
  if (!sizes.length) return <Empty description={t('school.noRecord')} />;
  // 5-wide bins that end on 45 (…, 41–45, 46–50, …) so that the large-class threshold falls between two bars.
  const shifted: { label: string; from: number; to: number; n: number }[] = [];
  const lo2 = Math.floor((Math.min(...sizes) - 1) / 5) * 5 + 1;
  const hi2 = Math.floor((Math.max(...sizes) - 1) / 5) * 5 + 1;
  // A bar's colour: the band of its classes furthest above their grade's standard.
  const worst = (from: number, to: number): ClassBand =>
    rec.classes
      .filter((c) => c.size >= from && c.size <= to)
      .reduce<ClassBand>((w, c) => {
        const b = cs.band(c.grade, c.size);
        return CLASS_BANDS.indexOf(b) > CLASS_BANDS.indexOf(w) ? b : w;
      }, 'within');
  for (let b = lo2; b <= hi2; b += 5) shifted.push({ label: `${b}–${b + 4}`, from: b, to: b + 4, n: sizes.filter((s) => s >= b && s <= b + 4).length });
  const counts = classSizeCounts(cs.thresholds, rec.classes);
  const option: EChartOption = {
    grid: { left: 8, right: 16, top: 32, bottom: 30, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: shifted.map((b) => b.label), name: t('school.histSize'), nameLocation: 'middle', nameGap: 28, axisTick: { show: false } },
    yAxis: { type: 'value', name: t('school.histClasses'), minInterval: 1, splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } } },
    series: [
      {
        type: 'bar',
        name: t('school.histClasses'),
        barCategoryGap: '12%',
        data: shifted.map((b) => ({ value: b.n, itemStyle: { color: bandColor(worst(b.from, b.to)), borderRadius: [4, 4, 0, 0] } })),
        label: { show: true, position: 'top', formatter: (p: unknown) => ((p as { value: number }).value ? String((p as { value: number }).value) : '') },
      },
    ],
  };
  return (
    <div>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('school.histTitle', { year: yearLabel(year, lang) })}</Typography.Text>
        <Typography.Text type="secondary">
          {t('school.histSummary', { n: sizes.length, max: Math.max(...sizes), avg: fmt(sum(sizes) / sizes.length, 1, lang), over: counts.overStandard, large: counts.large, huge: counts.huge })}
        </Typography.Text>
      </Flex>
      <EChart option={option} height={340} />
    </div>
  );
}

// ---------- page ----------

export default function SchoolPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const L = useLabels();
  const me = useMe();
  const { year, link } = useYear();
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('stats');
  const school = useCall(API.registry.getSchool, { params: { code } }, { silent: true });
  const canReadStats = can(me, 'stats.read', code);
  const record = useCall(API.registry.getRecord, canReadStats ? { params: { code, year } } : null, { silent: true });
  // A user whose registry is their own school alone (a clerk) has no school list to go back to.
  const ownSchoolOnly = me.capabilities['schools.read'] === 'own';

  if (school.error) return <ErrorResult error={school.error} onRetry={school.reload} />;
  if (!school.data) return <PageSpin />;
  const s = school.data.school;
  const rec = record.data?.record ?? null;
  const yn = (b: boolean) => (b ? t('common.yes') : t('common.no'));

  return (
    <div>
      <PageHeader
        crumbs={ownSchoolOnly ? undefined : [{ title: t('nav.schools'), to: link('/schools') }, { title: s.name }]}
        title={s.name}
        tags={
          <Space size={4}>
            <Tag color="blue">{L.level(s.level)}</Tag>
            <Tag>{L.location(s.location)}</Tag>
            <Tag>{L.ownership(s.ownership)}</Tag>
            {!s.isOpen && <Tag color="default">{t('school.closed')}</Tag>}
          </Space>
        }
        subtitle={
          <span>
            <span className="jh-num">{s.code}</span>
            {s.address && (
              <>
                {'  ·  '}
                <EnvironmentOutlined /> {s.address}
              </>
            )}
          </span>
        }
        extra={
          can(me, 'schools.edit', s.code) && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-school">
              {t('school.editTitle')}
            </Button>
          )
        }
      />
      <Card variant="borderless" title={t('school.registry')} size="small" styles={{ body: { padding: 16 } }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'code', label: t('school.field.code'), children: <span className="jh-num">{s.code}</span> },
            { key: 'level', label: t('school.field.level'), children: L.level(s.level) },
            { key: 'ownership', label: t('school.field.ownership'), children: L.ownership(s.ownership) },
            { key: 'location', label: t('school.field.location'), children: L.location(s.location) },
            { key: 'boarding', label: t('school.field.isBoarding'), children: yn(s.isBoarding) },
            { key: 'island', label: t('school.field.isIsland'), children: yn(s.isIsland) },
            { key: 'group', label: t('school.field.groupName'), children: s.groupName || '—' },
            { key: 'open', label: t('school.field.isOpen'), children: s.isOpen ? t('school.open') : t('school.closed') },
            { key: 'address', label: t('school.field.address'), children: s.address || '—', span: 2 },
            { key: 'coords', label: t('school.field.coords'), children: s.lat != null && s.lng != null ? `${s.lat.toFixed(4)}, ${s.lng.toFixed(4)}` : '—', span: 2 },
          ]}
        />
      </Card>

      <Card variant="borderless" style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
        {!canReadStats ? (
          <Alert type="info" showIcon title={t('school.statsHidden')} style={{ marginTop: 16 }} />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'stats',
                label: (
                  <span>
                    <TableOutlined /> {t('school.tab.stats')}
                  </span>
                ),
                children: record.error ? (
                  <ErrorResult error={record.error} onRetry={record.reload} />
                ) : !rec ? (
                  <Skeleton active />
                ) : (
                  <StatsTab school={s} rec={rec} onChange={(r) => record.setData({ record: r })} />
                ),
              },
              {
                key: 'trends',
                label: (
                  <span>
                    <LineChartOutlined /> {t('school.tab.trends')}
                  </span>
                ),
                children: tab === 'trends' ? <TrendsTab code={s.code} /> : null,
              },
              {
                key: 'classes',
                label: (
                  <span>
                    <BarChartOutlined /> {t('school.tab.classes')}
                  </span>
                ),
                children: tab === 'classes' ? rec ? <ClassSizesTab rec={rec} /> : <Skeleton active /> : null,
              },
            ]}
          />
        )}
      </Card>
      <SchoolFormModal
        open={editing}
        school={s}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          school.setData({ school: { ...s, ...saved } });
        }}
      />
    </div>
  );
}

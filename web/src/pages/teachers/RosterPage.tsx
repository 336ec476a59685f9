// /teachers/roster — 教师名册 (teachers' personal data: the bureau's personnel staff every school, a clerk the own school).
// The school year (the district's years and the one after, to start it) and the school (a clerk's is fixed); the
// statistics' state (writes only while they are open); the year's figures in brief; an upload card (template, file,
// every problem by row and column); add, edit, delete in a drawer; 结转 from the year before when the year has no roster;
// the export; the roster table with filters; a teacher's drawer with their posts by year, training hours and moves.
// Before a school is chosen (one who may see several): the schools overview, a row of which chooses the school.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { CloudUploadOutlined, NodeIndexOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { API, call, download } from '../../client.js';
import { ApiError, bilingual } from '../../api.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { useMe } from '../../session.js';
import { useYear } from '../../year.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ErrorResult } from '../../components/Problem.js';
import { formatNumber } from '../../../../src/core/format.js';
import type { CarryForwardWire, RosterListWire, RosterRowWire } from '../../../../src/teachers/roster/contract.js';
import { useRosterT, useValueLabels, type RosterT, type ValueLabels } from './roster/i18n.js';
import { RosterTable } from './roster/RosterTable.js';
import { RowDrawer } from './roster/RowDrawer.js';
import { SectionTable } from './roster/SectionTable.js';
import { TeacherDrawer } from './roster/TeacherDrawer.js';
import { UploadCard } from './roster/UploadCard.js';
import { SchoolsOverview } from './roster/SchoolsOverview.js';

const STATUS_COLOR = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'error' } as const;

export default function RosterPage() {
  const t = useRosterT();
  const v = useValueLabels();
  const me = useMe();
  const ctx = useYear();
  const [params, setParams] = useSearchParams();
  // The year is the app's (the header's), or the one after the district's newest to start its roster.
  const newest = Math.max(...ctx.years.map((y) => y.year), ctx.currentYear);
  const [starting, setStarting] = useState(false);
  const year = starting ? newest + 1 : ctx.year;
  const setYear = (y: number) => {
    setStarting(y === newest + 1);
    if (y <= newest) ctx.setYear(y);
  };
  const ownOnly = me.capabilities['teachers.roster'] === 'own';
  const school = ownOnly ? me.schoolCode : params.get('school');
  const schools = useCall(API.roster.schools, { query: { year } }, { silent: true });
  const list = useCall(API.roster.list, school ? { query: { school, year } } : null);
  const yearOptions = useMemo(() => [...new Set([newest + 1, ...ctx.years.map((y) => y.year)])].sort((a, b) => b - a), [ctx.years, newest]);
  const pick = (code: string | null) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (code) n.set('school', code);
      else n.delete('school');
      return n;
    });

  const schoolSelect = (
    <Select
      showSearch
      optionFilterProp="label"
      placeholder={t('chooseSchool')}
      value={school ?? undefined}
      disabled={ownOnly}
      loading={schools.loading}
      onChange={(c: string) => pick(c)}
      style={{ width: 260, maxWidth: '100%' }}
      aria-label={t('school')}
      options={(schools.data?.schools ?? []).map((s) => ({
        value: s.code,
        label: `${s.name} · ${s.hasRoster ? t('schoolRows', { n: formatNumber(s.rows, 0) }) : t('noRoster')}${s.sectionToCheck > 0 ? ` · ${t('sectionCheckTag', { n: formatNumber(s.sectionToCheck, 0) })}` : ''}`,
      }))}
      data-testid="roster-school"
    />
  );

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            <Select
              value={year}
              onChange={setYear}
              options={yearOptions.map((y) => ({ value: y, label: t('yearLabel', { y, y1: y + 1 }) }))}
              style={{ width: 150 }}
              aria-label={t('year')}
              data-testid="roster-year"
            />
            {schoolSelect}
          </>
        }
      />
      {!school ? (
        schools.error ? (
          <ErrorResult error={schools.error} onRetry={schools.reload} />
        ) : (
          <SchoolsOverview t={t} data={schools.data} loading={schools.loading} onPick={pick} />
        )
      ) : list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        list.data && <SchoolRoster key={`${school}/${year}`} t={t} v={v} data={list.data} loading={list.loading} reload={list.reload} />
      )}
    </div>
  );
}

function SchoolRoster({ t, v, data, loading, reload }: { t: RosterT; v: ValueLabels; data: RosterListWire; loading: boolean; reload: () => void }) {
  const { message, modal } = App.useApp();
  const { lang } = useI18n();
  const [drawer, setDrawer] = useState<{ row: RosterRowWire | null } | null>(null);
  const [teacher, setTeacher] = useState<string | null>(null);
  const [carrying, setCarrying] = useState(false);
  const { school, year, rows } = data;
  // The upload card is open while the year has no roster, else on demand.
  const [uploading, setUploading] = useState(rows.length === 0);
  const query = { school: school.code, year };
  const n = (x: number) => formatNumber(x, 0);
  const fullTime = rows.filter((r) => r.post === '专任');
  const prev = t('yearLabel', { y: year - 1, y1: year });

  const remove = async (r: RosterRowWire) => {
    try {
      await call(API.roster.remove, { params: { teacherId: r.teacherId }, query });
      message.success(t('deleted'));
    } finally {
      reload();
    }
  };

  const carry = async () => {
    setCarrying(true);
    try {
      const out = await call(API.roster.carryForward, { query }, { silent: true });
      modal.success({
        title: t('carried', { rows: n(out.rows), stayed: n(out.stayed), left: n(out.left.length), arrived: n(out.arrived.length) }),
        content: <CarryDetails t={t} out={out} />,
        width: 560,
      });
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? bilingual(e.message, lang) : String(e));
    } finally {
      setCarrying(false);
    }
  };

  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {school.name}
        </Typography.Title>
        <Tag color={STATUS_COLOR[data.status]}>{t(`status.${data.status}`)}</Tag>
        {!data.writable && <Tag>{t('readOnly')}</Tag>}
      </Flex>
      {data.lockedReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={bilingual(data.lockedReason, lang)} data-testid="roster-locked" />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('staff')} value={n(rows.length)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('fullTime')} value={n(fullTime.length)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('backbone')} value={n(fullTime.filter((r) => r.backboneLevel && r.backboneLevel !== '校').length)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('postgraduate')} value={n(fullTime.filter((r) => r.qualification === '研究生').length)} />
          </Card>
        </Col>
      </Row>
      {data.sectionToCheck > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('sectionCheck', { n: n(data.sectionToCheck), first: v.section(data.sections[0]) })} data-testid="roster-section-check" />
      )}
      {data.bySection && rows.length > 0 && (
        <Card size="small" title={t('bySection')} style={{ marginBottom: 12 }}>
          <SectionTable t={t} v={v} bySection={data.bySection} />
        </Card>
      )}
      {data.writable && rows.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={data.previousYearRows > 0 ? t('carryEmpty', { n: n(data.previousYearRows) }) : t('carryNone')}
          action={
            data.previousYearRows > 0 && (
              <Popconfirm title={t('carry')} description={<div style={{ maxWidth: 320 }}>{t('carryHelp', { prev })}</div>} okText={t('carryOk')} onConfirm={() => carry()}>
                <Button type="primary" size="small" icon={<NodeIndexOutlined />} loading={carrying} data-testid="roster-carry">
                  {t('carry')}
                </Button>
              </Popconfirm>
            )
          }
          data-testid="roster-empty"
        />
      )}
      {data.writable && uploading && <UploadCard t={t} school={school.code} schoolName={school.name} year={year} onImported={reload} />}
      <Card size="small" title={t('title')}>
        {/* The actions above the table (not in the title bar): on a phone they wrap instead of pushing the title out. */}
        <Space wrap style={{ marginBottom: 12 }}>
          {data.writable && !uploading && (
            <Button icon={<CloudUploadOutlined />} onClick={() => setUploading(true)} data-testid="roster-show-upload">
              {t('upload')}
            </Button>
          )}
          {data.writable && (
            <Button icon={<PlusOutlined />} onClick={() => setDrawer({ row: null })} data-testid="roster-add">
              {t('add')}
            </Button>
          )}
          {rows.length > 0 && (
            <DownloadButton get={() => download(API.roster.export, { query }, `教师名册-${school.name}-${year}-${year + 1}.xlsx`)} data-testid="roster-export">
              {t('export')}
            </DownloadButton>
          )}
        </Space>
        <RosterTable t={t} v={v} rows={rows} sections={data.sections} writable={data.writable} loading={loading} onOpen={setTeacher} onEdit={(row) => setDrawer({ row })} onDelete={remove} />
      </Card>
      <RowDrawer
        t={t}
        v={v}
        school={school.code}
        year={year}
        sections={data.sections}
        editing={drawer?.row ?? null}
        open={!!drawer}
        onClose={() => setDrawer(null)}
        onSaved={() => {
          setDrawer(null);
          reload();
        }}
      />
      {teacher && <TeacherDrawer t={t} v={v} teacherId={teacher} year={year} onClose={() => setTeacher(null)} />}
    </>
  );
}

function CarryDetails({ t, out }: { t: RosterT; out: CarryForwardWire }) {
  const line = (m: CarryForwardWire['left'][number]) => `${m.name}（${m.teacherId}）· ${m.schoolName} · ${m.kind}${m.sectionChanged ? ` · ${t('sectionChanged')}` : ''}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {out.left.length > 0 && <Typography.Text>{`${t('carriedLeft')}：${out.left.map(line).join('；')}`}</Typography.Text>}
      {out.arrived.length > 0 && <Typography.Text>{`${t('carriedArrived')}：${out.arrived.map(line).join('；')}`}</Typography.Text>}
      {out.skipped.length > 0 && <Alert type="warning" showIcon message={t('carriedSkipped')} description={out.skipped.map((s) => `${s.name ?? ''}（${s.teacherId}）：${s.reason}`).join('；')} />}
    </Space>
  );
}

// The access-code tab: open and close the survey; issue one-time codes per school (by default what the plan still
// asks for, at least the smallest batch) and download their printable slips (PDF) at once — the codes exist only in
// that file; the codes used per school (never per batch); the batches issued, and voiding a batch whose slips were lost.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import { FilePdfOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { API, call, urlOf } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { fmtTime } from '../../../session.js';
import { useI18n } from '../../../i18n.js';
import { ApiError } from '../../../api.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { Batch, Plan, SchoolCodes, Survey } from '../../../../../src/wellbeing/surveys/contract.js';
import type { SvT } from './i18n.js';
import { postForFile } from './shared.js';

interface SchoolRow {
  schoolCode: string;
  schoolName: string;
  planned: number | null;
  valid: number;
}

export function CodesTab({ t, survey, plan, onChanged }: { t: SvT; survey: Survey; plan: Plan | null; onChanged: () => void }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const closed = survey.status === 'closed';
  const batches = useCall(API.surveys.batches, { params: { id: survey.id } });
  const defaults = useCall(API.surveys.planDefaults, !plan && !closed ? { params: { id: survey.id } } : null);
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const list = useMemo(() => batches.data?.batches ?? [], [batches.data]);
  const perSchool = useMemo(() => batches.data?.schools ?? [], [batches.data]);
  const minBatch = batches.data?.minBatch ?? 10;

  const schools: SchoolRow[] = useMemo(() => {
    const valid = new Map<string, number>();
    for (const c of perSchool) valid.set(c.schoolCode, c.issued - c.voided);
    const base = plan
      ? plan.schools.map((s) => ({ schoolCode: s.schoolCode, schoolName: s.schoolName ?? s.schoolCode, planned: s.codesToIssue }))
      : (defaults.data?.schools ?? []).map((s) => ({ schoolCode: s.schoolCode, schoolName: s.schoolName, planned: null }));
    return base.map((s) => ({ ...s, valid: valid.get(s.schoolCode) ?? 0 }));
  }, [plan, defaults.data, perSchool]);
  // What the plan still asks for, raised to the smallest batch.
  const countOf = (s: SchoolRow) => {
    if (s.schoolCode in counts) return counts[s.schoolCode];
    if (s.planned === null) return null;
    const left = Math.max(0, s.planned - s.valid);
    return left > 0 ? Math.max(left, minBatch) : 0;
  };
  const chosen = schools.filter((s) => selected.includes(s.schoolCode) && (countOf(s) ?? 0) > 0);
  const tooSmall = chosen.filter((s) => (countOf(s) ?? 0) < minBatch);
  const total = chosen.reduce((a, s) => a + (countOf(s) ?? 0), 0);

  const issue = async () => {
    setBusy(true);
    try {
      const body = { schools: chosen.map((s) => ({ schoolCode: s.schoolCode, count: countOf(s)! })) };
      await postForFile(urlOf(API.surveys.codesIssue, { params: { id: survey.id } }), body, `${survey.title}-调查码.pdf`, lang);
      message.success(t('k.issued.ok', { n: formatNumber(total, 0) }));
      setSelected([]);
      setCounts({});
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const setStatus = async (status: 'open' | 'closed') => {
    await call(API.surveys.status, { params: { id: survey.id }, body: { status } });
    message.success(t(status === 'open' ? 'opened' : 'closed'));
    onChanged();
  };
  const voidBatch = async (b: Batch) => {
    await call(API.surveys.batchVoid, { params: { id: survey.id, batch: b.batch } });
    message.success(t('k.voidDone', { b: b.batch }));
    onChanged();
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('k.state')}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space direction="vertical" size={2}>
            <Typography.Text>{t(survey.status === 'draft' ? 'k.stateDraft' : survey.status === 'open' ? 'k.stateOpen' : 'k.stateClosed')}</Typography.Text>
            <Typography.Text type="secondary">{t('k.answerLink', { url: `${window.location.origin}/survey` })}</Typography.Text>
          </Space>
          {survey.status === 'draft' && (
            <Popconfirm title={t('openConfirm')} onConfirm={() => setStatus('open')} okButtonProps={{ 'data-testid': 'survey-open-ok' }}>
              <Button type="primary" icon={<PlayCircleOutlined />} data-testid="survey-open">
                {t('open')}
              </Button>
            </Popconfirm>
          )}
          {survey.status === 'open' && (
            <Popconfirm title={t('closeConfirm')} onConfirm={() => setStatus('closed')} okButtonProps={{ danger: true, 'data-testid': 'survey-close-ok' }}>
              <Button danger icon={<StopOutlined />} data-testid="survey-close">
                {t('close')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Card>
      {closed ? (
        <Alert type="info" showIcon message={t('k.closedNote')} />
      ) : (
        <Card size="small" title={t('k.issueTitle')}>
          <Alert type="warning" showIcon message={t('k.onceTitle')} description={t('k.onceText')} style={{ marginBottom: 12 }} data-testid="codes-once" />
          {!plan && <Typography.Paragraph type="secondary">{t('k.noPlan')}</Typography.Paragraph>}
          <Typography.Paragraph type="secondary" data-testid="codes-min-batch">
            {t('k.minBatch', { n: minBatch })}
          </Typography.Paragraph>
          <Table<SchoolRow>
            rowKey="schoolCode"
            size="small"
            pagination={false}
            dataSource={schools}
            loading={batches.loading && !batches.data}
            scroll={{ x: 560, y: 420 }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as string[]),
              getCheckboxProps: (s) => ({ 'data-testid': `codes-pick-${s.schoolCode}` }) as object,
            }}
            columns={[
              { title: t('k.school'), key: 's', render: (_: unknown, s: SchoolRow) => s.schoolName },
              { title: t('k.planned'), key: 'p', align: 'right' as const, width: 90, render: (_: unknown, s: SchoolRow) => formatNumber(s.planned, 0) },
              { title: t('k.issued'), key: 'v', align: 'right' as const, width: 110, render: (_: unknown, s: SchoolRow) => formatNumber(s.valid, 0) },
              {
                title: t('k.count'),
                key: 'c',
                width: 130,
                render: (_: unknown, s: SchoolRow) => (
                  <InputNumber
                    size="small"
                    min={0}
                    max={5000}
                    precision={0}
                    style={{ width: 100 }}
                    value={countOf(s)}
                    status={selected.includes(s.schoolCode) && (countOf(s) ?? 0) > 0 && (countOf(s) ?? 0) < minBatch ? 'error' : undefined}
                    onChange={(v) => {
                      setCounts((c) => ({ ...c, [s.schoolCode]: v }));
                      if ((v ?? 0) > 0 && !selected.includes(s.schoolCode)) setSelected((x) => [...x, s.schoolCode]);
                    }}
                    data-testid={`codes-count-${s.schoolCode}`}
                    aria-label={`${t('k.count')} ${s.schoolName}`}
                  />
                ),
              },
            ]}
          />
          <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
            <Popconfirm
              title={t('k.issueConfirm', { n: formatNumber(total, 0), s: chosen.length })}
              onConfirm={() => issue()}
              disabled={total === 0 || tooSmall.length > 0}
              okButtonProps={{ 'data-testid': 'codes-issue-ok' }}
            >
              <Button type="primary" icon={<FilePdfOutlined />} loading={busy} disabled={total === 0 || tooSmall.length > 0} data-testid="codes-issue">
                {t('k.issue')}
              </Button>
            </Popconfirm>
            {total === 0 && <Typography.Text type="secondary">{t('k.pickSchools')}</Typography.Text>}
            {tooSmall.length > 0 && (
              <Typography.Text type="danger" data-testid="codes-too-small">
                {tooSmall.map((s) => s.schoolName).join('、')}：{t('k.tooSmall', { n: minBatch })}
              </Typography.Text>
            )}
          </Flex>
        </Card>
      )}
      <Card size="small" title={t('k.bySchool')}>
        <Table<SchoolCodes>
          rowKey="schoolCode"
          size="small"
          pagination={false}
          loading={batches.loading}
          dataSource={perSchool}
          locale={{ emptyText: t('k.noBatches') }}
          scroll={{ x: 480 }}
          data-testid="codes-schools"
          columns={[
            { title: t('k.school'), key: 's', render: (_: unknown, c: SchoolCodes) => c.schoolName ?? c.schoolCode },
            { title: t('k.issuedAll'), key: 'n', align: 'right' as const, render: (_: unknown, c: SchoolCodes) => formatNumber(c.issued, 0) },
            { title: t('k.used'), key: 'u', align: 'right' as const, render: (_: unknown, c: SchoolCodes) => formatNumber(c.used, 0) },
            { title: t('k.voided'), key: 'x', align: 'right' as const, render: (_: unknown, c: SchoolCodes) => formatNumber(c.voided, 0) },
          ]}
        />
      </Card>
      <Card size="small" title={t('k.batches')}>
        <Table<Batch>
          rowKey="batch"
          size="small"
          pagination={false}
          loading={batches.loading}
          dataSource={list}
          locale={{ emptyText: t('k.noBatches') }}
          scroll={{ x: 720 }}
          data-testid="codes-batches"
          columns={[
            { title: t('k.batch'), dataIndex: 'batch', width: 70 },
            { title: t('k.school'), key: 's', render: (_: unknown, b: Batch) => b.schoolName ?? b.schoolCode },
            { title: t('k.total'), key: 'n', align: 'right' as const, render: (_: unknown, b: Batch) => formatNumber(b.count, 0) },
            { title: t('k.issuedAt'), key: 'at', render: (_: unknown, b: Batch) => fmtTime(b.issuedAt) },
            {
              title: '',
              key: 'void',
              render: (_: unknown, b: Batch) =>
                b.voidedAt ? (
                  <Typography.Text type="secondary">
                    {t('k.voided')} {fmtTime(b.voidedAt)}
                  </Typography.Text>
                ) : (
                  !closed && (
                    <Popconfirm title={t('k.voidConfirm', { b: b.batch, school: b.schoolName ?? b.schoolCode })} onConfirm={() => voidBatch(b)} okButtonProps={{ danger: true }}>
                      <Button size="small" danger>
                        {t('k.void')}
                      </Button>
                    </Popconfirm>
                  )
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

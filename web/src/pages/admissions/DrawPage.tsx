// /admissions/:code — one draw and its workflow: import the applicants → publish the list (公示, frozen) → enter the
// entropy drawn on site and run (once) → publish the result. Every step is checked again by the server and the
// database; the page only offers the step the draw is at.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Input, Popconfirm, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { API, call, download, upload } from '../../client.js';
import { ApiError } from '../../api.js';
import { useCall } from '../../hooks.js';
import { fmtTime, useCan, useMe } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ImportProblems } from '../../components/ImportProblems.js';
import { ErrorResult } from '../../components/Problem.js';
import { useAdmT, type AdmT } from './i18n.js';
import { saveJson, StatusTag, type DrawDetail } from './shared.js';

const STEP: Record<DrawDetail['draw']['status'], number> = { draft: 1, list_published: 3, drawn: 4, result_published: 5 };

export default function DrawPage() {
  const { code = '' } = useParams();
  const t = useAdmT();
  const can = useCan();
  const manage = can('admissions.manage');
  const r = useCall(API.admissions.get, { params: { code } });
  const me = useMe();
  if (r.error) return <ErrorResult error={r.error} onRetry={r.reload} />;
  const d = r.data;
  const draw = d?.draw;
  const update = (next: DrawDetail) => r.setData(next);
  const refresh = () => r.reload();
  return (
    <div>
      <PageHeader
        crumbs={[{ title: t('title'), to: '/admissions' }, { title: code }]}
        title={draw?.name ?? code}
        tags={draw && <StatusTag status={draw.status} t={t} />}
        extra={
          draw && (
            <Space wrap>
              {draw.applicants > 0 && (
                <DownloadButton get={() => download(API.admissions.resultXlsx, { params: { code: draw.code }, query: { names: 'masked' } }, `${draw.name}.xlsx`)}>{t('exportList')}</DownloadButton>
              )}
              {draw.status !== 'draft' && (
                <Link to={`/verify?district=${encodeURIComponent(me.districtId)}&draw=${encodeURIComponent(draw.code)}`} target="_blank">
                  <Button icon={<SafetyCertificateOutlined />}>{t('verifyLink')}</Button>
                </Link>
              )}
            </Space>
          )
        }
      />
      {draw && (
        <Card loading={r.loading} style={{ marginBottom: 16 }}>
          <Steps
            size="small"
            current={STEP[draw.status]}
            items={[t('step.create'), t('step.import'), t('step.publishList'), t('step.run'), t('step.publishResult')].map((title) => ({ title }))}
            style={{ marginBottom: 16 }}
            responsive
          />
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
            <Descriptions.Item label={t('col.code')}>{draw.code}</Descriptions.Item>
            <Descriptions.Item label={t('col.method')}>{`${t(`method.${draw.method}`)}（${draw.method}）`}</Descriptions.Item>
            <Descriptions.Item label={t('col.stage')}>{t(`stage.${draw.stage}`)}</Descriptions.Item>
            {draw.schoolCode && <Descriptions.Item label={t('col.school')}>{draw.schoolName ?? draw.schoolCode}</Descriptions.Item>}
            {draw.seats !== null && <Descriptions.Item label={t('col.seats')}>{draw.seats}</Descriptions.Item>}
            {draw.capacities && (
              <Descriptions.Item label={t('f.capacities')} span={2}>
                {draw.capacities.map((c) => `${c.schoolName ?? c.schoolCode} ${c.seats}`).join('；')}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('col.applicants')}>{draw.applicants}</Descriptions.Item>
            {draw.drawDate && <Descriptions.Item label={t('col.date')}>{draw.drawDate}</Descriptions.Item>}
            {draw.priorityRules && (
              <Descriptions.Item label={t('f.priorityRules')} span={3}>
                {draw.priorityRules}
              </Descriptions.Item>
            )}
            {draw.listHash && (
              <Descriptions.Item label={t('listHash')} span={3}>
                <Typography.Text code copyable data-testid="draw-list-hash">
                  {draw.listHash}
                </Typography.Text>
                {draw.listPublishedAt && <Typography.Text type="secondary"> {fmtTime(draw.listPublishedAt)}</Typography.Text>}
              </Descriptions.Item>
            )}
            {draw.entropy && (
              <Descriptions.Item label={t('entropy')} span={3}>
                {draw.entropy.map((e, i) => (
                  <Tag key={i}>{e}</Tag>
                ))}
              </Descriptions.Item>
            )}
            {draw.seed && (
              <Descriptions.Item label={t('seed')} span={3}>
                <Typography.Text code copyable data-testid="draw-seed">
                  {draw.seed}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {draw.corrects && <Descriptions.Item label={t('f.corrects')}>{t('corrects', { code: draw.corrects })}</Descriptions.Item>}
            {draw.correctedBy.length > 0 && <Descriptions.Item label={t('col.status')}>{t('correctedBy', { codes: draw.correctedBy.join('、') })}</Descriptions.Item>}
          </Descriptions>
          {manage && <NextStep d={d} t={t} onDetail={update} onDraw={refresh} />}
        </Card>
      )}
      {d && <Applicants d={d} t={t} />}
    </div>
  );
}

function NextStep({ d, t, onDetail, onDraw }: { d: DrawDetail; t: AdmT; onDetail: (d: DrawDetail) => void; onDraw: () => void }) {
  const { message } = App.useApp();
  const [problems, setProblems] = useState<{ row: number | null; column: string | null; message: string }[] | null>(null);
  const [entropy, setEntropy] = useState<string[]>(['']);
  const [busy, setBusy] = useState(false);
  const draw = d.draw;
  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };
  if (draw.status === 'draft')
    return (
      <div style={{ marginTop: 16 }}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          showUploadList={false}
          disabled={busy}
          customRequest={({ file }) =>
            void act(async () => {
              setProblems(null);
              try {
                const f = file as File;
                const res = await upload(API.admissions.importApplicants, { params: { code: draw.code } }, f, f.name, { silent: true });
                message.success(t('imp.done', { n: res.draw.applicants }));
                onDraw();
              } catch (e) {
                if (e instanceof ApiError && e.status === 422) setProblems((e.body as { problems?: typeof problems })?.problems ?? []);
                else if (e instanceof ApiError) message.error(e.message);
              }
            })
          }
          data-testid="draw-upload"
        >
          <p className="ant-upload-drag-icon">
            <CloudUploadOutlined />
          </p>
          <p>{t('imp.drag')}</p>
          <Typography.Text type="secondary">{draw.method === 'junheng-lottery-v1' ? t('imp.hintLottery') : t('imp.hintAssign')}</Typography.Text>
        </Upload.Dragger>
        {problems && <ImportProblems problems={problems} title={t('imp.problems', { n: problems.length })} labels={{ row: t('imp.row'), column: t('imp.column'), reason: t('imp.reason') }} />}
        {draw.applicants > 0 && (
          <Popconfirm title={t('publishListConfirm')} onConfirm={() => act(async () => (await call(API.admissions.publishList, { params: { code: draw.code } }), onDraw()))}>
            <Button type="primary" style={{ marginTop: 12 }} loading={busy} data-testid="draw-publish-list">
              {t('publishList')}
            </Button>
          </Popconfirm>
        )}
      </div>
    );
  if (draw.status === 'list_published')
    return (
      <div style={{ marginTop: 16 }}>
        <Typography.Title level={5}>{t('entropy')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('entropyHint')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%', maxWidth: 420 }}>
          {entropy.map((e, i) => (
            <Input
              key={i}
              value={e}
              placeholder={t('entropyPh')}
              addonBefore={i + 1}
              onChange={(x) => setEntropy(entropy.map((y, k) => (k === i ? x.target.value : y)))}
              data-testid={`draw-entropy-${i}`}
            />
          ))}
          <Flex gap={8} wrap>
            <Button icon={<PlusOutlined />} onClick={() => setEntropy([...entropy, ''])}>
              {t('addEntropy')}
            </Button>
            <Popconfirm
              title={t('runConfirm')}
              onConfirm={() => act(async () => onDetail(await call(API.admissions.run, { params: { code: draw.code }, body: { entropy: entropy.map((x) => x.trim()).filter(Boolean) } })))}
            >
              <Button type="primary" danger loading={busy} disabled={!entropy.some((x) => x.trim())} data-testid="draw-run">
                {t('run')}
              </Button>
            </Popconfirm>
          </Flex>
        </Space>
      </div>
    );
  return (
    <Flex gap={8} wrap style={{ marginTop: 16 }}>
      {draw.status === 'drawn' && (
        <Popconfirm title={t('publishResultConfirm')} onConfirm={() => act(async () => (await call(API.admissions.publishResult, { params: { code: draw.code } }), onDraw()))}>
          <Button type="primary" loading={busy} data-testid="draw-publish-result">
            {t('publishResult')}
          </Button>
        </Popconfirm>
      )}
      {d.result && (
        <Button icon={<DownloadOutlined />} onClick={() => saveJson(d.result, `${draw.code}-result.json`)}>
          {t('downloadResult')}
        </Button>
      )}
    </Flex>
  );
}

function Applicants({ d, t }: { d: DrawDetail; t: AdmT }) {
  const lottery = d.draw.method === 'junheng-lottery-v1';
  const drawn = d.result !== null;
  const rows = drawn ? [...d.applicants].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)) : d.applicants;
  const names = (d.draw.capacities ?? []).reduce<Record<string, string>>((m, c) => ((m[c.schoolCode] = c.schoolName ?? c.schoolCode), m), {});
  return (
    <Card title={`${t('col.applicants')}（${d.applicants.length}）`} extra={d.namesShown === 'masked' && <Typography.Text type="secondary">{t('masked')}</Typography.Text>}>
      <Table
        rowKey="applicantId"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 600 }}
        data-testid="draw-applicants"
        columns={[
          ...(drawn ? [{ title: t('r.rank'), dataIndex: 'rank', width: 70 }] : []),
          { title: t('r.id'), dataIndex: 'applicantId' },
          { title: t('r.name'), dataIndex: 'name', render: (n: string | null) => n ?? '—' },
          lottery
            ? { title: t('r.priority'), dataIndex: 'priority', width: 80 }
            : { title: t('r.choices'), dataIndex: 'choices', render: (c: string[] | null) => (c ?? []).map((x) => names[x] ?? x).join(' › ') },
          ...(drawn
            ? [
                {
                  title: t('r.outcome'),
                  key: 'o',
                  render: (a: DrawDetail['applicants'][number]) =>
                    lottery ? (
                      a.admitted ? (
                        <Tag color="green">{t('admitted')}</Tag>
                      ) : (
                        <Tag>{t('waiting')}</Tag>
                      )
                    ) : a.placedAt ? (
                      <Tag color="green">{names[a.placedAt] ?? a.placedAt}</Tag>
                    ) : (
                      <Tag color="orange">{t('unplaced')}</Tag>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

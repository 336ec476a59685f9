// /verify — public, no sign-in: anyone picks a published draw, and their own browser recomputes its list hash, seed,
// keys and ranks from the published list and entropy, and says whether the published result matches.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, Layout, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { API, call, urlOf } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useI18n } from '../../i18n.js';
import { useAdmT } from './i18n.js';
import { saveJson, StatusTag, type PublicDraw } from './shared.js';
import { verifyDraw, type Verification } from './verify.js';

export default function VerifyPage() {
  const t = useAdmT();
  const { lang, setLang } = useI18n();
  const [params, setParams] = useSearchParams();
  const list = useCall(API.admissions.publicList, {});
  const draws = list.data?.draws ?? [];
  const selected = params.get('district') && params.get('draw') ? `${params.get('district')}/${params.get('draw')}` : null;
  const [data, setData] = useState<PublicDraw | null>(null);
  const [check, setCheck] = useState<Verification | null>(null);
  const [busy, setBusy] = useState(false);
  const [find, setFind] = useState('');

  useEffect(() => {
    setData(null);
    setCheck(null);
    if (!selected) return;
    const [district, code] = selected.split('/');
    void call(API.admissions.publicGet, { params: { district, code } }).then(setData);
  }, [selected]);

  const run = async () => {
    if (!data) return;
    setBusy(true);
    try {
      setCheck(await verifyDraw(data));
    } finally {
      setBusy(false);
    }
  };

  const rows = useMemo(() => {
    const all = data ? [...data.applicants].sort((a, b) => (a.rank ?? a.row) - (b.rank ?? b.row)) : [];
    const q = find.trim();
    return q ? all.filter((a) => a.applicantId.includes(q)) : all;
  }, [data, find]);

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Content style={{ maxWidth: 1100, width: '100%', margin: '0 auto', padding: '24px 16px' }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <SafetyCertificateOutlined /> {t('v.title')}
          </Typography.Title>
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary">{t('v.subtitle')}</Typography.Paragraph>
        <Card style={{ marginBottom: 16 }}>
          <Select
            style={{ width: '100%', maxWidth: 560 }}
            placeholder={t('v.pick')}
            loading={list.loading}
            value={selected ?? undefined}
            notFoundContent={t('v.none')}
            onChange={(v: string) => {
              const [district, draw] = v.split('/');
              setParams({ district, draw });
            }}
            options={draws.map((d) => ({ value: `${d.districtId}/${d.code}`, label: `${d.districtName} · ${d.year} · ${d.name}（${d.code}）` }))}
            data-testid="verify-pick"
          />
        </Card>
        {selected && !data && <Spin />}
        {data && (
          <Card
            title={
              <Space wrap>
                {data.draw.name}
                <StatusTag status={data.draw.status} t={t} />
              </Space>
            }
            extra={
              <Space wrap>
                {data.result && <Button onClick={() => saveJson(data, `${data.draw.code}-复核数据.json`)}>{t('v.data')}</Button>}
                <a href={urlOf(API.admissions.publicVerifier)} download>
                  <Button>{t('v.offline')}</Button>
                </a>
              </Space>
            }
          >
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('v.method')}>{data.draw.method}</Descriptions.Item>
              <Descriptions.Item label={t('col.code')}>{data.draw.code}</Descriptions.Item>
              {data.draw.seats !== null && <Descriptions.Item label={t('col.seats')}>{data.draw.seats}</Descriptions.Item>}
              {data.draw.capacities && <Descriptions.Item label={t('f.capacities')}>{data.draw.capacities.map((c) => `${c.schoolCode}=${c.seats}`).join(', ')}</Descriptions.Item>}
              {data.draw.priorityRules && <Descriptions.Item label={t('f.priorityRules')}>{data.draw.priorityRules}</Descriptions.Item>}
              <Descriptions.Item label={t('listHash')}>
                <Typography.Text code copyable>
                  {data.draw.listHash}
                </Typography.Text>
              </Descriptions.Item>
              {data.result && (
                <>
                  <Descriptions.Item label={t('entropy')}>
                    {(data.result.entropy as string[]).map((e, i) => (
                      <Tag key={i}>{e}</Tag>
                    ))}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('seed')}>
                    <Typography.Text code>{String(data.result.seed)}</Typography.Text>
                  </Descriptions.Item>
                </>
              )}
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 4 }}>
              {t('v.methodDoc')}：
            </Typography.Paragraph>
            <ol style={{ marginTop: 0, color: '#555' }}>
              <li>{t('v.step1')}</li>
              <li>{t('v.step2')}</li>
              <li>{t('v.step3')}</li>
            </ol>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()} data-testid="verify-run">
              {t('v.verify')}
            </Button>
            {check && <Outcome check={check} hasResult={!!data.result} t={t} />}
          </Card>
        )}
        {data && (
          <Card style={{ marginTop: 16 }} extra={<Input.Search allowClear placeholder={t('v.find')} onChange={(e) => setFind(e.target.value)} style={{ width: 220 }} />}>
            <Table
              rowKey="applicantId"
              size="small"
              dataSource={rows}
              pagination={{ pageSize: 50, showSizeChanger: false }}
              scroll={{ x: 500 }}
              columns={[
                ...(data.result ? [{ title: t('r.rank'), dataIndex: 'rank', width: 70 }] : []),
                { title: t('r.id'), dataIndex: 'applicantId' },
                { title: t('r.name'), dataIndex: 'name', render: (n: string | null) => n ?? '—' },
                data.draw.method === 'junheng-lottery-v1'
                  ? { title: t('r.priority'), dataIndex: 'priority', width: 80 }
                  : { title: t('r.choices'), dataIndex: 'choices', render: (c: string[] | null) => (c ?? []).join(' › ') },
                ...(data.result
                  ? [
                      {
                        title: t('r.outcome'),
                        key: 'o',
                        render: (a: PublicDraw['applicants'][number]) =>
                          data.draw.method === 'junheng-lottery-v1' ? (
                            a.admitted ? (
                              <Tag color="green">{t('admitted')}</Tag>
                            ) : (
                              <Tag>{t('waiting')}</Tag>
                            )
                          ) : a.placedAt ? (
                            <Tag color="green">{a.placedAt}</Tag>
                          ) : (
                            <Tag color="orange">{t('unplaced')}</Tag>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        )}
      </Layout.Content>
    </Layout>
  );
}

function Outcome({ check, hasResult, t }: { check: Verification; hasResult: boolean; t: ReturnType<typeof useAdmT> }) {
  const list = (
    <Space>
      {check.listMatches ? <CheckCircleFilled style={{ color: '#2e7d32' }} /> : <CloseCircleFilled style={{ color: '#c62828' }} />}
      {check.listMatches ? t('v.listOk') : t('v.listBad')}
      <Typography.Text code>{check.listHash}</Typography.Text>
    </Space>
  );
  if (!hasResult) return <Alert style={{ marginTop: 12 }} type={check.listMatches ? 'info' : 'error'} message={t('v.notYet')} description={list} />;
  const ok = check.result?.difference === null && check.listMatches;
  return (
    <Result
      status={ok ? 'success' : 'error'}
      title={<span data-testid="verify-outcome">{ok ? t('v.matches') : t('v.differs', { diff: check.result?.difference ?? t('v.listBad') })}</span>}
      subTitle={list}
    />
  );
}

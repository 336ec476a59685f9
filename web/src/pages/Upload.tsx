import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Flex, Result, Row, Select, Space, Spin, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { CloudDownloadOutlined, ExportOutlined, FileExcelOutlined, InboxOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { ApiError, bilingual } from '../api.js';
import { API, download, upload } from '../client.js';
import { useCall } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { can, useMe, yearLabel } from '../session.js';
import { districtTerm } from '../../../src/core/district-term.js';
import { useYear } from '../year.js';
import { PageHeader } from '../components/PageHeader.js';
import type { ImportProblem, ImportResult } from '../types.js';

type Outcome = { kind: 'ok'; file: string; result: ImportResult } | { kind: 'problems'; file: string; problems: ImportProblem[] } | { kind: 'error'; file: string; message: string };

export default function UploadPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const { year } = useYear();
  // Whoever reads the figures of more than their own school picks the template's school and exports
  // every school in scope; a clerk's template is always the own school's (with its stored figures).
  const readScope = me.capabilities['stats.read'];
  const manySchools = !!readScope && readScope !== 'own';
  const canImport = can(me, 'stats.edit');
  const [school, setSchool] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const schools = useCall(API.registry.listSchools, manySchools ? { query: { year } } : null, { silent: true });

  const schoolOptions = useMemo(() => (schools.data?.schools ?? []).map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` })), [schools.data]);

  const get = async (kind: 'template' | 'export') => {
    setDownloading(kind);
    try {
      if (kind === 'template') await download(API.registry.template, { query: { year, school: manySchools ? school : undefined } }, `junheng-template-${year}.xlsx`);
      else await download(API.registry.export, { query: { year } }, `junheng-export-${year}.xlsx`);
    } catch {
      /* shown by the API client */
    } finally {
      setDownloading(null);
    }
  };

  const customRequest: UploadProps['customRequest'] = (opt) => {
    const file = opt.file as File;
    const name = file.name ?? 'upload.xlsx';
    setBusy(true);
    setOutcome(null);
    upload(API.registry.import, { query: { year } }, file, name, { silent: true })
      .then((result) => {
        setOutcome({ kind: 'ok', file: name, result });
        message.success(result.unchanged ? t('upload.unchanged') : t('upload.success'));
        opt.onSuccess?.(result);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 422) setOutcome({ kind: 'problems', file: name, problems: e.problems as ImportProblem[] });
        else if (e instanceof ApiError && e.status === 401) return;
        else setOutcome({ kind: 'error', file: name, message: e instanceof ApiError ? bilingual(e.message, lang) : String(e) });
        opt.onError?.(e as Error);
      })
      .finally(() => setBusy(false));
  };

  const problems = outcome?.kind === 'problems' ? outcome.problems : [];
  const sheets = [...new Set(problems.map((p) => p.sheet))];
  const files = [...new Set(problems.map((p) => p.file))];

  return (
    <div>
      <PageHeader title={t('upload.title')} subtitle={t('upload.subtitle', { year: yearLabel(year, lang) })} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card
            variant="borderless"
            className="jh-card-fill"
            title={
              <Space>
                <Badge count={1} color="var(--jh-primary)" />
                {t('upload.step1')}
              </Space>
            }
          >
            <Typography.Paragraph type="secondary">{t('upload.step1Help')}</Typography.Paragraph>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {manySchools && (
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={`${t('upload.templateSchool')} · ${t('upload.allSchools')}`}
                  value={school}
                  onChange={setSchool}
                  options={schoolOptions}
                  loading={schools.loading}
                  style={{ width: '100%' }}
                />
              )}
              <Button type="primary" icon={<CloudDownloadOutlined />} block loading={downloading === 'template'} onClick={() => void get('template')} data-testid="download-template">
                {t('upload.template', { year: yearLabel(year, lang) })}
              </Button>
              {manySchools && (
                <Button icon={<ExportOutlined />} block loading={downloading === 'export'} onClick={() => void get('export')} data-testid="export">
                  {t('upload.export', { term: districtTerm(me.districtName).zh })}
                </Button>
              )}
            </Space>
            <Steps
              orientation="vertical"
              size="small"
              current={outcome || busy ? 2 : 1}
              status={busy ? 'process' : outcome?.kind === 'ok' ? 'finish' : outcome ? 'error' : 'process'}
              style={{ marginTop: 24 }}
              items={[{ title: t('upload.step1') }, { title: t('upload.step2') }, { title: lang === 'zh' ? '校验并保存' : 'Checked and saved' }]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            variant="borderless"
            className="jh-card-fill"
            title={
              <Space>
                <Badge count={2} color="var(--jh-primary)" />
                {t('upload.step2')}
              </Space>
            }
          >
            {!canImport ? (
              <Alert type="info" showIcon title={t('upload.notAllowed')} />
            ) : (
              <Spin spinning={busy} description={t('upload.uploading')}>
                <div data-testid="upload-dragger">
                  <Upload.Dragger
                    name="file"
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    multiple={false}
                    showUploadList={false}
                    customRequest={customRequest}
                    disabled={busy}
                    data-testid="upload-input"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t('upload.drag')}</p>
                    <p className="ant-upload-hint" style={{ padding: '0 24px' }}>
                      {t('upload.dragHint')}
                    </p>
                  </Upload.Dragger>
                </div>
              </Spin>
            )}

            {outcome?.kind === 'ok' && (
              <Result
                status="success"
                icon={<CheckCircleOutlined />}
                style={{ padding: '32px 0 8px' }}
                title={outcome.result.unchanged ? t('upload.unchanged') : t('upload.success')}
                subTitle={
                  <Space orientation="vertical" size={4}>
                    <span>
                      <FileExcelOutlined /> {t('upload.lastFile', { name: outcome.file })}
                    </span>
                    {!outcome.result.unchanged && <span data-testid="upload-summary">{t('upload.successDetail', { schools: outcome.result.schools, fields: outcome.result.changedFields })}</span>}
                  </Space>
                }
              />
            )}
            {outcome?.kind === 'error' && <Alert type="error" showIcon style={{ marginTop: 16 }} title={outcome.message} description={t('upload.lastFile', { name: outcome.file })} />}
            {outcome?.kind === 'problems' && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                title={<b data-testid="upload-problem-count">{t('upload.problemsTitle', { n: problems.length })}</b>}
                description={
                  <Flex gap={8} wrap align="center">
                    <span>{t('upload.problemsHelp')}</span>
                    {files.map((f) => (
                      <Tag key={f} icon={<FileExcelOutlined />}>
                        {f}
                      </Tag>
                    ))}
                  </Flex>
                }
              />
            )}
          </Card>
        </Col>
        {outcome?.kind === 'problems' && (
          <Col xs={24}>
            <Card variant="borderless" title={t('upload.problemsTitle', { n: problems.length })} extra={<Tag color="error">{problems.length}</Tag>}>
              <div data-testid="upload-problems">
                <Table<ImportProblem>
                  size="small"
                  rowKey={(_r) => `${_r.file}|${_r.sheet}|${_r.row}|${_r.column}|${_r.reason}`}
                  dataSource={problems}
                  pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true, showTotal: (n) => t('common.items', { n }) }}
                  scroll={{ x: 860 }}
                  columns={[
                    {
                      title: t('upload.col.file'),
                      dataIndex: 'file',
                      width: 200,
                      ellipsis: true,
                      filters: files.length > 1 ? files.map((f) => ({ text: f, value: f })) : undefined,
                      onFilter: (v, r) => r.file === v,
                    },
                    {
                      title: t('upload.col.sheet'),
                      dataIndex: 'sheet',
                      width: 140,
                      filters: sheets.length > 1 ? sheets.map((s) => ({ text: s, value: s })) : undefined,
                      onFilter: (v, r) => r.sheet === v,
                      render: (v: string) => v || '—',
                    },
                    // A problem of the whole file or school without a row of its own has row 0: shown as —, never "0".
                    { title: t('upload.col.row'), dataIndex: 'row', width: 70, align: 'right', sorter: (a, b) => a.row - b.row, render: (r: number) => (r > 0 ? r : '—') },
                    { title: t('upload.col.column'), dataIndex: 'column', width: 70, align: 'center', render: (c: string) => (c ? <Tag>{c}</Tag> : '—') },
                    { title: t('upload.col.header'), dataIndex: 'header', width: 220, ellipsis: true },
                    { title: t('upload.col.reason'), dataIndex: 'reason', render: (r: string) => <Typography.Text type="danger">{bilingual(r, lang)}</Typography.Text> },
                  ]}
                />
              </div>
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}

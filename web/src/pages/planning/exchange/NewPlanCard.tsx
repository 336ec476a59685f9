// A new exchange plan: its name, the school year whose students weigh the schools, the rules (defaults of 教师〔2014〕4号
// and the usual local limits, each with its help text), and where its teachers come from: the teachers' roster of that
// year (从教师名册生成; once locked, the moves are recorded in the exchange history) or an uploaded teacher file, either
// of which starts the solve. A refused file lists every bad cell; rules that cannot all hold name the binding one.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Spin, Typography, Upload } from 'antd';
import { CloudUploadOutlined, TeamOutlined } from '@ant-design/icons';
import { API, call, download, upload } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useI18n } from '../../../i18n.js';
import { useYear } from '../../../year.js';
import { DownloadButton } from '../../../components/DownloadButton.js';
import { ImportProblems, type ImportProblem } from '../../../components/ImportProblems.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { DEFAULT_EXCHANGE_RULES } from '../../../../../src/planning/exchange/model.js';
import { RulesFields, type RuleValues } from './RulesFields.js';
import type { ExchangeT } from './i18n.js';

export const defaultRules = (): RuleValues => {
  const { pins: _pins, ...r } = DEFAULT_EXCHANGE_RULES;
  return { ...r };
};

export function NewPlanCard({ t, onCreated }: { t: ExchangeT; onCreated: (id: number) => void }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const { years, currentYear } = useYear();
  const [year, setYear] = useState(currentYear);
  const [name, setName] = useState<string | null>(null);
  const [rules, setRules] = useState<RuleValues>(defaultRules);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const shownName = name ?? t('f.nameDefault', { y: year + 1 });

  const query = () => ({ name: shownName.trim() || t('f.nameDefault', { y: year + 1 }), year, ...rules });
  const make = async (build: () => Promise<{ id: number; metrics: { movers: number } }>) => {
    setBusy(true);
    setProblems(null);
    setRefusal(null);
    try {
      const plan = await build();
      message.success(t('created', { n: formatNumber(plan.metrics.movers, 0) }));
      onCreated(plan.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.problems.length) setProblems(e.problems as ImportProblem[]);
      else if (e instanceof ApiError) setRefusal(bilingual(e.message, lang));
      else setRefusal(String(e));
    } finally {
      setBusy(false);
    }
  };

  const send = (file: File) => make(() => upload(API.exchange.create, { query: query() }, file, file.name, { silent: true }));
  const fromRoster = () => make(() => call(API.exchange.createFromRoster, { query: query() }, { silent: true }));

  return (
    <Card
      title={t('newPlan')}
      style={{ marginBottom: 12 }}
      extra={
        <DownloadButton get={() => download(API.exchange.template, {}, 'teacher-template.xlsx')} data-testid="exchange-template">
          {t('template')}
        </DownloadButton>
      }
      data-testid="exchange-new"
    >
      <Form layout="vertical" component="div">
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item label={t('f.name')} style={{ marginBottom: 12 }}>
              <Input value={shownName} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="exchange-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label={t('f.year')} extra={t('f.yearHelp')} style={{ marginBottom: 12 }}>
              <Select
                value={year}
                onChange={setYear}
                options={(years.length ? years.map((y) => y.year) : [currentYear]).map((y) => ({ value: y, label: t('yearLabel', { y, y1: y + 1 }) }))}
                data-testid="exchange-year"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('rules')}
      </Typography.Title>
      <RulesFields t={t} value={rules} onChange={setRules} disabled={busy} />
      <Spin spinning={busy} tip={t('solving')}>
        <Button type="primary" icon={<TeamOutlined />} disabled={busy} onClick={() => void fromRoster()} data-testid="exchange-from-roster">
          {t('fromRoster')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('fromRosterHelp')}
        </Typography.Paragraph>
        <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 8 }}>
          {t('orUpload')}
        </Typography.Paragraph>
        <Upload.Dragger accept=".xlsx,.csv" showUploadList={false} disabled={busy} customRequest={({ file }) => void send(file as File)} data-testid="exchange-upload">
          <p className="ant-upload-drag-icon">
            <CloudUploadOutlined />
          </p>
          <p>{t('drag')}</p>
          <Typography.Text type="secondary">{t('dragHint')}</Typography.Text>
        </Upload.Dragger>
      </Spin>
      {refusal && <Alert type="error" showIcon style={{ marginTop: 12 }} message={refusal} data-testid="exchange-refusal" />}
      {problems && <ImportProblems problems={problems} title={t('problems', { n: problems.length })} labels={{ row: t('row'), column: t('column'), reason: t('reason') }} />}
    </Card>
  );
}

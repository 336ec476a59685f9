// Upload a school's roster of a year (it replaces that year's roster whole): the template of the school, the file, and
// either what was imported or the problems of the file, each with its row, column and reason (nothing imported).
import { useState } from 'react';
import { Alert, Card, Spin, Typography, Upload } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { API, download, upload } from '../../../client.js';
import { ApiError, bilingual } from '../../../api.js';
import { useI18n } from '../../../i18n.js';
import { DownloadButton } from '../../../components/DownloadButton.js';
import { ImportProblems, type ImportProblem } from '../../../components/ImportProblems.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { RosterT } from './i18n.js';

export function UploadCard({ t, school, schoolName, year, onImported }: { t: RosterT; school: string; schoolName: string; year: number; onImported: () => void }) {
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const n = (x: number) => formatNumber(x, 0);

  const send = async (file: File) => {
    setBusy(true);
    setProblems(null);
    setRefusal(null);
    setDone(null);
    try {
      const r = await upload(API.roster.import, { query: { school, year } }, file, file.name, { silent: true });
      setDone(t('imported', { rows: n(r.rows), fullTime: n(r.fullTime), added: n(r.added), removed: n(r.removed) }));
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.problems.length) setProblems(e.problems as ImportProblem[]);
      else if (e instanceof ApiError) setRefusal(bilingual(e.message, lang));
      else setRefusal(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('upload')}
      size="small"
      style={{ marginBottom: 12 }}
      extra={
        <DownloadButton size="small" get={() => download(API.roster.template, { query: { school } }, `教师名册模板-${schoolName}.xlsx`)} data-testid="roster-template">
          {t('template')}
        </DownloadButton>
      }
      data-testid="roster-upload-card"
    >
      <Spin spinning={busy} tip={t('importing')}>
        <Upload.Dragger accept=".xlsx,.csv" showUploadList={false} disabled={busy} customRequest={({ file }) => void send(file as File)} data-testid="roster-upload">
          <p className="ant-upload-drag-icon">
            <CloudUploadOutlined />
          </p>
          <p>{t('drag')}</p>
          <Typography.Text type="secondary">{t('dragHint')}</Typography.Text>
        </Upload.Dragger>
      </Spin>
      {done && <Alert type="success" showIcon style={{ marginTop: 12 }} message={done} data-testid="roster-imported" />}
      {refusal && <Alert type="error" showIcon style={{ marginTop: 12 }} message={refusal} data-testid="roster-refusal" />}
      {problems && <ImportProblems problems={problems} title={t('problems', { n: problems.length })} labels={{ row: t('row'), column: t('column'), reason: t('reason') }} />}
    </Card>
  );
}

// 从文件预测: an enrolment file (school code, year, grade, students) forecast with the page's parameters — not stored;
// the same report as the registry's. A refused file lists every bad cell (ImportProblems). Changing a parameter
// forecasts the same file again.
import { useEffect, useState } from 'react';
import { Button, Card, Spin, Typography, Upload } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { ApiError, bilingual } from '../../../api.js';
import { API, upload } from '../../../client.js';
import { ImportProblems, type ImportProblem } from '../../../components/ImportProblems.js';
import type { ForecastReport } from '../../../../../src/planning/forecast/contract.js';
import type { ForecastParams } from './Controls.js';
import { ReportView } from './ReportView.js';
import type { ForecastT } from './i18n.js';

export function FileTab({ params, t }: { params: ForecastParams; t: ForecastT }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ForecastReport | null>(null);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);

  useEffect(() => {
    if (!file) return;
    let stale = false;
    setBusy(true);
    setProblems(null);
    upload(API.forecast.fromFile, { query: params }, file, file.name, { silent: true })
      .then((r) => !stale && setReport(r))
      .catch((e: unknown) => {
        if (stale) return;
        setReport(null);
        if (e instanceof ApiError && e.status === 422) setProblems(((e.body as { problems?: ImportProblem[] })?.problems ?? []).map((p) => ({ ...p, message: bilingual(p.message) })));
        else if (e instanceof ApiError) setProblems([{ row: null, column: null, message: bilingual(e.message) }]);
      })
      .finally(() => !stale && setBusy(false));
    return () => {
      stale = true;
    };
  }, [file, params]);

  return (
    <div>
      {!report && (
        <Card title={t('fileTitle')} style={{ marginBottom: 12 }}>
          <Upload.Dragger accept=".xlsx,.csv" showUploadList={false} disabled={busy} customRequest={({ file: f }) => setFile(f as File)} data-testid="forecast-file-upload">
            <p className="ant-upload-drag-icon">
              <CloudUploadOutlined />
            </p>
            <p>{t('fileDrag')}</p>
            <Typography.Text type="secondary">{t('fileHint')}</Typography.Text>
          </Upload.Dragger>
          {busy && <Spin style={{ display: 'block', marginTop: 12 }} />}
          {problems && <ImportProblems problems={problems} title={t('fileProblems', { n: problems.length })} labels={{ row: t('row'), column: t('column'), reason: t('reason') }} />}
        </Card>
      )}
      {report && (
        <Spin spinning={busy}>
          <Button
            style={{ marginBottom: 12 }}
            onClick={() => {
              setReport(null);
              setFile(null);
            }}
            data-testid="forecast-file-again"
          >
            {t('fileAgain')}
          </Button>
          <ReportView r={report} t={t} />
        </Spin>
      )}
    </div>
  );
}

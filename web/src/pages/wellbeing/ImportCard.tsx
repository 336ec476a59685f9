// The import card of the wellbeing pages (fitness results, vision screening, homework and sleep surveys; the bureau and
// its health staff): a school year, the page's own choices if it has any, and a file. A refused file (422) lists every
// bad cell (ImportProblems) and nothing is kept; any other refusal shows its message.
import { useState, type ReactNode } from 'react';
import { App, Card, Flex, InputNumber, Typography, Upload } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api.js';
import { ImportProblems, type ImportProblem } from '../../components/ImportProblems.js';

/** The texts the card needs; every wellbeing dictionary has them. */
export type ImportT = (key: 'importTitle' | 'importYear' | 'drag' | 'dragHint' | 'problems' | 'row' | 'column' | 'reason', vars?: Record<string, string | number>) => string;

export interface ImportCardProps {
  t: ImportT;
  /** data-testid prefix: `<testId>-import-year` on the year, `<testId>-upload` on the drop zone. */
  testId: string;
  /** The year the page shows (null: none yet, then this year). */
  defaultYear: number | null;
  /** More choices beside the year; with them the year stands above the drop zone instead of in the card's header. */
  controls?: ReactNode;
  /** Uploads the file into the year (silently: the card shows what goes wrong) and answers the message of success. */
  send: (year: number, file: File) => Promise<string>;
  onDone: (year: number) => void;
}

export function ImportCard({ t, testId, defaultYear, controls, send, onDone }: ImportCardProps) {
  const { message } = App.useApp();
  const [year, setYear] = useState<number>(defaultYear ?? new Date().getFullYear());
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const yearInput = (width: number) => (
    <InputNumber addonBefore={t('importYear')} value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} style={{ width }} data-testid={`${testId}-import-year`} />
  );
  return (
    <Card title={t('importTitle')} style={{ marginBottom: 12 }} extra={controls ? undefined : yearInput(200)} styles={controls ? undefined : { header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}>
      {controls && (
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          {yearInput(180)}
          {controls}
        </Flex>
      )}
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        disabled={busy}
        customRequest={({ file }) =>
          void (async () => {
            setBusy(true);
            setProblems(null);
            try {
              message.success(await send(year, file as File));
              onDone(year);
            } catch (e) {
              if (e instanceof ApiError && e.status === 422) setProblems((e.body as { problems?: ImportProblem[] })?.problems ?? []);
              else if (e instanceof ApiError) message.error(e.message);
            } finally {
              setBusy(false);
            }
          })()
        }
        data-testid={`${testId}-upload`}
      >
        <p className="ant-upload-drag-icon">
          <CloudUploadOutlined />
        </p>
        <p>{t('drag')}</p>
        <Typography.Text type="secondary">{t('dragHint')}</Typography.Text>
      </Upload.Dragger>
      {problems && <ImportProblems problems={problems} title={t('problems', { n: problems.length })} labels={{ row: t('row'), column: t('column'), reason: t('reason') }} />}
    </Card>
  );
}

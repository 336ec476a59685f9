// /planning — 学位预测: forecast v1 of the registry's enrolments for 1–10 years with its backtest and band (key figures,
// the district's chart, 新建/扩建需求, levels and catchments, every school with its flags and grades), the same for an
// uploaded file, the workbook, and for the bureau the inputs (townships, classrooms, births, new housing).
import { useState } from 'react';
import { Card, Empty, Skeleton, Tabs } from 'antd';
import { API, download } from '../../client.js';
import { useCall } from '../../hooks.js';
import { useCan } from '../../session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ErrorResult } from '../../components/Problem.js';
import { useI18n } from '../../i18n.js';
import { Controls, DEFAULT_PARAMS, type ForecastParams } from './forecast/Controls.js';
import { FileTab } from './forecast/FileTab.js';
import { InputsTab } from './forecast/InputsTab.js';
import { ReportView } from './forecast/ReportView.js';
import { useForecastT } from './forecast/i18n.js';

type Tab = 'report' | 'file' | 'inputs';

export default function ForecastPage() {
  const t = useForecastT();
  const { lang } = useI18n();
  const can = useCan();
  const [params, setParams] = useState<ForecastParams>(DEFAULT_PARAMS);
  const [tab, setTab] = useState<Tab>('report');
  const report = useCall(API.forecast.report, { query: params }, { silent: true });
  // The packs to choose the class sizes from: for those who read the balance evaluation (others use the national pack).
  const standards = useCall(API.balance.listStandards, can('balance.read') ? {} : null, { silent: true });
  const r = report.data;
  const manage = can('planning.manage');
  const birthsAvailable = r?.birthsAvailable ?? params.entry === 'births';

  const body =
    report.error && tab === 'report' ? (
      <ErrorResult error={report.error} onRetry={report.reload} />
    ) : !r ? (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    ) : r.baseYear === null ? (
      <Card>
        <Empty description={t('noData')} />
      </Card>
    ) : (
      <ReportView r={r} t={t} />
    );

  const controls = <Controls value={params} onChange={setParams} birthsAvailable={birthsAvailable} standards={standards.data?.standards ?? []} t={t} />;
  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          r?.baseYear != null && (
            <DownloadButton get={() => download(API.forecast.export, { query: { ...params, lang } }, `学位预测-${r.baseYear}.xlsx`)} data-testid="forecast-export">
              {t('export')}
            </DownloadButton>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          {
            key: 'report',
            label: <span data-testid="forecast-tab-report">{t('tabReport')}</span>,
            children: (
              <>
                {controls}
                {body}
              </>
            ),
          },
          {
            key: 'file',
            label: <span data-testid="forecast-tab-file">{t('tabFile')}</span>,
            children: (
              <>
                {controls}
                <FileTab params={params} t={t} />
              </>
            ),
          },
          ...(manage ? [{ key: 'inputs', label: <span data-testid="forecast-tab-inputs">{t('tabInputs')}</span>, children: <InputsTab t={t} onChanged={report.reload} /> }] : []),
        ]}
      />
    </div>
  );
}

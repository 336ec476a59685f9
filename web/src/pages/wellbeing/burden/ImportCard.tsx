// The import of a homework and sleep survey or diary (the bureau and its health staff): the shared import card with
// the source (survey or diary) beside the year.
import { useState } from 'react';
import { Flex, Radio, Typography } from 'antd';
import { API, upload } from '../../../client.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { BurdenSource } from '../../../../../src/wellbeing/burden/contract.js';
import { ImportCard as SharedImportCard } from '../ImportCard.js';
import type { BurdenT } from './i18n.js';

export function ImportCard({ t, defaultYear, onDone }: { t: BurdenT; defaultYear: number | null; onDone: (year: number) => void }) {
  const [source, setSource] = useState<BurdenSource>('survey');
  return (
    <SharedImportCard
      t={t}
      testId="burden"
      defaultYear={defaultYear}
      onDone={onDone}
      send={async (year, f) => {
        const res = await upload(API.burden.import, { query: { year, source } }, f, f.name, { silent: true });
        return t('imported', { n: formatNumber(res.imported, 0), r: formatNumber(res.replaced, 0) });
      }}
      controls={
        <Flex gap={8} align="center">
          <Typography.Text>{t('importSource')}</Typography.Text>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as BurdenSource)}
            optionType="button"
            options={[
              { value: 'survey', label: t('survey') },
              { value: 'diary', label: t('diary') },
            ]}
            data-testid="burden-import-source"
          />
        </Flex>
      }
    />
  );
}

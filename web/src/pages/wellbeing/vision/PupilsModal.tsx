// One school's pupil rows (sensitive personal data: the health staff and the school's own clerk; every read audited).
import { Modal, Space, Table, Tag, Typography } from 'antd';
import { API } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber } from '../../../../../src/core/format.js';
import type { VisionPupil } from '../../../../../src/wellbeing/vision/contract.js';
import type { VisionT } from './i18n.js';

const acuity = (v: number | null) => formatNumber(v, 1);
const dioptres = (v: number | null) => formatNumber(v, { decimals: 2, signed: true });

export function PupilsModal({
  t,
  school,
  year,
  yearText,
  gradeName,
  onClose,
}: {
  t: VisionT;
  school: { code: string; name: string };
  year: number;
  yearText: string;
  gradeName: (g: number) => string;
  onClose: () => void;
}) {
  const r = useCall(API.vision.students, { params: { code: school.code }, query: { year } });
  return (
    <Modal open width={1100} footer={null} onCancel={onClose} title={t('pupilsTitle', { school: school.name, year: yearText })}>
      <Typography.Paragraph type="secondary">{t('pupilsNote')}</Typography.Paragraph>
      {r.error ? (
        <ErrorResult error={r.error} onRetry={r.reload} />
      ) : (
        <Table<VisionPupil>
          rowKey="studentId"
          size="small"
          loading={r.loading}
          dataSource={r.data?.students ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 820 }}
          data-testid="vision-pupils"
          columns={[
            { title: t('colId'), dataIndex: 'studentId', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
            {
              title: t('colResult'),
              key: 'res',
              render: (_: unknown, p) =>
                p.myopia === null ? (
                  <Tag>{t('open')}</Tag>
                ) : (
                  <Space size={4} wrap>
                    <Tag color={p.myopia ? 'red' : 'green'}>{t(p.myopia ? 'myope' : 'notMyope')}</Tag>
                    {p.basis === 'acuity-only' && <Tag color="orange">{t('acuityOnlyTag')}</Tag>}
                    {p.reduced && !p.myopia && <Tag>{t('reducedTag')}</Tag>}
                  </Space>
                ),
            },
            { title: t('colUcva'), key: 'u', align: 'right' as const, render: (_: unknown, p) => <span style={{ whiteSpace: 'nowrap' }}>{`${acuity(p.ucvaRight)} / ${acuity(p.ucvaLeft)}`}</span> },
            { title: t('colSe'), key: 'se', align: 'right' as const, render: (_: unknown, p) => <span style={{ whiteSpace: 'nowrap' }}>{`${dioptres(p.seRight)} / ${dioptres(p.seLeft)}`}</span> },
            { title: t('colGrade'), key: 'g', render: (_: unknown, p) => gradeName(p.grade) },
            { title: t('colSex'), key: 's', render: (_: unknown, p) => t(p.sex === 'M' ? 'boys' : 'girls') },
            { title: t('colGlasses'), key: 'gl', render: (_: unknown, p) => (p.wearsGlasses === null ? formatNumber(null, 0) : t(p.wearsGlasses ? 'yes' : 'no')) },
          ]}
        />
      )}
    </Modal>
  );
}

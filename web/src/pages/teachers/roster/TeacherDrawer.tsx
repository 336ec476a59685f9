// One teacher (the server audits the read): the person, their posts by year at the schools the user may see, and —
// from the training and moves areas — the training hours against the targets and the moves recorded.
import { Descriptions, Drawer, Grid, Table, Tag, Typography } from 'antd';
import { API } from '../../../client.js';
import { useCall } from '../../../hooks.js';
import { useI18n } from '../../../i18n.js';
import { ErrorResult } from '../../../components/Problem.js';
import { formatNumber } from '../../../../../src/core/format.js';
import { MOVE_KIND_EN } from '../../../../../src/teachers/model.js';
import type { TeacherPostWire } from '../../../../../src/teachers/roster/contract.js';
import type { RosterT, ValueLabels } from './i18n.js';

export function TeacherDrawer({ t, v, teacherId, year, onClose }: { t: RosterT; v: ValueLabels; teacherId: string; year: number; onClose: () => void }) {
  const { lang } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const h = useCall(API.roster.teacher, { params: { teacherId } });
  const training = useCall(API.training.teacher, { params: { teacherId }, query: { year } }, { silent: true });
  const moves = useCall(API.moves.list, { query: { teacher: teacherId } }, { silent: true });
  const d = h.data;
  const yl = (y: number) => t('yearLabel', { y, y1: y + 1 });
  const met = (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'd.met' : 'd.notMet')}</Tag>;
  const tr = training.data;
  const mv = moves.data?.moves;
  return (
    <Drawer open onClose={onClose} size={narrow ? '100%' : 720} title={d ? t('d.title', { name: d.name, id: d.teacherId }) : teacherId} data-testid="roster-teacher">
      {h.error ? (
        <ErrorResult error={h.error} onRetry={h.reload} />
      ) : (
        d && (
          <>
            <Descriptions size="small" column={narrow ? 1 : 3} style={{ marginBottom: 12 }} title={t('d.person')}>
              <Descriptions.Item label={t('c.sex')}>{v.sex(d.sex)}</Descriptions.Item>
              <Descriptions.Item label={t('d.birthYear')}>{d.birthYear}</Descriptions.Item>
              <Descriptions.Item label={t('d.idNumber')}>{t(d.hasIdNumber ? 'd.idYes' : 'd.idNo')}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('d.posts')}</Typography.Title>
            <Table<TeacherPostWire>
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={d.posts}
              scroll={{ x: 760 }}
              style={{ marginBottom: 16 }}
              data-testid="roster-teacher-posts"
              columns={[
                { title: t('year'), dataIndex: 'year', width: 120, render: yl },
                { title: t('d.school'), dataIndex: 'schoolName', width: 150, render: (n: string, p) => (p.section ? `${n}（${v.section(p.section)}）` : n) },
                { title: t('c.subjects'), dataIndex: 'subjects', width: 120, render: (s: string[]) => s.join('、') },
                { title: t('c.post'), dataIndex: 'post', width: 80, render: v.post },
                { title: t('c.qualification'), dataIndex: 'qualification', width: 90, render: v.qualification },
                { title: t('c.title'), dataIndex: 'title', width: 80, render: v.title },
                { title: t('c.backbone'), key: 'b', width: 90, render: (_: unknown, p) => (p.backboneLevel ? `${v.backbone(p.backboneLevel)} ${p.backboneYear ?? ''}` : '—') },
                { title: t('c.years'), dataIndex: 'yearsAtSchool', width: 80, align: 'right', render: (x: number) => formatNumber(x, 0) },
              ]}
            />
            {tr && (
              <>
                <Typography.Title level={5}>{t('d.training')}</Typography.Title>
                <Typography.Paragraph data-testid="roster-teacher-training">
                  {t('d.trainingLine', { year: formatNumber(tr.yearHours, 1), window: formatNumber(tr.windowHours, 1) })} {met(tr.meetsYear)} {met(tr.meetsWindow)}
                </Typography.Paragraph>
              </>
            )}
            {mv && (
              <>
                <Typography.Title level={5}>{t('d.moves')}</Typography.Title>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={mv}
                  locale={{ emptyText: t('d.noMoves') }}
                  scroll={{ x: 520 }}
                  columns={[
                    { title: t('d.start'), dataIndex: 'startDate', width: 110 },
                    { title: t('d.kind'), dataIndex: 'kind', width: 100, render: (k: keyof typeof MOVE_KIND_EN) => (lang === 'en' ? MOVE_KIND_EN[k] : k) },
                    { title: t('d.from'), dataIndex: 'fromName', width: 150 },
                    { title: t('d.to'), dataIndex: 'toName', width: 150 },
                  ]}
                />
              </>
            )}
          </>
        )
      )}
    </Drawer>
  );
}

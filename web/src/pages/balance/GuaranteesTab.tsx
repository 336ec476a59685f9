// 政府保障: per school, the items the registry can answer — school size, music and art rooms per 12 classes,
// classes above the standard size.
import { useMemo, useState } from 'react';
import { Card, Col, Flex, Result, Row, Segmented, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n.js';
import { useLabels } from '../../session.js';
import { formatNumber } from '../../../../src/core/format.js';
import { useYear } from '../../year.js';
import { PassTag, RED, type Evaluation, type SchoolGuarantees } from './shared.js';

export function GuaranteesTab({ data }: { data: Evaluation }) {
  const { t } = useI18n();
  const L = useLabels();
  const { link } = useYear();
  const g = data.pack.guarantees;
  const [filter, setFilter] = useState<'all' | 'failing'>('all');
  const rows = useMemo(() => (filter === 'all' ? data.guarantees : data.guarantees.filter((r) => r.pass !== true)), [data, filter]);

  if (!g)
    return (
      <Card variant="borderless">
        <Result status="info" title={t('balance.noGuarantees')} />
      </Card>
    );

  const all = data.guarantees;
  const counts = {
    pass: all.filter((r) => r.pass).length,
    size: all.filter((r) => !r.sizePass).length,
    rooms: all.filter((r) => r.roomsPass === false).length,
    classes: all.filter((r) => !r.classSizePass).length,
  };
  const roomFields = g.specialRooms.fields;

  const columns: ColumnsType<SchoolGuarantees> = [
    {
      title: t('balance.school'),
      key: 'school',
      fixed: 'left',
      sorter: (a, b) => a.schoolName.localeCompare(b.schoolName, 'zh-CN'),
      render: (_v, r) => <Link to={link(`/schools/${r.schoolCode}`)}>{r.schoolName}</Link>,
    },
    { title: t('schools.level'), dataIndex: 'level', render: (v: string) => L.level(v) },
    {
      title: t('balance.studentsVsMax'),
      key: 'size',
      align: 'right',
      sorter: (a, b) => a.students / a.maxStudents - b.students / b.maxStudents,
      render: (_v, r) => (
        <span className="jh-num" style={{ color: r.sizePass ? undefined : RED, fontWeight: r.sizePass ? undefined : 600 }}>
          {formatNumber(r.students, 0)} <span className="jh-muted">/ {formatNumber(r.maxStudents, 0)}</span>
        </span>
      ),
    },
    { title: t('common.classes'), dataIndex: 'classes', align: 'right', sorter: (a, b) => a.classes - b.classes, render: (v: number) => <span className="jh-num">{v}</span> },
    { title: t('balance.roomsRequired'), dataIndex: 'roomsRequired', align: 'right', render: (v: number) => <span className="jh-num">{v}</span> },
    ...roomFields.map((f): ColumnsType<SchoolGuarantees>[number] => ({
      title: L.fieldLabel(f),
      key: f,
      align: 'right',
      render: (_v, r) => {
        const v = r.rooms[f];
        if (v === null || v === undefined) return <span className="jh-muted">{t('school.notReported')}</span>;
        return (
          <span className="jh-num" style={{ color: v < r.roomsRequired ? RED : undefined, fontWeight: v < r.roomsRequired ? 600 : undefined }}>
            {v}
          </span>
        );
      },
    })),
    {
      title: t('balance.classesOver'),
      dataIndex: 'classesOverStandard',
      align: 'right',
      sorter: (a, b) => a.classesOverStandard - b.classesOverStandard,
      render: (v: number) => (
        <span className="jh-num" style={{ color: v ? RED : undefined }}>
          {v}
        </span>
      ),
    },
    {
      title: t('balance.result'),
      dataIndex: 'pass',
      align: 'center',
      fixed: 'right',
      render: (p: boolean | null, r) => (p === null && r.roomsPass === null ? <span className="jh-muted">{t('balance.incomplete')}</span> : <PassTag pass={p} />),
    },
  ];

  const kpi = (title: string, value: number, bad: boolean) => (
    <Card variant="borderless" className="jh-kpi">
      <Statistic title={title} value={value} suffix={t('common.unitSchools')} styles={{ content: { color: bad ? RED : undefined } }} />
    </Card>
  );

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card variant="borderless" className="jh-kpi">
            <Statistic title={t('balance.guaranteesPass')} value={counts.pass} suffix={`/ ${all.length}`} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          {kpi(t('balance.sizeFail', { max: g.schoolSize.max, tt: g.schoolSize.maxThroughTrain }), counts.size, counts.size > 0)}
        </Col>
        <Col xs={12} lg={6}>
          {kpi(t('balance.roomsFail', { n: g.specialRooms.classesPerRoom }), counts.rooms, counts.rooms > 0)}
        </Col>
        <Col xs={12} lg={6}>
          {kpi(t('balance.classesFail'), counts.classes, counts.classes > 0)}
        </Col>
      </Row>
      <Card
        variant="borderless"
        title={t('balance.guarantees')}
        extra={
          <Segmented
            size="small"
            value={filter}
            onChange={(v) => setFilter(v as 'all' | 'failing')}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'failing', label: t('balance.onlyFailing') },
            ]}
          />
        }
        styles={{ body: { paddingTop: 8 } }}
      >
        <Table size="small" rowKey="schoolCode" dataSource={rows} columns={columns} pagination={false} scroll={{ x: 'max-content', y: 560 }} data-testid="balance-guarantees" />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('balance.guaranteesNote', { max: g.schoolSize.max, tt: g.schoolSize.maxThroughTrain, n: g.specialRooms.classesPerRoom })}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}

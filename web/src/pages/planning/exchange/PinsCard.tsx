// Pins and a new solve of a draft: the bureau pins teachers (stays; must move, optionally to one school; not to a
// school), changes the rules, and solves again — the optimiser's moves then replace the current ones.
import { useState } from 'react';
import { Button, Card, Flex, Popconfirm, Select, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { ExchangePinWire, ExchangePlanDetail, ExchangeRulesWire } from '../../../../../src/planning/exchange/contract.js';
import { RulesFields, type RuleValues } from './RulesFields.js';
import type { ExchangeT } from './i18n.js';

type Kind = ExchangePinWire['kind'];

export function PinsCard({ t, plan, busy, onSolve }: { t: ExchangeT; plan: ExchangePlanDetail; busy: boolean; onSolve: (rules: ExchangeRulesWire) => void }) {
  const { pins: initialPins, ...initialRules } = plan.rules;
  const [rules, setRules] = useState<RuleValues>(initialRules);
  const [pins, setPins] = useState<ExchangePinWire[]>(initialPins);
  const [teacher, setTeacher] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('stay');
  const [school, setSchool] = useState<string | null>(null);
  const names = new Map(plan.schools.map((s) => [s.schoolCode, s.schoolName]));
  const of = plan.teachers.find((x) => x.teacherId === teacher);
  const kinds: Kind[] = ['stay', 'move', 'not_to'];
  const canAdd = !!teacher && (kind !== 'not_to' || !!school);

  return (
    <Card size="small" title={t('pins')} style={{ marginBottom: 12 }} data-testid="exchange-pins">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('pinsHelp')}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          showSearch
          placeholder={t('p.teacher')}
          value={teacher}
          onChange={setTeacher}
          optionFilterProp="search"
          style={{ flex: '2 1 260px', minWidth: 0 }}
          options={plan.teachers
            .filter((x) => x.included)
            .map((x) => ({
              value: x.teacherId,
              search: `${x.teacherId} ${names.get(x.schoolCode) ?? ''} ${x.subject}`,
              label: t('teacherOption', { id: x.teacherId, school: names.get(x.schoolCode) ?? x.schoolCode, subject: x.subject, b: x.backbone ? t('bMark') : '', y: x.yearsAtSchool, age: x.age }),
            }))}
          data-testid="pin-teacher"
        />
        <Select
          value={kind}
          onChange={(k: Kind) => (setKind(k), k === 'stay' && setSchool(null))}
          style={{ flex: '0 1 120px' }}
          options={kinds.map((k) => ({ value: k, label: t(`p.${k}`) }))}
          data-testid="pin-kind"
        />
        <Select
          allowClear
          placeholder={kind === 'move' ? t('p.anySchool') : t('p.school')}
          value={school}
          onChange={(v: string | undefined) => setSchool(v ?? null)}
          disabled={kind === 'stay'}
          style={{ flex: '1 1 180px', minWidth: 0 }}
          options={plan.schools.filter((s) => s.schoolCode !== of?.schoolCode).map((s) => ({ value: s.schoolCode, label: s.schoolName }))}
          data-testid="pin-school"
        />
        <Button
          icon={<PlusOutlined />}
          disabled={!canAdd}
          onClick={() => {
            setPins([...pins, { teacherId: teacher!, kind, ...(kind !== 'stay' && school ? { schoolCode: school } : {}) }]);
            setTeacher(null);
            setSchool(null);
          }}
          data-testid="pin-add"
        >
          {t('p.add')}
        </Button>
      </Flex>
      <Table
        rowKey={(_, i) => String(i)}
        size="small"
        pagination={false}
        dataSource={pins}
        locale={{ emptyText: t('p.none') }}
        style={{ marginBottom: 12 }}
        columns={[
          { title: t('p.teacher'), dataIndex: 'teacherId' },
          { title: t('p.kind'), dataIndex: 'kind', render: (k: Kind) => t(`p.${k}`) },
          { title: t('p.school'), dataIndex: 'schoolCode', render: (c?: string) => (c ? (names.get(c) ?? c) : '—') },
          {
            title: '',
            key: 'x',
            width: 48,
            render: (_: unknown, _p: ExchangePinWire, i: number) => (
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('m.remove')} onClick={() => setPins(pins.filter((_x, j) => j !== i))} />
            ),
          },
        ]}
      />
      <RulesFields t={t} value={rules} onChange={setRules} disabled={busy} />
      <Popconfirm title={t('resolve')} description={t('pinsHelp')} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => onSolve({ ...rules, pins })}>
        <Button type="primary" icon={<ThunderboltOutlined />} loading={busy} data-testid="exchange-resolve">
          {t('resolve')}
        </Button>
      </Popconfirm>
    </Card>
  );
}

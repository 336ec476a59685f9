// The key figures of the district: full-time teachers, the 骨干 share against 30 % and the postgraduate share against
// 5 % (with the teachers still short and the schools meeting them), and three student-weighted 差异系数 (骨干 share,
// 中级+ share, 骨干 per 100 students). Every figure through the one formatter.
import { Card, Col, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { formatNumber } from '../../../../../src/core/format.js';
import { STRUCTURE_FIGURES, type StructureCv, type StructureReport } from '../../../../../src/teachers/structure/contract.js';
import type { StructureT } from './i18n.js';

interface Kpi {
  key: string;
  title: string;
  value: string;
  foot: string;
  tag?: { met: boolean | null; short: number | null };
  help?: string;
}

export function Kpis({ r, t }: { r: StructureReport; t: StructureT }) {
  const d = r.district;
  const share = (v: number | null) => formatNumber(v, STRUCTURE_FIGURES.share);
  const cvOf = (section: StructureCv['section'], indicator: StructureCv['indicator']) => r.cvs.find((c) => c.section === section && c.indicator === indicator && c.group === null);
  // 小学 / 初中 side by side (the CVs are per 学段).
  const cvKpi = (key: string, title: string, indicator: StructureCv['indicator']): Kpi => {
    const [p, j] = [cvOf('小学', indicator), cvOf('初中', indicator)];
    return {
      key,
      title,
      value: `${formatNumber(p?.cv ?? null, STRUCTURE_FIGURES.cv)} / ${formatNumber(j?.cv ?? null, STRUCTURE_FIGURES.cv)}`,
      foot: t('kpiCvFoot', { p: p?.n ?? 0, j: j?.n ?? 0 }),
      help: t('kpiCvHelp'),
    };
  };
  const items: Kpi[] = [
    { key: 'fulltime', title: t('kpiFullTime'), value: formatNumber(d.fullTime, 0), foot: t('kpiFullTimeFoot', { n: d.schools, s: formatNumber(d.staff, 0) }) },
    {
      key: 'backbone',
      title: t('kpiBackbone'),
      value: share(d.backbone.share),
      foot: t('kpiBackboneFoot', { p: share(r.targets.backboneShare), met: d.backboneMet, n: d.schools }),
      tag: { met: d.backbone.met, short: d.backbone.short },
    },
    {
      key: 'postgraduate',
      title: t('kpiPostgraduate'),
      value: share(d.postgraduate.share),
      foot: t('kpiPostgraduateFoot', { p: share(r.targets.postgraduateShare), met: d.postgraduateMet, n: d.schools }),
      tag: { met: d.postgraduate.met, short: d.postgraduate.short },
    },
    cvKpi('cv-backbone', t('kpiCvBackbone'), 'backbone'),
    cvKpi('cv-intermediate', t('kpiCvIntermediate'), 'intermediate'),
    cvKpi('cv-per100', t('kpiCvPer100'), 'backbonePer100'),
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {items.map((k) => (
        <Col xs={12} md={8} xl={4} key={k.key}>
          <Card size="small" style={{ height: '100%' }} data-testid={`structure-kpi-${k.key}`}>
            <Statistic
              title={
                <span>
                  {k.title}
                  {k.help && (
                    <Tooltip title={k.help}>
                      <InfoCircleOutlined style={{ marginLeft: 6 }} />
                    </Tooltip>
                  )}
                </span>
              }
              value={k.value}
              valueStyle={{ fontSize: 22, color: k.tag?.met === false ? '#cf1322' : k.tag?.met ? '#389e0d' : undefined }}
            />
            {k.tag && k.tag.met !== null && <MetTag met={k.tag.met} short={k.tag.short} t={t} />}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {k.foot}
              </Typography.Text>
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 达标 / 未达标 with the whole teachers short. */
export function MetTag({ met, short, t }: { met: boolean | null; short: number | null; t: StructureT }) {
  if (met === null) return null;
  return met ? (
    <Tag color="success" style={{ marginInlineEnd: 0 }}>
      {t('met')}
    </Tag>
  ) : (
    <Tag color="error" style={{ marginInlineEnd: 0 }}>
      {t('notMet')}
      {short ? ` · ${t('shortTeachers', { n: formatNumber(short, 0) })}` : ''}
    </Tag>
  );
}

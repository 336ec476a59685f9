import { Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { useLabels, STATUS_COLORS } from '../session.js';
import type { StatStatus } from '../types.js';

const ICONS: Record<StatStatus, React.ReactNode> = {
  draft: <EditOutlined />,
  submitted: <ClockCircleOutlined />,
  approved: <CheckCircleOutlined />,
  returned: <RollbackOutlined />,
};

/** Workflow status of a school's yearly figures: draft grey, submitted blue, approved green, returned red. */
export function StatusTag({ status }: { status: StatStatus | null | undefined }) {
  const L = useLabels();
  if (!status)
    return (
      <Tag variant="outlined" style={{ color: 'rgba(0,0,0,0.35)' }}>
        {L.status(null)}
      </Tag>
    );
  return (
    <Tag color={STATUS_COLORS[status]} icon={ICONS[status]} data-status={status}>
      {L.status(status)}
    </Tag>
  );
}

// The school-year picker in the header of the wellbeing report pages: the years with data, the one shown.
import { Select, Space, Typography } from 'antd';

export function YearPicker({
  label,
  years,
  value,
  onChange,
  format,
  testId,
}: {
  label: string;
  years: number[];
  value: number | null | undefined;
  onChange: (year: number) => void;
  format: (year: number) => string;
  testId: string;
}) {
  return (
    <Space>
      <Typography.Text>{label}</Typography.Text>
      <Select value={value ?? undefined} onChange={onChange} options={years.map((y) => ({ value: y, label: format(y) }))} style={{ width: 150 }} data-testid={testId} />
    </Space>
  );
}

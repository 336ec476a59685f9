import { Alert, Table } from 'antd';

export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** The problems of a refused import file, one per row: where (row, column) and why. Nothing of the file was kept. */
export function ImportProblems({ problems, title, labels }: { problems: ImportProblem[]; title: string; labels: { row: string; column: string; reason: string } }) {
  return (
    <Alert
      type="error"
      style={{ marginTop: 12 }}
      message={title}
      description={
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={problems}
          columns={[
            { title: labels.row, dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
            { title: labels.column, dataIndex: 'column', width: 120, render: (c: string | null) => c ?? '—' },
            { title: labels.reason, dataIndex: 'message' },
          ]}
        />
      }
    />
  );
}

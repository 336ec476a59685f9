// Pieces shared by the admissions pages: status tags and the types of the answers.
import { Tag } from 'antd';
import type { ResponseOf } from '../../client.js';
import { API } from '../../client.js';
import type { AdmT } from './i18n.js';

export type Draw = ResponseOf<typeof API.admissions.get>['draw'];
export type DrawDetail = ResponseOf<typeof API.admissions.get>;
export type PublicDraw = ResponseOf<typeof API.admissions.publicGet>;

const COLORS: Record<Draw['status'], string> = { draft: 'default', list_published: 'blue', drawn: 'orange', result_published: 'green' };

export function StatusTag({ status, t }: { status: Draw['status']; t: AdmT }) {
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}

/** The published result as a file the CLI (junheng admissions verify) reads. */
export function saveJson(data: unknown, name: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The yearly statistics workflow: a clerk fills in (填报中) → submits (已提交) → the bureau
// approves (已审核, locked) or returns with a comment (已退回); only the bureau reopens approved data.
import { isBureau, type CurrentUser } from '../core/auth/roles.js';
import type { StatStatus } from './model.js';

export type WorkflowAction = 'edit' | 'submit' | 'approve' | 'return' | 'reopen';

/** The status after `action`, or the reason it is not allowed. */
export function transition(user: CurrentUser, schoolCode: string, status: StatStatus, action: WorkflowAction): { status: StatStatus } | { forbidden: string } | { conflict: string } {
  const bureau = isBureau(user);
  const own = user.role === 'clerk' && user.schoolCode === schoolCode;
  if (!bureau && !own) return { forbidden: '无权修改该校数据 / you may not change this school’s data' };
  switch (action) {
    case 'edit':
      if (status === 'approved') return { conflict: '数据已审核锁定,需由教育局重新开放 / approved data is locked; the bureau must reopen it' };
      if (status === 'submitted' && !bureau) return { conflict: '数据已提交,等待审核;如需修改请联系教育局退回 / submitted data awaits review; ask the bureau to return it' };
      return { status: status === 'returned' ? 'returned' : status };
    case 'submit':
      if (status === 'submitted' || status === 'approved') return { conflict: `当前状态不能提交 / cannot submit from status ${status}` };
      return { status: 'submitted' };
    case 'approve':
    case 'return':
      if (!bureau) return { forbidden: '只有教育局可以审核 / only the bureau reviews' };
      if (status !== 'submitted') return { conflict: `只有已提交的数据可以审核 / only submitted data can be reviewed (now: ${status})` };
      return { status: action === 'approve' ? 'approved' : 'returned' };
    case 'reopen':
      if (!bureau) return { forbidden: '只有教育局可以重新开放 / only the bureau can reopen' };
      if (status !== 'approved') return { conflict: `只有已审核的数据可以重新开放 / only approved data can be reopened (now: ${status})` };
      return { status: 'draft' };
  }
}

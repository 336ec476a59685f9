// The yearly statistics workflow: a clerk fills in (填报中) → submits (已提交) → the bureau
// approves (已审核, locked) or returns with a comment (已退回); only the bureau reopens approved data.
// Who is "the clerk" and who is "the bureau" comes from the permission table (core/auth/policy.ts):
// whoever holds stats.edit for the school fills in and submits, whoever holds stats.review reviews.
// Pure module: the server enforces these rules and the web shows its buttons from the same function.
import { allows, type Capability } from '../core/auth/policy.js';
import type { CurrentUser } from '../core/auth/roles.js';
import { STATUS_ZH, type StatStatus } from './model.js';

export const WORKFLOW_ACTIONS = ['edit', 'submit', 'approve', 'return', 'reopen'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** What a user may do with one school's figures, from the permission table. */
export interface WorkflowRights {
  /** Holds stats.edit for the school (fills in and submits). */
  edit: boolean;
  /** Holds stats.review for the school (approves, returns, reopens; may still correct submitted figures). */
  review: boolean;
}

/** The rights for one school, given a capability check: the server's `allows`, or the web's `can`. */
export function rightsFor(can: (cap: Capability, school: string) => boolean, schoolCode: string): WorkflowRights {
  return { edit: can('stats.edit', schoolCode), review: can('stats.review', schoolCode) };
}

export type Step = { status: StatStatus } | { forbidden: string } | { conflict: string };

/** The status after `action` by a user with these rights, or the reason it is not allowed. */
export function step(rights: WorkflowRights, status: StatStatus, action: WorkflowAction): Step {
  const { edit, review } = rights;
  if (!edit && !review) return { forbidden: '无权修改该校数据 / you may not change this school’s data' };
  switch (action) {
    case 'edit':
      if (status === 'approved') return { conflict: '数据已审核锁定，需由教育局重新开放 / approved data is locked; the bureau must reopen it' };
      if (status === 'submitted' && !review) return { conflict: '数据已提交，等待审核；如需修改请联系教育局退回 / submitted data awaits review; ask the bureau to return it' };
      return { status };
    case 'submit':
      if (status === 'submitted' || status === 'approved') return { conflict: `当前状态（${STATUS_ZH[status]}）不能提交 / cannot submit from status ${status}` };
      return { status: 'submitted' };
    case 'approve':
    case 'return':
      if (!review) return { forbidden: '只有教育局可以审核 / only the bureau reviews' };
      if (status !== 'submitted') return { conflict: `只有已提交的数据可以审核（当前：${STATUS_ZH[status]}） / only submitted data can be reviewed (now: ${status})` };
      return { status: action === 'approve' ? 'approved' : 'returned' };
    case 'reopen':
      if (!review) return { forbidden: '只有教育局可以重新开放 / only the bureau can reopen' };
      if (status !== 'approved') return { conflict: `只有已审核的数据可以重新开放（当前：${STATUS_ZH[status]}） / only approved data can be reopened (now: ${status})` };
      return { status: 'draft' };
  }
}

/** Every action with whether it is allowed now: what the web shows as buttons. */
export function allowedActions(rights: WorkflowRights, status: StatStatus): Record<WorkflowAction, boolean> {
  return Object.fromEntries(WORKFLOW_ACTIONS.map((a) => [a, 'status' in step(rights, status, a)])) as Record<WorkflowAction, boolean>;
}

/** The status after `action` by this user on this school's figures, or the reason it is not allowed. */
export function transition(user: Pick<CurrentUser, 'role' | 'schoolCode' | 'assignedSchools'>, schoolCode: string, status: StatStatus, action: WorkflowAction): Step {
  return step(
    rightsFor((cap, school) => allows(user, cap, school), schoolCode),
    status,
    action,
  );
}

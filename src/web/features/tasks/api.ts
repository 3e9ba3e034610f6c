import { type QueryClient, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../domain/contracts/issues.ts';
import type { Framework } from '../../../domain/contracts/results.ts';
import type { Risk } from '../../../domain/contracts/risks.ts';
import type { Task, TaskComment, TaskLink, TasksPage, TasksQuery } from '../../../domain/contracts/tasks.ts';
import type { TaskPriority, TaskStatus } from '../../../domain/tasks.ts';
import { get } from '../../api.ts';
import { frameworkKey } from '../programs/api.ts';

export type { Task, TaskComment, TaskLink, TasksPage, TasksQuery };

/** Every task query starts with 'tasks': one invalidation refreshes lists, pages and counts. */
export const TASKS = ['tasks'] as const;
export const taskKey = (id: string) => ['tasks', 'one', id] as const;
/** After a task write: its lists, its page and its history. */
export const refreshTasks = (qc: QueryClient) => Promise.all([qc.invalidateQueries({ queryKey: TASKS }), qc.invalidateQueries({ queryKey: ['history', 'task'] })]);
export const issuesKey = (programId: string) => ['issues', programId] as const;
export const risksKey = (programId: string) => ['risks', programId] as const;

export const PRIORITY_COLORS: Record<TaskPriority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };
export const STATUS_COLORS: Record<TaskStatus, string> = { todo: 'gray', in_progress: 'blue', done: 'green', cancelled: 'dark' };

/** "result:<id>" ↔ the body's resultId/riskId/issueId (naming all three replaces the link). */
export const linkValue = (link: Pick<TaskLink, 'type' | 'id'> | null | undefined) => (link ? `${link.type}:${link.id}` : null);
export function linkBody(value: string | null) {
  const [type, id] = value ? value.split(':') : [];
  return { resultId: type === 'result' ? id : null, riskId: type === 'risk' ? id : null, issueId: type === 'issue' ? id : null };
}

const short = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

/** What a task of this program can be linked to, grouped: its results, risks and issues. */
export function useLinkOptions(programId: string | null) {
  const { t } = useTranslation();
  const enabled = !!programId;
  const results = useQuery({ queryKey: frameworkKey(programId ?? ''), queryFn: () => get<Framework>(`/api/programs/${programId}/results`), enabled });
  const risks = useQuery({ queryKey: risksKey(programId ?? ''), queryFn: () => get<{ items: Risk[] }>(`/api/programs/${programId}/risks`), enabled });
  const issues = useQuery({ queryKey: issuesKey(programId ?? ''), queryFn: () => get<{ items: Issue[] }>(`/api/programs/${programId}/issues`), enabled });
  const groups = [
    { group: t('tasks.linkTypes.result'), items: (results.data?.items ?? []).map((r) => ({ value: `result:${r.id}`, label: short(`${r.code ? `${r.code} ` : ''}${r.statement}`) })) },
    { group: t('tasks.linkTypes.risk'), items: (risks.data?.items ?? []).map((k) => ({ value: `risk:${k.id}`, label: short(k.description) })) },
    { group: t('tasks.linkTypes.issue'), items: (issues.data?.items ?? []).map((i) => ({ value: `issue:${i.id}`, label: short(i.description) })) },
  ];
  return groups.filter((g) => g.items.length > 0);
}

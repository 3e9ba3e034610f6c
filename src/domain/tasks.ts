/** Tasks of a program (issue 4): who does what by when. */
export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Done and cancelled tasks are finished: never overdue. */
export const OPEN_TASK_STATUSES = ['todo', 'in_progress'] as const satisfies readonly TaskStatus[];
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
/** What a task may be linked to, inside its program. */
export const TASK_LINK_TYPES = ['result', 'risk', 'issue'] as const;
export type TaskLinkType = (typeof TASK_LINK_TYPES)[number];

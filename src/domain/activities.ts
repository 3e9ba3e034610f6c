/** Activities (issue 5): the fixed lists an activity is described with. */

/** Built-in activity types; an organisation adds its own in settings (activityTypes). */
export const ACTIVITY_TYPES = ['meeting', 'workshop', 'training', 'distribution', 'social_event', 'field_visit', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** An organisation's own type: a code (lower-case, digits, underscores) and a label in both languages. */
export type CustomActivityType = { code: string; label: { id: string; en: string } };

/** Calendar reads cover at most this many days at once. */
export const MAX_RANGE_DAYS = 400;


import { Alert, Badge, Box, Button, Card, CloseButton, Group, Modal, MultiSelect, NumberInput, Paper, Skeleton, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../domain/contracts/activities.ts';
import { del, get, patch, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useFormat } from '../../ui/format.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { type SuggestionItem, type Suggestions, type VolunteerRole, type VolunteerRoles, hoursText, rolesKey, useSkills } from './api.ts';

/** Add or change a role: its name, skills asked for, how many people, an optional shift within the activity. */
function RoleDialog({ activity, role, opened, onClose }: { activity: Activity; role?: VolunteerRole; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const skills = useSkills();
  const [v, setV] = useState({
    name: role?.name ?? '',
    skills: role?.skills ?? [],
    needed: (role?.needed ?? 1) as number | string,
    withShift: !!role?.shift,
    startDate: role?.shift?.startDate ?? activity.startDate,
    startTime: role?.shift?.startTime ?? (activity.allDay ? '08:00' : activity.startTime),
    endDate: role?.shift?.endDate ?? activity.startDate,
    endTime: role?.shift?.endTime ?? (activity.allDay ? '12:00' : activity.endTime),
    description: role?.description ?? '',
  });
  const multiDay = activity.startDate !== activity.endDate;
  const { errors, busy, submit } = useFormSubmit(async () => {
    const body = {
      name: v.name.trim(),
      skills: v.skills,
      needed: Number(v.needed) || 0,
      shift: v.withShift ? { startDate: v.startDate, startTime: v.startTime, endDate: multiDay ? v.endDate : v.startDate, endTime: v.endTime } : null,
      description: v.description.trim() || null,
    };
    if (role) await patch(`/api/volunteer-roles/${role.id}`, { ...body, version: role.version });
    else await post(`/api/activities/${activity.id}/volunteer-roles`, body);
    await qc.invalidateQueries({ queryKey: rolesKey(activity.id) });
    notify({ color: 'brand', message: role ? t('volunteers.roleSaved') : t('volunteers.roleAdded', { name: body.name }) });
    onClose();
  });
  return (
    <Modal opened={opened} onClose={onClose} title={role ? t('volunteers.roleEdit') : t('volunteers.roleAdd')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="role-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['name', 'needed', 'description', 'shift.startTime', 'shift.endTime', ...v.skills.map((_, i) => `skills.${i}`)]} />
          <TextInput label={t('volunteers.roleName')} description={t('volunteers.roleNameHelp')} required data-autofocus value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={errors.field('name')} maxLength={120} />
          <NumberInput label={t('volunteers.needed')} required min={1} max={1000} allowDecimal={false} value={v.needed} onChange={(x) => setV({ ...v, needed: x })} error={errors.field('needed')} />
          <MultiSelect label={t('volunteers.roleSkills')} description={skills.options.length ? undefined : t('volunteers.noSkillsYet')} data={skills.options} value={v.skills} onChange={(x) => setV({ ...v, skills: x })} searchable error={v.skills.map((_, i) => errors.field(`skills.${i}`)).find(Boolean)} />
          <Switch label={t('volunteers.withShift')} description={t('volunteers.withShiftHelp')} checked={v.withShift} onChange={(e) => setV({ ...v, withShift: e.currentTarget.checked })} />
          {v.withShift && (
            <Group grow gap="xs" align="flex-start">
              {multiDay && <TextInput label={t('volunteers.shiftDate')} type="date" min={activity.startDate} max={activity.endDate} value={v.startDate} onChange={(e) => setV({ ...v, startDate: e.currentTarget.value })} />}
              <TextInput label={t('volunteers.shiftStart')} type="time" required value={v.startTime} onChange={(e) => setV({ ...v, startTime: e.currentTarget.value })} error={errors.field('shift.startTime')} />
              {multiDay && <TextInput label={t('volunteers.shiftEndDate')} type="date" min={activity.startDate} max={activity.endDate} value={v.endDate} onChange={(e) => setV({ ...v, endDate: e.currentTarget.value })} />}
              <TextInput label={t('volunteers.shiftEnd')} type="time" required value={v.endTime} onChange={(e) => setV({ ...v, endTime: e.currentTarget.value })} error={errors.field('shift.endTime')} />
            </Group>
          )}
          <Textarea label={t('volunteers.roleDescription')} value={v.description} onChange={(e) => setV({ ...v, description: e.currentTarget.value })} autosize minRows={2} maxLength={2000} error={errors.field('description')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Why a suggestion ranks where it does: each factor's points, in words. */
function Reasons({ s }: { s: SuggestionItem }) {
  const { t, i18n } = useTranslation();
  const skills = useSkills();
  const x = s.factors;
  const skillText =
    x.skills.fit === 'any' ? t('volunteers.why.skillsAny') : x.skills.fit === 'none' ? t('volunteers.why.skillsNone') : t(`volunteers.why.skills_${x.skills.fit}`, { skills: x.skills.matched.map(skills.label).join(', ') });
  const items = [
    { key: 'skills', text: skillText, points: x.skills.points, good: x.skills.fit === 'all' },
    { key: 'availability', text: t(`volunteers.why.availability_${x.availability.fit}`), points: x.availability.points, good: x.availability.fit === 'full' },
    { key: 'area', text: t(`volunteers.why.area_${x.area.fit}`, { area: x.area.areaName ?? '' }), points: x.area.points, good: x.area.fit === 'exact' || x.area.fit === 'within' },
    { key: 'fairness', text: t('volunteers.why.fairness', { hours: hoursText(t, i18n.language, x.fairness.hours) }), points: x.fairness.points, good: false },
  ];
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((i) => (
        <Text component="li" key={i.key} size="xs" c={i.good ? 'teal.9' : 'dimmed'}>
          {i.text} <Text span size="xs" c="dimmed">({t('volunteers.points', { count: i.points })})</Text>
        </Text>
      ))}
    </Box>
  );
}

function SuggestionsDialog({ role, activityId, onClose }: { role: VolunteerRole | null; activityId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['volunteer-suggestions', role?.id], queryFn: () => get<Suggestions>(`/api/volunteer-roles/${role!.id}/suggestions`), enabled: !!role });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function assign(s: SuggestionItem) {
    setBusyId(s.id);
    setError(null);
    try {
      await post(`/api/volunteer-roles/${role!.id}/assignments`, { volunteerId: s.id });
      await qc.invalidateQueries({ queryKey: rolesKey(activityId) });
      await qc.invalidateQueries({ queryKey: ['volunteer-suggestions'] });
      notify({ color: 'brand', message: t('volunteers.assigned', { name: s.name, role: role!.name }) });
      const fresh = await get<VolunteerRoles>(`/api/activities/${activityId}/volunteer-roles`);
      const r = fresh.items.find((x) => x.id === role!.id);
      if (!r || r.assigned.length >= r.needed) onClose();
    } catch (e) {
      setError((e as Error).message);
      await qc.invalidateQueries({ queryKey: ['volunteer-suggestions'] });
    } finally {
      setBusyId(null);
    }
  }
  return (
    <Modal opened={!!role} onClose={onClose} size="lg" title={role ? t('volunteers.suggestTitle', { name: role.name }) : ''} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="suggestions">
        <Text size="sm" c="dimmed">
          {t('volunteers.suggestHelp')}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="assign-error">
            {error}
          </Alert>
        )}
        {q.isLoading && <Skeleton h={120} />}
        {q.data && q.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('volunteers.suggestNone')}
          </Text>
        )}
        {q.data?.items.map((s, i) => (
          <Card key={s.id} withBorder padding="sm" data-testid="suggestion">
            <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
              <Box style={{ minWidth: 0, flex: '1 1 220px' }}>
                <Group gap={6}>
                  <Text fw={600}>
                    {i + 1}. {s.name}
                  </Text>
                  <Badge variant="light" tt="none">
                    {t('volunteers.score', { score: s.score })}
                  </Badge>
                  {s.busy && (
                    <Badge color="orange" variant="light" tt="none">
                      {t('volunteers.busy')}
                    </Badge>
                  )}
                </Group>
                <Reasons s={s} />
              </Box>
              <Button size="xs" style={{ flexShrink: 0 }} variant={s.busy ? 'default' : 'filled'} loading={busyId === s.id} onClick={() => void assign(s)} aria-label={t('volunteers.assignName', { name: s.name })}>
                {t('volunteers.assign')}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    </Modal>
  );
}

function RoleCard({ role, activity, onAssign, onEdit }: { role: VolunteerRole; activity: Activity; onAssign: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const skills = useSkills();
  const full = role.assigned.length >= role.needed;
  const open = activity.status !== 'cancelled';
  const refresh = () => qc.invalidateQueries({ queryKey: rolesKey(activity.id) });
  const unassign = (s: VolunteerRole['assigned'][number]) =>
    deleteWithUndo(t, {
      title: t('volunteers.unassignTitle'),
      message: t('volunteers.unassignConfirm', { name: s.name, role: role.name }),
      confirm: t('volunteers.unassign'),
      deleted: t('volunteers.unassigned', { name: s.name }),
      restored: t('volunteers.reassigned', { name: s.name }),
      remove: () => del(`/api/volunteer-assignments/${s.id}`),
      restore: () => post(`/api/volunteer-assignments/${s.id}/restore`).then(refresh),
      after: refresh,
    });
  const remove = () =>
    deleteWithUndo(t, {
      title: t('volunteers.roleDeleteTitle'),
      message: t('volunteers.roleDeleteConfirm', { name: role.name }),
      deleted: t('volunteers.roleDeleted', { name: role.name }),
      restored: t('volunteers.roleRestored', { name: role.name }),
      remove: () => del(`/api/volunteer-roles/${role.id}`),
      restore: () => post(`/api/volunteer-roles/${role.id}/restore`).then(refresh),
      after: refresh,
    });
  return (
    <Card withBorder padding="sm" component="section" aria-label={role.name} data-testid="volunteer-role">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Box style={{ minWidth: 0 }}>
          <Title order={3} fz="md">
            {role.name}
          </Title>
          <Text size="sm" c="dimmed">
            {role.shift ? (role.shift.startDate === role.shift.endDate ? `${role.shift.startTime}–${role.shift.endTime}` : `${role.shift.startDate} ${role.shift.startTime} – ${role.shift.endDate} ${role.shift.endTime}`) : t('volunteers.wholeActivity')}
          </Text>
          {role.skills.length > 0 && (
            <Group gap={4} mt={4}>
              {role.skills.map((s) => (
                <Badge key={s} size="sm" variant="light" tt="none">
                  {skills.label(s)}
                </Badge>
              ))}
            </Group>
          )}
        </Box>
        <Badge color={full ? 'brand' : 'orange'} variant="light" tt="none" data-testid="role-filled">
          {t('volunteers.filled', { count: role.assigned.length, needed: role.needed })}
        </Badge>
      </Group>
      {role.description && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {role.description}
        </Text>
      )}
      <Stack gap={4} mt="xs">
        {role.assigned.map((s) => (
          <Group key={s.id} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">
              <AnchorLink to="/volunteers/$volunteerId" params={{ volunteerId: s.volunteerId }} size="sm">
                {s.name}
              </AnchorLink>
              {s.source === 'self' && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {t('volunteers.selfSigned')}
                </Text>
              )}
            </Text>
            {can('volunteers.write') && <CloseButton size="sm" aria-label={t('volunteers.unassignName', { name: s.name })} onClick={() => unassign(s)} />}
          </Group>
        ))}
      </Stack>
      {can('volunteers.write') && (
        <Group gap="xs" mt="sm">
          {!full && open && (
            <Button size="xs" onClick={onAssign} data-testid="open-suggestions">
              {t('volunteers.assignFromSuggestions')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={onEdit}>
            {t('common.edit')}
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={remove}>
            {t('common.delete')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

/** The activity page's Volunteers tab: roles with the number needed, who is on each, assignment from ranked suggestions. */
export function ActivityVolunteers({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const can = useCan();
  const f = useFormat();
  const q = useQuery({ queryKey: rolesKey(activity.id), queryFn: () => get<VolunteerRoles>(`/api/activities/${activity.id}/volunteer-roles`) });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<VolunteerRole | null>(null);
  const [suggesting, setSuggesting] = useState<VolunteerRole | null>(null);
  const roles = q.data?.items ?? [];
  const needed = roles.reduce((n, r) => n + r.needed, 0);
  const filled = roles.reduce((n, r) => n + Math.min(r.needed, r.assigned.length), 0);
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" gap="xs">
          <Box>
            <Title order={2} fz="md">
              {t('volunteers.tabTitle')}
            </Title>
            <Text size="sm" c="dimmed" aria-live="polite">
              {roles.length ? t('volunteers.tabSummary', { filled: f.number(filled), needed: f.number(needed) }) : t('volunteers.noRoles')}
            </Text>
          </Box>
          {can('volunteers.write') && activity.status !== 'cancelled' && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-role">
              {t('volunteers.roleAdd')}
            </Button>
          )}
        </Group>
      </Paper>
      {q.isLoading && <Skeleton h={120} />}
      {q.error && <Text c="red">{q.error.message}</Text>}
      {roles.map((r) => (
        <RoleCard key={`${r.id}-${r.version}`} role={r} activity={activity} onAssign={() => setSuggesting(r)} onEdit={() => setEditing(r)} />
      ))}
      {adding && <RoleDialog activity={activity} opened onClose={() => setAdding(false)} />}
      {editing && <RoleDialog key={editing.id} activity={activity} role={editing} opened onClose={() => setEditing(null)} />}
      <SuggestionsDialog role={suggesting} activityId={activity.id} onClose={() => setSuggesting(null)} />
    </Stack>
  );
}

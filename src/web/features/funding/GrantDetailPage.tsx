import { Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FREQUENCIES } from '../../../domain/funding.ts';
import { del, get, patch, post } from '../../api.ts';
import { useCan } from '../../session.ts';
import { useCategories } from '../finance/api.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { GRANT_STATUS_COLORS, REPORT_STATUS_COLORS, type GrantDetail, type GrantReport, useMoney } from './api.ts';
import { GrantModal } from './Forms.tsx';
import { QueryState } from './QueryState.tsx';

export function GrantDetailPage() {
  const { grantId } = useParams({ from: '/app/funding/grants/$grantId' });
  const q = useQuery({ queryKey: ['grant', grantId], queryFn: () => get<GrantDetail>(`/api/grants/${grantId}`) });
  return <QueryState q={q}>{(g) => <GrantView g={g} />}</QueryState>;
}

function GrantView({ g }: { g: GrantDetail }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const f = useFormat();
  const money = useMoney();
  const writable = can('funding.write');
  const [dialog, setDialog] = useState<'edit' | 'schedule' | null>(null);
  // a phone gets one card per report (a table would hide the status buttons to the side)
  const phone = useMediaQuery('(max-width: 48em)');
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['grant', g.id] }), qc.invalidateQueries({ queryKey: ['grants'] }), qc.invalidateQueries({ queryKey: ['funding-deadlines'] })]);

  async function setStatus(r: GrantReport, status: GrantReport['status']) {
    try {
      await patch(`/api/grant-reports/${r.id}`, { status, version: r.version });
      notify({ color: 'brand', message: t('funding.reportMarked', { status: t(`funding.reportStatus.${status}`) }) });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
    await refresh();
  }
  const remove = () =>
    deleteWithUndo(t, {
      title: t('funding.deleteGrant'),
      message: t('funding.deleteGrantConfirm', { title: g.title }),
      deleted: t('funding.deletedGrant'),
      restored: t('funding.restoredGrant'),
      remove: () => del(`/api/grants/${g.id}`),
      restore: async () => {
        await post(`/api/grants/${g.id}/restore`);
        await qc.invalidateQueries({ queryKey: ['grants'] });
      },
      after: async () => {
        await qc.invalidateQueries({ queryKey: ['grants'] });
        await navigate({ to: '/funding/grants' });
      },
    });

  return (
    <>
      <PageHeader
        title={g.title}
        actions={
          writable ? (
            <>
              <Button variant="default" onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
              <Button variant="default" color="red" onClick={remove}>
                {t('common.delete')}
              </Button>
            </>
          ) : null
        }
      >
        <Group gap="xs">
          <AnchorLink to="/funding/grants" size="sm">
            ← {t('funding.grantsTitle')}
          </AnchorLink>
          <Badge variant="light" color={GRANT_STATUS_COLORS[g.status]}>
            {t(`funding.grantStatus.${g.status}`)}
          </Badge>
          {g.overdueReports > 0 && (
            <Badge color="red" data-testid="overdue-badge">
              {t('funding.overdueCount', { count: g.overdueReports })}
            </Badge>
          )}
        </Group>
      </PageHeader>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('funding.details')}
          </Title>
          <Stack gap={4}>
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                {t('funding.funder')}:
              </Text>{' '}
              <AnchorLink to="/funding/funders/$funderId" params={{ funderId: g.funder.id }} size="sm">
                {g.funder.name}
              </AnchorLink>
            </Text>
            <Text size="sm" fw={600}>
              {money(g.amount, g.currency)} · {g.restricted ? t('funding.restrictedShort') : t('funding.unrestrictedShort')}
            </Text>
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                {t('funding.period')}:
              </Text>{' '}
              {f.date(g.startDate)} – {f.date(g.endDate)}
            </Text>
            {g.reference && (
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  {t('funding.reference')}:
                </Text>{' '}
                {g.reference}
              </Text>
            )}
            {g.responsible && (
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  {t('funding.responsible')}:
                </Text>{' '}
                {g.responsible.name}
              </Text>
            )}
            {g.notes && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {g.notes}
              </Text>
            )}
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('funding.programsFunded')}
          </Title>
          {g.programs.length ? (
            <Stack gap={2}>
              {g.programs.map((p) => (
                <AnchorLink key={p.id} to="/programs/$programId" params={{ programId: p.id }} size="sm">
                  {p.name}
                </AnchorLink>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('funding.noPrograms')}
            </Text>
          )}
          <Title order={3} size="h5" mt="md" mb={4}>
            {t('funding.allowedCategories')}
          </Title>
          {g.allowedCategories.length ? (
            <Group gap={4}>
              {g.allowedCategories.map((c) => (
                <Badge key={c} variant="outline" color="gray" tt="none">
                  {categories.label(c)}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('funding.anyCategory')}
            </Text>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder padding="md" mt="md" data-testid="reports">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('funding.reportSchedule')}
          </Title>
          {writable && (
            <Button size="xs" variant="light" onClick={() => setDialog('schedule')}>
              {t('funding.generateSchedule')}
            </Button>
          )}
        </Group>
        {g.reports.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('funding.noReports')}
          </Text>
        ) : phone ? (
          <Stack gap="xs">
            {g.reports.map((r) => (
              <Paper key={r.id} withBorder p="xs" data-testid="report-row" data-overdue={r.overdue || undefined} bg={r.overdue ? 'var(--mantine-color-red-0)' : undefined}>
                <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600}>
                    {t(`funding.reportKind.${r.kind}`)}
                    {r.final ? ` · ${t('funding.final')}` : ''}
                  </Text>
                  <Badge variant="light" color={REPORT_STATUS_COLORS[r.status]} style={{ flexShrink: 0 }}>
                    {t(`funding.reportStatus.${r.status}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('funding.period')}: {f.date(r.periodStart)} – {f.date(r.periodEnd)}
                </Text>
                <Group justify="space-between" gap={4} mt={4}>
                  <Text size="sm">
                    {t('funding.dueDate')}: {f.date(r.dueDate)}
                    {r.overdue && (
                      <Badge ml={6} color="red" size="sm">
                        {t('funding.overdue')}
                      </Badge>
                    )}
                  </Text>
                  {writable && <ReportActions r={r} grantId={g.id} onSet={setStatus} />}
                </Group>
              </Paper>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('funding.report')}</Table.Th>
                  <Table.Th>{t('funding.period')}</Table.Th>
                  <Table.Th>{t('funding.dueDate')}</Table.Th>
                  <Table.Th>{t('funding.reportStatusLabel')}</Table.Th>
                  {writable && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {g.reports.map((r) => (
                  <Table.Tr key={r.id} data-testid="report-row" data-overdue={r.overdue || undefined} bg={r.overdue ? 'var(--mantine-color-red-0)' : undefined}>
                    <Table.Td>
                      {t(`funding.reportKind.${r.kind}`)}
                      {r.final ? ` · ${t('funding.final')}` : ''}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {f.date(r.periodStart)} – {f.date(r.periodEnd)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {f.date(r.dueDate)}
                      {r.overdue && (
                        <Badge ml={6} color="red" size="sm">
                          {t('funding.overdue')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={REPORT_STATUS_COLORS[r.status]}>
                        {t(`funding.reportStatus.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    {writable && (
                      <Table.Td>
                        <ReportActions r={r} grantId={g.id} onSet={setStatus} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {dialog === 'edit' && <GrantModal grant={g} onClose={() => setDialog(null)} />}
      {dialog === 'schedule' && <ScheduleModal g={g} onClose={() => setDialog(null)} onDone={refresh} />}
    </>
  );
}


function ReportActions({ r, grantId, onSet }: { r: GrantReport; grantId: string; onSet: (r: GrantReport, s: GrantReport['status']) => void }) {
  const { t } = useTranslation();
  const setStatus = onSet;
  return (
    <Group gap={4} wrap="nowrap">
      {/* the narrative report is the donor progress report: write it for this period from the data */}
      {r.kind === 'narrative' && r.status === 'due' && (
        <ButtonLink to="/reports" search={{ new: true, grantId, from: r.periodStart, to: r.periodEnd }} size="compact-xs" variant="subtle" data-testid="write-donor-report">
          {t('funding.writeReport')}
        </ButtonLink>
      )}
      {r.status === 'due' && (
        <Button size="compact-xs" variant="light" onClick={() => setStatus(r, 'submitted')}>
          {t('funding.markSubmitted')}
        </Button>
      )}
      {r.status === 'submitted' && (
        <>
          <Button size="compact-xs" variant="light" color="green" onClick={() => setStatus(r, 'accepted')}>
            {t('funding.markAccepted')}
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setStatus(r, 'due')}>
            {t('funding.markDue')}
          </Button>
        </>
      )}
      {r.status === 'accepted' && (
        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setStatus(r, 'submitted')}>
          {t('funding.undoAccept')}
        </Button>
      )}
    </Group>
  );
}

function ScheduleModal({ g, onClose, onDone }: { g: GrantDetail; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ frequency: g.reportFrequency === 'none' ? 'quarterly' : g.reportFrequency, dueDays: 30, finalDays: 60, narrative: true, financial: true });
  const { errors, busy, submit } = useFormSubmit(async () => {
    const kinds = [...(v.narrative ? ['narrative'] : []), ...(v.financial ? ['financial'] : [])];
    await post(`/api/grants/${g.id}/schedule`, { frequency: v.frequency, dueDays: v.dueDays, finalDays: v.finalDays, kinds, replace: true, version: g.version });
    await onDone();
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={t('funding.generateSchedule')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="schedule-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['frequency', 'dueDays', 'finalDays']} />
          <Text size="sm" c="dimmed">
            {t('funding.scheduleHelp')}
          </Text>
          <Select label={t('funding.reportFrequency')} allowDeselect={false} value={v.frequency} onChange={(x) => setV((p) => ({ ...p, frequency: (x ?? 'quarterly') as typeof v.frequency }))} data={REPORT_FREQUENCIES.map((k) => ({ value: k, label: t(`funding.frequency.${k}`) }))} comboboxProps={{ withinPortal: true }} />
          <SimpleGrid cols={2} spacing="sm">
            <NumberInput label={t('funding.dueDays')} min={0} max={365} allowDecimal={false} value={v.dueDays} onChange={(x) => setV((p) => ({ ...p, dueDays: typeof x === 'number' ? x : 0 }))} error={errors.field('dueDays')} />
            <NumberInput label={t('funding.finalDays')} min={0} max={365} allowDecimal={false} value={v.finalDays} onChange={(x) => setV((p) => ({ ...p, finalDays: typeof x === 'number' ? x : 0 }))} error={errors.field('finalDays')} />
          </SimpleGrid>
          <Group gap="md">
            <Checkbox label={t('funding.reportKind.narrative')} checked={v.narrative} onChange={(e) => setV((p) => ({ ...p, narrative: e.currentTarget.checked }))} />
            <Checkbox label={t('funding.reportKind.financial')} checked={v.financial} onChange={(e) => setV((p) => ({ ...p, financial: e.currentTarget.checked }))} />
          </Group>
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

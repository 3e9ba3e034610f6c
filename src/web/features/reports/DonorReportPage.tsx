import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromMinor } from '../../../domain/money.ts';
import { del, patch, post } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCan } from '../../session.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { DownloadMenu } from '../../ui/DownloadMenu.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { type FieldDisplay, History } from '../history/History.tsx';
import { historyKey } from '../people/api.ts';
import { type DonorReport, type DonorReportContent, NARRATIVE_MAX, NARRATIVE_SECTIONS, donorContentQuery, donorReportKey, donorReportQuery, donorReportsKey } from './api.ts';

type Section = (typeof NARRATIVE_SECTIONS)[number];

/** The narrative, all sections in one form; what was typed stays when the server refuses it. */
function NarrativeForm({ report, editable }: { report: DonorReport; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<Record<Section, string>>({ ...report.narrative });
  const [saved, setSaved] = useState(false);
  const { errors, busy, submit } = useFormSubmit(async () => {
    setSaved(false);
    const next = await patch<DonorReport>(`/api/donor-reports/${report.id}`, { narrative: v, version: report.version });
    qc.setQueryData(donorReportKey(report.id), next);
    await qc.invalidateQueries({ queryKey: historyKey('donor_report', report.id) });
    setSaved(true);
  });
  const dirty = NARRATIVE_SECTIONS.some((s) => v[s] !== report.narrative[s]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="narrative-title">
      <form onSubmit={submit} noValidate data-testid="narrative-form">
        <Stack gap="sm">
          <Title order={2} fz="md" id="narrative-title">
            {t('donorReports.narrative')}
          </Title>
          <ErrorAlert error={errors.error} shown={NARRATIVE_SECTIONS.map((s) => `narrative.${s}`)} />
          {errors.error?.code === 'version_conflict' && <Alert color="orange">{t('donorReports.conflict')}</Alert>}
          {NARRATIVE_SECTIONS.map((s) => (
            <Textarea
              key={s}
              label={t(`donorReports.sections.${s}`)}
              description={t(`donorReports.sectionHelp.${s}`)}
              autosize
              minRows={s === 'summary' ? 4 : 2}
              maxRows={20}
              maxLength={NARRATIVE_MAX}
              readOnly={!editable}
              value={v[s]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setV((p) => ({ ...p, [s]: value }));
              }}
              error={errors.field(`narrative.${s}`)}
            />
          ))}
          {editable && (
            <Group justify="flex-end" gap="sm">
              {saved && !dirty && (
                <Text size="sm" c="teal" role="status">
                  {t('donorReports.saved')}
                </Text>
              )}
              <Button type="submit" loading={busy} disabled={!dirty}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

/** What the document will show from the data: indicators, activities, people reached, budget. */
function Figures({ c }: { c: DonorReportContent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const n = (x: number | null) => (x == null ? '—' : f.number(x));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="figures-title" data-testid="report-figures">
      <Stack gap="sm">
        <Title order={2} fz="md" id="figures-title">
          {t('donorReports.figures')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('donorReports.asOf', { date: f.date(c.asOf) })}
        </Text>
        <Title order={3} fz="sm">
          {t('donorReports.indicators')}
        </Title>
        {c.programs.length === 0 && <Text size="sm">{t('donorReports.noPrograms')}</Text>}
        {c.programs.map((p) => (
          <Stack key={p.id} gap={4}>
            <Text fw={600} size="sm">
              <Link to="/programs/$programId" params={{ programId: p.id }}>
                {p.name}
              </Link>
            </Text>
            {p.indicators.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('donorReports.noIndicators')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={480} tabIndex={0} aria-label={t('donorReports.indicators')}>
                <Table withTableBorder verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('donorReports.indicator')}</Table.Th>
                      <Table.Th ta="right">{t('donorReports.targetToDate')}</Table.Th>
                      <Table.Th ta="right">{t('donorReports.actualToDate')}</Table.Th>
                      <Table.Th>{t('donorReports.statusCol')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.indicators.map((i) => (
                      <Table.Tr key={i.code}>
                        <Table.Td>{`${i.code} ${i.name}`}</Table.Td>
                        <Table.Td ta="right">{n(i.series.targetToDate)}</Table.Td>
                        <Table.Td ta="right">{n(i.series.actualToDate)}</Table.Td>
                        <Table.Td>{t(`dashboard.status.${i.series.status}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        ))}
        <Title order={3} fz="sm">
          {t('donorReports.activities')}
        </Title>
        {c.activities.length === 0 ? (
          <Text size="sm">{t('donorReports.noActivities')}</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={480} tabIndex={0} aria-label={t('donorReports.activities')}>
              <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="report-activities">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('donorReports.date')}</Table.Th>
                    <Table.Th>{t('donorReports.activity')}</Table.Th>
                    <Table.Th ta="right">{t('donorReports.registered')}</Table.Th>
                    <Table.Th ta="right">{t('donorReports.attended')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.activities.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.date(a.date)}</Table.Td>
                      <Table.Td>
                        <Link to="/activities/$activityId" params={{ activityId: a.id }}>
                          {a.title}
                        </Link>
                      </Table.Td>
                      <Table.Td ta="right">{f.number(a.registered)}</Table.Td>
                      <Table.Td ta="right">{f.number(a.attended)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" data-testid="report-reached">
              {t('donorReports.reached', { total: f.number(c.reached.total), female: f.number(c.reached.female), male: f.number(c.reached.male), disability: f.number(c.reached.withDisability) })}
            </Text>
          </>
        )}
        <Title order={3} fz="sm">
          {t('donorReports.budget')}
        </Title>
        {!c.budget || c.budget.lines.length === 0 ? (
          <Text size="sm">{t('donorReports.noBudget')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480} tabIndex={0} aria-label={t('donorReports.budget')}>
            <Table withTableBorder verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('donorReports.line')}</Table.Th>
                  {/* amounts without a symbol in the cells: the currency is said once, in the headers */}
                  <Table.Th ta="right">{`${t('donorReports.budgetCol')} (${c.budget.currency})`}</Table.Th>
                  <Table.Th ta="right">{`${t('donorReports.spentToDate')} (${c.budget.currency})`}</Table.Th>
                  <Table.Th ta="right">{`${t('donorReports.remaining')} (${c.budget.currency})`}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.budget.lines.map((l, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{`${l.program} · ${l.category[currentLocale()]} · ${l.description}`}</Table.Td>
                    <Table.Td ta="right">{f.number(Number(fromMinor(l.budget, c.budget!.currency)))}</Table.Td>
                    <Table.Td ta="right">{f.number(Number(fromMinor(l.spentToDate, c.budget!.currency)))}</Table.Td>
                    <Table.Td ta="right">{f.number(Number(fromMinor(l.remaining, c.budget!.currency)))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

export function DonorReportPage() {
  const { reportId } = useParams({ from: '/app/reports/$reportId' });
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const report = useQuery(donorReportQuery(reportId));
  const content = useQuery(donorContentQuery(reportId));
  const [busy, setBusy] = useState(false);
  if (report.error) return <Alert color="red">{report.error.message}</Alert>;
  if (!report.data) return <Skeleton h={300} />;
  const r = report.data;
  const editable = can('funding.write') && !r.deletedAt;
  const href = (format: 'pdf' | 'docx' | 'xlsx', lang: 'id' | 'en') => `/api/donor-reports/${r.id}/report.${format}?lang=${lang}`;
  async function setStatus(status: 'draft' | 'final') {
    setBusy(true);
    try {
      qc.setQueryData(donorReportKey(r.id), await patch<DonorReport>(`/api/donor-reports/${r.id}`, { status, version: r.version }));
      await qc.invalidateQueries({ queryKey: donorReportsKey });
    } finally {
      setBusy(false);
    }
  }
  const remove = () =>
    deleteWithUndo(t, {
      title: t('donorReports.deleteTitle'),
      message: t('donorReports.deleteConfirm', { title: r.title }),
      deleted: t('donorReports.deleted', { title: r.title }),
      restored: t('donorReports.restored', { title: r.title }),
      remove: async () => {
        await del(`/api/donor-reports/${r.id}`);
        await navigate({ to: '/reports' });
      },
      restore: async () => {
        await post(`/api/donor-reports/${r.id}/restore`);
        await navigate({ to: '/reports/$reportId', params: { reportId: r.id } });
      },
      after: () => qc.invalidateQueries({ queryKey: donorReportsKey }),
    });
  // the history names the report's fields as the form does
  const historyFields: FieldDisplay = {
    title: { label: t('donorReports.title') },
    periodStart: { label: t('donorReports.periodStart') },
    periodEnd: { label: t('donorReports.periodEnd') },
    status: { label: t('donorReports.statusLabel'), value: (x) => t(`donorReports.status.${String(x)}`) },
    ...Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, { label: t(`donorReports.sections.${s}`) }])),
  };
  return (
    <>
      <PageHeader
        title={r.title}
        actions={
          <>
            <DownloadMenu
              label={t('donorReports.download')}
              hint={t('donorReports.downloadHint')}
              testId="download-report"
              items={(['pdf', 'docx', 'xlsx'] as const).flatMap((fmt) => (['id', 'en'] as const).map((lang) => ({ label: t(`donorReports.file.${fmt}`, { lang: t(`donorReports.lang.${lang}`) }), href: href(fmt, lang) })))}
            />
            {editable && (
              <Button variant="light" loading={busy} onClick={() => void setStatus(r.status === 'draft' ? 'final' : 'draft')} data-testid="toggle-final">
                {r.status === 'draft' ? t('donorReports.markFinal') : t('donorReports.backToDraft')}
              </Button>
            )}
            {editable && (
              <Button variant="subtle" color="red" onClick={remove}>
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      >
        <Group gap="xs" wrap="wrap">
          <Badge color={r.status === 'final' ? 'teal' : 'gray'} variant="light" data-testid="report-status">
            {t(`donorReports.status.${r.status}`)}
          </Badge>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {r.grantTitle} · {r.funderName} · {`${f.date(r.periodStart)} – ${f.date(r.periodEnd)}`}
          </Text>
        </Group>
      </PageHeader>
      {r.deletedAt && <Alert color="orange" mb="md">{t('donorReports.inBin')}</Alert>}
      <Stack gap="md">
        <NarrativeForm report={r} editable={editable} />
        {content.data ? <Figures c={content.data} /> : content.error ? <Alert color="red">{content.error.message}</Alert> : <Skeleton h={200} />}
        <History type="donor_report" id={r.id} fields={historyFields} />
      </Stack>
    </>
  );
}

import { Alert, Box, Button, Checkbox, Loader, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCode } from '../../../domain/participation.ts';
import { get, post } from '../../api.ts';
import { AreaCascade } from '../../ui/AreaCascade.tsx';
import { AuthLayout } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { sexOptions } from '../people/labels.ts';
import type { PublicConfirmation, PublicForm } from './api.ts';
import { QrCode } from './QrCode.tsx';

/** "Sabtu, 5 Mei 2031 · 09:00–12:00": the activity's own local date and time, in the visitor's language. */
function when(lng: string, a: PublicForm['activity']) {
  const fmt = (d: string) => new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  const days = a.startDate === a.endDate ? fmt(a.startDate) : `${fmt(a.startDate)} – ${fmt(a.endDate)}`;
  return a.allDay ? days : `${days} · ${a.startTime}–${a.endTime}`;
}

function Confirmation({ res }: { res: PublicConfirmation }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" align="center" data-testid="public-confirmation">
      <Alert color={res.status === 'waitlisted' ? 'orange' : 'teal'} w="100%" title={res.status === 'waitlisted' ? t('public.waitlistedTitle') : t('public.registeredTitle')}>
        {res.status === 'waitlisted' ? t('public.waitlistedHelp') : t('public.registeredHelp', { title: res.activityTitle })}
      </Alert>
      <QrCode code={res.code} size={220} label={t('participation.qrLabel', { code: formatCode(res.code) })} />
      <Text size="sm" c="dimmed">
        {t('public.yourCode')}
      </Text>
      <Text ff="monospace" fz={26} fw={700} data-testid="public-code" data-code={res.code}>
        {formatCode(res.code)}
      </Text>
      <Text size="sm" ta="center">
        {t('public.showAtDoor')}
      </Text>
      {res.emailSent && (
        <Text size="sm" c="dimmed" ta="center">
          {t('public.emailSent')}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The public registration form of an activity (no login, a phone's width, both languages with
 * Indonesian first). It shows the activity's public facts and the fields the organiser chose, and
 * answers with the registration code and its QR code — never anything from the registry.
 */
export function PublicRegistrationPage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams({ from: '/daftar/$token' });
  const form = useQuery({ queryKey: ['public-form', token], queryFn: () => get<PublicForm>(`/api/public/registration/${encodeURIComponent(token)}`), retry: false, staleTime: Number.POSITIVE_INFINITY });
  const [v, setV] = useState({ fullName: '', phone: '', email: '', sex: '', birthYear: '', areaCode: null as string | null, consent: false, website: '' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PublicConfirmation | null>(null);
  const errors = useServerErrors();
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((p) => ({ ...p, [k]: value }));

  if (form.isLoading)
    return (
      <AuthLayout title={t('public.title')}>
        <Loader />
      </AuthLayout>
    );
  if (!form.data)
    return (
      <AuthLayout title={t('public.title')}>
        <Alert color="red" title={t('public.linkProblem')} role="alert">
          {form.error?.message}
        </Alert>
      </AuthLayout>
    );
  const f = form.data;
  const a = f.activity;
  const asked = new Map(f.fields.map((x) => [x.field, x.required]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    const s = (x: string) => (x.trim() === '' ? null : x.trim());
    try {
      const res = await post<PublicConfirmation>(`/api/public/registration/${encodeURIComponent(token)}`, {
        fullName: v.fullName.trim(),
        ...(asked.has('phone') ? { phone: s(v.phone) } : {}),
        ...(asked.has('email') ? { email: s(v.email) } : {}),
        ...(asked.has('sex') ? { sex: s(v.sex) } : {}),
        ...(asked.has('birthYear') ? { birthYear: v.birthYear ? Number(v.birthYear) : null } : {}),
        ...(asked.has('areaCode') ? { areaCode: v.areaCode } : {}),
        answers: Object.fromEntries(Object.entries(answers).filter(([, x]) => x.trim())),
        consent: v.consent,
        formToken: f.formToken,
        ...(v.website ? { website: v.website } : {}),
      });
      setDone(res);
      window.scrollTo({ top: 0 });
    } catch (err) {
      errors.capture(err);
      window.requestAnimationFrame(() => document.querySelector('[data-testid="form-error"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
    } finally {
      setBusy(false);
    }
  };
  const err = errors.field;
  const label = (key: string, field: string) => t(key) + (asked.get(field as never) ? '' : ` ${t('public.optional')}`);

  return (
    <AuthLayout
      title={a.title}
      width={520}
      subtitle={
        <>
          <Text span size="sm" c="dimmed" display="block">
            {f.organization}
          </Text>
          <Text span size="sm" display="block" data-testid="public-when">
            {when(i18n.language, a)}
          </Text>
          {(a.venue || a.place) && (
            <Text span size="sm" display="block">
              {[a.venue, a.place].filter(Boolean).join(' — ')}
            </Text>
          )}
        </>
      }
    >
      {done ? (
        <Confirmation res={done} />
      ) : f.state !== 'open' ? (
        <Alert color="gray" title={t(`public.state.${f.state}`)} data-testid="public-closed">
          {t('public.stateHelp')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('public.formLabel')}>
          <Stack gap="sm">
            {a.description && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {a.description}
              </Text>
            )}
            <ErrorAlert error={errors.error} shown={['fullName', 'phone', 'email', 'sex', 'birthYear', 'areaCode', 'consent', ...f.questions.map((q) => `answers.${q.id}`)]} />
            <TextInput label={t('public.fullName')} required value={v.fullName} onChange={(e) => set('fullName', e.currentTarget.value)} error={err('fullName')} maxLength={200} autoComplete="name" />
            {asked.has('phone') && (
              <TextInput label={label('fields.phone', 'phone')} required={asked.get('phone')} type="tel" inputMode="tel" value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={err('phone')} autoComplete="tel" placeholder="0812 3456 7890" />
            )}
            {asked.has('email') && (
              <TextInput
                label={label('fields.email', 'email')}
                description={t('public.emailHelp')}
                required={asked.get('email')}
                type="email"
                value={v.email}
                onChange={(e) => set('email', e.currentTarget.value)}
                error={err('email')}
                autoComplete="email"
              />
            )}
            {asked.has('sex') && (
              <NativeSelect label={label('fields.sex', 'sex')} required={asked.get('sex')} value={v.sex} onChange={(e) => set('sex', e.currentTarget.value)} error={err('sex')} data={[{ value: '', label: '—' }, ...sexOptions(t)]} />
            )}
            {asked.has('birthYear') && (
              <TextInput
                label={label('participation.field.birthYear', 'birthYear')}
                required={asked.get('birthYear')}
                type="number"
                inputMode="numeric"
                min={1900}
                max={new Date().getFullYear()}
                value={v.birthYear}
                onChange={(e) => set('birthYear', e.currentTarget.value)}
                error={err('birthYear')}
                maw={200}
              />
            )}
            {asked.has('areaCode') && (
              <Box>
                <Text size="sm" fw={500} mb={4}>
                  {label('public.area', 'areaCode')}
                </Text>
                <AreaCascade value={v.areaCode} onChange={(c) => set('areaCode', c)} error={err('areaCode')} endpoint="/api/public/areas" cols={{ base: 1 }} />
              </Box>
            )}
            {f.questions.map((q) => (
              <TextInput
                key={q.id}
                label={q.label + (q.required ? '' : ` ${t('public.optional')}`)}
                required={q.required}
                value={answers[q.id] ?? ''}
                onChange={(e) => {
                  const x = e.currentTarget.value;
                  setAnswers((s) => ({ ...s, [q.id]: x }));
                }}
                error={err(`answers.${q.id}`)}
                maxLength={1000}
              />
            ))}
            {/* people never see or fill this: a robot filling every field gives itself away */}
            <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
              <label>
                Website
                <input type="text" name="website" tabIndex={-1} autoComplete="off" value={v.website} onChange={(e) => set('website', e.currentTarget.value)} />
              </label>
            </div>
            <Checkbox label={t('public.consent', { org: f.organization })} checked={v.consent} onChange={(e) => set('consent', e.currentTarget.checked)} error={err('consent')} />
            <Button type="submit" loading={busy} fullWidth size="md">
              {t('public.submit')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('public.privacy', { org: f.organization })}
            </Text>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

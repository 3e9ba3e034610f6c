import { Button, FileButton, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, upload } from '../../api.ts';
import { type Org, orgQuery, useCan } from '../../session.ts';
import { IconUpload } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';

/** The organisation's logo: it heads the documents sent to funders (donor reports). */
export function LogoSettings({ org }: { org: Org }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const editable = can('org.update');
  const saved = (o: Org) => qc.setQueryData(orgQuery.queryKey, o);
  async function send(file: File | null) {
    if (!file) return;
    setBusy(true);
    try {
      saved(await upload<Org>('/api/org/logo', file));
      notify({ color: 'brand', message: t('settings.logo.saved') });
    } catch (e) {
      notify({ color: 'red', title: file.name, message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }
  const remove = () =>
    modals.openConfirmModal({
      title: t('settings.logo.removeTitle'),
      children: <Text size="sm">{t('settings.logo.removeConfirm')}</Text>,
      labels: { confirm: t('settings.logo.remove'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': t('common.close') },
      onConfirm: async () => {
        try {
          saved(await del<Org>('/api/org/logo'));
        } catch (e) {
          notify({ color: 'red', message: (e as Error).message });
        }
      },
    });
  return (
    <Paper withBorder p="md" maw={640} mt="md" data-testid="logo-settings">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('settings.logo.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.logo.help')}
        </Text>
        {org.hasLogo ? (
          // the version in the address: a new logo shows at once
          <Image src={`/api/org/logo?v=${org.version}`} alt={t('settings.logo.alt', { name: org.name })} h={64} w="auto" fit="contain" style={{ alignSelf: 'flex-start' }} />
        ) : (
          <Text size="sm">{t('settings.logo.none')}</Text>
        )}
        {editable && (
          <Group gap="xs">
            <FileButton onChange={(f) => void send(f)} accept="image/png,image/jpeg">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={busy} data-testid="upload-logo">
                  {org.hasLogo ? t('settings.logo.replace') : t('settings.logo.upload')}
                </Button>
              )}
            </FileButton>
            {org.hasLogo && (
              <Button variant="subtle" color="red" onClick={remove}>
                {t('settings.logo.remove')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

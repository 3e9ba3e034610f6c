import { Box, Button, Card, FileButton, Group, Image, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, post, upload } from '../../api.ts';
import { deleteWithUndo } from '../../ui/deleteWithUndo.tsx';
import { ErrorAlert, useFormSubmit } from '../../ui/errors.tsx';
import { FormActions } from '../../ui/FormActions.tsx';
import { IconPlus, IconUpload } from '../../ui/icons.tsx';
import { notify } from '../../ui/notify.ts';
import { historyKey } from '../people/api.ts';
import { type ActivityReport, PHOTO_ACCEPT, PHOTO_MAX_BYTES, type ReportPhoto, preparePhoto, reportKey } from './reportApi.ts';

const CAPTION_MAX = 300;

/** Choose a photo, see it, write its caption, upload (the photo is prepared first: see preparePhoto). */
function AddPhotoDialog({ activityId, onClose, onDone }: { activityId: string; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [caption, setCaption] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  const { errors, busy, submit } = useFormSubmit(async () => {
    if (!file) {
      setProblem(t('report.photoRequired'));
      return;
    }
    const ready = await preparePhoto(file);
    if (ready.size > PHOTO_MAX_BYTES) {
      setProblem(t('report.photoTooBig'));
      return;
    }
    await upload<ReportPhoto>(`/api/activities/${activityId}/report/photos`, ready, { caption: caption.trim() });
    await onDone();
  });
  return (
    <Modal opened onClose={onClose} title={t('report.addPhoto')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="photo-form">
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['caption']} />
          <Stack gap={4} align="flex-start">
            <FileButton
              accept={PHOTO_ACCEPT}
              onChange={(f) => {
                setProblem(null);
                setFile(f);
              }}
            >
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconUpload size={16} />}>
                  {file ? t('report.changePhoto') : t('report.choosePhoto')}
                </Button>
              )}
            </FileButton>
            <Text size="sm" c={file ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }} data-testid="photo-file">
              {file ? file.name : t('report.noFile')}
            </Text>
          </Stack>
          <Text size="xs" c="dimmed">
            {t('report.photoHelp')}
          </Text>
          {problem && (
            <Text size="sm" c="red" role="alert">
              {problem}
            </Text>
          )}
          {preview && <Image src={preview} alt={t('report.previewAlt')} mah={220} fit="contain" radius="sm" />}
          <TextInput
            label={t('report.caption')}
            description={t('report.captionHelp')}
            required
            maxLength={CAPTION_MAX}
            value={caption}
            onChange={(e) => setCaption(e.currentTarget.value)}
            error={errors.field('caption')}
          />
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('report.upload')} />
        </Stack>
      </form>
    </Modal>
  );
}

function CaptionDialog({ photo, onClose, onDone }: { photo: ReportPhoto; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [caption, setCaption] = useState(photo.caption);
  const { errors, busy, submit } = useFormSubmit(async () => {
    await patch(`/api/report-photos/${photo.id}`, { caption: caption.trim(), version: photo.version });
    await onDone();
  });
  return (
    <Modal opened onClose={onClose} title={t('report.editCaption')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['caption']} />
          <TextInput label={t('report.caption')} required data-autofocus maxLength={CAPTION_MAX} value={caption} onChange={(e) => setCaption(e.currentTarget.value)} error={errors.field('caption')} />
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The report's photos, each with its caption; staff add, re-caption and remove them (with undo). */
export function ReportPhotos({ report, canWrite }: { report: ActivityReport; canWrite: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ReportPhoto | null>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: reportKey(report.activityId) });
    await qc.invalidateQueries({ queryKey: historyKey('activity_report', report.activityId) });
  };
  const remove = (p: ReportPhoto) =>
    deleteWithUndo(t, {
      title: t('report.removePhoto'),
      message: t('report.removePhotoConfirm', { caption: p.caption }),
      deleted: t('report.photoRemoved'),
      restored: t('report.photoRestored'),
      remove: () => del(`/api/report-photos/${p.id}`),
      restore: async () => {
        await post(`/api/report-photos/${p.id}/restore`);
        await refresh();
      },
      after: refresh,
    });
  return (
    <Box component="section" aria-labelledby="photos-title">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} fz="md" id="photos-title">
          {t('report.photos')}
        </Title>
        {canWrite && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            {t('report.addPhoto')}
          </Button>
        )}
      </Group>
      {report.photos.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('report.noPhotos')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" data-testid="photos">
          {report.photos.map((p) => (
            <Card key={p.id} withBorder padding="xs" radius="sm" data-testid="photo">
              <Card.Section>
                <a href={`/api/report-photos/${p.id}`} target="_blank" rel="noreferrer">
                  <Image src={`/api/report-photos/${p.id}`} alt={p.caption} h={180} fit="cover" loading="lazy" />
                </a>
              </Card.Section>
              <Text size="sm" mt="xs" style={{ overflowWrap: 'anywhere' }}>
                {p.caption}
              </Text>
              {canWrite && (
                <Group gap={4} mt={6}>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(p)} aria-label={t('report.editCaptionOf', { caption: p.caption })}>
                    {t('report.editCaption')}
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(p)} aria-label={t('report.removePhotoOf', { caption: p.caption })}>
                    {t('report.removePhoto')}
                  </Button>
                </Group>
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
      {adding && (
        <AddPhotoDialog
          activityId={report.activityId}
          onClose={() => setAdding(false)}
          onDone={async () => {
            setAdding(false);
            await refresh();
            notify({ color: 'brand', message: t('report.photoAdded') });
          }}
        />
      )}
      {editing && (
        <CaptionDialog
          photo={editing}
          onClose={() => setEditing(null)}
          onDone={async () => {
            setEditing(null);
            await refresh();
          }}
        />
      )}
    </Box>
  );
}

import { Alert, Anchor, Button, FileButton, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { IconDownload, IconUpload } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { ACCEPT, importKey, uploadImport } from './api.ts';
import { ImportGate } from './ImportGate.tsx';
import { fileSize } from './labels.ts';
import { ImportSteps } from './parts.tsx';

/** An example file with headers the mapping recognises, in the UI language (CSV with a BOM, for Excel). */
function downloadExample(header: string, rows: string[], name: string) {
  const csv = `\ufeff${[header, ...rows].join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Step 1: choose or drop a CSV/XLSX file; it is sent as it is, with upload progress. */
export function NewImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [over, setOver] = useState(false);
  const resetRef = useRef<() => void>(null);
  const busy = progress !== null;

  async function upload(chosen: File) {
    if (busy) return;
    setFile(chosen);
    setError(null);
    setProgress(0);
    try {
      const imp = await uploadImport(chosen, setProgress);
      qc.setQueryData(importKey(imp.id), imp);
      void qc.invalidateQueries({ queryKey: ['imports'] });
      await navigate({ to: '/imports/$importId', params: { importId: imp.id } });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unexpected', String((e as Error)?.message ?? e)));
      setProgress(null);
      resetRef.current?.();
    }
  }
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files?.[0];
    if (dropped) void upload(dropped);
  };
  const pct = progress === null ? 0 : Math.round(progress * 100);

  return (
    <ImportGate>
      <PageHeader
        title={t('imports.newTitle')}
        actions={
          <ButtonLink to="/imports" variant="default">
            {t('imports.history')}
          </ButtonLink>
        }
      />
      <ImportSteps current={0} />
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-labelledby="upload-title">
          <Title order={2} fz="lg" id="upload-title" mb="sm">
            {t('imports.upload.title')}
          </Title>
          <div
            className="gotong-dropzone"
            data-over={over}
            data-testid="dropzone"
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
              if (!over) setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <Stack gap={6} align="center">
              <Text c="dimmed" aria-hidden="true" lh={0}>
                <IconUpload size={32} />
              </Text>
              <Text fw={600} visibleFrom="sm">
                {t('imports.upload.drop')}
              </Text>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t('imports.upload.or')}
              </Text>
              <FileButton onChange={(chosen) => chosen && void upload(chosen)} accept={ACCEPT} disabled={busy} resetRef={resetRef}>
                {(props) => (
                  <Button {...props} leftSection={<IconUpload size={16} />} loading={busy}>
                    {t('imports.upload.choose')}
                  </Button>
                )}
              </FileButton>
              <Text size="xs" c="dimmed">
                {t('imports.upload.formats')}
              </Text>
            </Stack>
          </div>

          {busy && file && (
            <Stack gap={4} mt="md" data-testid="upload-progress">
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {file.name} · {fileSize(file.size, f.number)}
              </Text>
              <Progress value={pct} size="lg" aria-label={t('imports.upload.progress', { file: file.name })} animated={pct >= 100} striped={pct >= 100} />
              <Text size="sm" c="dimmed" aria-live="polite">
                {pct < 100 ? t('imports.upload.sending', { pct }) : t('imports.upload.reading')}
              </Text>
            </Stack>
          )}

          {error && (
            <Alert color="red" variant="light" mt="md" title={t('imports.upload.failed', { file: file?.name ?? '' })} role="alert" data-testid="upload-error">
              {error.message}
            </Alert>
          )}
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="upload-help">
          <Title order={2} fz="lg" id="upload-help" mb="sm">
            {t('imports.upload.helpTitle')}
          </Title>
          <List size="sm" spacing={6}>
            <List.Item>{t('imports.upload.help1')}</List.Item>
            <List.Item>{t('imports.upload.help2')}</List.Item>
            <List.Item>{t('imports.upload.help3')}</List.Item>
            <List.Item>{t('imports.upload.help4')}</List.Item>
            <List.Item>{t('imports.upload.help5')}</List.Item>
          </List>
          <Anchor
            component="button"
            type="button"
            size="sm"
            mt="sm"
            onClick={() => downloadExample(t('imports.example.header'), [t('imports.example.row1'), t('imports.example.row2')], t('imports.example.fileName'))}
            style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
          >
            <IconDownload size={16} />
            {t('imports.example.download')}
          </Anchor>
        </Paper>
      </Stack>
    </ImportGate>
  );
}

import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useFormSubmit } from './errors.tsx';
import { FormActions } from './FormActions.tsx';
import { IconPlus } from './icons.tsx';

export type CodeLabel = { code: string; label: { id: string; en: string } };

/**
 * An organisation's own list of codes, each named in both languages (volunteer skills, activity
 * types). Empty rows are dropped; the server checks the codes and answers field errors at
 * `${field}.${i}.code` / `.label.id` / `.label.en`, shown beside each box.
 */
export function CodeListDialog({
  opened,
  onClose,
  title,
  help,
  list,
  field,
  addLabel,
  save,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  help: string;
  list: CodeLabel[];
  /** the list's name in the request body and its field errors */
  field: string;
  addLabel: string;
  save: (rows: CodeLabel[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(list);
  useEffect(() => {
    if (opened) setRows(list.length ? list : [{ code: '', label: { id: '', en: '' } }]);
  }, [opened, list]);
  const { errors, busy, submit } = useFormSubmit(async () => {
    await save(rows.filter((r) => r.code || r.label.id || r.label.en));
    onClose();
  });
  const set = (i: number, patch: Partial<{ code: string; id: string; en: string }>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { code: patch.code ?? r.code, label: { id: patch.id ?? r.label.id, en: patch.en ?? r.label.en } } : r)));
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e: FormEvent) => void submit(e)} noValidate data-testid="code-list-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {help}
          </Text>
          <ErrorAlert error={errors.error} shown={rows.flatMap((_, i) => [`${field}.${i}.code`, `${field}.${i}.label.id`, `${field}.${i}.label.en`])} />
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
            <SimpleGrid key={i} cols={{ base: 1, sm: 3 }} spacing="xs">
              <TextInput label={t('codeList.code')} value={r.code} onChange={(e) => set(i, { code: e.currentTarget.value })} error={errors.field(`${field}.${i}.code`)} />
              <TextInput label={t('codeList.labelId')} value={r.label.id} onChange={(e) => set(i, { id: e.currentTarget.value })} error={errors.field(`${field}.${i}.label.id`)} />
              <TextInput label={t('codeList.labelEn')} value={r.label.en} onChange={(e) => set(i, { en: e.currentTarget.value })} error={errors.field(`${field}.${i}.label.en`)} />
            </SimpleGrid>
          ))}
          <Group>
            <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setRows((rs) => [...rs, { code: '', label: { id: '', en: '' } }])}>
              {addLabel}
            </Button>
          </Group>
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

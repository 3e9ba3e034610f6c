import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "Yayasan Peduli Sesama" → "yayasan-peduli-sesama" (what the server accepts as a slug). */
export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s.length >= 3 || !s ? s : `${s}-org`;
}

/** Organisation name and short address; the address follows the name until it is edited by hand. */
export function useOrgFields() {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  return {
    name,
    slug,
    setName: (v: string) => {
      setName(v);
      if (!slugEdited) setSlug(slugify(v));
    },
    setSlug: (v: string) => {
      setSlugEdited(true);
      setSlug(v.toLowerCase());
    },
  };
}

export function OrgFields({ f, nameError, slugError, autoFocus }: { f: ReturnType<typeof useOrgFields>; nameError?: string; slugError?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('org.name')} required value={f.name} onChange={(e) => f.setName(e.currentTarget.value)} error={nameError} autoFocus={autoFocus} maxLength={120} />
      <TextInput label={t('org.slug')} description={t('org.slugHelp')} required value={f.slug} onChange={(e) => f.setSlug(e.currentTarget.value)} error={slugError} maxLength={40} autoCapitalize="none" spellCheck={false} />
    </>
  );
}

import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale, currentLocale } from '../i18n/index.ts';
import { useChangeLocale } from '../session.ts';
import { IconCheck, IconGlobe } from './icons.tsx';

/** Visible on every page. Its name is bilingual so it can be found whatever language is showing. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const change = useChangeLocale();
  const locale = currentLocale();
  void i18n.language;
  return (
    <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" size="compact-md" px={6} leftSection={<IconGlobe size={16} />} aria-label={`Bahasa / Language: ${locale.toUpperCase()}`} data-testid="language-switch">
          {locale.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LOCALES.map((l) => (
          <Menu.Item key={l.value} lang={l.value} onClick={() => void change(l.value as Locale)} rightSection={l.value === locale ? <IconCheck size={14} /> : null} aria-current={l.value === locale ? 'true' : undefined}>
            {l.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

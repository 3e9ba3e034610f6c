import { AppShell, Badge, Box, Burger, Button, Divider, Group, Menu, Modal, NavLink, PasswordInput, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { meQuery, resetSession, useCan, useMe } from '../../session.ts';
import { Brand } from '../../ui/AuthLayout.tsx';
import { ErrorAlert, useServerErrors } from '../../ui/errors.tsx';
import { IconCalendar, IconChart, IconCheck, IconChecklist, IconChevronDown, IconCoins, IconCopies, IconGift, IconHandshake, IconHeart, IconHome, IconPeople, IconPlus, IconReceipt, IconReport, IconSettings, IconTarget, IconTiles, IconUpload, IconUser } from '../../ui/icons.tsx';
import { useOpenPairCount } from '../duplicates/count.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { OrgFields, useOrgFields } from '../../ui/OrgFields.tsx';
import { notify } from '../../ui/notify.ts';
import { FormActions } from '../../ui/FormActions.tsx';
import { clearUserStorage } from '../../storage.ts';

const NAV: { to: string; key: string; icon: ReactNode; soon?: boolean; label?: string; count?: number; countLabel?: string }[] = [
  { to: '/people', key: 'people', icon: <IconPeople /> },
  { to: '/households', key: 'households', icon: <IconHome /> },
  { to: '/programs', key: 'programs', icon: <IconTarget /> },
  { to: '/activities', key: 'activities', icon: <IconCalendar /> },
  { to: '/volunteers', key: 'volunteers', icon: <IconHeart /> },
  { to: '/funding', key: 'funding', icon: <IconCoins /> },
  { to: '/finance', key: 'finance', icon: <IconReceipt /> },
  { to: '/donations', key: 'donations', icon: <IconGift /> },
  { to: '/partners', key: 'partners', icon: <IconHandshake />, soon: true },
  { to: '/reports', key: 'reports', icon: <IconReport /> },
];

function OrgSwitcher({ onCreate }: { onCreate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (!me?.organization) return null;
  async function switchTo(orgId: string) {
    try {
      await post('/api/auth/switch-org', { orgId });
      await resetSession(qc);
      await navigate({ to: '/' });
    } catch (e) {
      notify({ color: 'red', message: (e as Error).message });
    }
  }
  return (
    <Menu withInitialFocusPlaceholder={false} position="bottom-start" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.switchOrg', { name: me.organization.name })} data-testid="org-switcher" px={8} py={4} style={{ borderRadius: 6, border: '1px solid var(--mantine-color-gray-3)', maxWidth: '100%' }}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate maw={{ base: 220, md: 360 }}>
              {me.organization.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.organizations')}</Menu.Label>
        {me.memberships.map((m) => (
          <Menu.Item key={m.orgId} onClick={() => m.orgId !== me.organization?.id && void switchTo(m.orgId)} rightSection={m.orgId === me.organization?.id ? <IconCheck size={14} /> : null}>
            <Text size="sm" truncate>
              {m.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`memberRole.${m.role}`)}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconPlus size={14} />} onClick={onCreate}>
          {t('org.create')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function CreateOrgModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const org = useOrgFields();
  const errors = useServerErrors();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await post('/api/orgs', { name: org.name, slug: org.slug });
      await resetSession(qc);
      onClose();
      await navigate({ to: '/' });
      notify({ color: 'brand', message: t('org.created', { name: org.name }) });
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('org.create')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['name', 'slug']} />
          <OrgFields f={org} nameError={errors.field('name')} slugError={errors.field('slug')} autoFocus />
          <FormActions onCancel={onClose} busy={busy} submitLabel={t('org.create')} />
        </Stack>
      </form>
    </Modal>
  );
}

function PasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const errors = useServerErrors();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await post('/api/auth/password', { currentPassword: current, newPassword: next });
      notify({ color: 'brand', message: t('account.passwordChanged') });
      setCurrent('');
      setNext('');
      onClose();
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('account.changePassword')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={errors.error} shown={['currentPassword', 'newPassword']} />
          <PasswordInput label={t('account.currentPassword')} required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={errors.field('currentPassword')} autoComplete="current-password" />
          <PasswordInput label={t('account.newPassword')} description={t('auth.passwordHelp')} required value={next} onChange={(e) => setNext(e.currentTarget.value)} error={errors.field('newPassword')} autoComplete="new-password" />
          <Text size="xs" c="dimmed">
            {t('account.passwordNote')}
          </Text>
          <FormActions onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

function UserMenu({ onPassword }: { onPassword: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  async function signOut() {
    await post('/api/auth/signout').catch(() => undefined);
    clearUserStorage();
    qc.clear();
    qc.setQueryData(meQuery.queryKey, null);
    await navigate({ to: '/signin' });
  }
  return (
    <Menu withInitialFocusPlaceholder={false} position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" size="compact-md" px={6} aria-label={`${t('shell.userMenu')}: ${me?.user.name ?? ''}`} data-testid="user-menu" leftSection={<IconUser />}>
          <Text size="sm" visibleFrom="md" truncate maw={140}>
            {me?.user.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me?.user.name}
          </Text>
          <Text size="xs" truncate>
            {me?.user.email}
          </Text>
          {me?.organization && (
            <Text size="xs">
              {t('shell.roleIn', { role: t(`memberRole.${me.organization.role}`), org: me.organization.name })}
            </Text>
          )}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item onClick={onPassword}>{t('account.changePassword')}</Menu.Item>
        <Menu.Item onClick={() => void signOut()} color="red">
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [createOpen, createOrg] = useDisclosure(false);
  const [pwOpen, pw] = useDisclosure(false);
  const can = useCan();
  const pathname = useLocation({ select: (l) => l.pathname });
  useEffect(() => close(), [pathname, close]);
  const openPairs = useOpenPairCount().data;
  const navItem = (item: (typeof NAV)[number]) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label ?? t(`nav.${item.key}`)}
      leftSection={item.icon}
      active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
      rightSection={
        item.soon ? (
          <Badge size="xs" variant="light" color="gray">
            {t('comingSoon.short')}
          </Badge>
        ) : item.count ? (
          <>
            <Badge size="sm" variant="light" color="orange" aria-hidden="true" data-testid={`nav-count-${item.key}`}>
              {item.count > 999 ? '999+' : item.count}
            </Badge>
            <VisuallyHidden>{item.countLabel}</VisuallyHidden>
          </>
        ) : null
      }
      style={{ borderRadius: 6 }}
      onClick={close}
    />
  );
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} aria-expanded={opened} aria-controls="gotong-navbar" />
            <Box component={Link} to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Brand />
            </Box>
            <Box visibleFrom="sm" ml="md">
              <OrgSwitcher onCreate={createOrg.open} />
            </Box>
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitch />
            <UserMenu onPassword={pw.open} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="gotong-navbar" aria-label={t('shell.navigation')}>
        <Box hiddenFrom="sm" mb="xs">
          <OrgSwitcher onCreate={createOrg.open} />
        </Box>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {/* the start page: the member's own deadlines */}
            {navItem({ to: '/', key: 'home', icon: <IconTiles /> })}
            {navItem({ to: '/dashboard', key: 'dashboard', icon: <IconChart /> })}
            {NAV.slice(0, 2).map(navItem)}
            {can('people.import') && navItem({ to: '/imports', key: 'imports', label: t('imports.nav'), icon: <IconUpload /> })}
            {navItem({ to: '/duplicates', key: 'duplicates', label: t('duplicates.nav'), icon: <IconCopies />, count: openPairs, countLabel: openPairs ? t('duplicates.navCount', { count: openPairs }) : undefined })}
            {NAV.slice(2).filter((n) => !n.soon).map(navItem)}
            {navItem({ to: '/tasks', key: 'tasks', label: t('tasks.nav'), icon: <IconChecklist /> })}
            <Divider my={6} label={t('nav.comingModules')} labelPosition="left" />
            {NAV.slice(2).filter((n) => n.soon).map(navItem)}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Divider my={6} />
          {navItem({ to: '/settings', key: 'settings', icon: <IconSettings /> })}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1200} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
      <CreateOrgModal opened={createOpen} onClose={createOrg.close} />
      <PasswordModal opened={pwOpen} onClose={pw.close} />
    </AppShell>
  );
}

import { Tabs } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { SettingsTab } from '../../router.tsx';
import { useCan } from '../../session.ts';
import { PageHeader } from '../../ui/Page.tsx';
import { AuditTab } from './AuditTab.tsx';
import { InvitationsTab } from './InvitationsTab.tsx';
import { MembersTab } from './MembersTab.tsx';
import { OrganizationTab } from './OrganizationTab.tsx';
import { OutboxTab } from './OutboxTab.tsx';
import { TokensTab } from './TokensTab.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const search = useSearch({ from: '/app/settings' });
  const navigate = useNavigate({ from: '/settings' });
  const tabs: { value: SettingsTab; show: boolean }[] = [
    { value: 'organization', show: true },
    { value: 'members', show: can('members.read') },
    { value: 'invitations', show: can('members.manage') },
    { value: 'tokens', show: can('tokens.own') },
    { value: 'outbox', show: can('members.manage') },
    { value: 'audit', show: can('audit.read') },
  ];
  const visible = tabs.filter((x) => x.show);
  const tab = visible.some((x) => x.value === search.tab) ? search.tab! : 'organization';
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Tabs value={tab} onChange={(v) => v && void navigate({ search: { tab: v as SettingsTab }, replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {visible.map((x) => (
            <Tabs.Tab key={x.value} value={x.value}>
              {t(`settings.tabs.${x.value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="organization">
          <OrganizationTab />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <MembersTab />
        </Tabs.Panel>
        <Tabs.Panel value="invitations">
          <InvitationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokensTab />
        </Tabs.Panel>
        <Tabs.Panel value="outbox">
          <OutboxTab />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

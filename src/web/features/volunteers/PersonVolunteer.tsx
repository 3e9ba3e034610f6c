import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api.ts';
import { useCan } from '../../session.ts';
import { IconHeart } from '../../ui/icons.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import type { VolunteersPage } from './api.ts';

/** On a person's page: their volunteer profile, or a way to make them a volunteer. */
export function PersonVolunteer({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const q = useQuery({ queryKey: ['person-volunteer', personId], queryFn: () => get<VolunteersPage>('/api/volunteers', { personId, limit: 1 }), enabled: can('volunteers.read') });
  const v = q.data?.items[0];
  if (v)
    return (
      <ButtonLink to="/volunteers/$volunteerId" params={{ volunteerId: v.id }} variant="default" leftSection={<IconHeart size={16} />} data-testid="person-volunteer">
        {t('volunteers.profileLink')}
      </ButtonLink>
    );
  if (q.isSuccess && can('volunteers.write'))
    return (
      <ButtonLink to="/volunteers/new" search={{ personId }} variant="default" leftSection={<IconHeart size={16} />} data-testid="person-make-volunteer">
        {t('volunteers.makeVolunteer')}
      </ButtonLink>
    );
  return null;
}

import { PageHeading } from '../components/PageHeading';
import { PersonSearch } from '../components/PersonSearch';
import { Link } from '../components/Link';
import { can, useStore } from '../lib/store';
import { navigate } from '../lib/router';
import { Worklist } from '../components/Worklist';
import { t } from '../i18n';

export function HomePage() {
  const session = useStore((s) => s.session);
  if (!can('person_read')) {
    return (
      <section>
        <PageHeading title={t('home.title')}>{t('home.welcome', { name: session?.display_name || '' })}</PageHeading>
        <p>{t('home.no_registry')}</p>
      </section>
    );
  }
  return (
    <section>
      <PageHeading title={t('search.title')} focus="#person-search">{t('search.title')}</PageHeading>
      <PersonSearch id="person-search" label={t('search.label')} autoFocus onSelect={(p) => navigate('/persons/' + p.id)} />
      <p class="below-search">
        <Link href="/persons">{t('search.browse')}</Link>
        {can('person_write') && (
          <>
            {' · '}
            <Link href="/persons/new">{t('nav.register')}</Link>
          </>
        )}
      </p>
      {can('case_read') && <Worklist />}
    </section>
  );
}

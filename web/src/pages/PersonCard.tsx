// The person card: GET /api/v1/persons/{id} and its sections.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import type { Person } from '../lib/types';
import { fullName } from '../lib/types';
import { can } from '../lib/store';
import { PageHeading } from '../components/PageHeading';
import { Link } from '../components/Link';
import { AddressesSection, DepartmentsSection, FamilySection, GroupsSection, IdentitySection, Section } from '../components/PersonSections';
import { t, type MessageKey } from '../i18n';

export function PersonCardPage({ id }: { id: number }) {
  const [p, setP] = useState<Person | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api<Person>('/api/v1/persons/' + id)
      .then((r) => setP(r.data))
      .catch((e) => setError(e instanceof ApiError ? e.message : t('error.network')));
  }, [id]);

  if (error) {
    return (
      <section>
        <PageHeading title={t('card.title')}>{t('card.title')}</PageHeading>
        <p class="error-box" role="alert">{error}</p>
        <p><Link href="/">{t('card.back')}</Link></p>
      </section>
    );
  }
  if (!p) return <p role="status">{t('common.loading')}</p>;
  const name = fullName(p);
  const merged = p.merged_into !== null && p.merged_into !== undefined;
  return (
    <article class="person-card">
      <div class="card-head">
        <PageHeading title={name}>{name}</PageHeading>
        <div class="actions">
          {can('person_write') && !merged && !p.shared_parts && <Link href={`/persons/${p.id}/edit`} class="button">{t('card.edit')}</Link>}
          {can('person_merge') && !merged && !p.shared_parts && <Link href={`/persons/${p.id}/merge`} class="button">{t('card.merge')}</Link>}
        </div>
      </div>
      {merged && (
        <p class="notice" role="note">
          {t('card.merged_into')} <Link href={'/persons/' + p.merged_into}>{t('card.open_kept')}</Link>
        </p>
      )}
      {p.shared_parts && (
        <p class="notice" role="note">
          {t('card.shared', { parts: p.shared_parts.map((x) => { const k = ('share.part.' + x) as MessageKey; const s = t(k); return s === k ? x : s; }).join(', ') })}
        </p>
      )}
      <div class="card-grid">
        <IdentitySection p={p} />
        {p.departments && <DepartmentsSection rows={p.departments} />}
        {p.addresses && <AddressesSection rows={p.addresses} />}
        {p.groups && <GroupsSection rows={p.groups} />}
        {(p.relations || p.households || p.representatives) && (
          <FamilySection relations={p.relations} households={p.households} representatives={p.representatives} />
        )}
        {!p.addresses && !p.groups && !p.relations && (
          <Section id="hidden" title={t('card.more')}>
            <p class="muted">{t('card.not_shared')}</p>
          </Section>
        )}
      </div>
    </article>
  );
}

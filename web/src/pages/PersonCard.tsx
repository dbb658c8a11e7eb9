// The person card: GET /api/v1/persons/{id} and its sections.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import type { Person } from '../lib/types';
import { fullName } from '../lib/types';
import { can } from '../lib/store';
import { PersonCases } from '../components/PersonCases';
import { PageHeading } from '../components/PageHeading';
import { Link } from '../components/Link';
import { AddressesSection, DepartmentsSection, FamilySection, GroupsSection, IdentitySection, Section } from '../components/PersonSections';
import { AddressesEditor, GroupsEditor, HistorySection, NotesSection, HouseholdsEditor, RelationsEditor, RepresentativesEditor, SharesSection, type PartWrite } from '../components/PersonParts';
import { setState } from '../lib/store';
import { t, type MessageKey } from '../i18n';

export function PersonCardPage({ id }: { id: number }) {
  const [p, setP] = useState<Person | null>(null);
  const [error, setError] = useState('');
  // A part write that met a newer version (412): what the worker tried.
  const [conflict, setConflict] = useState<{ method: string; path: string; body?: unknown } | null>(null);
  const version = useRef(0);
  const conflictRef = useRef<HTMLElement>(null);

  async function reload(): Promise<Person> {
    const r = await api<Person>('/api/v1/persons/' + id);
    version.current = r.data.version;
    setP(r.data);
    return r.data;
  }

  useEffect(() => {
    reload().catch((e) => setError(e instanceof ApiError ? e.message : t('error.network')));
  }, [id]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const write: PartWrite = async (method, path, body) => {
    try {
      await api(path, { method, body, headers: { 'If-Match': `"v${version.current}"` } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        await reload();
        setConflict({ method, path, body });
        return false;
      }
      throw e;
    }
    setConflict(null);
    await reload();
    setState({ flash: { kind: 'ok', text: t('parts.saved') } });
    return true;
  };

  async function reapply() {
    if (!conflict) return;
    const c = conflict;
    try {
      await write(c.method, c.path, c.body);
    } catch (e) {
      setConflict(null);
      setState({ flash: { kind: 'error', text: e instanceof ApiError ? e.message : t('error.network') } });
    }
  }

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
  const editable = can('person_write') && !merged && !p.shared_parts;
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
      {conflict && (
        <section class="conflict" role="alert" aria-labelledby="conflict-h" tabIndex={-1} ref={conflictRef}>
          <h2 id="conflict-h">{t('conflict.title')}</h2>
          <p>{t('parts.conflict_text')}</p>
          <div class="form-actions">
            <button type="button" class="primary" onClick={reapply}>{t('parts.conflict_reapply')}</button>
            <button type="button" onClick={() => setConflict(null)}>{t('conflict.discard')}</button>
          </div>
        </section>
      )}
      <div class="card-grid">
        <IdentitySection p={p} />
        {p.departments && <DepartmentsSection rows={p.departments} />}
        {p.addresses && (editable ? <AddressesEditor p={p} rows={p.addresses} write={write} /> : <AddressesSection rows={p.addresses} />)}
        {p.groups && (editable ? <GroupsEditor p={p} rows={p.groups} write={write} /> : <GroupsSection rows={p.groups} />)}
        {(p.relations || p.households || p.representatives) && (
          <FamilySection relations={editable ? undefined : p.relations} households={editable ? undefined : p.households} representatives={editable ? undefined : p.representatives}>
            {editable && p.relations && <RelationsEditor p={p} rows={p.relations} write={write} />}
            {editable && p.households && <HouseholdsEditor p={p} rows={p.households} onChanged={reload} />}
            {editable && p.representatives && <RepresentativesEditor p={p} rows={p.representatives} write={write} />}
          </FamilySection>
        )}
        {!p.addresses && !p.groups && !p.relations && (
          <Section id="hidden" title={t('card.more')}>
            <p class="muted">{t('card.not_shared')}</p>
          </Section>
        )}
      </div>
      <div class="card-wide">
        {!p.shared_parts && can('case_read') && !merged && <PersonCases personId={p.id} />}
        {(!p.shared_parts || p.shared_parts.includes('notes')) && <NotesSection p={p} writable={editable} />}
        {!p.shared_parts && <SharesSection p={p} />}
        {!p.shared_parts && <HistorySection p={p} />}
      </div>
    </article>
  );
}

// Pieces shared by the child-welfare screens: institution names (staff
// read the list; a partner has no org_read and sees numbers only), a
// dialog whose form shows the server's field errors at the fields, the
// conflict panel for a 412, and the year filter.
import { useEffect, useRef, useState } from 'preact/hooks';
import { can, setState } from '../../lib/store';
import { recentYears } from '../../lib/childwelfare';
import { F } from '../../components/FormDialog';
import { SelectField } from '../../components/Form';
import { fetchAll } from '../../lib/org';
import { PersonSearch } from '../../components/PersonSearch';
import type { HouseholdRow, PersonSummary } from '../../lib/types';
import { api } from '../../lib/api';
import { t } from '../../i18n';

export const ok = (text: string) => setState({ flash: { kind: 'ok', text } });
export const ifMatch = (version: number) => ({ 'If-Match': `"v${version}"` });

export interface Institution { id: number; name: string; kind: string; partner_type: string | null; active?: boolean }

let cache: Promise<Institution[]> | null = null;

/** Institutions by id; empty for a user who may not read the organisation. */
export function useInstitutions(): Institution[] {
  const [list, setList] = useState<Institution[]>([]);
  useEffect(() => {
    if (!can('org_read')) return;
    cache = cache || fetchAll<Institution>('/api/v1/institutions');
    cache.then(setList).catch(() => { cache = null; });
  }, []);
  return list;
}

export function institutionName(list: Institution[], id: number | null | undefined): string {
  if (id == null) return '';
  return list.find((i) => i.id === id)?.name || t('cw.institution_n', { id });
}

export function institutionOptions(list: Institution[], empty?: string) {
  const o = list.map((i) => ({ value: String(i.id), label: i.name }));
  return empty !== undefined ? [{ value: '', label: empty }, ...o] : o;
}

export { F, FormDialog } from '../../components/FormDialog';

/** The 412 panel: reload happened already; reapply the same change or drop it. */
export function ConflictPanel({ onReapply, onDiscard }: { onReapply: () => void; onDiscard: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-h" tabIndex={-1} ref={ref}>
      <h2 id="conflict-h">{t('conflict.title')}</h2>
      <p>{t('cw.conflict_text')}</p>
      <div class="form-actions">
        <button type="button" class="primary" onClick={onReapply}>{t('cw.conflict_reapply')}</button>
        <button type="button" onClick={onDiscard}>{t('conflict.discard')}</button>
      </div>
    </section>
  );
}

export function YearSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return <SelectField id={id} label={t('cw.year')} value={value} onChange={onChange}
    options={recentYears().map((y) => ({ value: String(y), label: String(y) }))} />;
}

/** The query string of the current address. */
export function query(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/** The family of a question: a member is searched for, then one of the
 * member's households chosen (the API takes the household). */
export function FamilyPicker({ id, householdId, onChange, error }: {
  id: string; householdId: string; onChange: (householdId: string) => void; error?: string;
}) {
  const [member, setMember] = useState<PersonSummary | null>(null);
  const [homes, setHomes] = useState<HouseholdRow[] | null>(null);
  useEffect(() => {
    if (!member) { setHomes(null); onChange(''); return; }
    api<{ households?: HouseholdRow[] }>('/api/v1/persons/' + member.id)
      .then((r) => {
        const list = r.data.households || [];
        setHomes(list);
        onChange(list.length ? String(list[0].id) : '');
      })
      .catch(() => { setHomes([]); onChange(''); });
  }, [member]);
  return (
    <F name="household_id">
      {member ? (
        <p>{t('cw.family_member_chosen', { name: `${member.given_names} ${member.family_name}` })} <button type="button" class="link-button" onClick={() => setMember(null)}>{t('cw.change')}</button></p>
      ) : <PersonSearch id={id} label={t('cw.family_member')} onSelect={setMember} />}
      {homes && homes.length > 0 && (
        <SelectField id={id + '-household'} label={t('cw.household')} value={householdId} onChange={onChange}
          options={homes.map((h) => ({ value: String(h.id), label: h.name }))} required />
      )}
      {homes && homes.length === 0 && <p class="muted">{t('cw.no_household')}</p>}
      {error && <div class="error-text" role="alert">{error}</div>}
    </F>
  );
}

/** The child of a question or an order: searched for, then shown with a "change" button. */
export function ChildPicker({ id, child, onChange, error }: {
  id: string; child: PersonSummary | null; onChange: (p: PersonSummary | null) => void; error?: string;
}) {
  return (
    <F name="child_id">
      {child ? (
        <p>{t('cw.child_chosen', { name: `${child.given_names} ${child.family_name}` })} <button type="button" class="link-button" onClick={() => onChange(null)}>{t('cw.change')}</button></p>
      ) : <PersonSearch id={id} label={t('cw.child')} onSelect={onChange} />}
      {error && <div class="error-text" role="alert">{error}</div>}
    </F>
  );
}

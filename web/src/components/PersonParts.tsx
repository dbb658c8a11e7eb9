// Editing the person's parts on the card (addresses, recipient groups,
// relations) and the sections that load on their own: notes, shares and
// history. Part writes carry If-Match with the person's version; on a 412
// the card shows the conflict panel (see PersonCard).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import type {
  Address, GroupRow, HistoryRow, HouseholdRow, NoteRow, Page, Person, PersonSummary, RecipientGroup, RelationRow, RepresentativeRow, ShareRow,
} from '../lib/types';
import { ADDRESS_KINDS, fullName, LEGAL_BASES, RELATION_KINDS, REPRESENTATIVE_KINDS, SHARE_PARTS } from '../lib/types';
import { formatDate, formatDateTime, todayIso } from '../lib/format';
import { can, setState } from '../lib/store';
import { localName, t, type MessageKey } from '../i18n';
import { Field } from './Field';
import { Link } from './Link';
import { PersonSearch } from './PersonSearch';
import { Section } from './PersonSections';
import { CheckField, codeOptions, codeText, ConfirmDialog, readError, SelectField, TextArea, type FieldErrors } from './Form';

/** Writes a part with If-Match; resolves false when the write hit a conflict. */
export type PartWrite = (method: string, path: string, body?: unknown) => Promise<boolean>;

function period(from?: string | null, to?: string | null): string {
  if (!from && !to) return '';
  return `${from ? formatDate(from) : '…'} – ${to ? formatDate(to) : t('common.now')}`;
}

function Empty() {
  return <p class="muted">{t('common.none')}</p>;
}

function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  async function run(fn: () => Promise<boolean | void>): Promise<boolean> {
    setBusy(true);
    setErrors({});
    setGeneral('');
    try {
      const ok = await fn();
      return ok !== false;
    } catch (e) {
      const r = readError(e);
      setErrors(r.fields);
      setGeneral(r.general);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, errors, general, run };
}

function FormError({ text }: { text: string }) {
  return text ? <p class="error-box" role="alert">{text}</p> : null;
}

// ---- addresses ----

type AddressForm = { kind: string; line: string; city: string; municipality: string; postal_code: string; lat: string; lon: string; valid_from: string; valid_to: string };
const EMPTY_ADDRESS: AddressForm = { kind: 'residence', line: '', city: '', municipality: '', postal_code: '', lat: '', lon: '', valid_from: '', valid_to: '' };

function addressForm(a: Address): AddressForm {
  const n = (x?: number | null) => (x === null || x === undefined ? '' : String(x));
  return {
    kind: a.kind, line: a.line, city: a.city, municipality: a.municipality || '', postal_code: a.postal_code || '',
    lat: n(a.lat), lon: n(a.lon), valid_from: a.valid_from || '', valid_to: a.valid_to || '',
  };
}

/** The body of an address write: every field, empty optional ones as null
 * (a change clears them), coordinates as numbers (a typo stays text, so the
 * server names the field). */
function addressBody(v: AddressForm): Record<string, unknown> {
  const opt = (x: string) => (x.trim() ? x.trim() : null);
  const coord = (x: string) => {
    const t = x.trim().replace(',', '.');
    return t === '' ? null : Number.isFinite(Number(t)) ? Number(t) : t;
  };
  return {
    kind: v.kind, line: v.line.trim(), city: v.city.trim(), municipality: opt(v.municipality), postal_code: opt(v.postal_code),
    lat: coord(v.lat), lon: coord(v.lon), valid_from: opt(v.valid_from), valid_to: opt(v.valid_to),
  };
}

export function AddressesEditor({ p, rows, write }: { p: Person; rows: Address[]; write: PartWrite | null }) {
  const [editing, setEditing] = useState<Address | 'new' | null>(null);
  const [removing, setRemoving] = useState<Address | null>(null);
  const [v, setV] = useState<AddressForm>(EMPTY_ADDRESS);
  const s = useSubmit();
  const set = (patch: Partial<AddressForm>) => setV({ ...v, ...patch });

  function open(a: Address | 'new') {
    setV(a === 'new' ? EMPTY_ADDRESS : addressForm(a));
    setEditing(a);
  }

  async function submit(e: Event) {
    e.preventDefault();
    const body = addressBody(v);
    const ok = await s.run(() => (editing === 'new'
      ? write!('POST', `/api/v1/persons/${p.id}/addresses`, body)
      : write!('PATCH', `/api/v1/persons/${p.id}/addresses/${(editing as Address).id}`, body)));
    if (ok) {
      setEditing(null);
      setV(EMPTY_ADDRESS);
    }
  }

  const title = editing === 'new' ? t('parts.address_add') : t('parts.address_edit');
  return (
    <Section id="addresses" title={t('card.addresses')} count={rows.length}>
      {rows.length ? (
        <ul class="plain">
          {rows.map((a) => (
            <li key={a.id} class="with-action">
              <span>
                <strong>{codeText('address.kind.', a.kind)}:</strong>{' '}
                {[a.line, a.city, a.municipality, a.postal_code].filter(Boolean).join(', ')}
                {period(a.valid_from, a.valid_to) && <span class="muted"> · {period(a.valid_from, a.valid_to)}</span>}
                {(a.lat === null || a.lat === undefined) && <span class="muted"> · {t('parts.address_no_coords')}</span>}
              </span>
              {write && (
                <span class="inline-actions">
                  <button type="button" class="small" onClick={() => open(a)}
                    aria-label={t('parts.address_edit_label', { address: a.line })}>{t('parts.change')}</button>
                  <button type="button" class="small" onClick={() => setRemoving(a)}
                    aria-label={t('parts.address_remove_label', { address: a.line })}>{t('parts.remove')}</button>
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : <Empty />}
      {write && !editing && <button type="button" class="small add" onClick={() => open('new')}>{t('parts.address_add')}</button>}
      {write && editing && (
        <form class="part-form" onSubmit={submit} aria-label={title} noValidate>
          <SelectField id="addr-kind" label={t('parts.address_kind')} value={v.kind} onChange={(x) => set({ kind: x })}
            options={codeOptions('address.kind.', ADDRESS_KINDS)} error={s.errors.kind} required />
          <Field id="addr-line" label={t('parts.address_line')} value={v.line} onInput={(x) => set({ line: x })} error={s.errors.line} required />
          <div class="row">
            <Field id="addr-city" label={t('parts.address_city')} value={v.city} onInput={(x) => set({ city: x })} error={s.errors.city} required />
            <Field id="addr-municipality" label={t('parts.address_municipality')} value={v.municipality} onInput={(x) => set({ municipality: x })} error={s.errors.municipality} />
          </div>
          <div class="row">
            <Field id="addr-postal" label={t('parts.address_postal')} value={v.postal_code} onInput={(x) => set({ postal_code: x })} error={s.errors.postal_code} />
            <Field id="addr-from" label={t('parts.valid_from')} value={v.valid_from} onInput={(x) => set({ valid_from: x })} error={s.errors.valid_from} placeholder={t('pf.date_placeholder')} />
            <Field id="addr-to" label={t('parts.valid_to')} value={v.valid_to} onInput={(x) => set({ valid_to: x })} error={s.errors.valid_to} placeholder={t('pf.date_placeholder')} />
          </div>
          <div class="row">
            <Field id="addr-lat" label={t('parts.address_lat')} value={v.lat} onInput={(x) => set({ lat: x })} error={s.errors.lat} inputMode="decimal" hint={t('parts.address_coords_hint')} />
            <Field id="addr-lon" label={t('parts.address_lon')} value={v.lon} onInput={(x) => set({ lon: x })} error={s.errors.lon} inputMode="decimal" />
          </div>
          <FormError text={s.general} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={s.busy}>{s.busy ? t('common.saving') : t('parts.save_address')}</button>
            <button type="button" onClick={() => setEditing(null)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {removing && write && (
        <ConfirmDialog title={t('parts.address_remove_title')} text={`${codeText('address.kind.', removing.kind)}: ${removing.line}, ${removing.city}`}
          confirm={t('parts.remove')} onClose={() => setRemoving(null)}
          onConfirm={async () => { await write('DELETE', `/api/v1/persons/${p.id}/addresses/${removing.id}`); }} />
      )}
    </Section>
  );
}

// ---- recipient groups ----

let groupCache: RecipientGroup[] | null = null;

export function GroupsEditor({ p, rows, write }: { p: Person; rows: GroupRow[]; write: PartWrite | null }) {
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<GroupRow | null>(null);
  const [groups, setGroups] = useState<RecipientGroup[] | null>(groupCache);
  const [v, setV] = useState({ group_code: '', date_from: todayIso() });
  const s = useSubmit();

  useEffect(() => {
    if (!adding || groups) return;
    api<Page<RecipientGroup>>('/api/v1/recipient-groups')
      .then((r) => { groupCache = r.data.items; setGroups(r.data.items); })
      .catch(() => setGroups([]));
  }, [adding]);

  async function submit(e: Event) {
    e.preventDefault();
    const ok = await s.run(() => write!('POST', `/api/v1/persons/${p.id}/groups`, { group_code: v.group_code, date_from: v.date_from.trim() }));
    if (ok) {
      setAdding(false);
      setV({ group_code: '', date_from: todayIso() });
    }
  }

  return (
    <Section id="groups" title={t('card.groups')} count={rows.length}>
      {rows.length ? (
        <ul class="plain">
          {rows.map((g) => (
            <li key={g.id} class="with-action">
              <span>
                {localName(g)}
                {period(g.date_from, g.date_to) && <span class="muted"> · {period(g.date_from, g.date_to)}</span>}
              </span>
              {write && !g.date_to && (
                <button type="button" class="small" onClick={() => setEnding(g)}
                  aria-label={t('parts.group_end_label', { group: localName(g) })}>{t('parts.group_end')}</button>
              )}
            </li>
          ))}
        </ul>
      ) : <Empty />}
      {write && !adding && <button type="button" class="small add" onClick={() => setAdding(true)}>{t('parts.group_add')}</button>}
      {write && adding && (
        <form class="part-form" onSubmit={submit} aria-label={t('parts.group_add')} noValidate>
          <SelectField id="grp-code" label={t('parts.group')} value={v.group_code} onChange={(x) => setV({ ...v, group_code: x })}
            options={[{ value: '', label: groups ? t('parts.choose') : t('common.loading') },
              ...(groups || []).map((g) => ({ value: g.code, label: localName(g) }))]}
            error={s.errors.group_code} required />
          <Field id="grp-from" label={t('parts.date_from')} value={v.date_from} onInput={(x) => setV({ ...v, date_from: x })}
            error={s.errors.date_from} placeholder={t('pf.date_placeholder')} required />
          <FormError text={s.general} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={s.busy}>{s.busy ? t('common.saving') : t('parts.save_group')}</button>
            <button type="button" onClick={() => setAdding(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {ending && write && (
        <ConfirmDialog title={t('parts.group_end_title')} text={t('parts.group_end_text', { group: localName(ending), date: todayIso() })}
          confirm={t('parts.group_end')} onClose={() => setEnding(null)}
          onConfirm={async () => { await write('PATCH', `/api/v1/persons/${p.id}/groups/${ending.id}`, { date_to: todayIso() }); }} />
      )}
    </Section>
  );
}

// ---- relations ----

export function RelationsEditor({ p, rows, write }: { p: Person; rows: RelationRow[]; write: PartWrite | null }) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RelationRow | null>(null);
  const [other, setOther] = useState<PersonSummary | null>(null);
  const [kind, setKind] = useState('parent');
  const s = useSubmit();

  async function submit(e: Event) {
    e.preventDefault();
    if (!other) return;
    const ok = await s.run(() => write!('POST', `/api/v1/persons/${p.id}/relations`, { related_id: other.id, kind }));
    if (ok) {
      setAdding(false);
      setOther(null);
    }
  }

  return (
    <>
      <h3>{t('card.relations')}</h3>
      {rows.length ? (
        <ul class="plain">
          {rows.map((r) => (
            <li key={r.id} class="with-action">
              <span>
                <span>{codeText('relation.', r.kind)}:</span>{' '}
                <Link href={'/persons/' + r.person_id}>{fullName(r)}</Link>
                {r.birth_date && <span class="muted"> · {formatDate(r.birth_date)}</span>}
              </span>
              {write && (
                <button type="button" class="small" onClick={() => setRemoving(r)}
                  aria-label={t('parts.relation_remove_label', { name: fullName(r) })}>{t('parts.remove')}</button>
              )}
            </li>
          ))}
        </ul>
      ) : <Empty />}
      {write && !adding && <button type="button" class="small add" onClick={() => setAdding(true)}>{t('parts.relation_add')}</button>}
      {write && adding && (
        <form class="part-form" onSubmit={submit} aria-label={t('parts.relation_add')} noValidate>
          {other ? (
            <p>
              {t('parts.relation_with')} <strong>{fullName(other)}</strong>{' '}
              <button type="button" class="link-button" onClick={() => setOther(null)}>{t('parts.change')}</button>
            </p>
          ) : (
            <PersonSearch id="rel-search" label={t('parts.relation_find')} excludeId={p.id} onSelect={(x) => setOther(x)} />
          )}
          <SelectField id="rel-kind" label={t('parts.relation_kind')} value={kind} onChange={setKind}
            options={codeOptions('relation.', RELATION_KINDS)} error={s.errors.kind} required
            hint={t('parts.relation_kind_hint', { name: fullName(p) })} />
          {s.errors.related_id && <p class="error-text" role="alert">{s.errors.related_id}</p>}
          <FormError text={s.general} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={s.busy || !other}>{s.busy ? t('common.saving') : t('parts.save_relation')}</button>
            <button type="button" onClick={() => { setAdding(false); setOther(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {removing && write && (
        <ConfirmDialog title={t('parts.relation_remove_title')} text={`${codeText('relation.', removing.kind)}: ${fullName(removing)}`}
          confirm={t('parts.remove')} onClose={() => setRemoving(null)}
          onConfirm={async () => { await write('DELETE', `/api/v1/persons/${p.id}/relations/${removing.id}`); }} />
      )}
    </>
  );
}

// ---- representatives ----

export function RepresentativesEditor({ p, rows, write }: { p: Person; rows: RepresentativeRow[]; write: PartWrite | null }) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RepresentativeRow | null>(null);
  const [other, setOther] = useState<PersonSummary | null>(null);
  const [v, setV] = useState({ kind: 'parent', document: '', date_from: '', date_to: '' });
  const s = useSubmit();
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });

  async function submit(e: Event) {
    e.preventDefault();
    if (!other) return;
    const body: Record<string, unknown> = { representative_id: other.id, kind: v.kind };
    if (v.document.trim()) body.document = v.document.trim();
    if (v.date_from.trim()) body.date_from = v.date_from.trim();
    if (v.date_to.trim()) body.date_to = v.date_to.trim();
    const ok = await s.run(() => write!('POST', `/api/v1/persons/${p.id}/representatives`, body));
    if (ok) {
      setAdding(false);
      setOther(null);
      setV({ kind: 'parent', document: '', date_from: '', date_to: '' });
    }
  }

  return (
    <>
      <h3>{t('card.representatives')}</h3>
      {rows.length ? (
        <ul class="plain">
          {rows.map((r) => (
            <li key={r.id} class="with-action">
              <span>
                <span>{codeText('representative.', r.kind)}:</span>{' '}
                <Link href={'/persons/' + r.person_id}>{fullName(r)}</Link>
                {r.document && <span class="muted"> · {t('card.document')}: {r.document}</span>}
                {period(r.date_from, r.date_to) && <span class="muted"> · {period(r.date_from, r.date_to)}</span>}
              </span>
              {write && (
                <button type="button" class="small" onClick={() => setRemoving(r)}
                  aria-label={t('parts.representative_remove_label', { name: fullName(r) })}>{t('parts.remove')}</button>
              )}
            </li>
          ))}
        </ul>
      ) : <Empty />}
      {write && !adding && <button type="button" class="small add" onClick={() => setAdding(true)}>{t('parts.representative_add')}</button>}
      {write && adding && (
        <form class="part-form" onSubmit={submit} aria-label={t('parts.representative_add')} noValidate>
          {other ? (
            <p>
              {t('parts.representative_is')} <strong>{fullName(other)}</strong>{' '}
              <button type="button" class="link-button" onClick={() => setOther(null)}>{t('parts.change')}</button>
            </p>
          ) : (
            <PersonSearch id="rep-search" label={t('parts.representative_find')} excludeId={p.id} onSelect={(x) => setOther(x)} />
          )}
          {s.errors.representative_id && <p class="error-text" role="alert">{s.errors.representative_id}</p>}
          <SelectField id="rep-kind" label={t('parts.representative_kind')} value={v.kind} onChange={(x) => set({ kind: x })}
            options={codeOptions('representative.', REPRESENTATIVE_KINDS)} error={s.errors.kind} required />
          <Field id="rep-document" label={t('parts.representative_document')} value={v.document} onInput={(x) => set({ document: x })}
            error={s.errors.document} hint={t('parts.representative_document_hint')} />
          <div class="row">
            <Field id="rep-from" label={t('parts.valid_from')} value={v.date_from} onInput={(x) => set({ date_from: x })} error={s.errors.date_from} placeholder={t('pf.date_placeholder')} />
            <Field id="rep-to" label={t('parts.valid_to')} value={v.date_to} onInput={(x) => set({ date_to: x })} error={s.errors.date_to} placeholder={t('pf.date_placeholder')} />
          </div>
          <FormError text={s.general} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={s.busy || !other}>{s.busy ? t('common.saving') : t('parts.save_representative')}</button>
            <button type="button" onClick={() => { setAdding(false); setOther(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {removing && write && (
        <ConfirmDialog title={t('parts.representative_remove_title')} text={`${codeText('representative.', removing.kind)}: ${fullName(removing)}`}
          confirm={t('parts.remove')} onClose={() => setRemoving(null)}
          onConfirm={async () => { await write('DELETE', `/api/v1/persons/${p.id}/representatives/${removing.id}`); }} />
      )}
    </>
  );
}

// ---- households ----

interface HouseholdMember { person_id: number; role: string; given_names: string; family_name: string; birth_date?: string | null }
interface Household { id: number; name: string; version: number; members: HouseholdMember[]; hidden_members: number }

/** The members of a household being edited or created: add by search,
 * change the role, remove; at most one head. */
function MembersEditor({ idp, members, setMembers, error, excludeIds }: {
  idp: string; members: HouseholdMember[]; setMembers: (m: HouseholdMember[]) => void; error?: string; excludeIds: number[];
}) {
  return (
    <>
      <ul class="plain">
        {members.map((m, i) => (
          <li key={m.person_id} class="with-action">
            <span>{fullName(m)}{m.birth_date && <span class="muted"> · {formatDate(m.birth_date)}</span>}</span>
            <span class="inline-actions">
              <label class="sr-only" for={`${idp}-role-${m.person_id}`}>{t('parts.household_role_of', { name: fullName(m) })}</label>
              <select id={`${idp}-role-${m.person_id}`} value={m.role}
                onChange={(e) => setMembers(members.map((x, j) => (j === i ? { ...x, role: (e.target as HTMLSelectElement).value } : x)))}>
                <option value="head">{t('household.role.head')}</option>
                <option value="member">{t('household.role.member')}</option>
              </select>
              <button type="button" class="small" onClick={() => setMembers(members.filter((_, j) => j !== i))}
                aria-label={t('parts.household_member_remove', { name: fullName(m) })}>{t('parts.remove')}</button>
            </span>
          </li>
        ))}
      </ul>
      {error && <p class="error-text" role="alert">{error}</p>}
      <PersonSearch id={`${idp}-search`} label={t('parts.household_find')} excludeId={excludeIds[0]}
        onSelect={(x) => {
          if (!members.some((m) => m.person_id === x.id) && !excludeIds.includes(x.id))
            setMembers([...members, { person_id: x.id, role: 'member', given_names: x.given_names, family_name: x.family_name, birth_date: x.birth_date }]);
        }} />
    </>
  );
}

export function HouseholdsEditor({ p, rows, onChanged }: { p: Person; rows: HouseholdRow[]; onChanged: () => Promise<unknown> }) {
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [newMembers, setNewMembers] = useState<HouseholdMember[]>([]);
  const [editing, setEditing] = useState<Household | null>(null);
  const [editMembers, setEditMembers] = useState<HouseholdMember[]>([]);
  const [stale, setStale] = useState(false);
  const s = useSubmit();

  function startCreate() {
    setName(t('parts.household_default_name', { family: p.family_name }));
    setNewMembers([{ person_id: p.id, role: 'head', given_names: p.given_names, family_name: p.family_name, birth_date: p.birth_date }]);
    setCreating(true);
  }

  async function create(e: Event) {
    e.preventDefault();
    const ok = await s.run(async () => {
      await api('/api/v1/households', { method: 'POST', body: { name: name.trim(), members: newMembers.map((m) => ({ person_id: m.person_id, role: m.role })) } });
      await onChanged();
      setState({ flash: { kind: 'ok', text: t('parts.saved') } });
    });
    if (ok) setCreating(false);
  }

  async function openEdit(id: number) {
    setStale(false);
    await s.run(async () => {
      const r = await api<Household>('/api/v1/households/' + id);
      setEditing(r.data);
      setEditMembers(r.data.members);
    });
  }

  async function saveEdit(e: Event) {
    e.preventDefault();
    if (!editing) return;
    const h = editing;
    const ok = await s.run(async () => {
      try {
        await api(`/api/v1/households/${h.id}/members`, {
          method: 'PUT', headers: { 'If-Match': `"v${h.version}"` },
          body: { members: editMembers.map((m) => ({ person_id: m.person_id, role: m.role })) },
        });
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          setStale(true);
          return false;
        }
        throw err;
      }
      await onChanged();
      setState({ flash: { kind: 'ok', text: t('parts.saved') } });
      return true;
    });
    if (ok) setEditing(null);
  }

  return (
    <>
      <h3>{t('card.households')}</h3>
      {rows.length ? (
        <ul class="plain">
          {rows.map((h) => (
            <li key={h.id} class="with-action">
              <span>{h.name} <span class="muted">· {codeText('household.role.', h.role)}</span></span>
              {editing?.id !== h.id && (
                <button type="button" class="small" onClick={() => openEdit(h.id)}
                  aria-label={t('parts.household_edit_label', { name: h.name })}>{t('parts.household_edit')}</button>
              )}
            </li>
          ))}
        </ul>
      ) : <Empty />}
      {editing && (
        <form class="part-form" onSubmit={saveEdit} aria-label={t('parts.household_edit_label', { name: editing.name })} noValidate>
          {editing.hidden_members > 0 ? (
            <>
              <p class="notice" role="note">{t('parts.household_hidden', { n: editing.hidden_members })}</p>
              <ul class="plain">{editing.members.map((m) => <li key={m.person_id}>{fullName(m)} <span class="muted">· {codeText('household.role.', m.role)}</span></li>)}</ul>
            </>
          ) : (
            <MembersEditor idp="hh-edit" members={editMembers} setMembers={setEditMembers} error={s.errors.members} excludeIds={[]} />
          )}
          {stale && (
            <div class="conflict" role="alert">
              <p>{t('parts.household_stale')}</p>
              <button type="button" onClick={() => openEdit(editing.id)}>{t('parts.household_reload')}</button>
            </div>
          )}
          <FormError text={s.general} />
          <div class="form-actions">
            {editing.hidden_members === 0 && <button type="submit" class="primary" disabled={s.busy}>{s.busy ? t('common.saving') : t('parts.household_save')}</button>}
            <button type="button" onClick={() => setEditing(null)}>{editing.hidden_members === 0 ? t('common.cancel') : t('common.close')}</button>
          </div>
        </form>
      )}
      {!creating && !editing && <button type="button" class="small add" onClick={startCreate}>{t('parts.household_add')}</button>}
      {creating && (
        <form class="part-form" onSubmit={create} aria-label={t('parts.household_add')} noValidate>
          <Field id="hh-name" label={t('parts.household_name')} value={name} onInput={setName} error={s.errors.name} required />
          <MembersEditor idp="hh-new" members={newMembers} setMembers={setNewMembers} error={s.errors.members} excludeIds={[]} />
          <FormError text={s.general} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={s.busy}>{s.busy ? t('common.saving') : t('parts.household_save')}</button>
            <button type="button" onClick={() => setCreating(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </>
  );
}

// ---- notes ----

export function NotesSection({ p, writable }: { p: Person; writable: boolean }) {
  const [rows, setRows] = useState<NoteRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadError, setLoadError] = useState('');
  const [body, setBody] = useState('');
  const [special, setSpecial] = useState(false);
  const [status, setStatus] = useState('');
  const s = useSubmit();

  function load(cursor?: string) {
    api<Page<NoteRow>>(`/api/v1/persons/${p.id}/notes?limit=20${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`)
      .then((r) => {
        setRows((old) => (cursor && old ? old.concat(r.data.items) : r.data.items));
        setNext(r.data.next_cursor || null);
      })
      .catch((e) => setLoadError(readError(e).general || t('error.network')));
  }
  useEffect(() => load(), [p.id]);

  async function submit(e: Event) {
    e.preventDefault();
    setStatus('');
    const ok = await s.run(async () => {
      const r = await api<NoteRow>(`/api/v1/persons/${p.id}/notes`, { method: 'POST', body: { body: body.trim(), special_category: special } });
      setRows((old) => [r.data, ...(old || [])]);
    });
    if (ok) {
      setBody('');
      setSpecial(false);
      setStatus(t('parts.note_added'));
    }
  }

  return (
    <Section id="notes" title={t('parts.notes')} count={rows ? rows.length : undefined}>
      {writable && (
        <form class="part-form" onSubmit={submit} aria-label={t('parts.note_add')} noValidate>
          <TextArea id="note-body" label={t('parts.note_text')} value={body} onInput={setBody} error={s.errors.body} required />
          {can('note_special') && (
            <CheckField id="note-special" label={t('parts.note_special')} checked={special} onChange={setSpecial} hint={t('parts.note_special_hint')} />
          )}
          <FormError text={s.general} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={s.busy}>{s.busy ? t('common.saving') : t('parts.note_add')}</button>
            <span class="sr-status" role="status">{status}</span>
          </div>
        </form>
      )}
      {loadError && <p class="error-box" role="alert">{loadError}</p>}
      {!rows && !loadError && <p class="muted">{t('common.loading')}</p>}
      {rows && (rows.length ? (
        <ul class="plain notes">
          {rows.map((n) => (
            <li key={n.id} class={n.special_category ? 'note special' : 'note'}>
              <div class="note-meta">
                <span>{formatDateTime(n.created_at)}</span> · <span>{n.author}</span>
                {n.special_category && <span class="badge special-badge">{t('parts.note_special_badge')}</span>}
              </div>
              <p class="note-body">{n.body}</p>
            </li>
          ))}
        </ul>
      ) : <Empty />)}
      {next && <button type="button" class="small" onClick={() => load(next)}>{t('parts.more')}</button>}
    </Section>
  );
}

// ---- shares ----

interface Institution { id: number; name: string; partner_type?: string | null; active?: boolean }

function ShareForm({ p, onDone, onCancel }: { p: Person; onDone: (s: ShareRow) => void; onCancel: () => void }) {
  const [insts, setInsts] = useState<Institution[] | null>(null);
  const [v, setV] = useState({ institution_id: '', legal_basis: '', purpose: '', valid_until: '' });
  const [parts, setParts] = useState<string[]>(['identity']);
  const s = useSubmit();
  useEffect(() => {
    api<Page<Institution>>('/api/v1/institutions?kind=partner&active=true&limit=200')
      .then((r) => setInsts(r.data.items))
      .catch(() => setInsts([]));
  }, []);
  const toggle = (part: string, on: boolean) => setParts(on ? [...parts.filter((x) => x !== part), part] : parts.filter((x) => x !== part));

  async function submit(e: Event) {
    e.preventDefault();
    await s.run(async () => {
      const body = {
        institution_id: v.institution_id ? Number(v.institution_id) : null,
        parts: SHARE_PARTS.filter((x) => parts.includes(x)),
        legal_basis: v.legal_basis,
        purpose: v.purpose.trim(),
        valid_until: v.valid_until.trim(),
      };
      const r = await api<ShareRow>(`/api/v1/persons/${p.id}/shares`, { method: 'POST', body });
      onDone(r.data);
    });
  }

  return (
    <form class="part-form" onSubmit={submit} aria-label={t('parts.share_new')} noValidate>
      <SelectField id="share-inst" label={t('parts.share_institution')} value={v.institution_id}
        onChange={(x) => setV({ ...v, institution_id: x })} error={s.errors.institution_id} required
        options={[{ value: '', label: insts ? t('parts.choose') : t('common.loading') }, ...(insts || []).map((i) => ({ value: String(i.id), label: i.name }))]} />
      <fieldset class={s.errors.parts ? 'has-error' : ''} aria-describedby={s.errors.parts ? 'share-parts-error' : undefined}>
        <legend>{t('parts.share_parts')}</legend>
        <div class="checks">
          {SHARE_PARTS.map((x) => (
            <CheckField key={x} id={'share-part-' + x} label={codeText('share.part.', x)} checked={parts.includes(x)} onChange={(on) => toggle(x, on)} />
          ))}
        </div>
        {s.errors.parts && <div class="error-text" id="share-parts-error">{s.errors.parts}</div>}
      </fieldset>
      <SelectField id="share-basis" label={t('parts.share_basis')} value={v.legal_basis} onChange={(x) => setV({ ...v, legal_basis: x })}
        options={codeOptions('basis.', LEGAL_BASES, t('parts.choose'))} error={s.errors.legal_basis} required />
      <Field id="share-purpose" label={t('parts.share_purpose')} value={v.purpose} onInput={(x) => setV({ ...v, purpose: x })} error={s.errors.purpose} required />
      <Field id="share-until" label={t('parts.share_until')} value={v.valid_until} onInput={(x) => setV({ ...v, valid_until: x })}
        error={s.errors.valid_until} placeholder={t('pf.date_placeholder')} hint={t('parts.share_until_hint')} required />
      <FormError text={s.general} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={s.busy}>{s.busy ? t('common.saving') : t('parts.share_submit')}</button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

export function SharesSection({ p }: { p: Person }) {
  const [rows, setRows] = useState<ShareRow[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<ShareRow | null>(null);
  const [status, setStatus] = useState('');
  const mayShare = can('person_share');

  function load() {
    api<Page<ShareRow>>(`/api/v1/persons/${p.id}/shares`)
      .then((r) => setRows(r.data.items))
      .catch((e) => setLoadError(readError(e).general || t('error.network')));
  }
  useEffect(load, [p.id]);

  return (
    <Section id="shares" title={t('parts.shares')} count={rows ? rows.length : undefined}>
      {loadError && <p class="error-box" role="alert">{loadError}</p>}
      {!rows && !loadError && <p class="muted">{t('common.loading')}</p>}
      {rows && (rows.length ? (
        <ul class="plain shares">
          {rows.map((sh) => (
            <li key={sh.id} class={'with-action share' + (sh.active ? '' : ' revoked')}>
              <span>
                <strong>{sh.institution_name}</strong>{' '}
                <span class={'badge' + (sh.active ? ' active-badge' : '')}>{sh.active ? t('parts.share_active') : t('parts.share_inactive')}</span>
                <br />
                <span>{sh.parts.split(',').map((x) => codeText('share.part.', x)).join(', ')}</span>
                <br />
                <span class="muted">
                  {codeText('basis.', sh.legal_basis)} · {sh.purpose} · {t('parts.share_until_short', { date: formatDate(sh.valid_until) })}
                  {sh.revoked_at && <> · {t('parts.share_revoked_at', { date: formatDateTime(sh.revoked_at) })}</>}
                </span>
              </span>
              {mayShare && sh.active && (
                <button type="button" class="small" onClick={() => setRevoking(sh)}
                  aria-label={t('parts.share_revoke_label', { name: sh.institution_name })}>{t('parts.share_revoke')}</button>
              )}
            </li>
          ))}
        </ul>
      ) : <Empty />)}
      <span class="sr-status" role="status">{status}</span>
      {mayShare && !adding && <button type="button" class="small add" onClick={() => { setAdding(true); setStatus(''); }}>{t('parts.share_new')}</button>}
      {mayShare && adding && (
        <ShareForm p={p} onCancel={() => setAdding(false)}
          onDone={(sh) => { setRows((old) => [sh, ...(old || [])]); setAdding(false); setStatus(t('parts.share_created')); }} />
      )}
      {revoking && (
        <ConfirmDialog title={t('parts.share_revoke_title')} text={t('parts.share_revoke_text', { name: revoking.institution_name })}
          confirm={t('parts.share_revoke')} onClose={() => setRevoking(null)}
          onConfirm={async () => {
            const r = await api<ShareRow>(`/api/v1/persons/${p.id}/shares/${revoking.id}/revoke`, { method: 'POST', body: {} });
            setRows((old) => (old || []).map((x) => (x.id === r.data.id ? r.data : x)));
            setStatus(t('parts.share_revoked'));
          }} />
      )}
    </Section>
  );
}

// ---- history ----

const HISTORY_FIELDS: [string, MessageKey][] = [
  ['given_names', 'person.given_names'], ['family_name', 'person.family_name'], ['personal_code', 'person.personal_code'],
  ['other_id_type', 'person.other_id_type'], ['other_id_number', 'person.other_id_number'], ['sex', 'person.sex'],
  ['birth_date', 'person.birth_date'], ['identified', 'person.identified'], ['phone', 'person.phone'], ['email', 'person.email'],
];

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (v === true) return t('common.yes');
  if (v === false) return t('common.no');
  return String(v);
}

/** A part as the history row kept it, in a few words. */
function partSummary(b: Record<string, unknown>): string {
  if ('line' in b) return [b.line, b.city].filter(Boolean).join(', ');
  if ('name_lt' in b) return localName(b as { name_lt?: string; name_en?: string });
  if ('given_names' in b) return [b.given_names, b.family_name].filter(Boolean).join(' ');
  return '';
}

export function HistorySection({ p }: { p: Person }) {
  const [rows, setRows] = useState<HistoryRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadError, setLoadError] = useState('');
  function load(cursor?: string) {
    api<Page<HistoryRow>>(`/api/v1/persons/${p.id}/history?limit=20${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`)
      .then((r) => {
        setRows((old) => (cursor && old ? old.concat(r.data.items) : r.data.items));
        setNext(r.data.next_cursor || null);
      })
      .catch((e) => setLoadError(readError(e).general || t('error.network')));
  }
  useEffect(() => load(), [p.id, p.version]);

  return (
    <Section id="history" title={t('parts.history')}>
      {loadError && <p class="error-box" role="alert">{loadError}</p>}
      {!rows && !loadError && <p class="muted">{t('common.loading')}</p>}
      {rows && (rows.length ? (
        <ul class="plain history">
          {rows.map((h, i) => {
            // Each row is the record (or a part) as it was before the
            // change; compare a record snapshot with the next newer one.
            let after: Record<string, unknown> = p as unknown as Record<string, unknown>;
            for (let j = i - 1; j >= 0; j--) if (!('part' in rows[j].data)) { after = rows[j].data; break; }
            const changed = 'part' in h.data ? [] : HISTORY_FIELDS.filter(([k]) => k in h.data && k in after && show(h.data[k]) !== show(after[k]));
            const before = h.data.before as Record<string, unknown> | undefined;
            return (
              <li key={h.id}>
                <div class="note-meta">
                  <span>{formatDateTime(h.changed_at)}</span> · <span>{h.changed_by_name || '—'}</span> ·{' '}
                  <span>{t('parts.history_version', { n: h.version })}</span>
                </div>
                <div>{codeText('history.action.', h.action)}{before && <>: <del>{partSummary(before)}</del></>}</div>
                {changed.length > 0 && (
                  <ul class="changes">
                    {changed.map(([k, label]) => (
                      <li key={k}>{t(label)}: <del>{show(h.data[k])}</del> → <ins>{show(after[k])}</ins></li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      ) : <p class="muted">{t('parts.history_none')}</p>)}
      {next && <button type="button" class="small" onClick={() => load(next)}>{t('parts.more')}</button>}
    </Section>
  );
}

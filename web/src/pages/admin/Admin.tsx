// Administration screens, shown by permission: departments, staff and
// partner institutions (org_read to see, org_write to change) and user
// accounts (user_admin). Lists are {items, next_cursor}; changes go with
// If-Match on the row's version.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';
import { can, setState } from '../../lib/store';
import { PageHeading } from '../../components/PageHeading';
import { Field } from '../../components/Field';
import { Dialog } from '../../components/Dialog';
import { Link } from '../../components/Link';
import { CheckField, codeOptions, codeText, ConfirmDialog, readError, SelectField, type FieldErrors } from '../../components/Form';
import { localName, t } from '../../i18n';

import { fetchAll, useDepartments, type Department } from '../../lib/org';

export { fetchAll, useDepartments, type Department };
interface Staff {
  id: number; department_id: number | null; given_names: string; family_name: string; position: string;
  category: string | null; skills: string[]; email: string | null; phone: string | null; active: boolean; version: number;
}
interface Institution {
  id: number; kind: string; partner_type: string | null; name: string; code: string | null; address: string | null;
  phone: string | null; email: string | null; active: boolean; version: number; contacts?: Contact[];
}
interface Team { id: number; department_id: number; name: string; kind: string; version: number; members?: Staff[] }
interface Contact { id: number; name: string; role: string | null; phone: string | null; email: string | null }
interface User {
  id: number; username: string; display_name: string; role: string; department_id: number | null;
  institution_id: number | null; staff_id: number | null; disabled: boolean; version: number;
}

const PARTNER_TYPES = ['health', 'red_cross', 'family_child_welfare', 'police', 'probation', 'prosecutor', 'school', 'education',
  'public_health', 'care_home', 'municipality', 'child_rights', 'disability_agency', 'ngo', 'other'] as const;
const STAFF_CATEGORIES = ['social_worker', 'senior_social_worker', 'expert'] as const;
const SKILLS = ['carer', 'nurse', 'nurse_assistant', 'physiotherapist', 'social_worker', 'psychologist', 'driver'] as const;
const TEAM_KINDS = ['team', 'mobile', 'integrated_help'] as const;
const ROLES = ['admin', 'director', 'head', 'social_worker', 'partner', 'auditor'] as const;

export const ifMatch = (version: number) => ({ 'If-Match': `"v${version}"` });
export const ok = (text: string) => setState({ flash: { kind: 'ok', text } });

/** Every page of a list (the lists here are short: departments, partners). */

/** A list loaded page by page with "Show more". */
function usePaged<T>(path: string) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  function load(cursor?: string | null) {
    const sep = path.includes('?') ? '&' : '?';
    api<Page<T>>(path + sep + 'limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))
      .then((r) => {
        setRows((old) => (cursor && old ? old.concat(r.data.items) : r.data.items));
        setNext(r.data.next_cursor || null);
        setError('');
      })
      .catch((e) => setError(readError(e).general || t('error.network')));
  }
  useEffect(() => load(), [path]);
  return { rows, setRows, next, error, more: () => load(next), reload: () => load() };
}


export function ListState({ rows, error }: { rows: unknown[] | null; error: string }) {
  if (error) return <p class="error-box" role="alert">{error}</p>;
  if (!rows) return <p role="status">{t('common.loading')}</p>;
  if (!rows.length) return <p class="muted">{t('common.none')}</p>;
  return null;
}

function More({ next, more }: { next: string | null; more: () => void }) {
  return next ? <p><button type="button" onClick={more}>{t('parts.more')}</button></p> : null;
}

/** A dialog with a form: submit runs save; field errors show at fields. */
export function FormDialog({ title, onClose, save, children, submit, errors }: {
  title: string; onClose: () => void; save: () => Promise<void>; children: (errors: FieldErrors) => ComponentChildren;
  submit: string; errors?: FieldErrors;
}) {
  const [busy, setBusy] = useState(false);
  const [fe, setFe] = useState<FieldErrors>(errors || {});
  const [general, setGeneral] = useState('');
  async function onSubmit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFe({});
    setGeneral('');
    try {
      await save();
      onClose();
    } catch (err) {
      const r = readError(err);
      setFe(r.fields);
      setGeneral(r.general);
      setBusy(false);
    }
  }
  return (
    <Dialog title={title} onClose={onClose} id="form-dialog">
      <form class="admin-form" onSubmit={onSubmit} noValidate>
        {children(fe)}
        {general && <p class="error-box" role="alert">{general}</p>}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{busy ? t('common.saving') : submit}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function ActiveText({ active }: { active: boolean }) {
  return <>{active ? t('admin.active') : t('admin.inactive')}</>;
}

// ---- departments ----

export function DepartmentsPage() {
  const list = usePaged<Department>('/api/v1/departments');
  const [edit, setEdit] = useState<Department | 'new' | null>(null);
  const [v, setV] = useState({ code: '', name_lt: '', name_en: '', active: true });
  const write = can('org_write');
  function open(d: Department | 'new') {
    setV(d === 'new' ? { code: '', name_lt: '', name_en: '', active: true } : { code: d.code, name_lt: d.name_lt, name_en: d.name_en, active: d.active });
    setEdit(d);
  }
  async function save() {
    if (edit === 'new') {
      await api('/api/v1/departments', { method: 'POST', body: { code: v.code.trim(), name_lt: v.name_lt.trim(), name_en: v.name_en.trim() } });
      ok(t('admin.created'));
    } else if (edit) {
      await api('/api/v1/departments/' + edit.id, { method: 'PATCH', headers: ifMatch(edit.version), body: { name_lt: v.name_lt.trim(), name_en: v.name_en.trim(), active: v.active } });
      ok(t('admin.saved'));
    }
    list.reload();
  }
  return (
    <section>
      <PageHeading title={t('admin.departments')}>{t('admin.departments')}</PageHeading>
      {write && <div class="toolbar"><button type="button" class="primary" onClick={() => open('new')}>{t('admin.department_new')}</button></div>}
      <ListState rows={list.rows} error={list.error} />
      {list.rows && list.rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('admin.departments')}</caption>
            <thead><tr><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.code')}</th><th scope="col">{t('admin.state')}</th>{write && <th scope="col"><span class="sr-only">{t('admin.actions')}</span></th>}</tr></thead>
            <tbody>
              {list.rows.map((d) => (
                <tr key={d.id}>
                  <td>{localName(d)}</td><td>{d.code}</td><td><ActiveText active={d.active} /></td>
                  {write && <td><button type="button" class="small" onClick={() => open(d)} aria-label={t('admin.edit_label', { name: localName(d) })}>{t('admin.edit')}</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edit && (
        <FormDialog title={edit === 'new' ? t('admin.department_new') : t('admin.department_edit')} onClose={() => setEdit(null)} save={save} submit={t('pf.save')}>
          {(fe) => (
            <>
              {edit === 'new' && <Field id="dep-code" label={t('admin.code')} value={v.code} onInput={(x) => setV({ ...v, code: x })} error={fe.code} hint={t('admin.code_hint')} required />}
              <Field id="dep-name-lt" label={t('admin.name_lt')} value={v.name_lt} onInput={(x) => setV({ ...v, name_lt: x })} error={fe.name_lt} required />
              <Field id="dep-name-en" label={t('admin.name_en')} value={v.name_en} onInput={(x) => setV({ ...v, name_en: x })} error={fe.name_en} required />
              {edit !== 'new' && <CheckField id="dep-active" label={t('admin.active')} checked={v.active} onChange={(x) => setV({ ...v, active: x })} />}
            </>
          )}
        </FormDialog>
      )}
    </section>
  );
}

// ---- teams ----

export function TeamsPage() {
  const [rows, setRows] = useState<Team[] | null>(null);
  const [error, setError] = useState('');
  const deps = useDepartments();
  const [edit, setEdit] = useState<Team | 'new' | null>(null);
  const [v, setV] = useState({ name: '', kind: 'mobile', department_id: '' });
  const [members, setMembers] = useState<{ team: Team; staff: Staff[]; chosen: Set<number> } | null>(null);
  const write = can('org_write');
  const depName = (id: number | null) => { const d = deps.find((x) => x.id === id); return d ? localName(d) : ''; };
  function load() {
    fetchAll<Team>('/api/v1/teams').then((r) => { setRows(r); setError(''); })
      .catch((e) => setError(readError(e).general || t('error.network')));
  }
  useEffect(load, []);
  function open(x: Team | 'new') {
    setV(x === 'new' ? { name: '', kind: 'mobile', department_id: '' } : { name: x.name, kind: x.kind, department_id: String(x.department_id) });
    setEdit(x);
  }
  async function save() {
    const body = { name: v.name.trim(), kind: v.kind, department_id: v.department_id ? Number(v.department_id) : null };
    if (edit === 'new') {
      await api('/api/v1/teams', { method: 'POST', body });
      ok(t('admin.created'));
    } else if (edit) {
      try {
        await api('/api/v1/teams/' + edit.id, { method: 'PATCH', headers: ifMatch(edit.version), body });
      } catch (e) {
        load();
        throw e;
      }
      ok(t('admin.saved'));
    }
    load();
  }
  async function openMembers(team: Team) {
    try {
      const [full, staff] = await Promise.all([
        api<Team>('/api/v1/teams/' + team.id),
        fetchAll<Staff>(`/api/v1/staff?department_id=${team.department_id}&active=true`),
      ]);
      const chosen = new Set((full.data.members || []).map((m) => m.id));
      // Members who moved to another department stay listed until removed.
      const extra = (full.data.members || []).filter((m) => !staff.some((x) => x.id === m.id));
      setMembers({ team: full.data, staff: [...staff, ...extra], chosen });
    } catch (e) {
      setState({ flash: { kind: 'error', text: readError(e).general || t('error.network') } });
    }
  }
  async function saveMembers() {
    if (!members) return;
    try {
      await api(`/api/v1/teams/${members.team.id}/members`, {
        method: 'PUT', headers: ifMatch(members.team.version), body: { staff_ids: [...members.chosen] },
      });
    } catch (e) {
      load();
      throw e;
    }
    ok(t('admin.team_members_saved', { name: members.team.name }));
    load();
  }
  return (
    <section>
      <PageHeading title={t('admin.teams')}>{t('admin.teams')}</PageHeading>
      <p class="hint">{t('admin.teams_hint')}</p>
      {write && <div class="toolbar"><button type="button" class="primary" onClick={() => open('new')}>{t('admin.team_new')}</button></div>}
      <ListState rows={rows} error={error} />
      {rows && rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('admin.teams')}</caption>
            <thead><tr><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.team_kind')}</th><th scope="col">{t('admin.department')}</th><th scope="col"><span class="sr-only">{t('admin.actions')}</span></th></tr></thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.id}>
                  <td>{x.name}</td><td>{codeText('team.kind.', x.kind)}</td><td>{depName(x.department_id)}</td>
                  <td>
                    <div class="actions">
                      <button type="button" class="small" onClick={() => openMembers(x)} aria-label={t('admin.team_members_label', { name: x.name })}>{t('admin.team_members')}</button>
                      {write && <button type="button" class="small" onClick={() => open(x)} aria-label={t('admin.edit_label', { name: x.name })}>{t('admin.edit')}</button>}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edit && (
        <FormDialog title={edit === 'new' ? t('admin.team_new') : t('admin.team_edit')} onClose={() => setEdit(null)} save={save} submit={t('pf.save')}>
          {(fe) => (
            <>
              <Field id="team-name" label={t('admin.name')} value={v.name} onInput={(x) => setV({ ...v, name: x })} error={fe.name} required />
              <SelectField id="team-kind" label={t('admin.team_kind')} value={v.kind} onChange={(x) => setV({ ...v, kind: x })} error={fe.kind} required
                options={codeOptions('team.kind.', TEAM_KINDS)} />
              <SelectField id="team-dep" label={t('admin.department')} value={v.department_id} onChange={(x) => setV({ ...v, department_id: x })} error={fe.department_id} required
                options={[{ value: '', label: t('admin.choose') }, ...deps.map((d) => ({ value: String(d.id), label: localName(d) }))]} />
            </>
          )}
        </FormDialog>
      )}
      {members && (
        <FormDialog title={t('admin.team_members_title', { name: members.team.name })} onClose={() => setMembers(null)}
          save={write ? saveMembers : async () => {}} submit={write ? t('pf.save') : t('common.close')}>
          {(fe) => (
            <fieldset class="checks">
              <legend>{t('admin.team_members_legend', { department: depName(members.team.department_id) })}</legend>
              {members.staff.length === 0 && <p class="muted">{t('common.none')}</p>}
              {members.staff.map((st) => (
                <CheckField key={st.id} id={`tm-${st.id}`} label={`${st.given_names} ${st.family_name} — ${st.position}`}
                  checked={members.chosen.has(st.id)} disabled={!write}
                  onChange={(on) => {
                    const chosen = new Set(members.chosen);
                    if (on) chosen.add(st.id); else chosen.delete(st.id);
                    setMembers({ ...members, chosen });
                  }} />
              ))}
              {fe.staff_ids && <p class="error-text" role="alert">{fe.staff_ids}</p>}
            </fieldset>
          )}
        </FormDialog>
      )}
    </section>
  );
}

// ---- staff ----

type StaffForm = { given_names: string; family_name: string; position: string; department_id: string; category: string; skills: string[]; email: string; phone: string; active: boolean };

export function StaffPage() {
  const list = usePaged<Staff>('/api/v1/staff');
  const deps = useDepartments();
  const [edit, setEdit] = useState<Staff | 'new' | null>(null);
  const empty: StaffForm = { given_names: '', family_name: '', position: '', department_id: '', category: '', skills: [], email: '', phone: '', active: true };
  const [v, setV] = useState<StaffForm>(empty);
  const write = can('org_write');
  const depName = (id: number | null) => { const d = deps.find((x) => x.id === id); return d ? localName(d) : ''; };
  function open(s: Staff | 'new') {
    setV(s === 'new' ? empty : {
      given_names: s.given_names, family_name: s.family_name, position: s.position, department_id: s.department_id ? String(s.department_id) : '',
      category: s.category || '', skills: s.skills || [], email: s.email || '', phone: s.phone || '', active: s.active,
    });
    setEdit(s);
  }
  async function save() {
    const body = {
      given_names: v.given_names.trim(), family_name: v.family_name.trim(), position: v.position.trim(),
      department_id: v.department_id ? Number(v.department_id) : null, category: v.category || null,
      skills: SKILLS.filter((x) => v.skills.includes(x)), email: v.email.trim() || null, phone: v.phone.trim() || null, active: v.active,
    };
    if (edit === 'new') {
      await api('/api/v1/staff', { method: 'POST', body });
      ok(t('admin.created'));
    } else if (edit) {
      await api('/api/v1/staff/' + edit.id, { method: 'PATCH', headers: ifMatch(edit.version), body });
      ok(t('admin.saved'));
    }
    list.reload();
  }
  const toggleSkill = (s: string, on: boolean) => setV({ ...v, skills: on ? [...v.skills.filter((x) => x !== s), s] : v.skills.filter((x) => x !== s) });
  return (
    <section>
      <PageHeading title={t('admin.staff')}>{t('admin.staff')}</PageHeading>
      {write && <div class="toolbar"><button type="button" class="primary" onClick={() => open('new')}>{t('admin.staff_new')}</button></div>}
      <ListState rows={list.rows} error={list.error} />
      {list.rows && list.rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('admin.staff')}</caption>
            <thead><tr><th scope="col">{t('admin.person_name')}</th><th scope="col">{t('admin.position')}</th><th scope="col">{t('admin.department')}</th><th scope="col">{t('admin.state')}</th>{write && <th scope="col"><span class="sr-only">{t('admin.actions')}</span></th>}</tr></thead>
            <tbody>
              {list.rows.map((s) => (
                <tr key={s.id}>
                  <td>{s.family_name} {s.given_names}</td><td>{s.position}</td><td>{depName(s.department_id)}</td><td><ActiveText active={s.active} /></td>
                  {write && <td><button type="button" class="small" onClick={() => open(s)} aria-label={t('admin.edit_label', { name: `${s.given_names} ${s.family_name}` })}>{t('admin.edit')}</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <More next={list.next} more={list.more} />
      {edit && (
        <FormDialog title={edit === 'new' ? t('admin.staff_new') : t('admin.staff_edit')} onClose={() => setEdit(null)} save={save} submit={t('pf.save')}>
          {(fe) => (
            <>
              <Field id="st-given" label={t('person.given_names')} value={v.given_names} onInput={(x) => setV({ ...v, given_names: x })} error={fe.given_names} required />
              <Field id="st-family" label={t('person.family_name')} value={v.family_name} onInput={(x) => setV({ ...v, family_name: x })} error={fe.family_name} required />
              <Field id="st-position" label={t('admin.position')} value={v.position} onInput={(x) => setV({ ...v, position: x })} error={fe.position} required />
              <SelectField id="st-dep" label={t('admin.department')} value={v.department_id} onChange={(x) => setV({ ...v, department_id: x })} error={fe.department_id}
                options={[{ value: '', label: t('admin.none') }, ...deps.map((d) => ({ value: String(d.id), label: localName(d) }))]} />
              <SelectField id="st-cat" label={t('admin.category')} value={v.category} onChange={(x) => setV({ ...v, category: x })} error={fe.category}
                options={codeOptions('staff.category.', STAFF_CATEGORIES, t('admin.none'))} />
              <fieldset>
                <legend>{t('admin.skills')}</legend>
                <div class="checks">
                  {SKILLS.map((s) => <CheckField key={s} id={'st-skill-' + s} label={codeText('skill.', s)} checked={v.skills.includes(s)} onChange={(on) => toggleSkill(s, on)} />)}
                </div>
                {fe.skills && <div class="error-text">{fe.skills}</div>}
              </fieldset>
              <Field id="st-email" label={t('person.email')} value={v.email} onInput={(x) => setV({ ...v, email: x })} error={fe.email} type="email" />
              <Field id="st-phone" label={t('person.phone')} value={v.phone} onInput={(x) => setV({ ...v, phone: x })} error={fe.phone} type="tel" />
              {edit !== 'new' && <CheckField id="st-active" label={t('admin.active')} checked={v.active} onChange={(x) => setV({ ...v, active: x })} />}
            </>
          )}
        </FormDialog>
      )}
    </section>
  );
}

// ---- partner institutions ----

export function InstitutionsPage() {
  const list = usePaged<Institution>('/api/v1/institutions?kind=partner');
  const [adding, setAdding] = useState(false);
  const [v, setV] = useState({ name: '', partner_type: '', address: '', phone: '', email: '' });
  const write = can('org_write');
  async function save() {
    await api('/api/v1/institutions', {
      method: 'POST',
      body: { kind: 'partner', partner_type: v.partner_type || null, name: v.name.trim(), address: v.address.trim() || null, phone: v.phone.trim() || null, email: v.email.trim() || null },
    });
    ok(t('admin.created'));
    list.reload();
  }
  return (
    <section>
      <PageHeading title={t('admin.institutions')}>{t('admin.institutions')}</PageHeading>
      {write && <div class="toolbar"><button type="button" class="primary" onClick={() => { setV({ name: '', partner_type: '', address: '', phone: '', email: '' }); setAdding(true); }}>{t('admin.institution_new')}</button></div>}
      <ListState rows={list.rows} error={list.error} />
      {list.rows && list.rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('admin.institutions')}</caption>
            <thead><tr><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.partner_type')}</th><th scope="col">{t('admin.contacts_short')}</th><th scope="col">{t('admin.state')}</th></tr></thead>
            <tbody>
              {list.rows.map((i) => (
                <tr key={i.id}>
                  <td><Link href={'/admin/institutions/' + i.id}>{i.name}</Link></td>
                  <td>{codeText('partner_type.', i.partner_type)}</td>
                  <td>{[i.phone, i.email].filter(Boolean).join(', ')}</td>
                  <td><ActiveText active={i.active} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <More next={list.next} more={list.more} />
      {adding && (
        <FormDialog title={t('admin.institution_new')} onClose={() => setAdding(false)} save={save} submit={t('pf.save')}>
          {(fe) => (
            <>
              <Field id="in-name" label={t('admin.name')} value={v.name} onInput={(x) => setV({ ...v, name: x })} error={fe.name} required />
              <SelectField id="in-type" label={t('admin.partner_type')} value={v.partner_type} onChange={(x) => setV({ ...v, partner_type: x })} error={fe.partner_type} required
                options={codeOptions('partner_type.', PARTNER_TYPES, t('parts.choose'))} />
              <Field id="in-address" label={t('admin.address')} value={v.address} onInput={(x) => setV({ ...v, address: x })} error={fe.address} />
              <Field id="in-phone" label={t('person.phone')} value={v.phone} onInput={(x) => setV({ ...v, phone: x })} error={fe.phone} type="tel" />
              <Field id="in-email" label={t('person.email')} value={v.email} onInput={(x) => setV({ ...v, email: x })} error={fe.email} type="email" />
            </>
          )}
        </FormDialog>
      )}
    </section>
  );
}

export function InstitutionPage({ id }: { id: number }) {
  const [inst, setInst] = useState<Institution | null>(null);
  const [error, setError] = useState('');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const [v, setV] = useState({ name: '', role: '', phone: '', email: '' });
  const write = can('org_write');
  function load() {
    api<Institution>('/api/v1/institutions/' + id).then((r) => setInst(r.data)).catch((e) => setError(readError(e).general || t('error.network')));
  }
  useEffect(load, [id]);
  async function save() {
    await api(`/api/v1/institutions/${id}/contacts`, {
      method: 'POST', body: { name: v.name.trim(), role: v.role.trim() || null, phone: v.phone.trim() || null, email: v.email.trim() || null },
    });
    ok(t('admin.created'));
    load();
  }
  const title = inst ? inst.name : t('admin.institution');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p><Link href="/admin/institutions">{t('admin.back_institutions')}</Link></p>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!inst && !error && <p role="status">{t('common.loading')}</p>}
      {inst && (
        <>
          <dl class="facts">
            <div><dt>{t('admin.partner_type')}</dt><dd>{codeText('partner_type.', inst.partner_type) || '—'}</dd></div>
            <div><dt>{t('admin.address')}</dt><dd>{inst.address || '—'}</dd></div>
            <div><dt>{t('person.phone')}</dt><dd>{inst.phone || '—'}</dd></div>
            <div><dt>{t('person.email')}</dt><dd>{inst.email || '—'}</dd></div>
            <div><dt>{t('admin.state')}</dt><dd><ActiveText active={inst.active} /></dd></div>
          </dl>
          <h2 class="section-title">{t('admin.contacts')}</h2>
          {write && <div class="toolbar"><button type="button" class="primary" onClick={() => { setV({ name: '', role: '', phone: '', email: '' }); setAdding(true); }}>{t('admin.contact_new')}</button></div>}
          {inst.contacts && inst.contacts.length ? (
            <div class="table-wrap">
              <table class="table">
                <caption class="sr-only">{t('admin.contacts')}</caption>
                <thead><tr><th scope="col">{t('admin.person_name')}</th><th scope="col">{t('admin.contact_role')}</th><th scope="col">{t('person.phone')}</th><th scope="col">{t('person.email')}</th>{write && <th scope="col"><span class="sr-only">{t('admin.actions')}</span></th>}</tr></thead>
                <tbody>
                  {inst.contacts.map((c) => (
                    <tr key={c.id}>
                      <td>{c.name}</td><td>{c.role || ''}</td><td>{c.phone || ''}</td><td>{c.email || ''}</td>
                      {write && <td><button type="button" class="small" onClick={() => setRemoving(c)} aria-label={t('admin.contact_remove_label', { name: c.name })}>{t('parts.remove')}</button></td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p class="muted">{t('common.none')}</p>}
        </>
      )}
      {adding && (
        <FormDialog title={t('admin.contact_new')} onClose={() => setAdding(false)} save={save} submit={t('pf.save')}>
          {(fe) => (
            <>
              <Field id="ct-name" label={t('admin.person_name')} value={v.name} onInput={(x) => setV({ ...v, name: x })} error={fe.name} required />
              <Field id="ct-role" label={t('admin.contact_role')} value={v.role} onInput={(x) => setV({ ...v, role: x })} error={fe.role} />
              <Field id="ct-phone" label={t('person.phone')} value={v.phone} onInput={(x) => setV({ ...v, phone: x })} error={fe.phone} type="tel" />
              <Field id="ct-email" label={t('person.email')} value={v.email} onInput={(x) => setV({ ...v, email: x })} error={fe.email} type="email" />
            </>
          )}
        </FormDialog>
      )}
      {removing && (
        <ConfirmDialog title={t('admin.contact_remove_title')} text={removing.name} confirm={t('parts.remove')} onClose={() => setRemoving(null)}
          onConfirm={async () => { await api(`/api/v1/institutions/${id}/contacts/${removing.id}`, { method: 'DELETE' }); load(); }} />
      )}
    </section>
  );
}

// ---- users ----

export function UsersPage() {
  const list = usePaged<User>('/api/v1/users');
  const deps = useDepartments();
  const [partners, setPartners] = useState<Institution[]>([]);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const [ev, setEv] = useState({ display_name: '', role: 'social_worker', department_id: '', institution_id: '' });
  const [v, setV] = useState({ username: '', display_name: '', role: 'social_worker', department_id: '', institution_id: '', password: '' });
  const [pw, setPw] = useState('');
  useEffect(() => { fetchAll<Institution>('/api/v1/institutions?kind=partner').then(setPartners).catch(() => setPartners([])); }, []);
  const depName = (id: number | null) => { const d = deps.find((x) => x.id === id); return d ? localName(d) : ''; };
  const instName = (id: number | null) => partners.find((x) => x.id === id)?.name || '';
  async function create() {
    await api('/api/v1/users', {
      method: 'POST',
      body: {
        username: v.username.trim(), display_name: v.display_name.trim(), role: v.role,
        department_id: v.department_id ? Number(v.department_id) : null,
        institution_id: v.institution_id ? Number(v.institution_id) : null, password: v.password,
      },
    });
    ok(t('admin.user_created'));
    list.reload();
  }
  function startEdit(u: User) {
    setEv({
      display_name: u.display_name, role: u.role,
      department_id: u.department_id ? String(u.department_id) : '',
      institution_id: u.institution_id ? String(u.institution_id) : '',
    });
    setEditing(u);
  }
  async function saveEdit() {
    if (!editing) return;
    try {
      await api('/api/v1/users/' + editing.id, {
        method: 'PATCH', headers: ifMatch(editing.version),
        body: {
          display_name: ev.display_name.trim(), role: ev.role,
          department_id: ev.department_id ? Number(ev.department_id) : null,
          institution_id: ev.institution_id ? Number(ev.institution_id) : null,
        },
      });
    } catch (e) {
      list.reload();
      throw e;
    }
    ok(t('admin.user_saved', { name: editing.username }));
    list.reload();
  }
  async function reset() {
    if (!resetting) return;
    await api(`/api/v1/users/${resetting.id}/password`, { method: 'POST', body: { password: pw } });
    ok(t('admin.password_reset_done', { name: resetting.username }));
    list.reload();
  }
  return (
    <section>
      <PageHeading title={t('admin.users')}>{t('admin.users')}</PageHeading>
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => {
          setV({ username: '', display_name: '', role: 'social_worker', department_id: '', institution_id: '', password: '' });
          setAdding(true);
        }}>{t('admin.user_new')}</button>
      </div>
      <ListState rows={list.rows} error={list.error} />
      {list.rows && list.rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('admin.users')}</caption>
            <thead><tr><th scope="col">{t('login.username')}</th><th scope="col">{t('admin.display_name')}</th><th scope="col">{t('admin.role')}</th><th scope="col">{t('admin.scope')}</th><th scope="col">{t('admin.state')}</th><th scope="col"><span class="sr-only">{t('admin.actions')}</span></th></tr></thead>
            <tbody>
              {list.rows.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td><td>{u.display_name}</td><td>{codeText('role.', u.role)}</td>
                  <td>{depName(u.department_id) || instName(u.institution_id)}</td>
                  <td>{u.disabled ? t('admin.disabled') : t('admin.active')}</td>
                  <td>
                    <div class="actions">
                      <button type="button" class="small" onClick={() => startEdit(u)}
                        aria-label={t('admin.user_edit_label', { name: u.username })}>{t('admin.edit')}</button>
                      <button type="button" class="small" onClick={() => setToggling(u)}
                        aria-label={(u.disabled ? t('admin.enable_label') : t('admin.disable_label')).replace('{name}', u.username)}>
                        {u.disabled ? t('admin.enable') : t('admin.disable')}
                      </button>
                      <button type="button" class="small" onClick={() => { setPw(''); setResetting(u); }}
                        aria-label={t('admin.password_reset_label', { name: u.username })}>{t('admin.password_reset')}</button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <More next={list.next} more={list.more} />
      {adding && (
        <FormDialog title={t('admin.user_new')} onClose={() => setAdding(false)} save={create} submit={t('admin.user_create')}>
          {(fe) => (
            <>
              <Field id="us-username" label={t('login.username')} value={v.username} onInput={(x) => setV({ ...v, username: x })} error={fe.username} required />
              <Field id="us-display" label={t('admin.display_name')} value={v.display_name} onInput={(x) => setV({ ...v, display_name: x })} error={fe.display_name} required />
              <SelectField id="us-role" label={t('admin.role')} value={v.role} onChange={(x) => setV({ ...v, role: x })} error={fe.role} required
                options={codeOptions('role.', ROLES)} />
              <SelectField id="us-dep" label={t('admin.department')} value={v.department_id} onChange={(x) => setV({ ...v, department_id: x })} error={fe.department_id}
                options={[{ value: '', label: t('admin.none') }, ...deps.map((d) => ({ value: String(d.id), label: localName(d) }))]}
                hint={t('admin.department_hint')} />
              <SelectField id="us-inst" label={t('admin.partner_institution')} value={v.institution_id} onChange={(x) => setV({ ...v, institution_id: x })} error={fe.institution_id}
                options={[{ value: '', label: t('admin.none') }, ...partners.map((i) => ({ value: String(i.id), label: i.name }))]}
                hint={t('admin.institution_hint')} />
              <Field id="us-password" label={t('admin.first_password')} value={v.password} onInput={(x) => setV({ ...v, password: x })} error={fe.password}
                type="password" hint={t('pw.rules')} required autoComplete="new-password" />
            </>
          )}
        </FormDialog>
      )}
      {editing && (
        <FormDialog title={t('admin.user_edit_title', { name: editing.username })} onClose={() => setEditing(null)} save={saveEdit} submit={t('pf.save')}>
          {(fe) => (
            <>
              <p class="hint">{t('admin.user_edit_hint')}</p>
              <Field id="ue-display" label={t('admin.display_name')} value={ev.display_name} onInput={(x) => setEv({ ...ev, display_name: x })} error={fe.display_name} required />
              <SelectField id="ue-role" label={t('admin.role')} value={ev.role} onChange={(x) => setEv({ ...ev, role: x })} error={fe.role} required
                options={codeOptions('role.', ROLES)} />
              <SelectField id="ue-dep" label={t('admin.department')} value={ev.department_id} onChange={(x) => setEv({ ...ev, department_id: x })} error={fe.department_id}
                options={[{ value: '', label: t('admin.none') }, ...deps.map((d) => ({ value: String(d.id), label: localName(d) }))]}
                hint={t('admin.department_hint')} />
              <SelectField id="ue-inst" label={t('admin.partner_institution')} value={ev.institution_id} onChange={(x) => setEv({ ...ev, institution_id: x })} error={fe.institution_id}
                options={[{ value: '', label: t('admin.none') }, ...partners.map((i) => ({ value: String(i.id), label: i.name }))]}
                hint={t('admin.institution_hint')} />
            </>
          )}
        </FormDialog>
      )}
      {resetting && (
        <FormDialog title={t('admin.password_reset_title', { name: resetting.username })} onClose={() => setResetting(null)} save={reset} submit={t('admin.password_reset')}>
          {(fe) => (
            <Field id="us-newpw" label={t('pw.new')} value={pw} onInput={setPw} error={fe.password} type="password" hint={t('admin.password_reset_hint')} required autoComplete="new-password" />
          )}
        </FormDialog>
      )}
      {toggling && (
        <ConfirmDialog title={toggling.disabled ? t('admin.enable_title') : t('admin.disable_title')}
          text={(toggling.disabled ? t('admin.enable_text') : t('admin.disable_text')).replace('{name}', toggling.username)}
          confirm={toggling.disabled ? t('admin.enable') : t('admin.disable')} onClose={() => setToggling(null)}
          onConfirm={async () => {
            try {
              await api('/api/v1/users/' + toggling.id, { method: 'PATCH', headers: ifMatch(toggling.version), body: { disabled: !toggling.disabled } });
            } catch (e) {
              list.reload(); // a newer version: the list shows it, the dialog says why
              throw e;
            }
            ok(t('admin.saved'));
            list.reload();
          }} />
      )}
    </section>
  );
}

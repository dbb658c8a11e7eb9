// Registering and editing a person.
//
// Registration checks the personal code as it is typed (the same check
// digit rule as the server), fills in sex and birth date from it, and asks
// the server for likely duplicates while the worker types. Editing sends
// only the changed fields with If-Match; when someone else saved first
// (412) it shows both versions and lets the worker re-apply or discard.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import type { Person, PersonFormValues, PersonSummary } from '../lib/types';
import { emptyForm, FORM_FIELDS, formToBody, fullName, personToForm } from '../lib/types';
import { parsePersonalCode } from '../lib/personalCode';
import { formatDate, formatNumber, isIsoDate, todayIso } from '../lib/format';
import { setState } from '../lib/store';
import { navigate } from '../lib/router';
import { PageHeading } from '../components/PageHeading';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { hasKey, t, type MessageKey } from '../i18n';

type Errors = Partial<Record<keyof PersonFormValues, string>>;

const FIELD_LABEL: Record<keyof PersonFormValues, MessageKey> = {
  personal_code: 'person.personal_code',
  not_identified: 'pf.not_identified',
  other_id_type: 'person.other_id_type',
  other_id_number: 'person.other_id_number',
  given_names: 'person.given_names',
  family_name: 'person.family_name',
  sex: 'person.sex',
  birth_date: 'person.birth_date',
  phone: 'person.phone',
  email: 'person.email',
};

/** Server field names as the form calls them. */
function formField(server: string): keyof PersonFormValues | null {
  if (server === 'identified') return 'not_identified';
  return (FORM_FIELDS as string[]).includes(server) ? (server as keyof PersonFormValues) : null;
}

/** A message for an error code: ours if we have it, else the server's. */
function message(codeKey: string, fallback?: string): string {
  const k = 'err.' + codeKey;
  if (hasKey(k)) return t(k);
  return fallback || t('err.invalid');
}

function clientErrors(v: PersonFormValues, creating: boolean): Errors {
  const e: Errors = {};
  if (!v.given_names.trim()) e.given_names = message('required');
  if (!v.family_name.trim()) e.family_name = message('required');
  const code = v.personal_code.trim();
  if (code) {
    const r = parsePersonalCode(code, todayIso());
    if (!r.ok) e.personal_code = message(r.error);
  } else if (creating && !v.not_identified && !v.other_id_number.trim()) {
    e.personal_code = message('person.identity');
  }
  if (!!v.other_id_type.trim() !== !!v.other_id_number.trim()) {
    if (!v.other_id_type.trim()) e.other_id_type = message('required');
    else e.other_id_number = message('required');
  }
  if (v.birth_date.trim() && !isIsoDate(v.birth_date.trim())) e.birth_date = message('date');
  else if (v.birth_date.trim() > todayIso()) e.birth_date = message('date.future');
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) e.email = message('email');
  return e;
}

function serverErrors(err: ApiError): { fields: Errors; general: string } {
  const fields: Errors = {};
  let general = '';
  for (const [k, fe] of Object.entries(err.fields)) {
    const f = formField(k);
    const text = message(fe.code, fe.message);
    if (f) fields[f] = fields[f] || text;
    else general = general || text;
  }
  if (!Object.keys(fields).length && !general) general = err.message;
  return { fields, general };
}

function focusFirstError(errors: Errors) {
  for (const f of FORM_FIELDS) {
    if (errors[f]) {
      const el = document.getElementById('pf-' + f);
      if (el) {
        el.focus();
        return;
      }
    }
  }
}

/** The identity fields with live personal-code checking. */
function PersonFields({ v, set, errors, codeTouched, onCodeBlur }: {
  v: PersonFormValues;
  set: (patch: Partial<PersonFormValues>) => void;
  errors: Errors;
  codeTouched: boolean;
  onCodeBlur: () => void;
}) {
  const code = v.personal_code.trim();
  const parsed = code ? parsePersonalCode(code, todayIso()) : null;
  let codeError = errors.personal_code;
  let codeHint: string = t('pf.code_hint');
  if (!codeError && parsed && !parsed.ok) {
    const typing = parsed.error === 'personal_code.length' && /^\d+$/.test(code) && code.length < 11 && !codeTouched;
    if (typing) codeHint = t('pf.code_progress', { n: code.length });
    else codeError = message(parsed.error);
  }
  let derived = '';
  if (parsed && parsed.ok) {
    const i = parsed.info;
    derived = t('pf.derived', {
      sex: t(i.sex === 'M' ? 'sex.M' : 'sex.F'),
      date: i.birthDate ? formatDate(i.birthDate) : t('pf.derived_partial', { year: i.year }),
    });
  }
  const F = (name: keyof PersonFormValues, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field id={'pf-' + name} label={t(FIELD_LABEL[name])} value={v[name] as string}
      onInput={(x) => set({ [name]: x })} error={errors[name]} {...extra} />
  );
  return (
    <>
      <fieldset>
        <legend>{t('pf.identity')}</legend>
        <div class="field check">
          <input type="checkbox" id="pf-not_identified" checked={v.not_identified}
            onChange={(e) => set({ not_identified: (e.currentTarget as HTMLInputElement).checked })}
            aria-describedby="pf-not_identified-hint" />
          <label for="pf-not_identified">{t('pf.not_identified')}</label>
          <div class="hint" id="pf-not_identified-hint">{t('pf.not_identified_hint')}</div>
        </div>
        <Field id="pf-personal_code" label={t('person.personal_code')} value={v.personal_code}
          onInput={(x) => set({ personal_code: x.replace(/\s+/g, '') })} onBlur={onCodeBlur}
          error={codeError} inputMode="numeric" maxLength={11}
          hint={<>{codeHint}{derived && <><br /><strong class="derived">{derived}</strong></>}</>} />
        <div class="row">
          {F('other_id_type', { hint: t('pf.other_id_hint') })}
          {F('other_id_number')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('pf.person')}</legend>
        <div class="row">
          {F('given_names', { required: true, autoComplete: 'off' })}
          {F('family_name', { required: true, autoComplete: 'off' })}
        </div>
        <div class="row">
          <div class={'field' + (errors.sex ? ' has-error' : '')}>
            <label for="pf-sex">{t('person.sex')}</label>
            <select id="pf-sex" value={v.sex} onChange={(e) => set({ sex: (e.currentTarget as HTMLSelectElement).value })}
              aria-invalid={errors.sex ? 'true' : undefined} aria-describedby={errors.sex ? 'pf-sex-error' : undefined}>
              <option value="">{t('pf.sex_unknown')}</option>
              <option value="M">{t('sex.M')}</option>
              <option value="F">{t('sex.F')}</option>
            </select>
            {errors.sex && <div class="error-text" id="pf-sex-error">{errors.sex}</div>}
          </div>
          {F('birth_date', { placeholder: t('pf.date_placeholder'), hint: t('pf.date_hint'), inputMode: 'numeric', maxLength: 10 })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('pf.contacts')}</legend>
        <div class="row">
          {F('phone', { type: 'tel', inputMode: 'tel' })}
          {F('email', { type: 'email', inputMode: 'email' })}
        </div>
      </fieldset>
    </>
  );
}

/** Keeps sex and birth date in step with a valid personal code. */
function useDerivedFill(v: PersonFormValues, set: (p: Partial<PersonFormValues>) => void) {
  const last = useRef<{ sex: string; birth: string }>({ sex: '', birth: '' });
  useEffect(() => {
    const r = v.personal_code.length === 11 ? parsePersonalCode(v.personal_code, todayIso()) : null;
    if (!r || !r.ok) return;
    const patch: Partial<PersonFormValues> = {};
    if (!v.sex || v.sex === last.current.sex) patch.sex = r.info.sex;
    const birth = r.info.birthDate || '';
    if (birth && (!v.birth_date || v.birth_date === last.current.birth)) patch.birth_date = birth;
    last.current = { sex: r.info.sex, birth };
    if ((patch.sex && patch.sex !== v.sex) || (patch.birth_date && patch.birth_date !== v.birth_date)) set(patch);
  }, [v.personal_code]);
}

interface Duplicates {
  candidates: PersonSummary[];
  hidden_matches: number;
}

function useDuplicates(v: PersonFormValues): Duplicates | null {
  const [dups, setDups] = useState<Duplicates | null>(null);
  useEffect(() => {
    const code = v.personal_code.trim();
    const codeOk = code.length === 11 && parsePersonalCode(code).ok;
    const family = v.family_name.trim();
    if (!codeOk && family.length < 2) {
      setDups(null);
      return;
    }
    const body: Record<string, unknown> = { given_names: v.given_names.trim(), family_name: family };
    if (codeOk) body.personal_code = code;
    if (isIsoDate(v.birth_date.trim())) body.birth_date = v.birth_date.trim();
    const c = new AbortController();
    const timer = setTimeout(() => {
      api<Duplicates>('/api/v1/persons/duplicates', { method: 'POST', body, signal: c.signal })
        .then((r) => !c.signal.aborted && setDups(r.data))
        .catch(() => { /* a hint only: say nothing when it fails */ });
    }, 300);
    return () => {
      clearTimeout(timer);
      c.abort();
    };
  }, [v.given_names, v.family_name, v.personal_code, v.birth_date]);
  return dups;
}

function DuplicatePanel({ d }: { d: Duplicates | null }) {
  const has = d && (d.candidates.length > 0 || d.hidden_matches > 0);
  return (
    <div class="dup-region" aria-live="polite">
      {has && (
        <section class="duplicates" aria-labelledby="dup-h">
          <h2 id="dup-h">{t('dup.title')}</h2>
          {d!.candidates.length > 0 && (
            <>
              <p>{t('dup.text')}</p>
              <ul class="plain">
                {d!.candidates.map((p) => (
                  <li key={p.id}>
                    <Link href={'/persons/' + p.id}>{fullName(p)}</Link>
                    <span class="muted"> · {p.birth_date ? formatDate(p.birth_date) : t('person.birth_unknown')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {d!.hidden_matches > 0 && (
            <p class="hidden-matches">{t('dup.hidden', { n: formatNumber(d!.hidden_matches) })}</p>
          )}
        </section>
      )}
    </div>
  );
}

// The registration form survives leaving the page (e.g. to look at a
// possible duplicate) for as long as the tab is open.
let registerDraft: PersonFormValues | null = null;

export function RegisterPage() {
  const [v, setV] = useState<PersonFormValues>(() => registerDraft || emptyForm());
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  const [codeTouched, setCodeTouched] = useState(false);
  const set = (patch: Partial<PersonFormValues>) => {
    setV((old) => {
      const nv = { ...old, ...patch };
      registerDraft = nv;
      return nv;
    });
    setErrors((old) => {
      const ne = { ...old };
      for (const k of Object.keys(patch)) delete ne[k as keyof PersonFormValues];
      return ne;
    });
    if ('personal_code' in patch) setCodeTouched(false);
  };
  useDerivedFill(v, set);
  const dups = useDuplicates(v);

  async function submit(e: Event) {
    e.preventDefault();
    setGeneral('');
    const ce = clientErrors(v, true);
    if (Object.keys(ce).length) {
      setErrors(ce);
      setCodeTouched(true);
      setTimeout(() => focusFirstError(ce));
      return;
    }
    setBusy(true);
    try {
      const r = await api<Person>('/api/v1/persons', { method: 'POST', body: formToBody(v, null) });
      registerDraft = null;
      setState({ flash: { kind: 'ok', text: t('pf.created') } });
      navigate('/persons/' + r.data.id);
    } catch (err) {
      if (err instanceof ApiError) {
        const s = serverErrors(err);
        setErrors(s.fields);
        setGeneral(s.general);
        setTimeout(() => focusFirstError(s.fields));
      } else {
        setGeneral(t('error.network'));
      }
    } finally {
      setBusy(false);
    }
  }

  function clear() {
    registerDraft = null;
    setV(emptyForm());
    setErrors({});
    setGeneral('');
  }

  return (
    <section>
      <PageHeading title={t('pf.register_title')}>{t('pf.register_title')}</PageHeading>
      <p class="muted">{t('pf.required_note')}</p>
      <form onSubmit={submit} noValidate class="person-form">
        <PersonFields v={v} set={set} errors={errors} codeTouched={codeTouched} onCodeBlur={() => setCodeTouched(true)} />
        <DuplicatePanel d={dups} />
        {general && <p class="error-box" role="alert">{general}</p>}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{busy ? t('common.saving') : t('pf.register_submit')}</button>
          <button type="button" onClick={clear}>{t('pf.clear')}</button>
        </div>
      </form>
    </section>
  );
}

function show(k: keyof PersonFormValues, v: PersonFormValues): string {
  if (k === 'not_identified') return v.not_identified ? t('common.yes') : t('common.no');
  if (k === 'sex') return v.sex ? t(v.sex === 'M' ? 'sex.M' : 'sex.F') : '—';
  return (v[k] as string) || '—';
}

function changedFields(v: PersonFormValues, base: PersonFormValues): (keyof PersonFormValues)[] {
  return FORM_FIELDS.filter((k) => (typeof v[k] === 'string' ? (v[k] as string).trim() !== (base[k] as string).trim() : v[k] !== base[k]));
}

export function EditPage({ id }: { id: number }) {
  const [base, setBase] = useState<PersonFormValues | null>(null);
  const [version, setVersion] = useState(0);
  const [name, setName] = useState('');
  const [v, setV] = useState<PersonFormValues>(emptyForm());
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [codeTouched, setCodeTouched] = useState(true);
  const [conflict, setConflict] = useState<{ server: PersonFormValues; version: number; fields: (keyof PersonFormValues)[] } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const conflictRef = useRef<HTMLElement>(null);

  useEffect(() => {
    api<Person>('/api/v1/persons/' + id)
      .then((r) => {
        const f = personToForm(r.data);
        setBase(f);
        setV(f);
        setVersion(r.data.version);
        setName(fullName(r.data));
      })
      .catch((e) => setGeneral(e instanceof ApiError ? e.message : t('error.network')));
  }, [id]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const set = (patch: Partial<PersonFormValues>) => {
    setV((old) => ({ ...old, ...patch }));
    setErrors((old) => {
      const ne = { ...old };
      for (const k of Object.keys(patch)) delete ne[k as keyof PersonFormValues];
      return ne;
    });
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (!base) return;
    setGeneral('');
    setNotice('');
    const ce = clientErrors(v, false);
    if (Object.keys(ce).length) {
      setErrors(ce);
      setTimeout(() => focusFirstError(ce));
      return;
    }
    const body = formToBody(v, base);
    if (!Object.keys(body).length) {
      setState({ flash: { kind: 'ok', text: t('pf.no_changes') } });
      navigate('/persons/' + id);
      return;
    }
    setBusy(true);
    try {
      await api<Person>('/api/v1/persons/' + id, { method: 'PATCH', body, headers: { 'If-Match': `"v${version}"` } });
      setState({ flash: { kind: 'ok', text: t('pf.saved') } });
      navigate('/persons/' + id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        try {
          const r = await api<Person>('/api/v1/persons/' + id);
          setConflict({ server: personToForm(r.data), version: r.data.version, fields: changedFields(v, base) });
        } catch (e2) {
          setGeneral(e2 instanceof ApiError ? e2.message : t('error.network'));
        }
      } else if (err instanceof ApiError) {
        const s = serverErrors(err);
        setErrors(s.fields);
        setGeneral(s.general);
        setTimeout(() => focusFirstError(s.fields));
      } else {
        setGeneral(t('error.network'));
      }
    } finally {
      setBusy(false);
    }
  }

  function reapply() {
    if (!conflict || !base) return;
    const mine = changedFields(v, base);
    const nv: PersonFormValues = { ...conflict.server };
    for (const k of mine) (nv as any)[k] = v[k];
    setBase(conflict.server);
    setVersion(conflict.version);
    setV(nv);
    setConflict(null);
    setNotice(t('conflict.reapplied'));
  }

  function discard() {
    if (!conflict) return;
    setBase(conflict.server);
    setVersion(conflict.version);
    setV(conflict.server);
    setConflict(null);
    setNotice(t('conflict.discarded'));
  }

  if (!base) {
    return general ? <p class="error-box" role="alert">{general}</p> : <p role="status">{t('common.loading')}</p>;
  }
  return (
    <section>
      <PageHeading title={t('pf.edit_title', { name })}>{t('pf.edit_title', { name })}</PageHeading>
      {conflict && (
        <section class="conflict" role="alert" aria-labelledby="conflict-h" tabIndex={-1} ref={conflictRef}>
          <h2 id="conflict-h">{t('conflict.title')}</h2>
          <p>{t('conflict.text')}</p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.yours')}</th>
                <th scope="col">{t('conflict.theirs')}</th>
              </tr>
            </thead>
            <tbody>
              {conflict.fields.map((k) => (
                <tr key={k} class={show(k, v) !== show(k, conflict.server) ? 'differs' : ''}>
                  <th scope="row">{t(FIELD_LABEL[k])}</th>
                  <td>{show(k, v)}</td>
                  <td>{show(k, conflict.server)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="form-actions">
            <button type="button" class="primary" onClick={reapply}>{t('conflict.reapply')}</button>
            <button type="button" onClick={discard}>{t('conflict.discard')}</button>
          </div>
        </section>
      )}
      {notice && <p class="notice" tabIndex={-1} ref={noticeRef} role="status">{notice}</p>}
      <form onSubmit={submit} noValidate class="person-form">
        <PersonFields v={v} set={set} errors={errors} codeTouched={codeTouched} onCodeBlur={() => setCodeTouched(true)} />
        {general && <p class="error-box" role="alert">{general}</p>}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || !!conflict}>{busy ? t('common.saving') : t('pf.save')}</button>
          <Link href={'/persons/' + id} class="button">{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}

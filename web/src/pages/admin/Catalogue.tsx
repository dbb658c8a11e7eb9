// The service catalogue and the dated parameters. Everyone with a session
// reads them; catalogue_write adds and edits services, adds dated prices
// (never edited) and adds or deletes (future) parameter entries. A service
// edit that meets a newer version (412) shows the conflict panel: reload
// the service and apply the same values to it, or drop them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { can } from '../../lib/store';
import { todayIso } from '../../lib/format';
import { formatAmount, formatMoney, parseDecimal } from '../../lib/money';
import { PageHeading } from '../../components/PageHeading';
import { Field } from '../../components/Field';
import { Dialog } from '../../components/Dialog';
import { CheckField, codeOptions, codeText, ConfirmDialog, readError, SelectField, TextArea, type FieldErrors } from '../../components/Form';
import { localName, t } from '../../i18n';
import { FormDialog, ifMatch, ListState, ok, useDepartments, type Department } from './Admin';

export const KINDS = ['general', 'social_supervision', 'social_care', 'preventive', 'integrated_help'] as const;
export const UNITS = ['hour', 'visit', 'day', 'night', 'meal', 'kit', 'month', 'case'] as const;
const PERIODS = ['day', 'week', 'month', 'year', 'stay'] as const;
const RULES = ['free', 'general', 'social_supervision', 'home_help', 'day_care', 'short_term_care', 'long_term_care', 'preventive'] as const;

export interface Price { valid_from: string; price_cents: number; created_by_name?: string | null; created_at?: string }
export interface Service {
  id: number; code: string; name_lt: string; name_en: string; kind: string; unit: string;
  limit: number | null; limit_period: string | null; max_visits_week: number | null; department_id: number | null;
  payment_rule: string; description: string | null; active: boolean; version: number;
  price_today: { valid_from: string; price_cents: number } | null; prices?: Price[];
}

/** The catalogue (every service, by code). */
export async function fetchServices(active?: boolean): Promise<Service[]> {
  const r = await api<{ items: Service[] }>('/api/v1/services' + (active === undefined ? '' : '?active=' + active));
  return r.data.items;
}

/** "10 val. per savaitę", or '' without a limit. */
export function limitText(s: Pick<Service, 'limit' | 'limit_period' | 'unit'>): string {
  if (s.limit == null) return '';
  return t('cat.limit_fmt', { n: formatAmount(s.limit), unit: codeText('cat.unit_short.', s.unit), period: codeText('cat.period.', s.limit_period || '') }).trim();
}

function deptName(deps: Department[], id: number | null): string {
  const d = id == null ? undefined : deps.find((x) => x.id === id);
  return d ? localName(d) : '';
}

// ---- the service form ----

interface ServiceValues {
  code: string; name_lt: string; name_en: string; kind: string; unit: string; limit: string; limit_period: string;
  max_visits_week: string; department_id: string; payment_rule: string; description: string; active: boolean;
}

function valuesOf(s: Service | null): ServiceValues {
  if (!s) {
    return { code: '', name_lt: '', name_en: '', kind: 'social_supervision', unit: 'hour', limit: '', limit_period: '', max_visits_week: '',
      department_id: '', payment_rule: 'social_supervision', description: '', active: true };
  }
  return {
    code: s.code, name_lt: s.name_lt, name_en: s.name_en, kind: s.kind, unit: s.unit, limit: s.limit == null ? '' : formatAmount(s.limit),
    limit_period: s.limit_period || '', max_visits_week: s.max_visits_week == null ? '' : String(s.max_visits_week),
    department_id: s.department_id == null ? '' : String(s.department_id), payment_rule: s.payment_rule, description: s.description || '', active: s.active,
  };
}

/** The body for POST (creating: empty optional fields left out) or PATCH (cleared ones sent as null). */
function bodyOf(v: ServiceValues, creating: boolean): Record<string, unknown> {
  const b: Record<string, unknown> = {
    name_lt: v.name_lt.trim(), name_en: v.name_en.trim(), kind: v.kind, unit: v.unit, payment_rule: v.payment_rule,
  };
  const opt = (k: string, val: unknown) => {
    if (val !== null) b[k] = val;
    else if (!creating) b[k] = null;
  };
  if (creating) b.code = v.code.trim();
  else b.active = v.active;
  const lim = v.limit.trim();
  opt('limit', lim ? lim : null);
  opt('limit_period', v.limit_period || null);
  const mv = v.max_visits_week.trim();
  opt('max_visits_week', mv ? (/^\d+$/.test(mv) ? Number(mv) : mv) : null);
  opt('department_id', v.department_id ? Number(v.department_id) : null);
  opt('description', v.description.trim() ? v.description.trim() : null);
  return b;
}

function ServiceDialog({ service, deps, onClose, onSaved }: {
  service: Service | null; deps: Department[]; onClose: () => void; onSaved: () => void;
}) {
  const creating = !service;
  const [v, setV] = useState<ServiceValues>(valuesOf(service));
  const [fe, setFe] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const version = useRef(service?.version || 0);
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (conflict) conflictRef.current?.focus(); }, [conflict]);
  const set = (patch: Partial<ServiceValues>) => setV({ ...v, ...patch });

  async function save(e?: Event) {
    e?.preventDefault();
    setBusy(true);
    setFe({});
    setGeneral('');
    try {
      if (creating) {
        await api('/api/v1/services', { method: 'POST', body: bodyOf(v, true) });
        ok(t('admin.created'));
      } else {
        await api('/api/v1/services/' + service.id, { method: 'PATCH', headers: ifMatch(version.current), body: bodyOf(v, false) });
        ok(t('admin.saved'));
      }
      onSaved();
      onClose();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 412) {
        setConflict(true);
        return;
      }
      const r = readError(err);
      setFe(r.fields);
      setGeneral(r.general);
    }
  }

  /** Takes the newest version and saves the same values over it. */
  async function reapply() {
    const r = await api<Service>('/api/v1/services/' + service!.id);
    version.current = r.data.version;
    setConflict(false);
    await save();
  }

  async function discard() {
    const r = await api<Service>('/api/v1/services/' + service!.id);
    version.current = r.data.version;
    setV(valuesOf(r.data));
    setConflict(false);
  }

  const title = creating ? t('cat.new') : t('cat.edit_title', { name: localName(service) });
  return (
    <Dialog title={title} onClose={onClose} id="form-dialog">
      <form class="admin-form" onSubmit={save} noValidate>
        {conflict && (
          <div class="conflict" role="alert" tabIndex={-1} ref={conflictRef} aria-labelledby="svc-conflict-h">
            <h2 id="svc-conflict-h">{t('conflict.title')}</h2>
            <p>{t('cat.conflict_text')}</p>
            <div class="form-actions">
              <button type="button" class="primary" onClick={() => reapply().catch((e) => { setConflict(false); setGeneral(readError(e).general); })}>{t('cat.conflict_reapply')}</button>
              <button type="button" onClick={() => discard().catch(() => setConflict(false))}>{t('conflict.discard')}</button>
            </div>
          </div>
        )}
        {creating
          ? <Field id="svc-code" label={t('admin.code')} value={v.code} onInput={(x) => set({ code: x })} error={fe.code} hint={t('cat.code_hint')} required />
          : <p><strong>{t('admin.code')}:</strong> {v.code}</p>}
        <Field id="svc-name-lt" label={t('admin.name_lt')} value={v.name_lt} onInput={(x) => set({ name_lt: x })} error={fe.name_lt} required />
        <Field id="svc-name-en" label={t('admin.name_en')} value={v.name_en} onInput={(x) => set({ name_en: x })} error={fe.name_en} required />
        <div class="grid2">
          <SelectField id="svc-kind" label={t('cat.kind')} value={v.kind} onChange={(x) => set({ kind: x })} options={codeOptions('cat.kind.', KINDS)} error={fe.kind} required />
          <SelectField id="svc-unit" label={t('cat.unit')} value={v.unit} onChange={(x) => set({ unit: x })} options={codeOptions('cat.unit.', UNITS)} error={fe.unit} required />
          <Field id="svc-limit" label={t('cat.limit')} value={v.limit} onInput={(x) => set({ limit: x })} error={fe.limit} hint={t('cat.limit_hint')} inputMode="text" />
          <SelectField id="svc-period" label={t('cat.limit_period')} value={v.limit_period} onChange={(x) => set({ limit_period: x })}
            options={codeOptions('cat.period_name.', PERIODS, t('cat.no_period'))} error={fe.limit_period} />
          <Field id="svc-visits" label={t('cat.max_visits_week')} value={v.max_visits_week} onInput={(x) => set({ max_visits_week: x })} error={fe.max_visits_week} inputMode="numeric" />
          <SelectField id="svc-dept" label={t('cat.department')} value={v.department_id} onChange={(x) => set({ department_id: x })}
            options={[{ value: '', label: t('cat.no_department') }, ...deps.map((d) => ({ value: String(d.id), label: localName(d) }))]} error={fe.department_id} />
        </div>
        <SelectField id="svc-rule" label={t('cat.payment_rule')} value={v.payment_rule} onChange={(x) => set({ payment_rule: x })} options={codeOptions('cat.rule.', RULES)} error={fe.payment_rule} required />
        <TextArea id="svc-desc" label={t('cat.description')} value={v.description} onInput={(x) => set({ description: x })} error={fe.description} />
        {!creating && <CheckField id="svc-active" label={t('cat.active_label')} checked={v.active} onChange={(x) => set({ active: x })} />}
        {general && <p class="error-box" role="alert">{general}</p>}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || conflict}>{busy ? t('common.saving') : t('pf.save')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

// ---- prices ----

function PricesDialog({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const [s, setS] = useState<Service | null>(null);
  const [error, setError] = useState('');
  const [from, setFrom] = useState('');
  const [price, setPrice] = useState('');
  const [fe, setFe] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  const write = can('catalogue_write');
  const load = () => api<Service>('/api/v1/services/' + id).then((r) => setS(r.data)).catch((e) => setError(readError(e).general));
  useEffect(() => { load(); }, [id]);

  async function add(e: Event) {
    e.preventDefault();
    setFe({});
    setGeneral('');
    const cents = parseDecimal(price, 2, 100);
    const errs: FieldErrors = {};
    if (!from.trim()) errs.valid_from = t('err.required');
    if (!price.trim()) errs.price = t('err.required');
    else if (cents === null) errs.price = t('err.money');
    if (Object.keys(errs).length) {
      setFe(errs);
      return;
    }
    setBusy(true);
    try {
      const r = await api<Service>('/api/v1/services/' + id + '/prices', { method: 'POST', body: { valid_from: from.trim(), price_cents: cents } });
      setS(r.data);
      setFrom('');
      setPrice('');
      ok(t('cat.price_added'));
      onChanged();
    } catch (err) {
      const r = readError(err);
      setFe({ valid_from: r.fields.valid_from, price: r.fields.price_cents });
      setGeneral(r.general);
    }
    setBusy(false);
  }

  const title = s ? t('cat.prices_title', { name: localName(s) }) : t('cat.prices');
  return (
    <Dialog title={title} onClose={onClose} id="prices-dialog">
      {error && <p class="error-box" role="alert">{error}</p>}
      {!s && !error && <p role="status">{t('common.loading')}</p>}
      {s && (
        <>
          <p>{s.price_today ? t('cat.price_today', { price: formatMoney(s.price_today.price_cents), unit: codeText('cat.unit_short.', s.unit), from: s.price_today.valid_from }) : t('cat.no_price')}</p>
          {(s.prices || []).length > 0 && (
            <table class="table">
              <caption class="sr-only">{t('cat.prices')}</caption>
              <thead><tr><th scope="col">{t('cat.valid_from')}</th><th scope="col">{t('cat.price')}</th><th scope="col">{t('cat.added_by')}</th></tr></thead>
              <tbody>
                {(s.prices || []).map((p) => (
                  <tr key={p.valid_from}>
                    <td>{p.valid_from}</td>
                    <td>{formatMoney(p.price_cents)}</td>
                    <td>{p.created_by_name || t('cat.built_in')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {write && (
            <form class="admin-form" onSubmit={add} noValidate>
              <h2>{t('cat.price_add')}</h2>
              <p class="hint">{t('cat.price_add_hint')}</p>
              <div class="grid2">
                <Field id="price-from" label={t('cat.valid_from')} value={from} onInput={setFrom} error={fe.valid_from} hint={t('form.date_hint')} required inputMode="numeric" />
                <Field id="price-eur" label={t('cat.price_eur')} value={price} onInput={setPrice} error={fe.price} required inputMode="text" />
              </div>
              {general && <p class="error-box" role="alert">{general}</p>}
              <div class="form-actions">
                <button type="submit" class="primary" disabled={busy}>{busy ? t('common.saving') : t('cat.price_add')}</button>
                <button type="button" onClick={onClose}>{t('common.close')}</button>
              </div>
            </form>
          )}
        </>
      )}
    </Dialog>
  );
}

// ---- the catalogue page ----

export function CataloguePage() {
  const [rows, setRows] = useState<Service[] | null>(null);
  const [error, setError] = useState('');
  const [kind, setKind] = useState('');
  const [edit, setEdit] = useState<Service | 'new' | null>(null);
  const [prices, setPrices] = useState<number | null>(null);
  const deps = useDepartments();
  const write = can('catalogue_write');
  const load = () => fetchServices().then((x) => { setRows(x); setError(''); }).catch((e) => setError(readError(e).general));
  useEffect(() => { load(); }, []);
  const shown = (rows || []).filter((s) => !kind || s.kind === kind);
  return (
    <section>
      <PageHeading title={t('cat.title')}>{t('cat.title')}</PageHeading>
      <div class="toolbar">
        <SelectField id="cat-kind" label={t('cat.kind')} value={kind} onChange={setKind} options={codeOptions('cat.kind.', KINDS, t('cat.all_kinds'))} />
        {write && <button type="button" class="primary" onClick={() => setEdit('new')}>{t('cat.new')}</button>}
      </div>
      <ListState rows={rows} error={error} />
      {rows && KINDS.filter((k) => shown.some((s) => s.kind === k)).map((k) => (
        <section key={k} aria-labelledby={'kind-' + k}>
          <h2 id={'kind-' + k}>{codeText('cat.kind.', k)}</h2>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.code')}</th><th scope="col">{t('admin.name')}</th><th scope="col">{t('cat.unit')}</th>
                  <th scope="col">{t('cat.limit')}</th><th scope="col">{t('cat.price_now')}</th><th scope="col">{t('cat.department')}</th>
                  <th scope="col">{t('admin.state')}</th><th scope="col"><span class="sr-only">{t('admin.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {shown.filter((s) => s.kind === k).map((s) => (
                  <tr key={s.id}>
                    <td>{s.code}</td>
                    <td>{localName(s)}</td>
                    <td>{codeText('cat.unit.', s.unit)}</td>
                    <td>{limitText(s)}</td>
                    <td>{s.price_today ? formatMoney(s.price_today.price_cents) : '–'}</td>
                    <td>{deptName(deps, s.department_id)}</td>
                    <td>{s.active ? t('admin.active') : t('admin.inactive')}</td>
                    <td>
                      <div class="actions">
                        {write && <button type="button" class="small" onClick={() => setEdit(s)} aria-label={t('admin.edit_label', { name: localName(s) })}>{t('admin.edit')}</button>}
                        <button type="button" class="small" onClick={() => setPrices(s.id)} aria-label={t('cat.prices_label', { name: localName(s) })}>{t('cat.prices')}</button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {edit && <ServiceDialog service={edit === 'new' ? null : edit} deps={deps} onClose={() => setEdit(null)} onSaved={load} />}
      {prices !== null && <PricesDialog id={prices} onClose={() => setPrices(null)} onChanged={load} />}
    </section>
  );
}

// ---- dated parameters ----

interface ParamEntry { id?: number; valid_from: string; value: number; source: 'built_in' | 'database'; replaced?: boolean; note?: string | null; created_by_name?: string | null }
interface ParamKey {
  key: string; unit: string; known: boolean; name: string | null; unit_description: string;
  entries: ParamEntry[]; today: { value: number; valid_from: string } | null;
}

/** How many decimals a parameter's value takes in the form, and the factor to its stored integer. */
const UNIT_SCALE: Record<string, { decimals: number; factor: number }> = {
  cents: { decimals: 2, factor: 100 }, share_bp: { decimals: 2, factor: 100 }, vrp_bp: { decimals: 4, factor: 10000 }, days: { decimals: 0, factor: 1 },
  months: { decimals: 0, factor: 1 },
};

export function paramValueText(unit: string, value: number): string {
  switch (unit) {
    case 'cents': return formatMoney(value);
    case 'share_bp': return formatAmount(value / 100) + ' %';
    case 'vrp_bp': return formatAmount(value / 10000) + ' VRP';
    case 'days': return t('cat.days', { n: value });
    case 'months': return t('cat.months', { n: value });
    default: return String(value);
  }
}

function paramName(k: ParamKey): string {
  return k.name || k.key;
}

function ParamEntryDialog({ k, onClose, onSaved }: { k: ParamKey; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState({ valid_from: '', value: '', note: '' });
  const scale = UNIT_SCALE[k.unit] || { decimals: 0, factor: 1 };
  async function save() {
    const n = parseDecimal(v.value, scale.decimals, scale.factor);
    if (n === null) throw new ApiError(422, 'invalid', '', { value: { code: 'param.value_' + k.unit, message: '' } });
    await api('/api/v1/params', { method: 'POST', body: { key: k.key, valid_from: v.valid_from.trim(), value: n, ...(v.note.trim() ? { note: v.note.trim() } : {}) } });
    ok(t('cat.param_added'));
    onSaved();
  }
  return (
    <FormDialog title={t('cat.param_add_title', { name: paramName(k) })} onClose={onClose} save={save} submit={t('cat.param_add')}>
      {(fe) => (
        <>
          <Field id="param-from" label={t('cat.valid_from')} value={v.valid_from} onInput={(x) => setV({ ...v, valid_from: x })} error={fe.valid_from} hint={t('form.date_hint')} required inputMode="numeric" />
          <Field id="param-value" label={t('cat.param_value', { unit: codeText('cat.param_unit.', k.unit) })} value={v.value} onInput={(x) => setV({ ...v, value: x })}
            error={fe.value} hint={codeText('cat.param_hint.', k.unit)} required />
          <Field id="param-note" label={t('cat.param_note')} value={v.note} onInput={(x) => setV({ ...v, note: x })} error={fe.note} />
        </>
      )}
    </FormDialog>
  );
}

export function ParamsPage() {
  const [rows, setRows] = useState<ParamKey[] | null>(null);
  const [today, setToday] = useState(todayIso());
  const [error, setError] = useState('');
  const [adding, setAdding] = useState<ParamKey | null>(null);
  const [deleting, setDeleting] = useState<{ k: ParamKey; e: ParamEntry } | null>(null);
  const write = can('catalogue_write');
  const load = () => api<{ items: ParamKey[]; today: string }>('/api/v1/params')
    .then((r) => { setRows(r.data.items); setToday(r.data.today); setError(''); })
    .catch((e) => setError(readError(e).general));
  useEffect(() => { load(); }, []);
  return (
    <section>
      <PageHeading title={t('cat.params_title')}>{t('cat.params_title')}</PageHeading>
      <p>{t('cat.params_intro', { today })}</p>
      <ListState rows={rows} error={error} />
      {rows && (
        <div class="table-wrap">
          <table class="table params">
            <caption class="sr-only">{t('cat.params_title')}</caption>
            <thead>
              <tr><th scope="col">{t('cat.param')}</th><th scope="col">{t('cat.param_today')}</th><th scope="col">{t('cat.param_entries')}</th></tr>
            </thead>
            <tbody>
              {rows.map((k) => (
                <tr key={k.key} id={'param-' + k.key.replace(/\./g, '-')}>
                  <th scope="row">
                    {paramName(k)}
                    <div class="muted small-text">{k.key} · {codeText('cat.param_unit.', k.unit)}</div>
                  </th>
                  <td>{k.today ? <>{paramValueText(k.unit, k.today.value)}<div class="muted small-text">{t('cat.since', { date: k.today.valid_from })}</div></> : '–'}</td>
                  <td>
                    <ul class="plain entries">
                      {k.entries.map((e) => (
                        <li key={e.source + e.valid_from} class={e.replaced ? 'replaced' : undefined}>
                          <span>{e.valid_from}: <strong>{paramValueText(k.unit, e.value)}</strong></span>
                          {' '}<span class="muted">{e.source === 'built_in' ? (e.replaced ? t('cat.built_in_replaced') : t('cat.built_in')) : t('cat.site_entry')}</span>
                          {e.note && <span class="muted"> – {e.note}</span>}
                          {write && e.source === 'database' && e.id != null && e.valid_from > today && (
                            <>{' '}<button type="button" class="small danger" onClick={() => setDeleting({ k, e })}
                              aria-label={t('cat.param_delete_label', { name: paramName(k), date: e.valid_from })}>{t('cat.delete')}</button></>
                          )}
                        </li>
                      ))}
                    </ul>
                    {write && <button type="button" class="small" onClick={() => setAdding(k)} aria-label={t('cat.param_add_label', { name: paramName(k) })}>{t('cat.param_add')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && <ParamEntryDialog k={adding} onClose={() => setAdding(null)} onSaved={load} />}
      {deleting && (
        <ConfirmDialog title={t('cat.param_delete_title')} text={t('cat.param_delete_text', { name: paramName(deleting.k), date: deleting.e.valid_from, value: paramValueText(deleting.k.unit, deleting.e.value) })}
          confirm={t('cat.delete')} onClose={() => setDeleting(null)}
          onConfirm={async () => { await api('/api/v1/params/' + deleting.e.id, { method: 'DELETE' }); ok(t('cat.param_deleted')); load(); }} />
      )}
    </section>
  );
}


// Delivered services: a worker's day entered fast (one screen, rows of
// case + decided service + units, saved in one bulk request, all or
// nothing, errors at their row), a case's month with corrections and
// cancellations that keep history, the person's monthly billing
// statement with its CSV, and the waiting lists.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../lib/api';
import { can, setState } from '../../lib/store';
import { navigate } from '../../lib/router';
import { todayIso } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { CASE_STATUSES, type CaseListItem, type CasePage } from '../../lib/cases';
import { PageHeading } from '../../components/PageHeading';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { codeOptions, codeText, readError, SelectField, type FieldErrors } from '../../components/Form';
import { dueText } from '../../components/PersonCases';
import { getLang, localName, t } from '../../i18n';
import { fetchAll, FormDialog } from '../admin/Admin';

const ok = (text: string) => setState({ flash: { kind: 'ok', text } });
const units = (s: string) => s.replace('.', ',');
const thisMonth = () => todayIso().slice(0, 7);

interface Staff { id: number; given_names: string; family_name: string; department_id: number | null; active: boolean }
interface DecidedOption { id: number; label: string; unit: string }

/** The decided services a delivery may be recorded against: those of assigning decisions not ended. */
function decidedOptions(c: CasePage): DecidedOption[] {
  const seen = new Set<number>();
  const out: DecidedOption[] = [];
  for (const d of c.decisions) {
    if (d.kind !== 'assign') continue;
    for (const s of d.services) {
      if (s.ended_on || seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ id: s.id, label: `${localName(s)} (${codeText('cat.unit_short.', s.unit)})`, unit: s.unit });
    }
  }
  return out;
}

// ---- a worker's day ----

interface Row { case_id: string; ds: string; units: string; note: string }
const emptyRow = (): Row => ({ case_id: '', ds: '', units: '', note: '' });

export function DailyEntryPage() {
  const [date, setDate] = useState(todayIso());
  const [staff, setStaff] = useState<Staff[]>([]);
  const [staffId, setStaffId] = useState('');
  const [cases, setCases] = useState<CaseListItem[]>([]);
  const [pages, setPages] = useState<Record<number, CasePage>>({});
  const [rows, setRows] = useState<Row[]>([emptyRow(), emptyRow(), emptyRow()]);
  const [fe, setFe] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    fetchAll<Staff>('/api/v1/staff?active=true').then(setStaff).catch(() => setStaff([]));
    fetchAll<CaseListItem>('/api/v1/cases?status=active').then(setCases).catch(() => setCases([]));
  }, []);

  function loadCase(id: number) {
    if (!id || pages[id]) return;
    api<CasePage>('/api/v1/cases/' + id).then((r) => setPages((p) => ({ ...p, [id]: r.data }))).catch(() => {});
  }

  function setRow(i: number, patch: Partial<Row>) {
    // An edited row's errors are stale.
    setGeneral('');
    setFe((old) => Object.fromEntries(Object.entries(old).filter(([k]) => !k.startsWith(`row.${i}.`))));
    setRows((rs) => rs.map((r, j) => {
      if (j !== i) return r;
      const n = { ...r, ...patch };
      if (patch.case_id !== undefined && patch.case_id !== r.case_id) {
        n.ds = '';
        loadCase(Number(patch.case_id));
      }
      return n;
    }));
  }

  // A case's only decided service is chosen for the worker.
  useEffect(() => {
    setRows((rs) => rs.map((r) => {
      if (r.ds || !r.case_id) return r;
      const p = pages[Number(r.case_id)];
      const opts = p ? decidedOptions(p) : [];
      return opts.length === 1 ? { ...r, ds: String(opts[0].id) } : r;
    }));
  }, [pages]);

  function addRow(focus = true) {
    setRows((rs) => [...rs, emptyRow()]);
    if (focus) setTimeout(() => tableRef.current?.querySelector<HTMLSelectElement>('tbody tr:last-child select')?.focus(), 0);
  }

  /** Enter in a row's units or note adds the next row (or moves to it). */
  function onKey(e: KeyboardEvent, i: number) {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (i === rows.length - 1) addRow();
    else tableRef.current?.querySelectorAll<HTMLSelectElement>('tbody tr')[i + 1]?.querySelector('select')?.focus();
  }

  async function save(e: Event) {
    e.preventDefault();
    setFe({});
    setGeneral('');
    setSaved('');
    const used = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.case_id || r.ds || r.units.trim() || r.note.trim());
    if (!used.length) {
      setGeneral(t('dl.no_rows'));
      return;
    }
    setBusy(true);
    try {
      const r = await api<{ items: { id: number; over_limit: boolean }[]; over_limit_count: number }>('/api/v1/deliveries/bulk', {
        method: 'POST',
        body: {
          delivered_on: date.trim(), staff_id: Number(staffId) || 0,
          items: used.map(({ r: x }) => ({
            case_id: Number(x.case_id) || 0, decision_service_id: Number(x.ds) || 0, units: x.units.trim().replace(',', '.'),
            ...(x.note.trim() ? { note: x.note.trim() } : {}),
          })),
        },
      });
      const msg = r.data.over_limit_count ? t('dl.saved_over', { n: r.data.items.length, over: r.data.over_limit_count }) : t('dl.saved', { n: r.data.items.length });
      setSaved(msg);
      ok(msg);
      setRows([emptyRow(), emptyRow(), emptyRow()]);
    } catch (err) {
      const x = readError(err);
      // items.N.field is the N-th sent row: back to the row on screen.
      const mapped: FieldErrors = {};
      for (const [k, v] of Object.entries(x.fields)) {
        const m = /^items\.(\d+)\.(\w+)$/.exec(k);
        if (m) mapped[`row.${used[Number(m[1])]?.i}.${m[2]}`] = v;
        else mapped[k] = v;
      }
      setFe(mapped);
      const rowErrs = Object.keys(mapped).filter((k) => k.startsWith('row.')).length;
      setGeneral(x.general || (rowErrs ? t('dl.row_errors', { n: rowErrs }) : mapped.items || ''));
    }
    setBusy(false);
  }

  const staffOptions = [{ value: '', label: t('dl.choose_staff') }, ...staff.map((s) => ({ value: String(s.id), label: `${s.family_name} ${s.given_names}` }))];
  const caseOptions = [{ value: '', label: t('dl.choose_case') },
    ...cases.map((c) => ({ value: String(c.id), label: `${c.family_name} ${c.given_names} (${t('case.title_short', { id: c.id })})` }))];
  const cell = (i: number, f: string) => fe[`row.${i}.${f}`];
  return (
    <section>
      <PageHeading title={t('dl.title')}>{t('dl.title')}</PageHeading>
      <p class="muted">{t('dl.intro')}</p>
      <form onSubmit={save} noValidate class="daily-entry">
        <div class="toolbar">
          <Field id="dl-date" label={t('dl.date')} value={date} onInput={setDate} error={fe.delivered_on} hint={t('form.date_hint')} required />
          <SelectField id="dl-staff" label={t('dl.staff')} value={staffId} onChange={setStaffId} options={staffOptions} error={fe.staff_id} required />
        </div>
        <div class="table-wrap">
          <table class="table entry-table" ref={tableRef}>
            <caption class="sr-only">{t('dl.rows')}</caption>
            <thead>
              <tr><th scope="col">#</th><th scope="col">{t('dl.case')}</th><th scope="col">{t('dl.service')}</th><th scope="col">{t('dl.units')}</th><th scope="col">{t('dl.note')}</th><th scope="col"><span class="sr-only">{t('admin.actions')}</span></th></tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const p = r.case_id ? pages[Number(r.case_id)] : undefined;
                const opts = p ? decidedOptions(p) : [];
                const n = i + 1;
                const errs = ['case_id', 'decision_service_id', 'units', 'note'].map((f) => cell(i, f)).filter(Boolean);
                return (
                  <tr key={i} class={errs.length ? 'row-error' : undefined}>
                    <th scope="row">{n}</th>
                    <td>
                      <select id={`dl-case-${i}`} aria-label={t('dl.case_n', { n })} value={r.case_id} aria-invalid={cell(i, 'case_id') ? 'true' : undefined}
                        aria-describedby={cell(i, 'case_id') ? `dl-case-${i}-error` : undefined} onChange={(e) => setRow(i, { case_id: (e.currentTarget as HTMLSelectElement).value })}>
                        {caseOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                      </select>
                      {cell(i, 'case_id') && <div class="error-text" id={`dl-case-${i}-error`}>{cell(i, 'case_id')}</div>}
                    </td>
                    <td>
                      <select id={`dl-ds-${i}`} aria-label={t('dl.service_n', { n })} value={r.ds} aria-invalid={cell(i, 'decision_service_id') ? 'true' : undefined}
                        aria-describedby={cell(i, 'decision_service_id') ? `dl-ds-${i}-error` : undefined} onChange={(e) => setRow(i, { ds: (e.currentTarget as HTMLSelectElement).value })}>
                        <option value="">{r.case_id && !p ? t('common.loading') : t('dl.choose_service')}</option>
                        {opts.map((o) => <option key={o.id} value={String(o.id)}>{o.label}</option>)}
                      </select>
                      {cell(i, 'decision_service_id') && <div class="error-text" id={`dl-ds-${i}-error`}>{cell(i, 'decision_service_id')}</div>}
                    </td>
                    <td>
                      <input id={`dl-units-${i}`} class="units" inputMode="decimal" aria-label={t('dl.units_n', { n })} value={r.units} autoComplete="off"
                        aria-invalid={cell(i, 'units') ? 'true' : undefined} aria-describedby={cell(i, 'units') ? `dl-units-${i}-error` : undefined}
                        onInput={(e) => setRow(i, { units: (e.currentTarget as HTMLInputElement).value })} onKeyDown={(e) => onKey(e, i)} />
                      {cell(i, 'units') && <div class="error-text" id={`dl-units-${i}-error`}>{cell(i, 'units')}</div>}
                    </td>
                    <td>
                      <input id={`dl-note-${i}`} aria-label={t('dl.note_n', { n })} value={r.note} autoComplete="off"
                        aria-invalid={cell(i, 'note') ? 'true' : undefined} aria-describedby={cell(i, 'note') ? `dl-note-${i}-error` : undefined}
                        onInput={(e) => setRow(i, { note: (e.currentTarget as HTMLInputElement).value })} onKeyDown={(e) => onKey(e, i)} />
                      {cell(i, 'note') && <div class="error-text" id={`dl-note-${i}-error`}>{cell(i, 'note')}</div>}
                    </td>
                    <td>
                      {rows.length > 1 && <button type="button" class="small" aria-label={t('dl.remove_n', { n })} onClick={() => { setRows(rows.filter((_, j) => j !== i)); setFe((o) => Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('row.')))); }}>×</button>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p class="hint">{t('dl.keys')}</p>
        {general && <p class="error-box" role="alert">{general}</p>}
        {saved && <p class="flash ok" role="status">{saved}</p>}
        <div class="form-actions">
          <button type="button" onClick={() => addRow()}>{t('dl.add_row')}</button>
          <button type="submit" class="primary" disabled={busy}>{busy ? t('common.saving') : t('dl.save')}</button>
        </div>
      </form>
    </section>
  );
}

// ---- a case's month ----

interface DeliveryRow {
  id: number; delivered_on: string; service_code: string; unit: string; units: string; staff_id: number; note: string | null;
  status: 'current' | 'replaced' | 'voided'; over_limit: boolean; replaces?: number; replaced_by: number | null;
  correction_reason: string | null; voided_reason: string | null; decision_service_id: number;
}
interface Total {
  id: number; service_code: string; name_lt: string; name_en: string; unit: string; amount: string; period: string;
  month_units: string; month_over?: boolean; rows_over_limit: number; weeks?: { week_from: string; units: string; over: boolean }[];
}

export function CaseDeliveriesPage({ id }: { id: number }) {
  const initial = new URLSearchParams(location.search).get('month') || thisMonth();
  const [month, setMonth] = useState(initial);
  const [data, setData] = useState<{ deliveries: DeliveryRow[]; totals: Total[]; person_id: number; status: string } | null>(null);
  const [error, setError] = useState('');
  const [fix, setFix] = useState<{ row: DeliveryRow; kind: 'correct' | 'void' } | null>(null);
  const [v, setV] = useState({ units: '', delivered_on: '', note: '', reason: '' });
  const load = (m = month) => api<{ deliveries: DeliveryRow[]; totals: Total[]; person_id: number; status: string }>(`/api/v1/cases/${id}/deliveries?month=${encodeURIComponent(m)}`)
    .then((r) => { setData(r.data); setError(''); })
    .catch((e) => { setData(null); setError(readError(e).fields.month || readError(e).general); });
  useEffect(() => { load(); }, [id]);
  const names = Object.fromEntries((data?.totals || []).map((x) => [x.id, localName(x) || x.service_code]));
  const title = t('dl.case_title', { id });
  function open(row: DeliveryRow, kind: 'correct' | 'void') {
    setV({ units: units(row.units), delivered_on: row.delivered_on, note: row.note || '', reason: '' });
    setFix({ row, kind });
  }
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p><Link href={'/cases/' + id}>{t('dl.back_to_case')}</Link>{data && can('billing_read') && <> · <Link href={`/billing/persons/${data.person_id}?month=${month}`}>{t('case.billing')}</Link></>}</p>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); history.replaceState(null, '', `/cases/${id}/deliveries?month=${month}`); load(); }}>
        <Field id="dm-month" label={t('dl.month')} value={month} onInput={setMonth} hint={t('dl.month_hint')} error={error && !data ? error : undefined} />
        <button type="submit">{t('dl.show')}</button>
      </form>
      {data && (
        <>
          <h2>{t('dl.totals')}</h2>
          {data.totals.length === 0 ? <p class="muted">{t('common.none')}</p> : (
            <div class="table-wrap">
              <table class="table">
                <thead><tr><th scope="col">{t('dl.service')}</th><th scope="col">{t('dl.decided')}</th><th scope="col">{t('dl.month_units')}</th><th scope="col">{t('dl.weeks')}</th></tr></thead>
                <tbody>
                  {data.totals.map((x) => (
                    <tr key={x.id}>
                      <td>{localName(x)}</td>
                      <td>{units(x.amount)} {codeText('cat.unit_short.', x.unit)} {codeText('case.per.', x.period)}</td>
                      <td>{units(x.month_units)} {codeText('cat.unit_short.', x.unit)}{x.month_over && <strong class="bad-text"> · {t('dl.over')}</strong>}</td>
                      <td>{(x.weeks || []).map((w) => <div key={w.week_from} class={w.over ? 'bad-text' : undefined}>{t('dl.week_line', { from: w.week_from, n: units(w.units) })}{w.over && ` · ${t('dl.over')}`}</div>)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t('dl.rows_month')}</h2>
          {data.deliveries.length === 0 ? <p class="muted">{t('common.none')}</p> : (
            <div class="table-wrap">
              <table class="table">
                <thead><tr><th scope="col">{t('dl.date')}</th><th scope="col">{t('dl.service')}</th><th scope="col">{t('dl.units')}</th><th scope="col">{t('dl.note')}</th><th scope="col">{t('admin.state')}</th><th scope="col"><span class="sr-only">{t('admin.actions')}</span></th></tr></thead>
                <tbody>
                  {data.deliveries.map((r) => (
                    <tr key={r.id} class={r.status !== 'current' ? 'muted-row' : undefined}>
                      <td>{r.delivered_on}</td>
                      <td>{names[r.decision_service_id] || r.service_code}</td>
                      <td>{units(r.units)} {codeText('cat.unit_short.', r.unit)}{r.over_limit && <strong class="bad-text"> · {t('dl.over')}</strong>}</td>
                      <td>{r.note}{r.correction_reason && <div class="muted small-text">{t('dl.correction_reason', { reason: r.correction_reason })}</div>}</td>
                      <td>{codeText('dl.status.', r.status)}{r.voided_reason && <div class="muted small-text">{r.voided_reason}</div>}</td>
                      <td>
                        {can('case_write') && r.status === 'current' && (
                          <div class="actions">
                            <button type="button" class="small" onClick={() => open(r, 'correct')} aria-label={t('dl.correct_label', { date: r.delivered_on })}>{t('dl.correct')}</button>
                            <button type="button" class="small" onClick={() => open(r, 'void')} aria-label={t('dl.void_label', { date: r.delivered_on })}>{t('dl.void')}</button>
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {fix && (
        <FormDialog title={fix.kind === 'correct' ? t('dl.correct_title') : t('dl.void_title')} onClose={() => setFix(null)} submit={fix.kind === 'correct' ? t('dl.correct') : t('dl.void')}
          save={async () => {
            const body = fix.kind === 'correct'
              ? { units: v.units.trim().replace(',', '.'), delivered_on: v.delivered_on.trim(), note: v.note.trim(), reason: v.reason.trim() }
              : { reason: v.reason.trim() };
            await api(`/api/v1/deliveries/${fix.row.id}/${fix.kind}`, { method: 'POST', body });
            ok(fix.kind === 'correct' ? t('dl.corrected') : t('dl.voided'));
            load();
          }}>
          {(fe) => (
            <>
              {fix.kind === 'correct' && (
                <>
                  <Field id="fx-units" label={t('dl.units')} value={v.units} onInput={(x) => setV({ ...v, units: x })} error={fe.units} required />
                  <Field id="fx-date" label={t('dl.date')} value={v.delivered_on} onInput={(x) => setV({ ...v, delivered_on: x })} error={fe.delivered_on} />
                  <Field id="fx-note" label={t('dl.note')} value={v.note} onInput={(x) => setV({ ...v, note: x })} error={fe.note} />
                </>
              )}
              <Field id="fx-reason" label={t('dl.reason')} value={v.reason} onInput={(x) => setV({ ...v, reason: x })} error={fe.reason} required />
            </>
          )}
        </FormDialog>
      )}
    </section>
  );
}

// ---- the billing statement ----

interface BillingLine { decision_service_id: number; service_code: string; name_lt: string; name_en: string; unit: string; price_cents: number; units_x100: number; cost_cents: number }
interface BillingCase {
  case_id: number; lines: BillingLine[]; cost_cents: number; ceiling_cents: number | null; due_cents: number;
  decision: { number: string | null; decided_on: string; payment_rule: string } | null; explanation: { text_lt: string; text_en: string }[];
}
interface Statement { month: string; person_id: number; cases: BillingCase[]; cost_cents: number; due_cents: number }

export function BillingPage({ personId }: { personId: number }) {
  const initial = new URLSearchParams(location.search).get('month') || thisMonth();
  const [month, setMonth] = useState(initial);
  const [s, setS] = useState<Statement | null>(null);
  const [error, setError] = useState('');
  const [person, setPerson] = useState('');
  const load = (m = month) => api<Statement>(`/api/v1/billing/persons/${personId}?month=${encodeURIComponent(m)}`)
    .then((r) => { setS(r.data); setError(''); })
    .catch((e) => { setS(null); const x = readError(e); setError(x.fields.month || x.general); });
  useEffect(() => {
    load();
    api<{ given_names: string; family_name: string }>('/api/v1/persons/' + personId).then((r) => setPerson(`${r.data.given_names} ${r.data.family_name}`)).catch(() => {});
  }, [personId]);
  const en = getLang() === 'en';
  const title = person ? t('bill.title_for', { name: person }) : t('bill.title');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p><Link href={'/persons/' + personId}>{t('bill.to_card')}</Link></p>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); navigate(`/billing/persons/${personId}?month=${month}`, { replace: true }); load(); }}>
        <Field id="bill-month" label={t('dl.month')} value={month} onInput={setMonth} hint={t('dl.month_hint')} error={error || undefined} />
        <button type="submit">{t('dl.show')}</button>
        {s && <a class="button" href={`/api/v1/billing/persons/${personId}?month=${s.month}&format=csv`} download>{t('bill.csv')}</a>}
      </form>
      {s && (
        <>
          <p class="bill-total"><strong>{t('bill.due', { sum: formatMoney(s.due_cents) })}</strong> · {t('bill.cost', { sum: formatMoney(s.cost_cents) })}</p>
          {s.cases.length === 0 && <p class="muted">{t('bill.nothing')}</p>}
          {s.cases.map((c) => (
            <section key={c.case_id} class="card-section" aria-labelledby={'bill-case-' + c.case_id}>
              <h2 id={'bill-case-' + c.case_id}><Link href={'/cases/' + c.case_id}>{t('case.title_short', { id: c.case_id })}</Link>
                {c.decision && <span class="small-text muted"> · {t('bill.decision', { number: c.decision.number || '–', date: c.decision.decided_on, rule: codeText('cat.rule.', c.decision.payment_rule) })}</span>}</h2>
              <div class="table-wrap">
                <table class="table">
                  <thead><tr><th scope="col">{t('dl.service')}</th><th scope="col">{t('dl.units')}</th><th scope="col">{t('cat.price')}</th><th scope="col">{t('bill.line_cost')}</th></tr></thead>
                  <tbody>
                    {c.lines.map((l) => (
                      <tr key={l.decision_service_id}>
                        <td>{localName(l) || l.service_code}</td>
                        <td>{(l.units_x100 / 100).toLocaleString('lt-LT')} {codeText('cat.unit_short.', l.unit)}</td>
                        <td>{formatMoney(l.price_cents)}</td>
                        <td>{formatMoney(l.cost_cents)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr><th scope="row" colSpan={3}>{t('bill.cost_case')}</th><td>{formatMoney(c.cost_cents)}</td></tr>
                    {c.ceiling_cents != null && <tr><th scope="row" colSpan={3}>{t('bill.ceiling')}</th><td>{formatMoney(c.ceiling_cents)}</td></tr>}
                    <tr><th scope="row" colSpan={3}>{t('bill.due_case')}</th><td><strong>{formatMoney(c.due_cents)}</strong></td></tr>
                  </tfoot>
                </table>
              </div>
              {c.explanation?.length > 0 && (
                <>
                  <h3>{t('bill.explanation')}</h3>
                  <ol class="payment-lines">{c.explanation.map((l, i) => <li key={i}>{en ? l.text_en : l.text_lt}</li>)}</ol>
                </>
              )}
            </section>
          ))}
        </>
      )}
    </section>
  );
}

// ---- every person's month ----

interface MonthRow { person_id: number; given_names: string; family_name: string; cases: number; cost_cents: number; due_cents: number }

export function BillingMonthPage() {
  const [month, setMonth] = useState(new URLSearchParams(location.search).get('month') || thisMonth());
  const [data, setData] = useState<{ items: MonthRow[]; persons: number; due_cents: number; cost_cents?: number } | null>(null);
  const [error, setError] = useState('');
  const load = (m = month) => api<{ items: MonthRow[]; persons: number; due_cents: number; cost_cents?: number }>(`/api/v1/billing?month=${encodeURIComponent(m)}`)
    .then((r) => { setData(r.data); setError(''); })
    .catch((e) => { setData(null); const x = readError(e); setError(x.fields.month || x.general); });
  useEffect(() => { load(); }, []);
  return (
    <section>
      <PageHeading title={t('bill.month_title')}>{t('bill.month_title')}</PageHeading>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); navigate(`/billing?month=${month}`, { replace: true }); load(); }}>
        <Field id="billm-month" label={t('dl.month')} value={month} onInput={setMonth} hint={t('dl.month_hint')} error={error || undefined} />
        <button type="submit">{t('dl.show')}</button>
        {data && <a class="button" href={`/api/v1/billing?month=${month}&format=csv`} download>{t('bill.csv')}</a>}
      </form>
      {data && <p class="bill-total"><strong>{t('bill.due', { sum: formatMoney(data.due_cents) })}</strong> · {t('bill.persons', { n: data.persons })}</p>}
      {data && data.items.length === 0 && <p class="muted">{t('bill.nothing')}</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('bill.month_title')}</caption>
            <thead><tr><th scope="col">{t('wait.person')}</th><th scope="col">{t('case.section')}</th><th scope="col">{t('bill.cost_case')}</th><th scope="col">{t('bill.due_case')}</th></tr></thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.person_id}>
                  <td><Link href={`/billing/persons/${r.person_id}?month=${month}`}>{r.family_name} {r.given_names}</Link></td>
                  <td>{r.cases}</td><td>{formatMoney(r.cost_cents)}</td><td>{formatMoney(r.due_cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---- the case list ----

export function CaseListPage() {
  const [status, setStatus] = useState(new URLSearchParams(location.search).get('status') || '');
  const [rows, setRows] = useState<CaseListItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  function load(st: string, cursor?: string | null) {
    const q = new URLSearchParams({ limit: '50' });
    if (st) q.set('status', st);
    if (cursor) q.set('cursor', cursor);
    api<{ items: CaseListItem[]; next_cursor?: string | null }>('/api/v1/cases?' + q.toString())
      .then((r) => { setRows((old) => (cursor && old ? old.concat(r.data.items) : r.data.items)); setNext(r.data.next_cursor || null); setError(''); })
      .catch((e) => setError(readError(e).general));
  }
  useEffect(() => { load(status); }, []);
  function choose(st: string) {
    setStatus(st);
    history.replaceState(null, '', st ? '/cases?status=' + st : '/cases');
    load(st);
  }
  return (
    <section>
      <PageHeading title={t('cases.title')}>{t('cases.title')}</PageHeading>
      <div class="toolbar">
        <SelectField id="cases-status" label={t('cases.status')} value={status} onChange={choose} options={codeOptions('case.status.', CASE_STATUSES, t('cases.all'))} />
      </div>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!rows && !error && <p role="status">{t('common.loading')}</p>}
      {rows && rows.length === 0 && <p class="muted">{t('case.none')}</p>}
      {rows && rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('cases.title')}</caption>
            <thead><tr><th scope="col">{t('wait.case')}</th><th scope="col">{t('wait.person')}</th><th scope="col">{t('cases.status')}</th><th scope="col">{t('cases.opened')}</th><th scope="col">{t('cases.due')}</th></tr></thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td><Link href={'/cases/' + c.id}>{t('case.title_short', { id: c.id })}</Link></td>
                  <td><Link href={'/persons/' + c.person_id}>{c.family_name} {c.given_names}</Link></td>
                  <td><span class={'status status-' + c.status}>{codeText('case.status.', c.status)}</span></td>
                  <td>{c.opened_on}</td>
                  <td>{dueText(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <p><button type="button" onClick={() => load(status, next)}>{t('parts.more')}</button></p>}
    </section>
  );
}

// ---- waiting lists ----

interface WaitingEntry { id: number; service_id: number; code: string; name_lt: string; name_en: string; since: string; case_id: number; person_id: number; given_names: string; family_name: string; position: number }

export function WaitingListsPage() {
  const [rows, setRows] = useState<WaitingEntry[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ items: WaitingEntry[] }>('/api/v1/waiting-lists').then((r) => setRows(r.data.items)).catch((e) => setError(readError(e).general));
  }, []);
  const services = [...new Map((rows || []).map((r) => [r.service_id, r])).values()];
  return (
    <section>
      <PageHeading title={t('wait.title')}>{t('wait.title')}</PageHeading>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!rows && !error && <p role="status">{t('common.loading')}</p>}
      {rows && rows.length === 0 && <p class="muted">{t('wait.empty')}</p>}
      {services.map((s) => (
        <section key={s.service_id} aria-labelledby={'wait-' + s.service_id}>
          <h2 id={'wait-' + s.service_id}>{localName(s)}</h2>
          <div class="table-wrap">
            <table class="table">
              <thead><tr><th scope="col">{t('wait.position')}</th><th scope="col">{t('wait.person')}</th><th scope="col">{t('wait.since')}</th><th scope="col">{t('wait.case')}</th></tr></thead>
              <tbody>
                {rows!.filter((r) => r.service_id === s.service_id).sort((a, b) => a.position - b.position).map((r) => (
                  <tr key={r.id}>
                    <td>{r.position}</td>
                    <td><Link href={'/persons/' + r.person_id}>{r.given_names} {r.family_name}</Link></td>
                    <td>{r.since}</td>
                    <td><Link href={'/cases/' + r.case_id}>{t('case.title_short', { id: r.case_id })}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}

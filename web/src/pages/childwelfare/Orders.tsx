// Mayor's orders and their measures: the orders of a year, an order with
// its measures, and a measure's page (executors, plan tasks, progress
// notes, the orders that changed it, the evaluation). Executors (and the
// centre's staff) add progress notes (cw_report); the coordinator
// evaluates an ended measure (cw_write, If-Match).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { can, getState } from '../../lib/store';
import { formatDateTime, todayIso } from '../../lib/format';
import { childName, EVALUATIONS, ORDER_SUBJECTS, type Measure, type MeasureType, type Order, type OrderListItem } from '../../lib/childwelfare';
import type { PersonSummary } from '../../lib/types';
import { navigate } from '../../lib/router';
import { Field } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../components/Link';
import { CheckField, codeOptions, codeText, readError, SelectField, TextArea } from '../../components/Form';
import { localName, t } from '../../i18n';
import { CwNav } from './Meetings';
import { ChildPicker, ConflictPanel, F, FormDialog, ifMatch, institutionName, ok, query, useInstitutions, YearSelect } from './common';

function NotFound({ title, error }: { title: string; error: string }) {
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      <p class="error-box" role="alert">{error}</p>
    </section>
  );
}

const loadError = (e: unknown) => (e instanceof ApiError && e.status === 404 ? t('cw.not_found') : readError(e).general || t('error.network'));

interface MRow { type: string; date_from: string; date_to: string; executors: number[] }

/** A mayor's order assigning measures: the child, the measures with their terms and executors. */
function NewOrderDialog({ onClose }: { onClose: () => void }) {
  const insts = useInstitutions().filter((i) => i.active !== false);
  const [types, setTypes] = useState<MeasureType[]>([]);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIso());
  const [subject, setSubject] = useState('minimal_care');
  const [child, setChild] = useState<PersonSummary | null>(null);
  const [sen, setSen] = useState(false);
  const [rows, setRows] = useState<MRow[]>([{ type: '', date_from: todayIso(), date_to: '', executors: [] }]);
  useEffect(() => { api<{ items: MeasureType[] }>('/api/v1/commission/measure-types').then((r) => setTypes(r.data.items)).catch(() => {}); }, []);
  const set = (i: number, patch: Partial<MRow>) => setRows(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const typeOptions = [{ value: '', label: t('cw.choose') },
    ...types.filter((x) => x.active && x.subject === subject).map((x) => ({ value: x.code, label: localName(x) }))];
  async function run() {
    const r = await api<Order>('/api/v1/orders', {
      method: 'POST',
      body: {
        number, order_date: date, kind: 'assign', subject, child_id: child?.id, special_educational_needs: sen,
        measures: rows.map((m) => ({ type: m.type || undefined, date_from: m.date_from, date_to: m.date_to, executor_ids: m.executors })),
      },
    });
    ok(t('cw.order_created'));
    navigate('/child-welfare/orders/' + r.data.id);
  }
  return (
    <FormDialog id="order-dialog" title={t('cw.order_new')} submit={t('cw.order_create')} onClose={onClose} run={run}>
      {(fe) => (
        <>
          <F name="number"><Field id="or-number" label={t('cw.order_number')} value={number} onInput={setNumber} error={fe.number} required /></F>
          <F name="order_date"><Field id="or-date" label={t('cw.order_date')} value={date} onInput={setDate} hint={t('cw.date_hint')} error={fe.order_date} required /></F>
          <F name="subject"><SelectField id="or-subject" label={t('cw.order_subject')} value={subject} onChange={(v) => { setSubject(v); setRows(rows.map((r) => ({ ...r, type: '' }))); }}
            options={codeOptions('cw.osubject.', ORDER_SUBJECTS)} error={fe.subject} required /></F>
          <ChildPicker id="or-child" child={child} onChange={setChild} error={fe.child_id} />
          <CheckField id="or-sen" label={t('cw.sen')} checked={sen} onChange={setSen} />
          {rows.map((m, i) => (
            <fieldset key={i} data-field={`measures[${i}]`}>
              <legend>{t('cw.measure_n', { n: i + 1 })}</legend>
              <F name={`measures[${i}].type`}><SelectField id={`or-m${i}-type`} label={t('cw.measure_type')} value={m.type} onChange={(v) => set(i, { type: v })} options={typeOptions} error={fe[`measures[${i}].type`]} required /></F>
              <F name={`measures[${i}].date_from`}><Field id={`or-m${i}-from`} label={t('cw.date_from')} value={m.date_from} onInput={(v) => set(i, { date_from: v })} error={fe[`measures[${i}].date_from`]} required /></F>
              <F name={`measures[${i}].date_to`}><Field id={`or-m${i}-to`} label={t('cw.date_to')} value={m.date_to} onInput={(v) => set(i, { date_to: v })} error={fe[`measures[${i}].date_to`]} required /></F>
              <F name={`measures[${i}].executor_ids`}>
                <fieldset aria-describedby={fe[`measures[${i}].executor_ids`] ? `or-m${i}-ex-error` : undefined}>
                  <legend>{t('cw.executors')}</legend>
                  <div class="cw-checks">
                    {insts.map((x) => (
                      <CheckField key={x.id} id={`or-m${i}-ex${x.id}`} label={x.name} checked={m.executors.includes(x.id)}
                        onChange={(v) => set(i, { executors: v ? [...m.executors, x.id] : m.executors.filter((e) => e !== x.id) })} />
                    ))}
                  </div>
                  {fe[`measures[${i}].executor_ids`] && <div class="error-text" id={`or-m${i}-ex-error`}>{fe[`measures[${i}].executor_ids`]}</div>}
                </fieldset>
              </F>
            </fieldset>
          ))}
          <F name="measures">{fe.measures && <div class="error-text">{fe.measures}</div>}</F>
          <button type="button" onClick={() => setRows([...rows, { type: '', date_from: todayIso(), date_to: '', executors: [] }])}>{t('cw.measure_add')}</button>
        </>
      )}
    </FormDialog>
  );
}

export function OrderListPage() {
  const [year, setYear] = useState(query().get('year') || String(new Date().getFullYear()));
  const [items, setItems] = useState<OrderListItem[] | null>(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(false);
  useEffect(() => {
    history.replaceState(null, '', '/child-welfare/orders?year=' + year);
    setItems(null);
    api<{ items: OrderListItem[] }>('/api/v1/orders?year=' + year).then((r) => setItems(r.data.items)).catch((e) => setError(readError(e).general));
  }, [year]);
  const title = t('cw.orders');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      <div class="toolbar">
        <YearSelect id="ol-year" value={year} onChange={setYear} />
        {can('cw_write') && <button type="button" class="primary" onClick={() => setDialog(true)}>{t('cw.order_new')}</button>}
      </div>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!items && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p class="muted">{t('common.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('cw.orders_caption', { year })}</caption>
            <thead><tr><th scope="col">{t('cw.order_number')}</th><th scope="col">{t('cw.order_date')}</th><th scope="col">{t('cw.order_kind')}</th><th scope="col">{t('cw.order_subject')}</th></tr></thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <td><Link href={'/child-welfare/orders/' + o.id}>{o.number}</Link></td>
                  <td>{o.order_date}</td>
                  <td>{codeText('cw.okind.', o.kind)}</td>
                  <td>{codeText('cw.osubject.', o.subject)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog && <NewOrderDialog onClose={() => setDialog(false)} />}
    </section>
  );
}

export function OrderPage({ id }: { id: number }) {
  const [o, setO] = useState<Order | null>(null);
  const [error, setError] = useState('');
  useEffect(() => { api<Order>('/api/v1/orders/' + id).then((r) => setO(r.data)).catch((e) => setError(loadError(e))); }, [id]);
  if (error) return <NotFound title={t('cw.order')} error={error} />;
  if (!o) return <p role="status">{t('common.loading')}</p>;
  const title = t('cw.order_title', { number: o.number });
  return (
    <article class="case-page">
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      <dl class="facts">
        <dt>{t('cw.order_date')}</dt><dd>{o.order_date}</dd>
        <dt>{t('cw.order_kind')}</dt><dd>{codeText('cw.okind.', o.kind)}</dd>
        <dt>{t('cw.order_subject')}</dt><dd>{codeText('cw.osubject.', o.subject)}</dd>
        <dt>{t('cw.child')}</dt><dd>{childName(o.child, t('cw.not_shared'))}</dd>
        {o.representatives.length > 0 && <><dt>{t('cw.representatives')}</dt><dd>{o.representatives.map((r) => childName(r, t('cw.not_shared'))).join('; ')}</dd></>}
        {o.special_educational_needs && <><dt>{t('cw.sen')}</dt><dd>{t('common.yes')}</dd></>}
        {o.question_id && <><dt>{t('cw.question')}</dt><dd>{t('cw.question_id', { id: o.question_id })}</dd></>}
        {o.note && <><dt>{t('cw.note')}</dt><dd>{o.note}</dd></>}
      </dl>
      <h2>{t('cw.measures')}</h2>
      {o.measures.length === 0 ? <p class="muted">{t('common.none')}</p> : (
        <div class="table-wrap">
          <table class="table">
            <thead><tr><th scope="col">{t('cw.measure_type')}</th><th scope="col">{t('cw.action')}</th><th scope="col">{t('cw.period')}</th></tr></thead>
            <tbody>
              {o.measures.map((m) => (
                <tr key={m.measure_id}>
                  <td><Link href={'/child-welfare/measures/' + m.measure_id}>{codeText('cw.mtype.', m.type_code)}</Link></td>
                  <td>{codeText('cw.okind.', m.action)}</td>
                  <td>{m.date_from || ''}{(m.date_from || m.date_to) && ' – '}{m.date_to || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function NoteForm({ id, onSaved }: { id: number; onSaved: (m: Measure) => void }) {
  const [body, setBody] = useState('');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErr('');
    try {
      const r = await api<Measure>(`/api/v1/measures/${id}/notes`, { method: 'POST', body: { body } });
      onSaved(r.data);
      setBody('');
      ok(t('cw.note_added'));
    } catch (x) {
      const r = readError(x);
      setErr(r.fields.body || r.general || Object.values(r.fields).join(' '));
    }
    setBusy(false);
  }
  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <TextArea id="ms-note" label={t('cw.note_new')} value={body} onInput={setBody} error={err} required />
      <button type="submit" disabled={busy}>{busy ? t('common.saving') : t('cw.note_add')}</button>
    </form>
  );
}

function EvaluationForm({ m, onSaved }: { m: Measure; onSaved: () => Promise<void> }) {
  const [result, setResult] = useState('carried_out');
  const [reasons, setReasons] = useState('');
  const [fe, setFe] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState('');
  const [conflict, setConflict] = useState(false);
  async function submit(e?: Event) {
    e?.preventDefault();
    setFe({});
    setGeneral('');
    try {
      await api(`/api/v1/measures/${m.id}/evaluation`, { method: 'POST', body: { result, reasons: reasons || undefined }, headers: ifMatch(m.version) });
      setConflict(false);
      ok(t('cw.evaluated'));
      await onSaved();
    } catch (x) {
      if (x instanceof ApiError && x.status === 412) {
        await onSaved();
        setConflict(true);
        return;
      }
      const r = readError(x);
      setFe(r.fields);
      setGeneral(r.general);
    }
  }
  return (
    <>
      {conflict && <ConflictPanel onReapply={() => submit()} onDiscard={() => setConflict(false)} />}
      <form class="admin-form" onSubmit={submit} noValidate>
        <F name="result"><SelectField id="ms-result" label={t('cw.result')} value={result} onChange={setResult} options={codeOptions('cw.eval.', EVALUATIONS)} error={fe.result} required /></F>
        <F name="reasons"><TextArea id="ms-reasons" label={t('cw.reasons')} value={reasons} onInput={setReasons} error={fe.reasons} /></F>
        {general && <p class="error-box" role="alert">{general}</p>}
        <button type="submit" class="primary">{t('cw.evaluate')}</button>
      </form>
    </>
  );
}

export function MeasurePage({ id }: { id: number }) {
  const [m, setM] = useState<Measure | null>(null);
  const [error, setError] = useState('');
  const insts = useInstitutions();
  async function reload() {
    const r = await api<Measure>('/api/v1/measures/' + id);
    setM(r.data);
  }
  useEffect(() => { reload().catch((e) => setError(loadError(e))); }, [id]);
  if (error) return <NotFound title={t('cw.measure')} error={error} />;
  if (!m) return <p role="status">{t('common.loading')}</p>;
  const title = t('cw.measure_title', { type: codeText('cw.mtype.', m.type_code), child: childName(m.child, t('cw.not_shared')) });
  const staff = getState().session?.institution_id == null;
  const mayNote = can('cw_report') && (m.executor || staff) && m.status !== 'cancelled';
  const ended = m.status !== 'running' || m.date_to < todayIso();
  const mayEvaluate = can('cw_write') && ended && !m.evaluation && m.status !== 'cancelled';
  const execName = (iid: number | null | undefined) => m.executors.find((x) => x.id === iid)?.name || institutionName(insts, iid);
  return (
    <article class="case-page">
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      <dl class="facts">
        <dt>{t('cw.period')}</dt><dd>{m.date_from} – {m.date_to}</dd>
        <dt>{t('cw.status')}</dt><dd>{codeText('cw.mstatus.', m.status)}</dd>
        <dt>{t('cw.executors')}</dt><dd>{m.executors.map((x) => x.name).join('; ')}</dd>
        {m.executor && <><dt>{t('cw.you')}</dt><dd>{t('cw.you_execute')}</dd></>}
        <dt>{t('cw.orders')}</dt>
        <dd>{m.orders.map((o, i) => <span key={i}>{i > 0 && '; '}<Link href={'/child-welfare/orders/' + o.order_id}>{o.number}</Link> ({codeText('cw.okind.', o.action)}, {o.order_date})</span>)}</dd>
      </dl>
      <div class="case-grid">
        <section class="card-section" aria-labelledby="ms-tasks-h">
          <h2 id="ms-tasks-h">{t('cw.plan_tasks')}</h2>
          {m.tasks.length === 0 ? <p class="muted">{t('common.none')}</p> : (
            <ul>{m.tasks.map((x) => <li key={x.id}>{x.task}{x.institution_id && <> – {execName(x.institution_id)}</>}{x.due_date && <> · {t('wl.due', { date: x.due_date })}</>}</li>)}</ul>
          )}
        </section>
        <section class="card-section" aria-labelledby="ms-notes-h">
          <h2 id="ms-notes-h">{t('cw.progress_notes')}</h2>
          {m.progress_notes.length === 0 ? <p class="muted">{t('common.none')}</p> : (
            <ul class="plain cw-notes">
              {m.progress_notes.map((n) => (
                <li key={n.id}><div class="muted small-text">{formatDateTime(n.created_at)}{n.institution_id && <> · {execName(n.institution_id)}</>}</div><p>{n.body}</p></li>
              ))}
            </ul>
          )}
          {mayNote && <NoteForm id={m.id} onSaved={setM} />}
        </section>
        <section class="card-section" aria-labelledby="ms-eval-h">
          <h2 id="ms-eval-h">{t('cw.evaluation')}</h2>
          {m.evaluation ? (
            <dl class="facts">
              <dt>{t('cw.evaluation')}</dt><dd>{codeText('cw.eval.', m.evaluation)}</dd>
              {m.evaluation_reasons && <><dt>{t('cw.reasons')}</dt><dd>{m.evaluation_reasons}</dd></>}
              {m.evaluated_on && <><dt>{t('cw.evaluated_on')}</dt><dd>{m.evaluated_on}</dd></>}
            </dl>
          ) : mayEvaluate ? <EvaluationForm m={m} onSaved={reload} /> : <p class="muted">{ended ? t('cw.not_evaluated') : t('cw.evaluate_after', { date: m.date_to })}</p>}
        </section>
      </div>
    </article>
  );
}

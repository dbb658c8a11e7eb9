// The case page and its steps: application, assessment, decision (assign,
// waiting list or refusal, per-service amounts, the payment explanation
// frozen with it and shown in the interface language), contract, plan
// with goals and tasks, notes, review/suspend/resume/terminate/reopen,
// documents. Only the steps the server lists in allowed_steps get
// buttons. Every step sends If-Match with the case's version; a 412 shows
// the conflict panel: reload the case and send the same step again, or
// drop it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { can, getState, setState } from '../../lib/store';
import { navigate } from '../../lib/router';
import { todayIso } from '../../lib/format';
import { formatAmount, formatMoney, parseDecimal } from '../../lib/money';
import {
  CHANNELS, DECISION_PERIODS, DEPENDENCY, DOC_KINDS, EVENT_KINDS,
  type CasePage as Case, type CaseNote, type Decision, type Plan, type Task,
} from '../../lib/cases';
import { PageHeading } from '../../components/PageHeading';
import { Field } from '../../components/Field';
import { F, FormDialog } from '../../components/FormDialog';
import { Link } from '../../components/Link';
import { CheckField, codeOptions, codeText, readError, SelectField, TextArea, type FieldErrors } from '../../components/Form';
import { getLang, localName, t } from '../../i18n';
import { fetchServices, KINDS, type Service } from '../admin/Catalogue';
import { useDepartments } from '../admin/Admin';
import { dueText } from '../../components/PersonCases';

const ok = (text: string) => setState({ flash: { kind: 'ok', text } });

type Step = (method: string, path: string, body: unknown) => Promise<boolean>;

/** A titled section of the case page. */
function Part({ id, title, children, actions }: { id: string; title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card-section case-part" id={id} aria-labelledby={id + '-h'}>
      <div class="part-head">
        <h2 id={id + '-h'}>{title}</h2>
        {actions && <div class="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** A step's dialog (FormDialog with the case page's dialog id). */
function StepDialog(props: {
  title: string; submit: string; onClose: () => void; run: () => Promise<boolean | void>; children: (fe: FieldErrors) => ComponentChildren;
}) {
  return <FormDialog id="step-dialog" {...props} />;
}


function personName(c: Case): string {
  return `${c.person.given_names} ${c.person.family_name}`;
}

function serviceName(s: { name_lt?: string; name_en?: string; code?: string }): string {
  return localName(s) || s.code || '';
}

function amountText(s: { amount: number; unit: string; period: string }): string {
  return t('case.amount_fmt', { n: formatAmount(s.amount), unit: codeText('cat.unit_short.', s.unit), period: codeText('case.per.', s.period) });
}

// ---- the payment explanation ----

export function PaymentExplanation({ d, services }: { d: Decision; services: { service_id: number; name_lt?: string; name_en?: string; code?: string }[] }) {
  if (!d.payment_result) return null;
  const en = getLang() === 'en';
  return (
    <div class="payment" aria-labelledby={'pay-h-' + d.id} role="group">
      <h3 id={'pay-h-' + d.id}>{t('case.payment_title', { sum: formatMoney(d.payment_result.payment_cents) })}</h3>
      {d.payment_result.services.map((ps) => {
        const s = services.find((x) => x.service_id === ps.service_id);
        return (
          <div key={ps.service_id} class="payment-service">
            {s && <h4>{serviceName(s)}</h4>}
            <ol class="payment-lines">
              {ps.lines.map((l, i) => <li key={i}>{en ? l.en : l.lt}</li>)}
            </ol>
          </div>
        );
      })}
      <p class="muted small-text">{t('case.payment_frozen')}</p>
    </div>
  );
}

// ---- who does the work ----

interface CaseWorker { id: number; display_name: string; role: string; department_id: number }

/** The social workers and heads who can be given work in a department
 * (GET /api/v1/case-workers), in Lithuanian order; [] while loading. */
function useCaseWorkers(departmentId: number | null | undefined): CaseWorker[] {
  const [list, setList] = useState<CaseWorker[]>([]);
  useEffect(() => {
    if (!departmentId) { setList([]); return; }
    api<{ items: CaseWorker[] }>('/api/v1/case-workers?department_id=' + departmentId)
      .then((r) => setList(r.data.items)).catch(() => setList([]));
  }, [departmentId]);
  return list;
}

/** The choices for a worker field: the department's workers; "nobody" first when optional. */
function workerOptions(list: CaseWorker[], none?: string) {
  const opts = list.map((w) => ({ value: String(w.id), label: w.role === 'head' ? t('case.worker_head', { name: w.display_name }) : w.display_name }));
  return none ? [{ value: '', label: none }, ...opts] : opts;
}

/** The current user's id when they are among the choices, else ''. */
function selfIfListed(list: CaseWorker[]): string {
  const me = getState().session?.user_id;
  return me && list.some((w) => w.id === me) ? String(me) : '';
}

// ---- steps ----

function AssessDialog({ c, step, onClose }: { c: Case; step: Step; onClose: () => void }) {
  const [v, setV] = useState({ assessed_on: todayIso(), dependency_level: 'moderate', findings: '' });
  const workers = useCaseWorkers(c.department.id);
  const [assessor, setAssessor] = useState('');
  useEffect(() => { if (!assessor) setAssessor(selfIfListed(workers)); }, [workers]);
  return (
    <StepDialog title={t('case.assess')} submit={t('case.assess_save')} onClose={onClose}
      run={() => step('POST', `/api/v1/cases/${c.id}/assessments`, {
        assessed_on: v.assessed_on.trim(), dependency_level: v.dependency_level, findings: v.findings.trim(),
        ...(assessor ? { assessor_user_id: Number(assessor) } : {}),
      })}>
      {(fe) => (
        <>
          {workers.length > 0 && (
            <F name="assessor_user_id"><SelectField id="as-assessor" label={t('case.assessor')} value={assessor} onChange={setAssessor}
              options={workerOptions(workers, selfIfListed(workers) ? undefined : t('case.assessor_me'))} error={fe.assessor_user_id} /></F>
          )}
          <F name="assessed_on"><Field id="as-date" label={t('case.assessed_on')} value={v.assessed_on} onInput={(x) => setV({ ...v, assessed_on: x })} error={fe.assessed_on} hint={t('form.date_hint')} required /></F>
          <F name="dependency_level"><SelectField id="as-level" label={t('case.dependency_level')} value={v.dependency_level} onChange={(x) => setV({ ...v, dependency_level: x })} options={codeOptions('case.dep.', DEPENDENCY)} error={fe.dependency_level} required /></F>
          <F name="findings"><TextArea id="as-findings" label={t('case.findings')} value={v.findings} onInput={(x) => setV({ ...v, findings: x })} error={fe.findings} required /></F>
        </>
      )}
    </StepDialog>
  );
}

interface SvcRow { service_id: string; amount: string; period: string; visits: string; start_on: string; end_on: string }

function DecideDialog({ c, step, onClose, kinds }: { c: Case; step: Step; onClose: () => void; kinds: string[] }) {
  const [catalogue, setCatalogue] = useState<Service[]>([]);
  useEffect(() => { fetchServices(true).then(setCatalogue).catch(() => setCatalogue([])); }, []);
  const applied = c.applications[c.applications.length - 1]?.services || [];
  const fromDecision = c.decisions.find((d) => d.kind === 'assign')?.services;
  const initial: SvcRow[] = (fromDecision && fromDecision.length
    ? fromDecision.map((s) => ({ service_id: String(s.service_id), amount: formatAmount(s.amount), period: s.period, visits: s.visits_per_week ? String(s.visits_per_week) : '', start_on: s.start_on, end_on: s.end_on || '' }))
    : applied.map((s) => ({ service_id: String(s.service_id), amount: '', period: 'week', visits: '', start_on: todayIso(), end_on: '' })));
  const [kind, setKind] = useState(kinds[0]);
  const [v, setV] = useState({ number: '', decided_on: todayIso(), reason: '' });
  const [rows, setRows] = useState<SvcRow[]>(initial.length ? initial : [{ service_id: '', amount: '', period: 'week', visits: '', start_on: todayIso(), end_on: '' }]);
  const [income, setIncome] = useState({ given: false, m1: '', m2: '', m3: '', members: '1', assets: '', target: '' });
  const setRow = (i: number, patch: Partial<SvcRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  // Only an assigning decision carries services and income; a waiting list keeps the applied services.
  const withServices = kind === 'assign';

  async function run() {
    const body: Record<string, unknown> = { kind, decided_on: v.decided_on.trim() };
    if (v.number.trim()) body.number = v.number.trim();
    if (v.reason.trim()) body.reason = v.reason.trim();
    if (withServices) {
      body.services = rows.map((r) => {
        const o: Record<string, unknown> = { service_id: Number(r.service_id) || 0, amount: r.amount.trim().replace(',', '.'), period: r.period, start_on: r.start_on.trim() };
        if (r.visits.trim()) o.visits_per_week = /^\d+$/.test(r.visits.trim()) ? Number(r.visits.trim()) : r.visits;
        if (r.end_on.trim()) o.end_on = r.end_on.trim();
        return o;
      });
    }
    if (kind === 'assign' && income.given) {
      const cents = (s: string) => (s.trim() ? parseDecimal(s, 2, 100) ?? -1 : 0);
      body.income = {
        incomes: [cents(income.m1), cents(income.m2), cents(income.m3)],
        family_members: Number(income.members) || 0,
        asset_value_cents: cents(income.assets), target_compensation_cents: cents(income.target),
      };
    }
    return step('POST', `/api/v1/cases/${c.id}/decisions`, body);
  }

  const svcOptions = [{ value: '', label: t('case.choose_service') },
    ...catalogue.map((s) => ({ value: String(s.id), label: `${localName(s)} (${codeText('cat.unit.', s.unit)})` }))];
  return (
    <StepDialog title={t('case.decide')} submit={t('case.decide_save')} onClose={onClose} run={run}>
      {(fe) => (
        <>
          <F name="kind">
            <fieldset class="radios">
              <legend>{t('case.decision_kind')}</legend>
              {kinds.map((k) => (
                <label key={k} class="radio"><input type="radio" name="dec-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {codeText('case.dkind.', k)}</label>
              ))}
              {fe.kind && <div class="error-text">{fe.kind}</div>}
            </fieldset>
          </F>
          <div class="grid2">
            <F name="number"><Field id="dec-number" label={t('case.decision_number')} value={v.number} onInput={(x) => setV({ ...v, number: x })} error={fe.number} /></F>
            <F name="decided_on"><Field id="dec-date" label={t('case.decided_on')} value={v.decided_on} onInput={(x) => setV({ ...v, decided_on: x })} error={fe.decided_on} hint={t('form.date_hint')} required /></F>
          </div>
          {(kind === 'refuse' || fe.reason) && <F name="reason"><TextArea id="dec-reason" label={t('case.reason')} value={v.reason} onInput={(x) => setV({ ...v, reason: x })} error={fe.reason} required={kind === 'refuse'} /></F>}
          {withServices && (
            <fieldset class="svc-rows">
              <legend>{t('case.decided_services')}</legend>
              <F name="services">{fe.services && <p class="error-text">{fe.services}</p>}</F>
              {rows.map((r, i) => {
                const p = `services[${i}].`;
                return (
                  <div class="svc-row" key={i} role="group" aria-label={t('case.service_n', { n: i + 1 })}>
                    <F name={p + 'service_id'}><SelectField id={`dec-svc-${i}`} label={t('case.service')} value={r.service_id} onChange={(x) => setRow(i, { service_id: x })} options={svcOptions} error={fe[p + 'service_id']} required /></F>
                    <div class="grid2">
                      <F name={p + 'amount'}><Field id={`dec-amount-${i}`} label={t('case.amount')} value={r.amount} onInput={(x) => setRow(i, { amount: x })} error={fe[p + 'amount']} required hint={t('case.amount_hint')} /></F>
                      <F name={p + 'period'}><SelectField id={`dec-period-${i}`} label={t('case.period')} value={r.period} onChange={(x) => setRow(i, { period: x })} options={codeOptions('case.period.', DECISION_PERIODS)} error={fe[p + 'period']} required /></F>
                      <F name={p + 'visits_per_week'}><Field id={`dec-visits-${i}`} label={t('case.visits_per_week')} value={r.visits} onInput={(x) => setRow(i, { visits: x })} error={fe[p + 'visits_per_week']} inputMode="numeric" /></F>
                      <F name={p + 'start_on'}><Field id={`dec-start-${i}`} label={t('case.start_on')} value={r.start_on} onInput={(x) => setRow(i, { start_on: x })} error={fe[p + 'start_on']} required /></F>
                      <F name={p + 'end_on'}><Field id={`dec-end-${i}`} label={t('case.end_on')} value={r.end_on} onInput={(x) => setRow(i, { end_on: x })} error={fe[p + 'end_on']} /></F>
                    </div>
                    {rows.length > 1 && <button type="button" class="small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('case.remove_service_n', { n: i + 1 })}</button>}
                  </div>
                );
              })}
              <button type="button" class="small" onClick={() => setRows([...rows, { service_id: '', amount: '', period: 'week', visits: '', start_on: rows[0]?.start_on || todayIso(), end_on: '' }])}>{t('case.add_service')}</button>
            </fieldset>
          )}
          {kind === 'assign' && (
            <fieldset class="income">
              <legend>{t('case.income')}</legend>
              <F name="income">{fe.income && <p class="error-text" id="dec-income-error">{fe.income}</p>}</F>
              <CheckField id="dec-income-given" label={t('case.income_given')} checked={income.given} onChange={(x) => setIncome({ ...income, given: x })} hint={t('case.income_given_hint')} />
              {income.given && (
                <>
                  <F name="income.incomes">
                    <div class="grid3">
                      <Field id="inc-m1" label={t('case.income_month', { n: 1 })} value={income.m1} onInput={(x) => setIncome({ ...income, m1: x })} error={fe['income.incomes']} required />
                      <Field id="inc-m2" label={t('case.income_month', { n: 2 })} value={income.m2} onInput={(x) => setIncome({ ...income, m2: x })} required />
                      <Field id="inc-m3" label={t('case.income_month', { n: 3 })} value={income.m3} onInput={(x) => setIncome({ ...income, m3: x })} required />
                    </div>
                  </F>
                  <div class="grid3">
                    <F name="income.family_members"><Field id="inc-members" label={t('case.family_members')} value={income.members} onInput={(x) => setIncome({ ...income, members: x })} error={fe['income.family_members']} inputMode="numeric" /></F>
                    <F name="income.asset_value_cents"><Field id="inc-assets" label={t('case.assets')} value={income.assets} onInput={(x) => setIncome({ ...income, assets: x })} error={fe['income.asset_value_cents']} /></F>
                    <F name="income.target_compensation_cents"><Field id="inc-target" label={t('case.target_compensation')} value={income.target} onInput={(x) => setIncome({ ...income, target: x })} error={fe['income.target_compensation_cents']} /></F>
                  </div>
                </>
              )}
            </fieldset>
          )}
        </>
      )}
    </StepDialog>
  );
}

function ContractDialog({ c, step, onClose }: { c: Case; step: Step; onClose: () => void }) {
  const [v, setV] = useState({ number: '', signed_on: todayIso() });
  return (
    <StepDialog title={t('case.contract_sign')} submit={t('case.contract_save')} onClose={onClose}
      run={() => step('POST', `/api/v1/cases/${c.id}/contract`, { signed_on: v.signed_on.trim(), ...(v.number.trim() ? { number: v.number.trim() } : {}) })}>
      {(fe) => (
        <>
          <F name="number"><Field id="ct-number" label={t('case.contract_number')} value={v.number} onInput={(x) => setV({ ...v, number: x })} error={fe.number} /></F>
          <F name="signed_on"><Field id="ct-date" label={t('case.signed_on')} value={v.signed_on} onInput={(x) => setV({ ...v, signed_on: x })} error={fe.signed_on} hint={t('form.date_hint')} required /></F>
        </>
      )}
    </StepDialog>
  );
}

function EventDialog({ c, kind, step, onClose }: { c: Case; kind: string; step: Step; onClose: () => void }) {
  const [v, setV] = useState({ on_date: todayIso(), reason: '', next_review: '' });
  const needReason = kind === 'suspend' || kind === 'terminate';
  return (
    <StepDialog title={codeText('case.event.', kind)} submit={codeText('case.event.', kind)} onClose={onClose}
      run={() => step('POST', `/api/v1/cases/${c.id}/events`, {
        kind, on_date: v.on_date.trim(), ...(v.reason.trim() ? { reason: v.reason.trim() } : {}), ...(v.next_review.trim() ? { next_review: v.next_review.trim() } : {}),
      })}>
      {(fe) => (
        <>
          <F name="on_date"><Field id="ev-date" label={t('case.event_date')} value={v.on_date} onInput={(x) => setV({ ...v, on_date: x })} error={fe.on_date} hint={t('form.date_hint')} required /></F>
          <F name="reason"><TextArea id="ev-reason" label={t('case.reason')} value={v.reason} onInput={(x) => setV({ ...v, reason: x })} error={fe.reason} required={needReason} /></F>
          {kind === 'review' && <F name="next_review"><Field id="ev-next" label={t('case.next_review')} value={v.next_review} onInput={(x) => setV({ ...v, next_review: x })} error={fe.next_review} hint={t('form.date_hint')} /></F>}
          <F name="kind">{fe.kind && <p class="error-text">{fe.kind}</p>}</F>
        </>
      )}
    </StepDialog>
  );
}

// ---- plan, tasks, notes ----

function PlanDialog({ c, onClose, onSaved }: { c: Case; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState({ drawn_on: todayIso(), review_on: '', goals: '' });
  const [tasks, setTasks] = useState([{ title: '', goal: '1', due_on: '' }]);
  const goals = v.goals.split('\n').map((g) => g.trim()).filter(Boolean);
  const setTask = (i: number, patch: Partial<{ title: string; goal: string; due_on: string }>) => setTasks(tasks.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  async function run() {
    await api(`/api/v1/cases/${c.id}/plans`, {
      method: 'POST',
      body: {
        drawn_on: v.drawn_on.trim(), review_on: v.review_on.trim(), goals,
        tasks: tasks.filter((x) => x.title.trim()).map((x) => ({
          title: x.title.trim(), ...(x.goal && goals.length ? { goal_index: Number(x.goal) - 1 } : {}), ...(x.due_on.trim() ? { due_on: x.due_on.trim() } : {}),
        })),
      },
    });
    ok(t('case.plan_saved'));
    onSaved();
  }
  return (
    <StepDialog title={t('case.plan_new')} submit={t('case.plan_save')} onClose={onClose} run={run}>
      {(fe) => (
        <>
          <div class="grid2">
            <F name="drawn_on"><Field id="pl-drawn" label={t('case.plan_drawn_on')} value={v.drawn_on} onInput={(x) => setV({ ...v, drawn_on: x })} error={fe.drawn_on} hint={t('form.date_hint')} required /></F>
            <F name="review_on"><Field id="pl-review" label={t('case.plan_review_on')} value={v.review_on} onInput={(x) => setV({ ...v, review_on: x })} error={fe.review_on} hint={t('form.date_hint')} required /></F>
          </div>
          <F name="goals"><TextArea id="pl-goals" label={t('case.plan_goals')} value={v.goals} onInput={(x) => setV({ ...v, goals: x })} error={fe.goals} required /></F>
          <p class="hint">{t('case.plan_goals_hint')}</p>
          <fieldset>
            <legend>{t('case.plan_tasks')}</legend>
            {tasks.map((x, i) => (
              <div class="grid3" key={i} role="group" aria-label={t('case.task_n', { n: i + 1 })}>
                <F name={`tasks[${i}].title`}><Field id={`pl-task-${i}`} label={t('case.task_title')} value={x.title} onInput={(y) => setTask(i, { title: y })} error={fe[`tasks[${i}].title`] || fe[`tasks.${i}.title`]} /></F>
                <SelectField id={`pl-task-goal-${i}`} label={t('case.task_goal')} value={x.goal} onChange={(y) => setTask(i, { goal: y })}
                  options={[{ value: '', label: t('case.task_no_goal') }, ...goals.map((g, j) => ({ value: String(j + 1), label: `${j + 1}. ${g}` }))]} />
                <F name={`tasks[${i}].due_on`}><Field id={`pl-task-due-${i}`} label={t('case.task_due')} value={x.due_on} onInput={(y) => setTask(i, { due_on: y })} error={fe[`tasks[${i}].due_on`] || fe[`tasks.${i}.due_on`]} /></F>
              </div>
            ))}
            <button type="button" class="small" onClick={() => setTasks([...tasks, { title: '', goal: '', due_on: '' }])}>{t('case.task_add')}</button>
          </fieldset>
        </>
      )}
    </StepDialog>
  );
}

/** A small form on the page: field errors from the server, a general one shown at generalField, busy while sending. */
function useInlineSubmit(generalField: string) {
  const [fe, setFe] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: Event, send: () => Promise<void>) {
    e.preventDefault();
    setBusy(true);
    setFe({});
    try {
      await send();
    } catch (err) {
      const r = readError(err);
      setFe(r.general ? { [generalField]: r.general, ...r.fields } : r.fields);
    }
    setBusy(false);
  }
  return { fe, setFe, busy, submit };
}

/** Tasks with their due date and assignee; "Done" marks one done today (If-Match: the task's version). */
function TaskItems({ tasks, writable, onChanged }: { tasks: Task[]; writable: boolean; onChanged: () => void }) {
  async function done(task: Task) {
    try {
      await api(`/api/v1/tasks/${task.id}`, { method: 'PATCH', headers: { 'If-Match': `"v${task.version}"` }, body: { done_on: todayIso() } });
      ok(t('case.task_done_saved'));
    } catch (e) {
      setState({ flash: { kind: 'error', text: e instanceof ApiError && e.status === 412 ? t('case.task_conflict') : readError(e).general || t('err.invalid') } });
    }
    onChanged();
  }
  return (
    <ul class="plain">
      {tasks.map((x) => (
        <li key={x.id} class="with-action">
          <span>
            {x.title}
            <span class="muted small-text">
              {x.due_on && <> · {t('case.task_due_on', { date: x.due_on })}</>}
              {x.assignee_name && <> · {x.assignee_name}</>}
              {x.done_on && <> · {t('case.task_done_on', { date: x.done_on })}</>}
            </span>
          </span>
          {writable && !x.done_on && <button type="button" class="small" onClick={() => done(x)} aria-label={t('case.task_done_label', { title: x.title })}>{t('case.task_done')}</button>}
        </li>
      ))}
    </ul>
  );
}

function PlanPart({ c, writable }: { c: Case; writable: boolean }) {
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState(false);
  const load = () => api<{ items: Plan[] }>(`/api/v1/cases/${c.id}/plans`).then((r) => setPlans(r.data.items)).catch((e) => setError(readError(e).general));
  useEffect(() => { load(); }, [c.id]);
  const plan = plans?.find((p) => p.current) || plans?.[0];
  /** Marks a goal achieved today (If-Match: the plan's version; a 412 reloads the plan). */
  async function achieved(p: Plan, goalId: number) {
    try {
      await api(`/api/v1/plans/${p.id}`, { method: 'PATCH', headers: { 'If-Match': `"v${p.version}"` }, body: { goals: [{ id: goalId, achieved_on: todayIso() }] } });
      ok(t('case.goal_saved'));
    } catch (e) {
      setState({ flash: { kind: 'error', text: e instanceof ApiError && e.status === 412 ? t('case.plan_conflict') : readError(e).general || Object.values(readError(e).fields).join(' ') || t('err.invalid') } });
    }
    load();
  }

  return (
    <Part id="plan" title={t('case.plan')} actions={writable && <button type="button" class="small" onClick={() => setOpen(true)}>{plan ? t('case.plan_redraw') : t('case.plan_new')}</button>}>
      {error && <p class="error-box" role="alert">{error}</p>}
      {plans && !plan && <p class="muted">{t('case.plan_none')}</p>}
      {plan && (
        <>
          <p>{t('case.plan_dates', { drawn: plan.drawn_on, review: plan.review_on })}</p>
          <h3>{t('case.plan_goals')}</h3>
          <ol>
            {plan.goals.map((g) => (
              <li key={g.id}>
                {g.goal}{g.achieved_on && <span class="muted"> – {t('case.goal_achieved', { date: g.achieved_on })}</span>}
                {writable && plan.current && !g.achieved_on && <>{' '}<button type="button" class="small" onClick={() => achieved(plan, g.id)} aria-label={t('case.goal_achieved_label', { goal: g.goal })}>{t('case.goal_achieved_button')}</button></>}
              </li>
            ))}
          </ol>
          <h3>{t('case.plan_tasks')}</h3>
          {plan.tasks.length === 0 ? <p class="muted">{t('common.none')}</p> : <TaskItems tasks={plan.tasks} writable={writable} onChanged={load} />}
        </>
      )}
      {open && <PlanDialog c={c} onClose={() => setOpen(false)} onSaved={load} />}
    </Part>
  );
}

/** Tasks of the case outside its plan: open ones first, each with its due date; add one, mark one done. */
function TasksPart({ c, writable }: { c: Case; writable: boolean }) {
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [v, setV] = useState({ title: '', due_on: '', assignee: '' });
  const workers = useCaseWorkers(writable ? c.department.id : null);
  const { fe, busy, submit } = useInlineSubmit('title');
  const load = () => api<{ items: Task[] }>(`/api/v1/tasks?case_id=${c.id}&limit=50`)
    .then((r) => setTasks(r.data.items.filter((x) => x.plan_id == null))).catch(() => setTasks([]));
  useEffect(() => { load(); }, [c.id]);
  const add = (e: Event) => submit(e, async () => {
    await api('/api/v1/tasks', { method: 'POST', body: {
      case_id: c.id, title: v.title.trim(), ...(v.due_on.trim() ? { due_on: v.due_on.trim() } : {}),
      ...(v.assignee ? { assignee_user_id: Number(v.assignee) } : {}),
    } });
    setV({ title: '', due_on: '', assignee: '' });
    ok(t('case.task_saved'));
    load();
  });
  const sorted = (tasks || []).slice().sort((a, b) => Number(!!a.done_on) - Number(!!b.done_on) || (a.due_on || '9999').localeCompare(b.due_on || '9999'));
  return (
    <Part id="tasks" title={t('case.tasks')}>
      {tasks && tasks.length === 0 && <p class="muted">{t('common.none')}</p>}
      {sorted.length > 0 && <TaskItems tasks={sorted} writable={writable} onChanged={load} />}
      {writable && (
        <form class="admin-form" onSubmit={add} noValidate>
          <div class="grid2">
            <Field id="task-title" label={t('case.task_new')} value={v.title} onInput={(x) => setV({ ...v, title: x })} error={fe.title} required />
            <Field id="task-due" label={t('case.task_due')} value={v.due_on} onInput={(x) => setV({ ...v, due_on: x })} error={fe.due_on} hint={t('form.date_hint')} />
            {workers.length > 0 && (
              <SelectField id="task-assignee" label={t('case.task_assignee')} value={v.assignee} onChange={(x) => setV({ ...v, assignee: x })}
                options={workerOptions(workers, t('case.assignee_me'))} error={fe.assignee_user_id} />
            )}
          </div>
          <button type="submit" disabled={busy}>{busy ? t('common.saving') : t('case.task_add')}</button>
        </form>
      )}
    </Part>
  );
}

function NotesPart({ c, writable }: { c: Case; writable: boolean }) {
  const [notes, setNotes] = useState<CaseNote[] | null>(null);
  const [body, setBody] = useState('');
  const [special, setSpecial] = useState(false);
  const { fe, busy, submit } = useInlineSubmit('body');
  const load = () => api<{ items: CaseNote[] }>(`/api/v1/cases/${c.id}/notes?limit=50`).then((r) => setNotes(r.data.items)).catch(() => setNotes([]));
  useEffect(() => { load(); }, [c.id]);
  const add = (e: Event) => submit(e, async () => {
    await api(`/api/v1/cases/${c.id}/notes`, { method: 'POST', body: { body: body.trim(), special_category: special } });
    setBody('');
    setSpecial(false);
    ok(t('case.note_saved'));
    load();
  });
  return (
    <Part id="notes" title={t('case.notes')}>
      {notes && notes.length === 0 && <p class="muted">{t('common.none')}</p>}
      {notes && notes.length > 0 && (
        <ul class="plain notes">
          {notes.map((n) => (
            <li key={n.id}>
              <div class="muted small-text">{n.created_at.slice(0, 10)} · {n.author}{n.special_category && <> · <strong>{t('case.note_special')}</strong></>}</div>
              <div class="note-body">{n.body}</div>
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <form onSubmit={add} noValidate class="admin-form">
          <TextArea id="note-body" label={t('case.note_new')} value={body} onInput={setBody} error={fe.body} required />
          {can('note_special') && <CheckField id="note-special" label={t('case.note_special_label')} checked={special} onChange={setSpecial} hint={t('case.note_special_hint')} />}
          <button type="submit" disabled={busy}>{busy ? t('common.saving') : t('case.note_add')}</button>
        </form>
      )}
    </Part>
  );
}

function DocumentsPart({ c, writable, onUploaded }: { c: Case; writable: boolean; onUploaded: () => void }) {
  const [kind, setKind] = useState('application');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  async function upload(e: Event) {
    e.preventDefault();
    setError('');
    const f = fileRef.current?.files?.[0];
    if (!f) {
      setError(t('case.doc_choose'));
      return;
    }
    setBusy(true);
    try {
      await api(`/api/v1/cases/${c.id}/documents`, {
        method: 'POST', raw: f,
        headers: { 'Content-Type': f.type || 'application/octet-stream', 'X-Filename': encodeURIComponent(f.name), 'X-Document-Kind': kind },
      });
      if (fileRef.current) fileRef.current.value = '';
      ok(t('case.doc_uploaded'));
      onUploaded();
    } catch (err) {
      const r = readError(err);
      setError(Object.values(r.fields).join(' ') || r.general);
    }
    setBusy(false);
  }
  return (
    <Part id="documents" title={t('case.documents')}>
      {c.documents.length === 0 ? <p class="muted">{t('common.none')}</p> : (
        <ul class="plain">
          {c.documents.map((d) => (
            <li key={d.id}>
              <a href={`/api/v1/cases/${c.id}/documents/${d.id}`} download={d.filename}>{d.filename}</a>
              <span class="muted small-text"> · {codeText('case.doc.', d.kind)} · {Math.max(1, Math.round(d.size_bytes / 1024))} KB · {d.uploaded_at.slice(0, 10)}</span>
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <form onSubmit={upload} noValidate class="admin-form doc-upload">
          <SelectField id="doc-kind" label={t('case.doc_kind')} value={kind} onChange={setKind} options={codeOptions('case.doc.', DOC_KINDS)} />
          <div class={'field' + (error ? ' has-error' : '')}>
            <label for="doc-file">{t('case.doc_file')}</label>
            <input id="doc-file" type="file" ref={fileRef} accept=".pdf,.jpg,.jpeg,.png,.odt,.docx,.txt" aria-describedby={'doc-file-hint' + (error ? ' doc-file-error' : '')} aria-invalid={error ? 'true' : undefined} />
            <div class="hint" id="doc-file-hint">{t('case.doc_hint')}</div>
            {error && <div class="error-text" id="doc-file-error">{error}</div>}
          </div>
          <button type="submit" disabled={busy}>{busy ? t('common.saving') : t('case.doc_upload')}</button>
        </form>
      )}
    </Part>
  );
}

// ---- the person's incomes (the decision's payment uses the 3 months before it) ----

interface Income { month: string; amount_cents: number; source: string }

function IncomesPart({ personId, writable }: { personId: number; writable: boolean }) {
  const [rows, setRows] = useState<Income[] | null>(null);
  const [v, setV] = useState({ month: '', amount: '', source: '' });
  const { fe, setFe, busy, submit } = useInlineSubmit('source');
  const load = () => api<{ items: Income[] }>(`/api/v1/persons/${personId}/incomes`).then((r) => setRows(r.data.items)).catch(() => setRows([]));
  useEffect(() => { load(); }, [personId]);
  function add(e: Event) {
    const cents = parseDecimal(v.amount, 2, 100);
    if (cents === null) {
      e.preventDefault();
      setFe({ amount_cents: v.amount.trim() ? t('err.money') : t('err.required') });
      return;
    }
    submit(e, async () => {
      await api(`/api/v1/persons/${personId}/incomes`, { method: 'POST', body: { month: v.month.trim(), amount_cents: cents, source: v.source.trim() } });
      setV({ month: '', amount: '', source: '' });
      ok(t('case.income_saved'));
      load();
    });
  }
  return (
    <Part id="incomes" title={t('case.incomes')}>
      {rows && rows.length === 0 && <p class="muted">{t('common.none')}</p>}
      {rows && rows.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('case.incomes')}</caption>
            <thead><tr><th scope="col">{t('dl.month')}</th><th scope="col">{t('case.income_source')}</th><th scope="col">{t('case.income_amount')}</th></tr></thead>
            <tbody>{rows.map((r) => <tr key={r.month + r.source}><td>{r.month}</td><td>{r.source}</td><td>{formatMoney(r.amount_cents)}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      {writable && (
        <form class="admin-form" onSubmit={add} noValidate>
          <div class="grid3">
            <Field id="inc-month" label={t('dl.month')} value={v.month} onInput={(x) => setV({ ...v, month: x })} error={fe.month} hint={t('dl.month_hint')} required />
            <Field id="inc-amount" label={t('case.income_amount')} value={v.amount} onInput={(x) => setV({ ...v, amount: x })} error={fe.amount_cents} required />
            <Field id="inc-source" label={t('case.income_source')} value={v.source} onInput={(x) => setV({ ...v, source: x })} error={fe.source} required />
          </div>
          <button type="submit" disabled={busy}>{busy ? t('common.saving') : t('case.income_add')}</button>
        </form>
      )}
    </Part>
  );
}

// ---- the page ----

export function CasePageView({ id }: { id: number }) {
  const [c, setC] = useState<Case | null>(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ method: string; path: string; body: unknown } | null>(null);
  const version = useRef(0);
  const conflictRef = useRef<HTMLElement>(null);
  const deps = useDepartments();

  async function reload(): Promise<void> {
    const r = await api<Case>('/api/v1/cases/' + id);
    version.current = r.data.version;
    setC(r.data);
  }
  useEffect(() => { reload().catch((e) => setError(readError(e).general || t('error.network'))); }, [id]);
  useEffect(() => { if (conflict) conflictRef.current?.focus(); }, [conflict]);

  const step: Step = async (method, path, body) => {
    try {
      const r = await api<Case>(path, { method, body, headers: { 'If-Match': `"v${version.current}"` } });
      version.current = r.data.version;
      setC(r.data);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        await reload();
        setConflict({ method, path, body });
        return false;
      }
      throw e;
    }
    setConflict(null);
    ok(t('case.step_saved'));
    return true;
  };

  async function reapply() {
    if (!conflict) return;
    const x = conflict;
    try {
      await step(x.method, x.path, x.body);
    } catch (e) {
      setConflict(null);
      setState({ flash: { kind: 'error', text: readError(e).general || Object.values(readError(e).fields).join(' ') || t('err.invalid') } });
    }
  }

  if (error) {
    return (
      <section>
        <PageHeading title={t('case.title')}>{t('case.title')}</PageHeading>
        <p class="error-box" role="alert">{error}</p>
      </section>
    );
  }
  if (!c) return <p role="status">{t('common.loading')}</p>;
  const steps = c.allowed_steps;
  const writable = can('case_write');
  const decider = can('case_decide');
  const decideKinds = [
    ...(steps.includes('decide_assign') || steps.includes('amend') ? ['assign'] : []),
    ...(steps.includes('decide_wait') ? ['waiting_list'] : []),
    ...(steps.includes('decide_refuse') ? ['refuse'] : []),
  ];
  const contractDue = steps.includes('sign_contract') && c.decisions.some((d) => d.kind === 'assign' && !c.contracts.some((k) => k.decision_id === d.id));
  const events = EVENT_KINDS.filter((k) => steps.includes(k));
  const title = t('case.title_full', { id: c.id, name: personName(c) });
  const allServices = [...c.applications.flatMap((a) => a.services), ...c.decisions.flatMap((d) => d.services)];
  const dept = deps.find((d) => d.id === c.department.id);

  return (
    <article class="case-page">
      <div class="card-head">
        <PageHeading title={title}>{title}</PageHeading>
        <div class="case-status"><span class={'status status-' + c.status}>{codeText('case.status.', c.status)}</span></div>
      </div>
      <p class="case-facts">
        <Link href={'/persons/' + c.person.id}>{t('case.person_card', { name: personName(c) })}</Link>
        {' · '}{localName(dept || c.department)}
        {c.worker && <> · {t('case.worker', { name: c.worker.display_name })}</>}
        {' · '}{t('case.opened', { date: c.opened_on })}
        {c.closed_on && <> · {t('case.closed', { date: c.closed_on })}</>}
        {dueText(c) && <> · <strong>{dueText(c)}</strong></>}
        {c.plan_review_due && <> · {t('case.plan_review_due', { date: c.plan_review_due })}</>}
      </p>
      {conflict && (
        <section class="conflict" role="alert" aria-labelledby="conflict-h" tabIndex={-1} ref={conflictRef}>
          <h2 id="conflict-h">{t('conflict.title')}</h2>
          <p>{t('case.conflict_text')}</p>
          <div class="form-actions">
            <button type="button" class="primary" onClick={reapply}>{t('case.conflict_reapply')}</button>
            <button type="button" onClick={() => setConflict(null)}>{t('conflict.discard')}</button>
          </div>
        </section>
      )}
      {(writable || decider) && (
        <div class="toolbar case-actions" role="group" aria-label={t('case.actions')}>
          {writable && steps.includes('assess') && <button type="button" class="primary" onClick={() => setDialog('assess')}>{t('case.assess')}</button>}
          {decider && decideKinds.length > 0 && <button type="button" class="primary" onClick={() => setDialog('decide')}>{steps.includes('amend') ? t('case.amend') : t('case.decide')}</button>}
          {writable && contractDue && <button type="button" class="primary" onClick={() => setDialog('contract')}>{t('case.contract_sign')}</button>}
          {writable && events.map((k) => <button type="button" key={k} class={k === 'terminate' ? 'danger' : undefined} onClick={() => setDialog('event:' + k)}>{codeText('case.event.', k)}</button>)}
          {(c.status === 'active' || c.status === 'suspended' || c.status === 'terminated') && <Link href={`/cases/${c.id}/deliveries`} class="button">{t('case.deliveries')}</Link>}
          {can('billing_read') && c.contracts.length > 0 && <Link href={`/billing/persons/${c.person.id}`} class="button">{t('case.billing')}</Link>}
        </div>
      )}

      <div class="case-grid">
        <Part id="application" title={t('case.application')}>
          {c.applications.map((a) => (
            <div key={a.id}>
              <dl class="facts">
                <dt>{t('case.received_on')}</dt><dd>{a.received_on}</dd>
                <dt>{t('case.channel')}</dt><dd>{codeText('case.channel.', a.channel)}</dd>
                <dt>{t('case.applicant')}</dt>
                <dd>{a.applicant.self ? t('case.applicant_self') : [a.applicant.name || [a.applicant.given_names, a.applicant.family_name].filter(Boolean).join(' '), a.applicant.relation].filter(Boolean).join(', ')}</dd>
                <dt>{t('case.services_applied')}</dt>
                <dd>{a.services.length ? a.services.map(serviceName).join('; ') : '–'}</dd>
                {a.notes && <><dt>{t('case.app_notes')}</dt><dd class="note-body">{a.notes}</dd></>}
              </dl>
            </div>
          ))}
        </Part>

        <Part id="assessment" title={t('case.assessment')}>
          {c.assessments.length === 0 ? <p class="muted">{t('case.not_yet')}</p> : c.assessments.map((a) => (
            <dl class="facts" key={a.id}>
              <dt>{t('case.assessed_on')}</dt><dd>{a.assessed_on}{a.assessor_name && ` · ${a.assessor_name}`}</dd>
              <dt>{t('case.dependency_level')}</dt><dd>{codeText('case.dep.', a.dependency_level)}</dd>
              <dt>{t('case.findings')}</dt><dd class="note-body">{a.findings}</dd>
            </dl>
          ))}
        </Part>
      </div>

      <Part id="decision" title={t('case.decisions')}>
        {c.decisions.length === 0 ? <p class="muted">{t('case.not_yet')}</p> : c.decisions.map((d) => (
          <div key={d.id} class="decision">
            <h3>{codeText('case.dkind.', d.kind)} · {d.decided_on}{d.number && ` · ${t('case.no', { n: d.number })}`}</h3>
            {d.reason && <p>{t('case.reason')}: {d.reason}</p>}
            {d.services.length > 0 && (
              <div class="table-wrap">
                <table class="table">
                  <caption class="sr-only">{t('case.decided_services')}</caption>
                  <thead><tr><th scope="col">{t('case.service')}</th><th scope="col">{t('case.amount')}</th><th scope="col">{t('case.visits_per_week')}</th><th scope="col">{t('case.start_on')}</th><th scope="col">{t('case.end_on')}</th><th scope="col">{t('cat.price')}</th></tr></thead>
                  <tbody>
                    {d.services.map((s) => (
                      <tr key={s.id}>
                        <td>{serviceName(s)}</td><td>{amountText(s)}</td><td>{s.visits_per_week ?? ''}</td>
                        <td>{s.start_on}</td><td>{s.ended_on || s.end_on || ''}</td><td>{formatMoney(s.price_cents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <PaymentExplanation d={d} services={allServices} />
          </div>
        ))}
      </Part>

      <div class="case-grid">
        <Part id="contract" title={t('case.contracts')}>
          {c.contracts.length === 0 ? <p class="muted">{t('case.not_yet')}</p> : (
            <ul class="plain">
              {c.contracts.map((k) => (
                <li key={k.id}>{t('case.contract_line', { date: k.signed_on, number: k.number || '–' })}{k.payment_cents != null && <> · {t('case.contract_payment', { sum: formatMoney(k.payment_cents) })}</>}</li>
              ))}
            </ul>
          )}
        </Part>
        {c.waiting.length > 0 && (
          <Part id="waiting" title={t('case.waiting')}>
            <ul class="plain">
              {c.waiting.map((w) => <li key={w.service_id}>{serviceName(w)}: {t('case.waiting_position', { n: w.position, date: w.since })}</li>)}
            </ul>
          </Part>
        )}
      </div>

      {(c.status === 'active' || c.status === 'suspended' || c.decisions.some((d) => d.kind === 'assign')) && <PlanPart c={c} writable={writable && c.status !== 'terminated' && c.status !== 'refused'} />}
      <TasksPart c={c} writable={writable && c.status !== 'terminated' && c.status !== 'refused'} />
      <NotesPart c={c} writable={writable} />
      {c.status !== 'terminated' && c.status !== 'refused' && <IncomesPart personId={c.person.id} writable={writable} />}
      <DocumentsPart c={c} writable={writable} onUploaded={() => reload()} />

      <Part id="events" title={t('case.history')}>
        <ol class="events">
          {c.events.map((e) => (
            <li key={e.id}>
              <strong>{e.on_date}</strong> · {codeText('case.step.', e.kind)} → {codeText('case.status.', e.to_status)}
              {e.by_name && <span class="muted"> · {e.by_name}</span>}
              {e.reason && <div class="muted small-text">{t('case.reason')}: {e.reason}</div>}
            </li>
          ))}
        </ol>
      </Part>

      {dialog === 'assess' && <AssessDialog c={c} step={step} onClose={() => setDialog(null)} />}
      {dialog === 'decide' && <DecideDialog c={c} step={step} kinds={decideKinds} onClose={() => setDialog(null)} />}
      {dialog === 'contract' && <ContractDialog c={c} step={step} onClose={() => setDialog(null)} />}
      {dialog?.startsWith('event:') && <EventDialog c={c} kind={dialog.slice(6)} step={step} onClose={() => setDialog(null)} />}
    </article>
  );
}

// ---- a new application ----

export function NewCasePage() {
  const personId = Number(new URLSearchParams(location.search).get('person')) || 0;
  const session = getState().session;
  const deps = useDepartments();
  const [person, setPerson] = useState<{ given_names: string; family_name: string } | null>(null);
  const [catalogue, setCatalogue] = useState<Service[]>([]);
  const [v, setV] = useState({
    department_id: session?.department_id ? String(session.department_id) : '', received_on: todayIso(), channel: 'in_person',
    self: true, applicant_name: '', applicant_relation: '', notes: '',
  });
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const workers = useCaseWorkers(Number(v.department_id) || null);
  const [worker, setWorker] = useState('');
  useEffect(() => { setWorker(selfIfListed(workers)); }, [workers]);
  const [fe, setFe] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (personId) api<{ given_names: string; family_name: string }>('/api/v1/persons/' + personId).then((r) => setPerson(r.data)).catch(() => setPerson(null));
    fetchServices(true).then(setCatalogue).catch(() => setCatalogue([]));
  }, [personId]);
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  function toggle(id: number, on: boolean) {
    const n = new Set(chosen);
    if (on) n.add(id);
    else n.delete(id);
    setChosen(n);
  }
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFe({});
    setGeneral('');
    try {
      const body: Record<string, unknown> = {
        person_id: personId, department_id: Number(v.department_id) || 0, received_on: v.received_on.trim(), channel: v.channel,
        service_ids: [...chosen],
      };
      if (worker) body.worker_user_id = Number(worker);
      if (!v.self) {
        if (v.applicant_name.trim()) body.applicant_name = v.applicant_name.trim();
        if (v.applicant_relation.trim()) body.applicant_relation = v.applicant_relation.trim();
      }
      if (v.notes.trim()) body.notes = v.notes.trim();
      const r = await api<Case>('/api/v1/cases', { method: 'POST', body });
      ok(t('case.created'));
      navigate('/cases/' + r.data.id);
    } catch (err) {
      const r = readError(err);
      setFe(r.fields);
      setGeneral(r.general || (r.fields.person_id ? r.fields.person_id : ''));
      setBusy(false);
    }
  }
  const name = person ? `${person.given_names} ${person.family_name}` : '';
  return (
    <section>
      <PageHeading title={t('case.new_application')}>{name ? t('case.new_for', { name }) : t('case.new_application')}</PageHeading>
      {!personId && <p class="error-box" role="alert">{t('case.no_person')}</p>}
      <form class="admin-form case-form" onSubmit={submit} noValidate>
        <div class="grid2">
          <SelectField id="app-dept" label={t('cat.department')} value={v.department_id} onChange={(x) => set({ department_id: x })}
            options={[{ value: '', label: t('cat.no_department') }, ...deps.filter((d) => d.active).map((d) => ({ value: String(d.id), label: localName(d) }))]} error={fe.department_id} required />
          <Field id="app-received" label={t('case.received_on')} value={v.received_on} onInput={(x) => set({ received_on: x })} error={fe.received_on} hint={t('form.date_hint')} required />
          <SelectField id="app-channel" label={t('case.channel')} value={v.channel} onChange={(x) => set({ channel: x })} options={codeOptions('case.channel.', CHANNELS)} error={fe.channel} required />
          {workers.length > 0 && (
            <SelectField id="app-worker" label={t('case.worker_field')} value={worker} onChange={setWorker}
              options={workerOptions(workers, t('case.worker_none'))} error={fe.worker_user_id} />
          )}
        </div>
        <CheckField id="app-self" label={t('case.applicant_self_label')} checked={v.self} onChange={(x) => set({ self: x })} />
        {!v.self && (
          <div class="grid2">
            <Field id="app-applicant" label={t('case.applicant_name')} value={v.applicant_name} onInput={(x) => set({ applicant_name: x })} error={fe.applicant_name} />
            <Field id="app-relation" label={t('case.applicant_relation')} value={v.applicant_relation} onInput={(x) => set({ applicant_relation: x })} error={fe.applicant_relation} />
          </div>
        )}
        <fieldset class={'services-pick' + (fe.service_ids ? ' has-error' : '')} aria-describedby={fe.service_ids ? 'app-services-error' : undefined}>
          <legend>{t('case.services_applied')}</legend>
          {fe.service_ids && <p class="error-text" id="app-services-error">{fe.service_ids}</p>}
          {KINDS.map((k) => {
            const list = catalogue.filter((s) => s.kind === k);
            if (!list.length) return null;
            return (
              <div key={k} class="services-kind">
                <h3>{codeText('cat.kind.', k)}</h3>
                {list.map((s) => (
                  <CheckField key={s.id} id={'app-svc-' + s.id} label={localName(s)} checked={chosen.has(s.id)} onChange={(x) => toggle(s.id, x)} />
                ))}
              </div>
            );
          })}
        </fieldset>
        <TextArea id="app-notes" label={t('case.app_notes')} value={v.notes} onInput={(x) => set({ notes: x })} error={fe.notes} />
        {general && <p class="error-box" role="alert">{general}</p>}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || !personId}>{busy ? t('common.saving') : t('case.create')}</button>
          {personId > 0 && <Link href={'/persons/' + personId} class="button">{t('common.cancel')}</Link>}
        </div>
      </form>
    </section>
  );
}

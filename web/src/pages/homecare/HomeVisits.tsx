// Home visits: a department's week (visits per day, the workers' days,
// the problems to solve before planning), planning the week (a deferred
// request that may take up to its time limit: a progress bar, the rest of
// the UI stays usable), the week's plans, and one plan: its figures, every
// worker's ordered day with the printable day sheet, the unplaced visits
// with their reasons, announcing (If-Match; a 412 shows the conflict
// panel), re-planning a day when workers fall ill, and on an announced
// plan check-in / check-out / missed for each visit.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { can, getState, setState, useStore } from '../../lib/store';
import { navigate } from '../../lib/router';
import { formatDateTime, formatNumber, todayIso } from '../../lib/format';
import {
  addMinutes, addWeeks, isoWeekOf, PLAN_MAX_SECONDS, weekDates, weekdayOf, weekMonday,
  type HomeWeek, type PlanListItem, type PlanVisit, type VisitPlan, type WeekWorker,
} from '../../lib/homecare';
import { PageHeading } from '../../components/PageHeading';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { CheckField, codeText, readError, SelectField, TextArea } from '../../components/Form';
import { localName, t, type MessageKey } from '../../i18n';
import { FormDialog } from '../admin/Admin';
import { fetchAll, useDepartments } from '../../lib/org';

const ok = (text: string) => setState({ flash: { kind: 'ok', text } });
const fail = (e: unknown) => {
  const r = readError(e);
  setState({ flash: { kind: 'error', text: r.general || Object.values(r.fields).join(' ') || t('err.invalid') } });
};

const dayName = (date: string) => t(('hv.wd.' + weekdayOf(date)) as MessageKey);
const dayLabel = (date: string) => `${dayName(date)} ${date}`;
const workerName = (w: { given_names: string; family_name: string } | undefined) => (w ? `${w.given_names} ${w.family_name}` : '');
const hm = (min: number) => t('hv.hm', { h: Math.floor(min / 60), m: String(min % 60).padStart(2, '0') });

/** The week and department the page shows, from the address or the defaults. */
function initialChoice(): { week: string; dept: string } {
  const q = new URLSearchParams(location.search);
  const w = q.get('week') || '';
  const d = q.get('department_id') || '';
  const own = getState().session?.department_id;
  return { week: weekMonday(w) ? w : addWeeks(isoWeekOf(todayIso()), 1), dept: d || (own ? String(own) : '') };
}

/** Whether the user sees every department (the director) or only their own. */
const chooseDepartment = () => !getState().session?.department_id;

// ---- planning runs: kept outside the page, so leaving it does not lose one ----

interface Run { key: string; started: number; limit: number; error?: string }
let run: Run | null = null;
const runListeners = new Set<() => void>();
const runChanged = () => runListeners.forEach((l) => l());

function useRun(): Run | null {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    runListeners.add(l);
    const timer = setInterval(() => run && l(), 500);
    return () => { runListeners.delete(l); clearInterval(timer); };
  }, []);
  return run;
}

/** Starts planning; on success opens the plan (or tells where it is). */
function startPlan(week: string, dept: number, limit: number, onFields: (f: Record<string, string>) => void) {
  const key = `${week}/${dept}`;
  run = { key, started: Date.now(), limit };
  runChanged();
  api<VisitPlan>('/api/v1/visit-plans', { method: 'POST', body: { week, department_id: dept, time_limit_s: limit } })
    .then((r) => {
      run = null;
      runChanged();
      const href = `/home-visits/plans/${r.data.id}`;
      if (location.pathname === '/home-visits') navigate(href);
      ok(t('hv.plan_ready', { id: r.data.id, placed: r.data.stats.placed, visits: r.data.stats.visits }));
    })
    .catch((e) => {
      const x = readError(e);
      run = { key, started: 0, limit, error: x.general || Object.values(x.fields).join(' ') || t('err.invalid') };
      onFields(x.fields);
      runChanged();
    });
}

// ---- the week ----

export function HomeVisitsPage() {
  const first = initialChoice();
  const [weekText, setWeekText] = useState(first.week);
  const [week, setWeek] = useState(first.week);
  const [dept, setDept] = useState(first.dept);
  const [data, setData] = useState<HomeWeek | null>(null);
  const [plans, setPlans] = useState<PlanListItem[] | null>(null);
  const [error, setError] = useState('');
  const [weekError, setWeekError] = useState('');
  const [limit, setLimit] = useState('10');
  const [fe, setFe] = useState<Record<string, string>>({});
  const deps = useDepartments();
  const session = useStore((s) => s.session);
  const cur = useRun();
  const key = `${week}/${dept}`;
  const running = cur && cur.key === key && !cur.error ? cur : null;
  const runError = cur && cur.key === key && cur.error ? cur.error : '';

  // The director has no department of their own: home help first.
  useEffect(() => {
    if (dept || !deps.length) return;
    const d = deps.find((x) => x.code === 'home_help') || deps[0];
    setDept(String(d.id));
  }, [deps, dept]);

  function load() {
    if (chooseDepartment() && !dept) return;
    const q = `week=${encodeURIComponent(week)}${dept ? '&department_id=' + dept : ''}`;
    history.replaceState(null, '', `/home-visits?${q}`);
    setError('');
    api<HomeWeek>('/api/v1/home-visits?' + q)
      .then((r) => setData(r.data))
      .catch((e) => { setData(null); const x = readError(e); setError(x.general || Object.values(x.fields).join(' ')); });
    api<{ items: PlanListItem[] }>('/api/v1/visit-plans?' + q)
      .then((r) => setPlans(r.data.items))
      .catch(() => setPlans([]));
  }
  useEffect(load, [week, dept, cur?.key, !!cur]);

  function showWeek(e?: Event) {
    e?.preventDefault();
    const w = weekText.trim().toUpperCase();
    if (!weekMonday(w)) {
      setWeekError(t('hv.week_bad'));
      return;
    }
    setWeekError('');
    setWeek(w);
  }
  function step(n: number) {
    const w = addWeeks(week, n);
    setWeekText(w);
    setWeekError('');
    setWeek(w);
  }

  function plan(e: Event) {
    e.preventDefault();
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > PLAN_MAX_SECONDS) {
      setFe({ time_limit_s: t('hv.limit_bad', { max: PLAN_MAX_SECONDS }) });
      return;
    }
    setFe({});
    startPlan(week, Number(dept) || session?.department_id || 0, n, setFe);
  }

  const dates = weekDates(week);
  const title = t('hv.title');
  const deptName = localName(deps.find((d) => String(d.id) === dept) || {});
  const visits = (data?.visits || []).filter((v) => !v.skipped);
  const elapsed = running ? Math.min(running.limit, Math.floor((Date.now() - running.started) / 1000)) : 0;
  return (
    <section class="home-visits">
      <PageHeading title={title}>{title}</PageHeading>
      {!chooseDepartment() && deptName && <p class="hv-dept">{t('hv.department')}: <strong>{deptName}</strong></p>}
      <form class="toolbar" onSubmit={showWeek} noValidate aria-label={t('hv.choose')}>
        <Field id="hv-week" label={t('hv.week')} value={weekText} onInput={setWeekText} error={weekError} hint={t('hv.week_hint')} required />
        {chooseDepartment() && (
          <SelectField id="hv-dept" label={t('hv.department')} value={dept} onChange={setDept}
            options={deps.map((d) => ({ value: String(d.id), label: localName(d) }))} />
        )}
        <button type="submit">{t('hv.show')}</button>
        <button type="button" onClick={() => step(-1)}>{t('hv.prev_week')}</button>
        <button type="button" onClick={() => step(1)}>{t('hv.next_week')}</button>
      </form>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <h2>{t('hv.week_title', { week: data.week, from: data.monday, to: data.sunday })}</h2>
          <p>{t('hv.totals', { visits: visits.length, hours: hm(data.totals?.visit_minutes ?? visits.reduce((a, v) => a + v.duration_min, 0)), workers: hm(data.totals?.worker_minutes ?? 0) })}</p>
          <div class="table-wrap">
            <table class="table hv-days">
              <caption class="sr-only">{t('hv.per_day')}</caption>
              <thead>
                <tr><th scope="col">{t('hv.day')}</th><th scope="col">{t('hv.visits')}</th><th scope="col">{t('hv.visit_time')}</th><th scope="col">{t('hv.workers_working')}</th></tr>
              </thead>
              <tbody>
                {dates.map((d) => {
                  const vs = visits.filter((v) => v.date === d);
                  const ws = data.workers.filter((w) => w.days.some((x) => x.date === d));
                  return (
                    <tr key={d}>
                      <th scope="row">{dayLabel(d)}</th>
                      <td>{vs.length}</td>
                      <td>{hm(vs.reduce((a, v) => a + v.duration_min, 0))}</td>
                      <td>{ws.length}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <h2>{t('hv.problems')}</h2>
          {data.problems.length === 0 ? <p class="muted">{t('hv.no_problems')}</p> : (
            <ul class="hv-problems">
              {data.problems.map((p, i) => (
                <li key={i}>
                  <strong>{codeText('hv.problem.', p.kind)}</strong>{': '}
                  <Link href={`/cases/${p.case_id}`}>{`${p.person.given_names} ${p.person.family_name}`}</Link>
                  {p.date && ` (${dayLabel(p.date)})`}
                </li>
              ))}
            </ul>
          )}

          <WorkersWeek workers={data.workers} dates={dates} />
        </>
      )}

      <h2 id="hv-plans-h">{t('hv.plans')}</h2>
      {can('plan_write') && data && (
        <form class="toolbar" onSubmit={plan} noValidate aria-labelledby="hv-plan-submit">
          <Field id="hv-limit" label={t('hv.limit')} value={limit} onInput={setLimit} inputMode="numeric" error={fe.time_limit_s} hint={t('hv.limit_hint', { max: PLAN_MAX_SECONDS })} />
          <button type="submit" class="primary" id="hv-plan-submit" disabled={!!running || !!(cur && !cur.error)}>{t('hv.plan')}</button>
        </form>
      )}
      {running && (
        <div class="hv-progress">
          <p class="sr-only" role="status">{t('hv.planning_started', { limit: running.limit })}</p>
          <label for="hv-progress">{t('hv.planning', { s: elapsed, limit: running.limit })}</label>
          <progress id="hv-progress" max={running.limit} value={elapsed} />
          <p class="hint">{t('hv.planning_hint')}</p>
        </div>
      )}
      {runError && <p class="error-box" role="alert">{runError}</p>}
      {fe.week && <p class="error-box" role="alert">{fe.week}</p>}
      {plans === null ? <p role="status">{t('common.loading')}</p> : plans.length === 0 ? <p class="muted">{t('hv.no_plans')}</p> : (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('hv.plans')}</caption>
            <thead><tr><th scope="col">{t('hv.plan_col')}</th><th scope="col">{t('hv.state')}</th><th scope="col">{t('hv.created')}</th><th scope="col">{t('hv.announced')}</th></tr></thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><Link href={`/home-visits/plans/${p.id}`}>{t('hv.plan_no', { id: p.id })}</Link></th>
                  <td><span class={'status status-' + p.status}>{codeText('hv.status.', p.status)}</span></td>
                  <td>{formatDateTime(p.created_at)}</td>
                  <td>{formatDateTime(p.announced_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WorkersWeek({ workers, dates }: { workers: WeekWorker[]; dates: string[] }) {
  const working = workers.filter((w) => w.days.length || w.absent.length);
  return (
    <>
      <h2>{t('hv.workers')}</h2>
      {working.length === 0 ? <p class="muted">{t('hv.no_workers')}</p> : (
        <div class="table-wrap">
          <table class="table hv-workers">
            <caption class="sr-only">{t('hv.workers')}</caption>
            <thead>
              <tr><th scope="col">{t('hv.worker')}</th>{dates.map((d) => <th scope="col" key={d}>{dayName(d)}<span class="small-text"> {d.slice(5)}</span></th>)}</tr>
            </thead>
            <tbody>
              {working.map((w) => (
                <tr key={w.staff_id}>
                  <th scope="row">{workerName(w)}<div class="small-text">{w.skills.map((s) => codeText('skill.', s)).join(', ')}</div></th>
                  {dates.map((d) => {
                    const day = w.days.find((x) => x.date === d);
                    const away = w.absent.find((a) => a.date_from <= d && d <= a.date_to);
                    return <td key={d}>{day ? `${day.start}–${day.end}` : away ? codeText('hv.absence.', away.kind) : '–'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// ---- a plan ----

/** A step to send (again, after a conflict); done turns the answer into the message shown. */
type Pending = { path: string; body: unknown; kind: 'plan' | 'visit'; visitId?: number; done: (answer: any) => string };

export function VisitPlanPage({ id }: { id: number }) {
  const [plan, setPlan] = useState<VisitPlan | null>(null);
  const [week, setWeek] = useState<HomeWeek | null>(null);
  const [error, setError] = useState('');
  const [day, setDay] = useState('');
  const [dialog, setDialog] = useState<{ kind: 'replan' } | { kind: 'out' | 'missed'; v: PlanVisit } | null>(null);
  const [conflict, setConflict] = useState<Pending | null>(null);
  const [replanned, setReplanned] = useState('');
  const [busy, setBusy] = useState(false);
  const version = useRef(0);
  const conflictRef = useRef<HTMLElement>(null);
  const deps = useDepartments();
  const [catalogue, setCatalogue] = useState<{ code: string; name_lt: string; name_en: string }[]>([]);
  useEffect(() => { fetchAll<{ code: string; name_lt: string; name_en: string }>('/api/v1/services').then(setCatalogue).catch(() => setCatalogue([])); }, []);

  async function reload(): Promise<VisitPlan> {
    const r = await api<VisitPlan>('/api/v1/visit-plans/' + id);
    version.current = r.data.version;
    setPlan(r.data);
    return r.data;
  }
  useEffect(() => {
    reload()
      .then((p) => {
        const today = todayIso();
        setDay(p.visits.some((v) => v.visit_date === today) ? today : weekDates(p.week)[0]);
        return api<HomeWeek>(`/api/v1/home-visits?week=${p.week}&department_id=${p.department_id}`).then((r) => setWeek(r.data));
      })
      .catch((e) => setError(readError(e).general || t('error.network')));
  }, [id]);
  useEffect(() => { if (conflict) conflictRef.current?.focus(); }, [conflict]);

  /** Sends a step with If-Match (the plan's or the visit's version); a 412 reloads and shows the conflict panel. */
  async function send(x: Pending): Promise<boolean> {
    const ver = x.kind === 'plan' ? version.current : plan?.visits.find((v) => v.id === x.visitId)?.version ?? 0;
    let answer: unknown;
    try {
      answer = (await api(x.path, { method: 'POST', body: x.body, headers: { 'If-Match': `"v${ver}"` } })).data;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        await reload();
        setConflict(x);
        return false;
      }
      throw e;
    }
    setConflict(null);
    await reload();
    ok(x.done(answer));
    return true;
  }

  async function reapply() {
    if (!conflict) return;
    try {
      await send(conflict);
    } catch (e) {
      setConflict(null);
      fail(e);
    }
  }

  async function announce() {
    setBusy(true);
    try {
      await send({ path: `/api/v1/visit-plans/${id}/announce`, body: {}, kind: 'plan', done: () => t('hv.announced_ok') });
    } catch (e) {
      fail(e);
    }
    setBusy(false);
  }

  /** What a re-plan kept, shown on the page until the next one. */
  function replanText(answer: VisitPlan): string {
    const rp = answer.replan;
    const text = rp ? t('hv.replanned', { kept: rp.kept, announced: rp.announced, placed: rp.placed, unplaced: rp.unplaced }) : t('hv.replanned_short');
    setReplanned(text);
    return text;
  }

  async function checkIn(v: PlanVisit) {
    try {
      await send({ path: `/api/v1/planned-visits/${v.id}/check-in`, body: {}, kind: 'visit', visitId: v.id,
        done: () => t('hv.checked_in', { name: `${v.given_names} ${v.family_name}` }) });
    } catch (e) {
      fail(e);
    }
  }

  if (error) {
    return (
      <section>
        <PageHeading title={t('hv.plan_title')}>{t('hv.plan_title')}</PageHeading>
        <p class="error-box" role="alert">{error}</p>
      </section>
    );
  }
  if (!plan) return <p role="status">{t('common.loading')}</p>;

  const s = plan.stats;
  const workers = new Map((week?.workers || []).map((w) => [w.staff_id, w]));
  const names = new Map(catalogue.map((c) => [c.code, localName(c)]));
  const serviceOf = (v: PlanVisit) => {
    const code = week?.visits.find((x) => x.pattern_id === v.pattern_id)?.service_code || '';
    return names.get(code) || code || '–';
  };
  const dates = weekDates(plan.week);
  const planner = can('plan_write');
  const worker = can('case_write') && plan.status === 'announced';
  const today = todayIso(); // a check-in is recorded on the day of the visit only
  const dayVisits = plan.visits.filter((v) => v.visit_date === day && v.staff_id);
  const staffOfDay = [...new Set(dayVisits.map((v) => v.staff_id as number))]
    .sort((a, b) => workerName(workers.get(a)).localeCompare(workerName(workers.get(b)), 'lt'));
  const unplaced = plan.visits.filter((v) => !v.staff_id);
  const title = t('hv.plan_full', { id: plan.id, week: plan.week });
  const dept = deps.find((d) => d.id === plan.department_id);
  const continuity = s.with_preference ? Math.round((100 * s.to_preferred) / s.with_preference) : null;
  const unplacedCount = Object.values(s.unplaced || {}).reduce((a, b) => a + b, 0);

  return (
    <article class="visit-plan">
      <div class="card-head">
        <PageHeading title={title}>{title}</PageHeading>
        <span class={'status status-' + plan.status}>{codeText('hv.status.', plan.status)}</span>
      </div>
      <p>
        <Link href={`/home-visits?week=${plan.week}&department_id=${plan.department_id}`}>{t('hv.back_week', { week: plan.week })}</Link>
        {dept && <> · {localName(dept)}</>}
        {' · '}{t('hv.created_at', { at: formatDateTime(plan.created_at) })}
        {plan.announced_at && <> · {t('hv.announced_at', { at: formatDateTime(plan.announced_at) })}</>}
      </p>
      {conflict && (
        <section class="conflict" role="alert" aria-labelledby="conflict-h" tabIndex={-1} ref={conflictRef}>
          <h2 id="conflict-h">{t('conflict.title')}</h2>
          <p>{t('hv.conflict_text')}</p>
          <div class="form-actions">
            <button type="button" class="primary" onClick={reapply}>{t('case.conflict_reapply')}</button>
            <button type="button" onClick={() => setConflict(null)}>{t('conflict.discard')}</button>
          </div>
        </section>
      )}
      {planner && (
        <div class="toolbar" role="group" aria-label={t('hv.plan_actions')}>
          {plan.status === 'draft' && <button type="button" class="primary" disabled={busy} onClick={announce}>{busy ? t('common.saving') : t('hv.announce')}</button>}
          {plan.status === 'announced' && <button type="button" onClick={() => setDialog({ kind: 'replan' })}>{t('hv.replan')}</button>}
        </div>
      )}
      {replanned && <p class="flash ok" role="status">{replanned}</p>}

      <h2>{t('hv.figures')}</h2>
      <dl class="facts hv-figures">
        <dt>{t('hv.f.visits')}</dt><dd>{s.visits}</dd>
        <dt>{t('hv.f.placed')}</dt><dd>{s.placed}</dd>
        <dt>{t('hv.f.unplaced')}</dt><dd>{unplacedCount}</dd>
        <dt>{t('hv.f.travel')}</dt><dd>{hm(s.travel_min)} ({codeText('hv.travel.', s.travel_source)})</dd>
        <dt>{t('hv.f.continuity')}</dt><dd>{continuity === null ? '–' : t('hv.continuity', { n: s.to_preferred, of: s.with_preference, pct: continuity })}</dd>
        <dt>{t('hv.f.overtime')}</dt><dd>{hm(s.overtime_min)}</dd>
        <dt>{t('hv.f.solve')}</dt><dd>{t('hv.seconds', { s: formatNumber(Math.round(s.solve_ms / 100) / 10) })}</dd>
      </dl>
      {s.travel_note && <p class="hint">{s.travel_note}</p>}

      <h2 id="hv-day-h">{t('hv.day_plan')}</h2>
      <div class="hv-day-pick" role="group" aria-labelledby="hv-day-h">
        {dates.map((d) => {
          const n = plan.visits.filter((v) => v.visit_date === d && v.staff_id).length;
          return (
            <button type="button" key={d} aria-pressed={d === day ? 'true' : 'false'} class={d === day ? 'primary' : undefined} onClick={() => setDay(d)}>
              {dayLabel(d)} <span class="small-text">({t('hv.n_visits', { n })})</span>
            </button>
          );
        })}
      </div>
      {staffOfDay.length === 0 && <p class="muted">{t('hv.day_empty')}</p>}
      {staffOfDay.map((sid) => {
        const w = workers.get(sid);
        const vs = dayVisits.filter((v) => v.staff_id === sid).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
        const name = workerName(w) || t('hv.worker_no', { id: sid });
        return (
          <section key={sid} class="hv-worker-day" aria-labelledby={`hv-w-${sid}`}>
            <div class="card-head">
              <h3 id={`hv-w-${sid}`}>{name}</h3>
              {plan.status === 'announced' && (
                <a href={`/api/v1/staff/${sid}/day-sheet?date=${day}&format=html`} target="_blank" rel="noopener">
                  {t('hv.day_sheet', { name })}<span class="sr-only"> {t('hv.new_tab')}</span>
                </a>
              )}
            </div>
            <div class="table-wrap">
              <table class="table">
                <caption class="sr-only">{t('hv.day_of', { name, date: dayLabel(day) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th><th scope="col">{t('hv.time')}</th><th scope="col">{t('hv.person')}</th>
                    <th scope="col">{t('hv.service')}</th><th scope="col">{t('hv.window')}</th><th scope="col">{t('hv.state')}</th>
                    {worker && <th scope="col"><span class="sr-only">{t('admin.actions')}</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {vs.map((v) => {
                    const pn = `${v.given_names} ${v.family_name}`;
                    return (
                      <tr key={v.id}>
                        <td>{v.seq}</td>
                        <td>{v.start}–{v.start ? addMinutes(v.start, v.duration_min) : ''}</td>
                        <th scope="row"><Link href={`/cases/${v.case_id}`}>{pn}</Link></th>
                        <td>{serviceOf(v)}</td>
                        <td>{v.window_start}–{v.window_end}</td>
                        <td>
                          {codeText('hv.vstatus.', v.status)}
                          {v.check_in_at && <div class="small-text">{t('hv.in_at', { at: formatDateTime(v.check_in_at) })}</div>}
                          {v.check_out_at && <div class="small-text">{t('hv.out_at', { at: formatDateTime(v.check_out_at) })}</div>}
                        </td>
                        {worker && (
                          <td>
                            <div class="actions form-actions">
                              {v.status === 'planned' && day === today && <button type="button" class="small" onClick={() => checkIn(v)} aria-label={t('hv.check_in_n', { name: pn })}>{t('hv.check_in')}</button>}
                              {v.status === 'checked_in' && <button type="button" class="small" onClick={() => setDialog({ kind: 'out', v })} aria-label={t('hv.check_out_n', { name: pn })}>{t('hv.check_out')}</button>}
                              {(v.status === 'planned' || v.status === 'checked_in') && <button type="button" class="small" onClick={() => setDialog({ kind: 'missed', v })} aria-label={t('hv.missed_n', { name: pn })}>{t('hv.missed')}</button>}
                            </div>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}

      <h2>{t('hv.unplaced')}</h2>
      {unplaced.length === 0 ? <p class="muted">{t('hv.all_placed')}</p> : (
        <div class="table-wrap">
          <table class="table hv-unplaced">
            <caption class="sr-only">{t('hv.unplaced')}</caption>
            <thead><tr><th scope="col">{t('hv.day')}</th><th scope="col">{t('hv.person')}</th><th scope="col">{t('hv.window')}</th><th scope="col">{t('hv.duration')}</th><th scope="col">{t('hv.reason')}</th></tr></thead>
            <tbody>
              {unplaced.map((v) => (
                <tr key={v.id}>
                  <td>{dayLabel(v.visit_date)}</td>
                  <th scope="row"><Link href={`/cases/${v.case_id}`}>{`${v.given_names} ${v.family_name}`}</Link></th>
                  <td>{v.window_start}–{v.window_end}</td>
                  <td>{hm(v.duration_min)}</td>
                  <td>{codeText('hv.reason.', v.unplaced_reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog?.kind === 'replan' && (
        <ReplanDialog plan={plan} workers={workers} dates={dates} initialDay={day} onClose={() => setDialog(null)}
          send={(body) => send({ path: `/api/v1/visit-plans/${id}/replan`, body, kind: 'plan', done: replanText })} />
      )}
      {dialog && dialog.kind === 'out' && (
        <CheckOutDialog v={dialog.v} onClose={() => setDialog(null)}
          send={(body) => send({ path: `/api/v1/planned-visits/${dialog.v.id}/check-out`, body, kind: 'visit', visitId: dialog.v.id,
            done: () => t('hv.checked_out', { name: `${dialog.v.given_names} ${dialog.v.family_name}` }) })} />
      )}
      {dialog && dialog.kind === 'missed' && (
        <MissedDialog v={dialog.v} onClose={() => setDialog(null)}
          send={(body) => send({ path: `/api/v1/planned-visits/${dialog.v.id}/missed`, body, kind: 'visit', visitId: dialog.v.id,
            done: () => t('hv.missed_ok', { name: `${dialog.v.given_names} ${dialog.v.family_name}` }) })} />
      )}
    </article>
  );
}

function ReplanDialog({ plan, workers, dates, initialDay, onClose, send }: {
  plan: VisitPlan; workers: Map<number, WeekWorker>; dates: string[]; initialDay: string; onClose: () => void;
  send: (body: unknown) => Promise<boolean>;
}) {
  const [date, setDate] = useState(initialDay || dates[0]);
  const [absent, setAbsent] = useState<number[]>([]);
  const [limit, setLimit] = useState('5');
  const ids = [...new Set(plan.visits.filter((v) => v.visit_date === date && v.staff_id).map((v) => v.staff_id as number))];
  return (
    <FormDialog title={t('hv.replan_title')} submit={t('hv.replan_go')} onClose={onClose}
      save={async () => { await send({ date, absent_staff_ids: absent, time_limit_s: Number(limit) || 0 }); }}>
      {(fe) => (
        <>
          <SelectField id="rp-date" label={t('hv.replan_date')} value={date} onChange={(d) => { setDate(d); setAbsent([]); }} error={fe.date}
            options={dates.map((d) => ({ value: d, label: dayLabel(d) }))} required />
          <fieldset class={'field' + (fe.absent_staff_ids ? ' has-error' : '')} aria-describedby={fe.absent_staff_ids ? 'rp-absent-error' : undefined}>
            <legend>{t('hv.replan_absent')}</legend>
            {ids.length === 0 && <p class="muted">{t('hv.day_empty')}</p>}
            {ids.map((sid) => (
              <CheckField key={sid} id={`rp-absent-${sid}`} label={workerName(workers.get(sid)) || t('hv.worker_no', { id: sid })}
                checked={absent.includes(sid)} onChange={(c) => setAbsent((a) => (c ? [...a, sid] : a.filter((x) => x !== sid)))} />
            ))}
            {fe.absent_staff_ids && <div class="error-text" id="rp-absent-error">{fe.absent_staff_ids}</div>}
          </fieldset>
          <Field id="rp-limit" label={t('hv.limit')} value={limit} onInput={setLimit} inputMode="numeric" error={fe.time_limit_s} hint={t('hv.limit_hint', { max: PLAN_MAX_SECONDS })} />
        </>
      )}
    </FormDialog>
  );
}

function CheckOutDialog({ v, onClose, send }: { v: PlanVisit; onClose: () => void; send: (body: unknown) => Promise<boolean> }) {
  const [units, setUnits] = useState('');
  const [note, setNote] = useState('');
  return (
    <FormDialog title={t('hv.check_out_title', { name: `${v.given_names} ${v.family_name}` })} submit={t('hv.check_out')} onClose={onClose}
      save={async () => {
        const body: Record<string, string> = {};
        if (units.trim()) body.units = units.trim().replace(',', '.');
        if (note.trim()) body.note = note.trim();
        await send(body);
      }}>
      {(fe) => (
        <>
          <Field id="co-units" label={t('hv.units')} value={units} onInput={setUnits} inputMode="decimal" error={fe.units} hint={t('hv.units_hint')} />
          <TextArea id="co-note" label={t('hv.note')} value={note} onInput={setNote} error={fe.note} />
          {fe.at && <p class="error-text">{fe.at}</p>}
        </>
      )}
    </FormDialog>
  );
}

function MissedDialog({ v, onClose, send }: { v: PlanVisit; onClose: () => void; send: (body: unknown) => Promise<boolean> }) {
  const [note, setNote] = useState('');
  return (
    <FormDialog title={t('hv.missed_title', { name: `${v.given_names} ${v.family_name}` })} submit={t('hv.missed')} onClose={onClose}
      save={async () => { await send({ note: note.trim() }); }}>
      {(fe) => <TextArea id="ms-note" label={t('hv.missed_note')} value={note} onInput={setNote} error={fe.note} required />}
    </FormDialog>
  );
}

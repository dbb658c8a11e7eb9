// The child-welfare section: the coordinator's worklist (follow-ups due,
// measures ending), the meetings of the Commission and inter-institutional
// meetings, and a meeting's page with participants, agenda questions
// (proposal and decision, If-Match; a 412 shows the conflict panel) and
// follow-ups. Write actions only for cw_write; a partner sees what the API
// shares with it (hidden persons and details show as "not shared").
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../lib/api';
import { can } from '../../lib/store';
import { navigate } from '../../lib/router';
import { todayIso } from '../../lib/format';
import {
  childName, MEETING_KINDS, QUESTION_SUBJECTS,
  type FollowUpDue, type MeasureListItem, type Meeting, type MeetingListItem, type Question,
} from '../../lib/childwelfare';
import type { PersonSummary } from '../../lib/types';
import { PageHeading } from '../../components/PageHeading';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { CheckField, codeOptions, codeText, readError, SelectField, TextArea } from '../../components/Form';
import { t } from '../../i18n';
import {
  ChildPicker, ConflictPanel, F, FamilyPicker, FormDialog, ifMatch, institutionName, institutionOptions, ok, query, useInstitutions, YearSelect,
} from './common';

/** Links between the section's screens. */
export function CwNav() {
  return (
    <nav class="toolbar" aria-label={t('cw.section_nav')}>
      <Link href="/child-welfare">{t('cw.worklist')}</Link>
      <Link href="/child-welfare/meetings">{t('cw.meetings')}</Link>
      <Link href="/child-welfare/orders">{t('cw.orders')}</Link>
      {can('report_read') && <Link href="/child-welfare/reports">{t('cw.reports')}</Link>}
    </nav>
  );
}

function dueBadge(due: string, today: string) {
  const days = Math.round((Date.parse(due) - Date.parse(today)) / 864e5);
  if (days < 0) return <span class="badge bad">{t('wl.overdue', { n: -days })}</span>;
  return <span class="badge">{days === 0 ? t('wl.today') : t('wl.in_days', { n: days })}</span>;
}

export function ChildWelfareHome() {
  const [fus, setFus] = useState<FollowUpDue[] | null>(null);
  const [ms, setMs] = useState<MeasureListItem[] | null>(null);
  const [error, setError] = useState('');
  const insts = useInstitutions();
  const today = todayIso();
  useEffect(() => {
    api<{ items: FollowUpDue[] }>('/api/v1/meetings/follow-ups?days=30').then((r) => setFus(r.data.items)).catch((e) => setError(readError(e).general));
    api<{ items: MeasureListItem[] }>('/api/v1/measures/expiring?days=60').then((r) => setMs(r.data.items)).catch((e) => setError(readError(e).general));
  }, []);
  const title = t('cw.title');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      {error && <p class="error-box" role="alert">{error}</p>}
      <section aria-labelledby="cw-fu-h" class="worklist">
        <h2 id="cw-fu-h">{t('cw.followups_due')}</h2>
        {!fus && !error && <p role="status">{t('common.loading')}</p>}
        {fus && fus.length === 0 && <p class="muted">{t('cw.followups_none')}</p>}
        {fus && fus.length > 0 && (
          <ul class="plain wl-list">
            {fus.map((f) => (
              <li key={f.id} class={f.due_date < today ? 'wl-item overdue' : 'wl-item'}>
                {dueBadge(f.due_date, today)}
                <span class="wl-what">
                  <Link href={`/child-welfare/meetings/${f.meeting_id}#fu-${f.id}`}>{f.task}</Link>
                  <div class="muted small-text">{f.institution_name || f.name || institutionName(insts, f.institution_id)} · {t('cw.meeting_of', { date: f.meeting_date })}</div>
                </span>
                <span class="wl-due">{t('wl.due', { date: f.due_date })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cw-ms-h" class="worklist">
        <h2 id="cw-ms-h">{t('cw.measures_expiring')}</h2>
        {!ms && !error && <p role="status">{t('common.loading')}</p>}
        {ms && ms.length === 0 && <p class="muted">{t('cw.measures_none')}</p>}
        {ms && ms.length > 0 && (
          <ul class="plain wl-list">
            {ms.map((m) => (
              <li key={m.id} class="wl-item">
                {dueBadge(m.date_to, today)}
                <span class="wl-what">
                  <Link href={`/child-welfare/measures/${m.id}`}>{codeText('cw.mtype.', m.type_code)} – {childName(m.child, t('cw.not_shared'))}</Link>
                  <div class="muted small-text">{t('cw.order_no', { number: m.number })}</div>
                </span>
                <span class="wl-due">{t('cw.ends', { date: m.date_to })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

// ---- meetings ----

interface PRow { institution_id: string; name: string; present: boolean }

function NewMeetingDialog({ onClose }: { onClose: () => void }) {
  const insts = useInstitutions();
  const [kind, setKind] = useState('commission');
  const [date, setDate] = useState(todayIso());
  const [place, setPlace] = useState('');
  const [topic, setTopic] = useState('');
  const [rows, setRows] = useState<PRow[]>([{ institution_id: '', name: '', present: true }]);
  const set = (i: number, patch: Partial<PRow>) => setRows(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  async function run() {
    const participants = rows.filter((r) => r.name.trim() || r.institution_id)
      .map((r) => ({ institution_id: r.institution_id ? Number(r.institution_id) : null, name: r.name, present: r.present }));
    const r = await api<Meeting>('/api/v1/meetings', {
      method: 'POST', body: { kind, meeting_date: date, place: place || undefined, topic: topic || undefined, participants },
    });
    ok(t('cw.meeting_created'));
    navigate('/child-welfare/meetings/' + r.data.id);
  }
  return (
    <FormDialog id="meeting-dialog" title={t('cw.meeting_new')} submit={t('cw.meeting_create')} onClose={onClose} run={run}>
      {(fe) => (
        <>
          <SelectField id="mt-kind" label={t('cw.kind')} value={kind} onChange={setKind} options={codeOptions('cw.kind.', MEETING_KINDS)} error={fe.kind} required />
          <F name="meeting_date"><Field id="mt-date" label={t('cw.meeting_date')} value={date} onInput={setDate} hint={t('cw.date_hint')} error={fe.meeting_date} required /></F>
          <F name="place"><Field id="mt-place" label={t('cw.place')} value={place} onInput={setPlace} error={fe.place} /></F>
          <F name="topic"><Field id="mt-topic" label={t('cw.topic')} value={topic} onInput={setTopic} error={fe.topic} /></F>
          <fieldset>
            <legend>{t('cw.participants')}</legend>
            {rows.map((r, i) => (
              <div key={i} class="filters" role="group" aria-label={t('cw.participant_n', { n: i + 1 })}>
                <F name={`participants[${i}].institution_id`}>
                  <SelectField id={`mt-p${i}-inst`} label={t('cw.institution')} value={r.institution_id} onChange={(v) => set(i, { institution_id: v })}
                    options={institutionOptions(insts, t('cw.choose'))} error={fe[`participants[${i}].institution_id`]} />
                </F>
                <F name={`participants[${i}].name`}>
                  <Field id={`mt-p${i}-name`} label={t('cw.participant_name')} value={r.name} onInput={(v) => set(i, { name: v })} error={fe[`participants[${i}].name`]} />
                </F>
                <CheckField id={`mt-p${i}-present`} label={t('cw.present')} checked={r.present} onChange={(v) => set(i, { present: v })} />
              </div>
            ))}
            <button type="button" onClick={() => setRows([...rows, { institution_id: '', name: '', present: true }])}>{t('cw.participant_add')}</button>
          </fieldset>
        </>
      )}
    </FormDialog>
  );
}

export function MeetingListPage() {
  const q = query();
  const [kind, setKind] = useState(q.get('kind') || '');
  const [year, setYear] = useState(q.get('year') || String(new Date().getFullYear()));
  const [items, setItems] = useState<MeetingListItem[] | null>(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(false);
  useEffect(() => {
    const p = new URLSearchParams({ year, ...(kind ? { kind } : {}) });
    history.replaceState(null, '', '/child-welfare/meetings?' + p);
    setItems(null);
    api<{ items: MeetingListItem[] }>('/api/v1/meetings?' + p).then((r) => setItems(r.data.items)).catch((e) => setError(readError(e).general));
  }, [kind, year]);
  const title = t('cw.meetings');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      <div class="toolbar">
        <SelectField id="ml-kind" label={t('cw.kind')} value={kind} onChange={setKind} options={codeOptions('cw.kind.', MEETING_KINDS, t('cw.all'))} />
        <YearSelect id="ml-year" value={year} onChange={setYear} />
        {can('cw_write') && <button type="button" class="primary" onClick={() => setDialog(true)}>{t('cw.meeting_new')}</button>}
      </div>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!items && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p class="muted">{t('common.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('cw.meetings_caption', { year })}</caption>
            <thead><tr><th scope="col">{t('cw.meeting_date')}</th><th scope="col">{t('cw.kind')}</th><th scope="col">{t('cw.place')}</th><th scope="col">{t('cw.topic')}</th><th scope="col">{t('cw.questions_n')}</th></tr></thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td><Link href={'/child-welfare/meetings/' + m.id}>{m.meeting_date}</Link></td>
                  <td>{codeText('cw.kind.', m.kind)}</td>
                  <td>{m.place}</td>
                  <td>{m.topic}</td>
                  <td>{m.questions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog && <NewMeetingDialog onClose={() => setDialog(false)} />}
    </section>
  );
}

function QuestionDialog({ meetingId, onClose, onDone }: { meetingId: number; onClose: () => void; onDone: () => Promise<void> }) {
  const insts = useInstitutions();
  const [subject, setSubject] = useState('child');
  const [child, setChild] = useState<PersonSummary | null>(null);
  const [household, setHousehold] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [raisedBy, setRaisedBy] = useState('');
  const [raisedName, setRaisedName] = useState('');
  async function run() {
    await api(`/api/v1/meetings/${meetingId}/questions`, {
      method: 'POST',
      body: {
        subject, title, description: description || undefined,
        child_id: subject === 'child' && child ? child.id : undefined,
        household_id: subject === 'family' && household ? Number(household) : undefined,
        raised_by_institution_id: raisedBy ? Number(raisedBy) : undefined, raised_by_name: raisedName || undefined,
      },
    });
    await onDone();
    ok(t('cw.question_added'));
  }
  return (
    <FormDialog id="question-dialog" title={t('cw.question_add')} submit={t('cw.question_add')} onClose={onClose} run={run}>
      {(fe) => (
        <>
          <F name="subject"><SelectField id="q-subject" label={t('cw.subject')} value={subject} onChange={setSubject} options={codeOptions('cw.subject.', QUESTION_SUBJECTS)} error={fe.subject} required /></F>
          {subject === 'child' && (
            <ChildPicker id="q-child" child={child} onChange={setChild} error={fe.child_id} />
          )}
          {subject === 'family' && (
            <FamilyPicker id="q-family" householdId={household} onChange={setHousehold} error={fe.household_id} />
          )}
          <F name="title"><Field id="q-title" label={t('cw.question_title')} value={title} onInput={setTitle} error={fe.title} required /></F>
          <F name="description"><TextArea id="q-desc" label={t('cw.description')} value={description} onInput={setDescription} error={fe.description} /></F>
          <F name="raised_by_institution_id">
            <SelectField id="q-raised" label={t('cw.raised_by')} value={raisedBy} onChange={setRaisedBy} options={institutionOptions(insts, t('cw.choose'))} error={fe.raised_by_institution_id} />
          </F>
          <F name="raised_by_name"><Field id="q-raised-name" label={t('cw.raised_by_name')} value={raisedName} onInput={setRaisedName} error={fe.raised_by_name} /></F>
        </>
      )}
    </FormDialog>
  );
}

type Change = { path: string; method: string; body: Record<string, unknown>; version: (m: Meeting) => number };

function DecisionDialog({ meetingId, q, onClose, send }: { meetingId: number; q: Question; onClose: () => void; send: (c: Change) => Promise<boolean> }) {
  const [proposal, setProposal] = useState(q.proposal || '');
  const [decision, setDecision] = useState(q.decision || '');
  return (
    <FormDialog id="decision-dialog" title={t('cw.decision_record_q', { n: q.ordinal })} submit={t('cw.save')} onClose={onClose}
      run={() => send({
        method: 'PATCH', path: `/api/v1/meetings/${meetingId}/questions/${q.id}`, body: { proposal, decision },
        version: (m) => m.questions.find((x) => x.id === q.id)?.version ?? q.version,
      })}>
      {(fe) => (
        <>
          <F name="proposal"><TextArea id="q-proposal" label={t('cw.proposal')} value={proposal} onInput={setProposal} error={fe.proposal} /></F>
          <F name="decision"><TextArea id="q-decision" label={t('cw.decision')} value={decision} onInput={setDecision} error={fe.decision} /></F>
        </>
      )}
    </FormDialog>
  );
}

function MinutesDialog({ m, onClose, send }: { m: Meeting; onClose: () => void; send: (c: Change) => Promise<boolean> }) {
  const [minutes, setMinutes] = useState(m.minutes || '');
  const [conclusions, setConclusions] = useState(m.conclusions || '');
  return (
    <FormDialog id="minutes-dialog" title={t('cw.minutes_edit')} submit={t('cw.save')} onClose={onClose}
      run={() => send({ method: 'PATCH', path: `/api/v1/meetings/${m.id}`, body: { minutes, conclusions }, version: (x) => x.version })}>
      {(fe) => (
        <>
          <F name="minutes"><TextArea id="mt-minutes" label={t('cw.minutes')} value={minutes} onInput={setMinutes} error={fe.minutes} /></F>
          <F name="conclusions"><TextArea id="mt-conclusions" label={t('cw.conclusions')} value={conclusions} onInput={setConclusions} error={fe.conclusions} /></F>
        </>
      )}
    </FormDialog>
  );
}

function FollowUpDialog({ m, onClose, onDone }: { m: Meeting; onClose: () => void; onDone: () => Promise<void> }) {
  const insts = useInstitutions();
  const [task, setTask] = useState('');
  const [inst, setInst] = useState('');
  const [due, setDue] = useState('');
  const [qid, setQid] = useState('');
  async function run() {
    await api(`/api/v1/meetings/${m.id}/follow-ups`, {
      method: 'POST',
      body: { task, institution_id: inst ? Number(inst) : undefined, due_date: due, question_id: qid ? Number(qid) : undefined },
    });
    await onDone();
    ok(t('cw.followup_added'));
  }
  return (
    <FormDialog id="followup-dialog" title={t('cw.followup_add')} submit={t('cw.followup_add')} onClose={onClose} run={run}>
      {(fe) => (
        <>
          <F name="task"><Field id="fu-task" label={t('cw.task')} value={task} onInput={setTask} error={fe.task} required /></F>
          <F name="institution_id"><SelectField id="fu-inst" label={t('cw.institution')} value={inst} onChange={setInst} options={institutionOptions(insts, t('cw.choose'))} error={fe.institution_id} required /></F>
          <F name="due_date"><Field id="fu-due" label={t('cw.due_date')} value={due} onInput={setDue} hint={t('cw.date_hint')} error={fe.due_date} required /></F>
          <F name="question_id">
            <SelectField id="fu-q" label={t('cw.question')} value={qid} onChange={setQid} error={fe.question_id}
              options={[{ value: '', label: t('cw.none') }, ...m.questions.map((q) => ({ value: String(q.id), label: `${q.ordinal}. ${q.title}` }))]} />
          </F>
        </>
      )}
    </FormDialog>
  );
}

export function MeetingPage({ id }: { id: number }) {
  const [m, setM] = useState<Meeting | null>(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Change | null>(null);
  const insts = useInstitutions();
  const write = can('cw_write');

  async function reload(): Promise<Meeting> {
    const r = await api<Meeting>('/api/v1/meetings/' + id);
    setM(r.data);
    return r.data;
  }
  useEffect(() => {
    reload().catch((e) => setError(e instanceof ApiError && e.status === 404 ? t('cw.meeting_not_found') : readError(e).general || t('error.network')));
  }, [id]);

  /** A versioned change; on 412 reloads and shows the conflict panel. */
  async function send(c: Change, current = m!): Promise<boolean> {
    try {
      await api(c.path, { method: c.method, body: c.body, headers: ifMatch(c.version(current)) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        await reload();
        setConflict(c);
        return false;
      }
      throw e;
    }
    setConflict(null);
    await reload();
    ok(t('cw.saved'));
    return true;
  }
  async function reapply() {
    if (!conflict || !m) return;
    try {
      await send(conflict, m);
    } catch (e) {
      setConflict(null);
      const r = readError(e);
      setError(r.general || Object.values(r.fields).join(' '));
    }
  }
  async function markDone(f: Meeting['follow_ups'][0], done: boolean) {
    try {
      await send({
        method: 'PATCH', path: `/api/v1/meetings/${id}/follow-ups/${f.id}`, body: { done_on: done ? todayIso() : null },
        version: (mm) => mm.follow_ups.find((x) => x.id === f.id)?.version ?? f.version,
      });
    } catch (e) {
      const r = readError(e);
      setError(r.general || Object.values(r.fields).join(' '));
    }
  }

  if (error && !m) {
    return (
      <section>
        <PageHeading title={t('cw.meeting')}>{t('cw.meeting')}</PageHeading>
        <p class="error-box" role="alert">{error}</p>
      </section>
    );
  }
  if (!m) return <p role="status">{t('common.loading')}</p>;
  const title = t('cw.meeting_title', { kind: codeText('cw.kind.', m.kind), date: m.meeting_date });
  const qTitle = (qid: number | null) => m.questions.find((q) => q.id === qid);
  return (
    <article class="case-page">
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      <p class="case-facts">
        {m.place && <>{t('cw.place')}: {m.place}</>}
        {m.topic && <> · {t('cw.topic')}: {m.topic}</>}
        {m.organiser_institution_id && <> · {t('cw.organiser')}: {institutionName(insts, m.organiser_institution_id)}</>}
      </p>
      {error && <p class="error-box" role="alert">{error}</p>}
      {conflict && <ConflictPanel onReapply={reapply} onDiscard={() => setConflict(null)} />}
      {write && (
        <div class="toolbar" role="group" aria-label={t('cw.actions')}>
          <button type="button" class="primary" onClick={() => setDialog('question')}>{t('cw.question_add')}</button>
          <button type="button" onClick={() => setDialog('followup')}>{t('cw.followup_add')}</button>
          <button type="button" onClick={() => setDialog('minutes')}>{t('cw.minutes_edit')}</button>
        </div>
      )}
      <div class="case-grid">
        <section class="card-section" aria-labelledby="mt-part-h">
          <h2 id="mt-part-h">{t('cw.participants')}</h2>
          {m.participants.length === 0 ? <p class="muted">{t('common.none')}</p> : (
            <ul>
              {m.participants.map((p) => (
                <li key={p.id}>{p.name}{p.institution_id && <> – {institutionName(insts, p.institution_id)}</>}{!p.present && <span class="muted"> ({t('cw.absent')})</span>}</li>
              ))}
            </ul>
          )}
          {m.minutes !== undefined && m.minutes && <><h3>{t('cw.minutes')}</h3><p>{m.minutes}</p></>}
          {m.conclusions && <><h3>{t('cw.conclusions')}</h3><p>{m.conclusions}</p></>}
        </section>
        <section class="card-section" aria-labelledby="mt-q-h">
          <h2 id="mt-q-h">{t('cw.agenda')}</h2>
          {m.questions.length === 0 ? <p class="muted">{t('common.none')}</p> : (
            <ul class="plain">
              {m.questions.map((q) => (
                <li key={q.id} class="cw-question" id={'q-' + q.id}>
                  <h3>{q.ordinal}. {q.title}</h3>
                  <dl class="facts">
                    <dt>{t('cw.subject')}</dt><dd>{codeText('cw.subject.', q.subject)}</dd>
                    {q.child && <><dt>{t('cw.child')}</dt><dd>{childName(q.child, t('cw.not_shared'))}</dd></>}
                    {q.raised_by_name && <><dt>{t('cw.raised_by')}</dt><dd>{q.raised_by_name}{q.raised_by_institution_id && <> – {institutionName(insts, q.raised_by_institution_id)}</>}</dd></>}
                    {q.details_hidden ? <><dt>{t('cw.details')}</dt><dd>{t('cw.details_hidden')}</dd></> : (
                      <>
                        {q.description && <><dt>{t('cw.description')}</dt><dd>{q.description}</dd></>}
                        <dt>{t('cw.proposal')}</dt><dd>{q.proposal || '–'}</dd>
                        <dt>{t('cw.decision')}</dt><dd>{q.decision || '–'}</dd>
                      </>
                    )}
                  </dl>
                  {write && <button type="button" class="small" onClick={() => setDialog('decision:' + q.id)} aria-label={t('cw.decision_record_label', { n: q.ordinal })}>{t('cw.decision_record')}</button>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="card-section" aria-labelledby="mt-fu-h">
          <h2 id="mt-fu-h">{t('cw.followups')}</h2>
          {m.follow_ups.length === 0 ? <p class="muted">{t('common.none')}</p> : (
            <div class="table-wrap">
              <table class="table">
                <thead><tr><th scope="col">{t('cw.task')}</th><th scope="col">{t('cw.institution')}</th><th scope="col">{t('cw.due_date')}</th><th scope="col">{t('cw.done')}</th></tr></thead>
                <tbody>
                  {m.follow_ups.map((f) => (
                    <tr key={f.id} id={'fu-' + f.id}>
                      <td>{f.task}{f.question_id && qTitle(f.question_id) && <div class="muted small-text">{t('cw.question_n', { n: qTitle(f.question_id)!.ordinal })}</div>}</td>
                      <td>{institutionName(insts, f.institution_id)}</td>
                      <td>{f.due_date}</td>
                      <td>
                        {f.done_on ? t('cw.done_on', { date: f.done_on }) : !write && t('cw.not_done')}
                        {write && (f.done_on
                          ? <div><button type="button" class="small" onClick={() => markDone(f, false)} aria-label={t('cw.reopen_label', { task: f.task })}>{t('cw.reopen')}</button></div>
                          : <button type="button" class="small" onClick={() => markDone(f, true)} aria-label={t('cw.mark_done_label', { task: f.task })}>{t('cw.mark_done')}</button>)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      {dialog === 'question' && <QuestionDialog meetingId={m.id} onClose={() => setDialog(null)} onDone={async () => { await reload(); }} />}
      {dialog === 'minutes' && <MinutesDialog m={m} onClose={() => setDialog(null)} send={send} />}
      {dialog === 'followup' && <FollowUpDialog m={m} onClose={() => setDialog(null)} onDone={async () => { await reload(); }} />}
      {dialog?.startsWith('decision:') && (() => {
        const q = m.questions.find((x) => x.id === Number(dialog.slice(9)));
        return q ? <DecisionDialog meetingId={m.id} q={q} onClose={() => setDialog(null)} send={send} /> : null;
      })()}
    </article>
  );
}

// Child welfare (DOMAIN.md section 5): the Commission, meetings, the
// mayor's orders and their measures, executors' progress notes,
// evaluations, the annual report; and who sees what: a police officer in
// the Commission sees the agenda and shared parts only, a school sees
// only children shared with it, a revoked share hides the child at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, loginAs, Client } from './lib.mjs';

const Y = new Date().getUTCFullYear();
const d = (m, day, y = Y) => `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

let server, sw, head, director, admin, school, police, auditor;
let schoolId, policeId, centreId, healthId, policeUserId, schoolUserId;
let child, teen; // teen turns 18 on 1 June this year
let meeting, question, order, m1, m2;
let report0;

async function mkPerson(given, family, birth) {
  const r = await sw.post('/api/v1/persons', { given_names: given, family_name: family, birth_date: birth, identified: false });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

before(async () => {
  server = await startServer({ persons: 40 });
  sw = await loginAs(server, 'social_worker');
  head = await loginAs(server, 'head');
  director = await loginAs(server, 'director');
  admin = await loginAs(server, 'admin');
  school = await loginAs(server, 'partner');
  auditor = await loginAs(server, 'auditor');
  const s = (await school.get('/api/v1/session')).json;
  schoolId = s.institution_id;
  schoolUserId = s.user_id;
  const inst = (await admin.get('/api/v1/institutions')).json.items;
  policeId = inst.find((i) => i.partner_type === 'police').id;
  healthId = inst.find((i) => i.kind === 'partner' && i.partner_type !== 'police' && i.id !== schoolId).id;
  centreId = inst.find((i) => i.kind === 'centre').id;
  const u = await admin.post('/api/v1/users', {
    username: 'pareigunas', display_name: 'Bendruomenės pareigūnas', role: 'partner',
    institution_id: policeId, password: 'policija-2026-slaptas',
  });
  assert.equal(u.status, 201, u.text);
  policeUserId = u.json.id;
  police = new Client(server);
  await police.login('pareigunas', 'policija-2026-slaptas');
  child = await mkPerson('Jonukas', 'Vaitkus', d(3, 15, Y - 10));
  teen = await mkPerson('Rūta', 'Petraitytė', d(6, 1, Y - 18));
  report0 = (await director.get(`/api/v1/reports/commission?year=${Y}`)).json;
});
after(async () => { await stopServer(server); });

test('Commission members are data: a police officer linked to a user account', async () => {
  let r = await sw.post('/api/v1/commission/members', {
    person_name: 'Bendruomenės pareigūnas', institution_id: policeId, user_id: policeUserId,
    commission_role: 'member', date_from: d(1, 1),
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.commission_role, 'member');
  const etag = r.headers.get('etag');
  r = await sw.post('/api/v1/commission/members', {
    person_name: 'Komisijos pirmininkė', institution_id: centreId, commission_role: 'chair', date_from: d(1, 1),
  });
  assert.equal(r.status, 201, r.text);
  const chair = r.json;
  r = await sw.patch(`/api/v1/commission/members/${chair.id}`, { date_to: d(1, 1, Y - 1) }, { 'If-Match': r.headers.get('etag') });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.date_to?.code, 'date.order');
  r = await sw.post('/api/v1/commission/members', { person_name: 'X', institution_id: 999999, commission_role: 'boss', date_from: 'vakar' });
  assert.equal(r.status, 422);
  assert.deepEqual(Object.fromEntries(Object.entries(r.json.error.fields).map(([k, v]) => [k, v.code])), { commission_role: 'enum', date_from: 'date' });
  r = await sw.post('/api/v1/commission/members', { person_name: 'X', institution_id: 999999, commission_role: 'member', date_from: d(1, 1) });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.institution_id?.code, 'institution.not_found');
  assert.ok(etag);
  r = await police.get('/api/v1/commission/members');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((m) => m.user_id === policeUserId));
  r = await sw.post('/api/v1/commission/plan/items', { year: Y, text: 'Prevencinių priemonių apžvalga', due_date: d(6, 30) });
  assert.equal(r.status, 201, r.text);
  const item = r.json;
  r = await sw.get(`/api/v1/commission/plan?year=${Y}`);
  assert.equal(r.json.items.at(-1).id, item.id);
  assert.equal(item.ordinal, r.json.items.length, 'numbered after the earlier items');
});

test('a school raises a question and the Commission meets', async () => {
  let r = await sw.post('/api/v1/meetings', {
    kind: 'commission', meeting_date: d(2, 10), place: 'Savivaldybė, 101 kab.',
    participants: [
      { institution_id: policeId, name: 'Bendruomenės pareigūnas', present: true },
      { institution_id: schoolId, name: 'Socialinė pedagogė', present: true },
      { institution_id: centreId, name: 'Socialinė darbuotoja', present: false },
    ],
  });
  assert.equal(r.status, 201, r.text);
  meeting = r.json;
  assert.equal(meeting.participants.length, 3);
  r = await sw.post(`/api/v1/meetings/${meeting.id}/questions`, { subject: 'child', title: 'Dėl mokinio nelankymo' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.child_id?.code, 'required');
  r = await sw.post(`/api/v1/meetings/${meeting.id}/questions`, { subject: 'general', child_id: child.id, title: 'X' });
  assert.equal(r.json.error.fields.child_id?.code, 'cw.question.subject');
  r = await sw.post(`/api/v1/meetings/999999/questions`, { subject: 'general', title: 'X' });
  assert.equal(r.status, 404);
  r = await sw.post(`/api/v1/meetings/${meeting.id}/questions`, {
    subject: 'child', child_id: child.id, title: 'Dėl mokinio nelankymo',
    description: 'Praleista 120 pamokų be pateisinamos priežasties.',
    raised_by_institution_id: schoolId, raised_by_name: 'Socialinė pedagogė',
  });
  assert.equal(r.status, 201, r.text);
  question = r.json;
  assert.equal(question.ordinal, 1);
  assert.equal(question.child.family_name, 'Vaitkus');
  r = await sw.patch(`/api/v1/meetings/${meeting.id}/questions/${question.id}`,
    { proposal: 'Siūlyti merui skirti minimalios priežiūros priemones', decision: 'Pritarta' },
    { 'If-Match': r.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.decision, 'Pritarta');
  r = await sw.patch(`/api/v1/meetings/${meeting.id}/questions/${question.id}`, { decision: 'Kita' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 412);
  r = await sw.post(`/api/v1/meetings/${meeting.id}/follow-ups`, {
    question_id: question.id, task: 'Pateikti lankomumo duomenis', institution_id: schoolId, due_date: d(3, 1),
  });
  assert.equal(r.status, 201, r.text);
  r = await sw.post(`/api/v1/meetings/${meeting.id}/follow-ups`, {
    task: 'Reidas', institution_id: policeId, due_date: d(3, 1),
  });
  assert.equal(r.status, 201, r.text);
  r = await sw.get(`/api/v1/meetings/${meeting.id}`);
  const v = r.headers.get('etag');
  r = await sw.patch(`/api/v1/meetings/${meeting.id}`, { minutes: 'Posėdžio protokolas Nr. 1' }, { 'If-Match': v });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.questions.length, 1);
  assert.equal(r.json.follow_ups.length, 2);
});

test('orders are validated: number, age limits, term maximum', async () => {
  const base = { number: 'A1-15', order_date: d(2, 15), kind: 'assign', subject: 'minimal_care', child_id: child.id };
  let r = await sw.post('/api/v1/orders', { ...base, number: undefined, measures: [{ type: 'day_centre', date_from: d(2, 20), date_to: d(6, 30), executor_ids: [schoolId] }] });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.number?.code, 'required');
  r = await sw.post('/api/v1/orders', { ...base, number: '  ', measures: [] });
  assert.equal(r.json.error.fields.number?.code, 'string.empty');
  assert.equal(r.json.error.fields.measures?.code, 'required');
  // Past the 18th birthday (1 June).
  r = await sw.post('/api/v1/orders', { ...base, child_id: teen.id, measures: [{ type: 'therapy', date_from: d(3, 1), date_to: d(9, 30), executor_ids: [healthId] }] });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields['measures[0].date_to']?.code, 'cw.term.age');
  assert.ok(r.json.error.message);
  // Above the 12-month maximum.
  r = await sw.post('/api/v1/orders', { ...base, measures: [{ type: 'therapy', date_from: d(1, 10), date_to: d(2, 1, Y + 1), executor_ids: [healthId] }] });
  assert.equal(r.json.error.fields['measures[0].date_to']?.code, 'cw.term.too_long');
  // Wrong type for the subject, no executors, end before start.
  r = await sw.post('/api/v1/orders', { ...base, measures: [
    { type: 'coordinated_services', date_from: d(2, 20), date_to: d(6, 30), executor_ids: [schoolId] },
    { type: 'therapy', date_from: d(2, 20), date_to: d(2, 1), executor_ids: [] },
  ] });
  assert.equal(r.json.error.fields['measures[0].type']?.code, 'cw.measure.type_subject');
  assert.equal(r.json.error.fields['measures[1].executor_ids']?.code, 'required');
  assert.equal(r.json.error.fields['measures[1].date_to']?.code, 'date.order');
  // Coordinated services may run to 21 with special educational needs.
  r = await sw.post('/api/v1/orders', { ...base, number: 'A1-16', subject: 'coordinated_services', child_id: teen.id,
    measures: [{ type: 'coordinated_services', date_from: d(3, 1), date_to: d(9, 30), executor_ids: [centreId] }] });
  assert.equal(r.json.error.fields['measures[0].date_to']?.code, 'cw.term.age');
  r = await sw.post('/api/v1/orders', { ...base, number: 'A1-16', subject: 'coordinated_services', child_id: teen.id,
    special_educational_needs: true,
    measures: [{ type: 'coordinated_services', date_from: d(3, 1), date_to: d(9, 30), executor_ids: [centreId] }] });
  assert.equal(r.status, 201, r.text);
  // Nothing was written by the refused ones.
  r = await sw.get(`/api/v1/orders?year=${Y}`);
  assert.deepEqual(r.json.items.filter((o) => ['A1-15', 'A1-16'].includes(o.number)).map((o) => o.number), ['A1-16']);
});

test('the mayor assigns two measures with executors; executors report; the coordinator sees what ends', async () => {
  let r = await sw.post('/api/v1/orders', {
    number: 'A1-15', order_date: d(2, 15), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    question_id: question.id, representative_ids: [teen.id],
    measures: [
      { type: 'day_centre', date_from: d(2, 20), date_to: d(6, 30), executor_ids: [schoolId, centreId] },
      { type: 'therapy', date_from: d(2, 20), date_to: d(8, 31), executor_ids: [healthId] },
    ],
  });
  assert.equal(r.status, 201, r.text);
  order = r.json;
  assert.equal(order.measures.length, 2);
  assert.equal(order.child.family_name, 'Vaitkus');
  [m1, m2] = order.measures.map((m) => m.measure_id);
  r = await sw.post('/api/v1/orders', { number: 'A1-15', order_date: d(2, 15), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'therapy', date_from: d(2, 20), date_to: d(3, 31), executor_ids: [healthId] }] });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.fields.number?.code, 'cw.order.number_taken');

  r = await sw.post(`/api/v1/measures/${m1}/tasks`, { task: 'Lankomumo stebėsena', institution_id: schoolId, due_date: d(3, 31) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.tasks.length, 1);
  // The school executes m1: it may report, and sees the measure without
  // the child's details (not shared).
  r = await school.post(`/api/v1/measures/${m1}/notes`, { body: 'Vaikas lanko dienos centrą du kartus per savaitę.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.progress_notes.length, 1);
  assert.equal(r.json.child.hidden, true);
  assert.equal(r.json.executor, true);
  // Not an executor of m2 and nothing shared: invisible.
  assert.equal((await school.get(`/api/v1/measures/${m2}`)).status, 404);
  assert.equal((await school.post(`/api/v1/measures/${m2}/notes`, { body: 'x' })).status, 404);
  assert.equal((await police.post(`/api/v1/measures/${m1}/notes`, { body: 'x' })).status, 404);
  r = await school.get('/api/v1/measures');
  assert.ok(r.json.items.some((m) => m.id === m1));
  assert.ok(!r.json.items.some((m) => m.id === m2));

  // Extending m1 past the maximum from its end is refused; a proper
  // extension is recorded.
  r = await sw.post('/api/v1/orders', { number: 'A1-20', order_date: d(6, 1), kind: 'extend', subject: 'minimal_care', child_id: child.id,
    measures: [{ measure_id: m1, date_to: d(6, 30) }] });
  assert.equal(r.json.error.fields['measures[0].date_to']?.code, 'cw.measure.not_later');
  r = await sw.post('/api/v1/orders', { number: 'A1-20', order_date: d(6, 1), kind: 'extend', subject: 'minimal_care', child_id: child.id,
    measures: [{ measure_id: m1, date_to: d(7, 15) }] });
  assert.equal(r.status, 201, r.text);
  r = await sw.get(`/api/v1/measures/${m1}`);
  assert.equal(r.json.date_to, d(7, 15));
  assert.deepEqual(r.json.orders.map((o) => o.action), ['assign', 'extend']);

  // The worklist: a measure ending within N days.
  r = await sw.post('/api/v1/orders', { number: 'A1-30', order_date: new Date().toISOString().slice(0, 10), kind: 'assign',
    subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'non_formal_education', date_from: new Date().toISOString().slice(0, 10),
      date_to: new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10), executor_ids: [schoolId] }] });
  assert.equal(r.status, 201, r.text);
  const m3 = r.json.measures[0].measure_id;
  r = await sw.get('/api/v1/measures/expiring?days=30');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((m) => m.id === m3));
  assert.ok(!r.json.items.some((m) => m.id === m1));
  r = await sw.get('/api/v1/measures/expiring?days=5');
  assert.ok(!r.json.items.some((m) => m.id === m3));
  assert.equal((await sw.get('/api/v1/measures/expiring?days=-1')).status, 422);
  // Cancelling it.
  r = await sw.post('/api/v1/orders', { number: 'A1-31', order_date: new Date().toISOString().slice(0, 10), kind: 'cancel',
    subject: 'minimal_care', child_id: child.id, measures: [{ measure_id: m3 }] });
  assert.equal(r.status, 201, r.text);
  r = await sw.get(`/api/v1/measures/${m3}`);
  assert.equal(r.json.status, 'cancelled');
});

test('evaluations at the end, and the annual report counts it right', async () => {
  let r = await sw.get(`/api/v1/measures/${m1}`);
  let v = r.headers.get('etag');
  r = await sw.post(`/api/v1/measures/${m1}/evaluation`, { result: 'partly' }, { 'If-Match': v });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.reasons?.code, 'required');
  r = await sw.post(`/api/v1/measures/${m1}/evaluation`, { result: 'carried_out' }, { 'If-Match': v });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.evaluation, 'carried_out');
  r = await sw.get(`/api/v1/measures/${m2}`);
  r = await sw.post(`/api/v1/measures/${m2}/evaluation`, { result: 'partly', reasons: 'Terapija pradėta vėliau' }, { 'If-Match': r.headers.get('etag') });
  assert.equal(r.status, 200, r.text);

  r = await director.get(`/api/v1/reports/commission?year=${Y}`);
  assert.equal(r.status, 200, r.text);
  const rep = r.json;
  assert.equal(rep.meetings - report0.meetings, 1);
  assert.equal(rep.questions - report0.questions, 1);
  const n = (x, k, s) => (x.orders.find((o) => o.kind === k && o.subject === s)?.n ?? 0);
  assert.equal(n(rep, 'assign', 'minimal_care') - n(report0, 'assign', 'minimal_care'), 2);
  assert.equal(n(rep, 'extend', 'minimal_care') - n(report0, 'extend', 'minimal_care'), 1);
  assert.equal(n(rep, 'cancel', 'minimal_care') - n(report0, 'cancel', 'minimal_care'), 1);
  assert.equal(n(rep, 'assign', 'coordinated_services') - n(report0, 'assign', 'coordinated_services'), 1);
  assert.equal(rep.evaluations.carried_out - report0.evaluations.carried_out, 1);
  assert.equal(rep.evaluations.partly - report0.evaluations.partly, 1);
  const assigned = n(rep, 'assign', 'minimal_care');
  assert.ok(rep.summary_lt.startsWith(`${rep.meetings} posėd`), rep.summary_lt);
  assert.ok(rep.summary_lt.includes(`${assigned} potvarki`), rep.summary_lt);
  assert.ok(rep.summary_en.includes(`${assigned} orders on assigning minimal care measures`), rep.summary_en);
  r = await director.get(`/api/v1/reports/commission?year=${Y}&format=csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  const bytes = new Uint8Array(await (await fetch(`${server.base}/api/v1/reports/commission?year=${Y}&format=csv`, { headers: { Cookie: director.cookie } })).arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xEF, 0xBB, 0xBF]);
  assert.ok(r.text.includes('Posėdžiai;'));
  // The printable report: title and summary in the request's language,
  // the same figures in its table.
  r = await director.get(`/api/v1/reports/commission?year=${Y}&format=html`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.ok(r.text.includes(`<h1>Vaiko gerovės komisijos metinė ataskaita ${Y}</h1>`), r.text.slice(0, 300));
  assert.ok(r.text.includes(`<p>${rep.summary_lt}</p>`));
  assert.ok(r.text.includes(`<td>Posėdžiai</td><td>${rep.meetings}</td>`));
  r = await director.req('GET', `/api/v1/reports/commission?year=${Y}&format=html`, undefined, { 'Accept-Language': 'en' });
  assert.ok(r.text.includes(`<p>${rep.summary_en}</p>`));
  r = await director.get(`/api/v1/reports/staff-development?year=${Y}&format=html`);
  assert.equal(r.status, 200, r.text.slice(0, 200));
  assert.ok(r.text.includes('<h1>Kvalifikacijos tobulinimas'));
  assert.equal((await director.get(`/api/v1/reports/commission?year=${Y}&format=docx`)).json.error.fields.format.code, 'enum');
  assert.equal((await sw.get(`/api/v1/reports/commission?year=${Y}`)).status, 403);
  assert.equal((await director.get('/api/v1/reports/commission?year=1999')).status, 422);
});

test('a police officer in the Commission sees the agenda and shared parts only', async () => {
  let r = await police.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.status, 200, r.text);
  const q = r.json.questions[0];
  assert.equal(q.title, 'Dėl mokinio nelankymo');
  assert.equal(q.child.hidden, true);
  assert.equal(q.details_hidden, true);
  assert.equal(q.description, undefined);
  assert.equal(q.decision, undefined);
  assert.equal(r.json.minutes, undefined);
  assert.ok(r.json.follow_ups.every((f) => f.institution_id === policeId));
  assert.equal(r.json.follow_ups.length, 1);
  assert.ok(!r.text.includes('Vaitkus'));
  // An interagency meeting the police takes no part in is invisible.
  r = await sw.post('/api/v1/meetings', { kind: 'interagency', meeting_date: d(4, 2), topic: 'Metadono programa',
    organiser_institution_id: centreId, participants: [{ institution_id: healthId, name: 'Gydytoja' }] });
  assert.equal(r.status, 201, r.text);
  const other = r.json.id;
  assert.equal((await police.get(`/api/v1/meetings/${other}`)).status, 404);
  r = await police.get('/api/v1/meetings');
  assert.ok(r.json.items.some((m) => m.id === meeting.id));
  assert.ok(!r.json.items.some((m) => m.id === other));
  assert.equal((await police.get(`/api/v1/orders/${order.id}`)).status, 404);
  assert.equal((await police.post('/api/v1/meetings', { kind: 'commission', meeting_date: d(2, 1) })).status, 403);
});

test("staff see every meeting; persons' details follow the registry's scope", async () => {
  let r = await director.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.questions[0].child.family_name, 'Vaitkus', 'the director sees every person');
  assert.ok(r.json.minutes);
  const sw2 = await loginAs(server, 'social_worker2');
  r = await sw2.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.status, 200, "home help staff see the Commission's meetings");
  assert.equal(r.json.questions[0].child.hidden, true, 'but not a child of another department');
  assert.equal(r.json.questions[0].description, undefined);
  r = await sw2.get(`/api/v1/measures/${m1}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.child.hidden, true);
  assert.equal((await sw2.post(`/api/v1/measures/${m1}/notes`, { body: 'Pastaba' })).status, 201, 'staff may note progress');
  assert.equal((await director.post(`/api/v1/measures/${m1}/notes`, { body: 'x' })).status, 403, "cw_report is not the director's");
  assert.equal((await auditor.get(`/api/v1/meetings/${meeting.id}`)).status, 403);
  assert.equal((await admin.get('/api/v1/orders')).status, 403);
});

test('the interagency coordinator is a function held for a period: it widens what a partner sees, not what it may write', async () => {
  const inst = (await admin.get('/api/v1/institutions')).json.items;
  const municipality = inst.find((i) => i.partner_type === 'municipality').id;
  let r = await admin.post('/api/v1/users', {
    username: 'koordinatore', display_name: 'Tarpinstitucinio bendradarbiavimo koordinatorė', role: 'partner',
    institution_id: municipality, password: 'koordinavimas-2026-x',
  });
  assert.equal(r.status, 201, r.text);
  const uid = r.json.id;
  const coord = new Client(server);
  await coord.login('koordinatore', 'koordinavimas-2026-x');
  const other = (await sw.get('/api/v1/meetings?kind=interagency')).json.items.find((m) => m.topic === 'Metadono programa');
  assert.ok(other);
  assert.equal((await coord.get(`/api/v1/meetings/${other.id}`)).status, 404, 'not yet a coordinator');
  assert.equal((await coord.get('/api/v1/measures/expiring')).json.coordinator, false);

  r = await head.post('/api/v1/commission/functions', { user_id: uid, function: 'coordinator', date_from: d(1, 1, Y - 1) });
  assert.equal(r.status, 201, r.text);
  const fn = r.json;
  r = await head.post('/api/v1/commission/functions', { user_id: uid, function: 'chair', date_from: d(1, 1) });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.function?.code, 'enum');
  r = await coord.get(`/api/v1/meetings/${other.id}`);
  assert.equal(r.status, 200, r.text);
  r = await coord.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.json.questions[0].child.hidden, true, 'persons only through shares');
  r = await coord.get('/api/v1/measures/expiring?days=366');
  assert.equal(r.json.coordinator, true);
  assert.ok(r.json.items.length >= 1);
  assert.ok(r.json.items.every((m) => m.child.hidden === true));
  assert.equal((await coord.get(`/api/v1/measures/${m2}`)).status, 200);
  assert.equal((await coord.post('/api/v1/orders', {})).status, 403);
  r = await auditor.get(`/api/v1/audit?user_id=${uid}&entity=cw_meeting&entity_id=${other.id}`);
  assert.ok(r.json.items.some((e) => e.reason === 'interagency coordinator'), r.text);

  // The function ends: the partner's own scope applies at the next request.
  r = await head.patch(`/api/v1/commission/functions/${fn.id}`, { date_to: new Date(Date.now() - 864e5).toISOString().slice(0, 10) },
    { 'If-Match': `"v${fn.version}"` });
  assert.equal(r.status, 200, r.text);
  assert.equal((await coord.get(`/api/v1/meetings/${other.id}`)).status, 404);
  assert.equal((await coord.get(`/api/v1/measures/${m2}`)).status, 404);
  r = await sw.get('/api/v1/commission/functions');
  assert.ok(r.json.items.some((f) => f.user_id === uid && f.date_to));
});

test('a school sees only children shared with it; a revoked share is unreadable at once; reads are audited', async () => {
  let r = await school.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.questions[0].child.hidden, true);
  const share = async (parts) => {
    const res = await sw.post(`/api/v1/persons/${child.id}/shares`, {
      institution_id: schoolId, parts, legal_basis: 'art6_1e',
      purpose: 'Minimalios priežiūros priemonių vykdymas', valid_until: new Date(Date.now() + 90 * 864e5).toISOString().slice(0, 10),
    });
    assert.equal(res.status, 201, res.text);
    return res.json.id;
  };
  // The identity only: the name, not the case work.
  const s1 = await share(['identity']);
  r = await school.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.json.questions[0].child.family_name, 'Vaitkus');
  assert.equal(r.json.questions[0].details_hidden, true);
  assert.equal(r.json.questions[0].description, undefined);
  assert.equal((await school.get(`/api/v1/measures/${m2}`)).status, 404);
  r = await school.get(`/api/v1/orders/${order.id}`);
  assert.equal(r.status, 200, 'an executor of m1');
  assert.deepEqual(r.json.measures.map((m) => m.measure_id), [m1], 'only its own measure of the order');
  assert.equal(r.json.child.family_name, 'Vaitkus');
  // The case work too.
  const s2 = await share(['cases']);
  r = await school.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.json.questions[0].description, 'Praleista 120 pamokų be pateisinamos priežasties.');
  r = await school.get(`/api/v1/measures/${m2}`);
  assert.equal(r.status, 200, 'the case work is shared, so the measures are visible');
  assert.equal(r.json.executor, false);
  assert.equal((await school.post(`/api/v1/measures/${m2}/notes`, { body: 'x' })).status, 403);
  r = await school.get(`/api/v1/orders/${order.id}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.measures.map((m) => m.measure_id), [m1, m2]);
  assert.equal(r.json.representatives[0].hidden, true, 'the representative is not shared');

  for (const sid of [s1, s2]) {
    r = await sw.post(`/api/v1/persons/${child.id}/shares/${sid}/revoke`, {});
    assert.equal(r.status, 200, r.text);
  }
  r = await school.get(`/api/v1/meetings/${meeting.id}`);
  assert.equal(r.json.questions[0].child.hidden, true);
  assert.ok(!r.text.includes('Vaitkus'));
  assert.ok(!r.text.includes('Praleista'));
  assert.equal((await school.get(`/api/v1/measures/${m2}`)).status, 404);
  r = await school.get(`/api/v1/orders/${order.id}`);
  assert.equal(r.status, 200, 'still an executor of m1');
  assert.equal(r.json.child.hidden, true);
  assert.deepEqual(r.json.measures.map((m) => m.measure_id), [m1]);

  r = await auditor.get(`/api/v1/audit?user_id=${schoolUserId}&entity=person&entity_id=${child.id}&limit=200`);
  const reads = r.json.items.filter((e) => e.action === 'read');
  assert.ok(reads.length >= 3, r.text);
  assert.ok(reads.every((e) => e.reason === 'Minimalios priežiūros priemonių vykdymas; art6_1e'), r.text);
  r = await auditor.get(`/api/v1/audit?user_id=${policeUserId}&entity=cw_meeting&entity_id=${meeting.id}`);
  assert.ok(r.json.items.length >= 1);
  assert.ok(r.json.items.every((e) => e.reason === 'commission member'), r.text);
  r = await auditor.get('/api/v1/audit/verify');
  assert.equal(r.json.intact, true);
});

test('staff development: hours against the norm and who falls short', async () => {
  const staff = (await head.get('/api/v1/staff?limit=5')).json.items;
  assert.ok(staff.length >= 2);
  const before = (await director.get(`/api/v1/reports/staff-development?year=${Y}`)).json;
  const had = (id) => before.workers.find((w) => w.staff_id === id).hours_x100;
  let r = await head.post('/api/v1/staff-development/events', {
    kind: 'intervision', event_date: d(3, 5), organiser: 'Paramos šeimai skyrius', topic: 'Atvejo aptarimas',
    hours: 2.5, participants: [{ staff_id: staff[0].id }, { staff_id: staff[1].id, hours: 1 }],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.participants.length, 2);
  r = await head.post('/api/v1/staff-development/events', {
    kind: 'training', event_date: d(4, 5), organiser: 'Mokymo centras', topic: 'Smurto prevencija',
    hours: 16, participants: [{ staff_id: staff[0].id, certificate: 'PK-2026-114' }],
  });
  assert.equal(r.status, 201, r.text);
  r = await head.post('/api/v1/staff-development/events', { kind: 'seminar', event_date: 'x', organiser: '', topic: 'T', hours: 0.001, participants: [] });
  assert.equal(r.status, 422);
  assert.deepEqual(Object.keys(r.json.error.fields).sort(), ['event_date', 'hours', 'kind', 'organiser']);
  assert.equal((await sw.post('/api/v1/staff-development/events', {})).status, 403);
  r = await director.get(`/api/v1/reports/staff-development?year=${Y}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.norm_hours, '16');
  const w0 = r.json.workers.find((w) => w.staff_id === staff[0].id);
  const w1 = r.json.workers.find((w) => w.staff_id === staff[1].id);
  assert.equal(w0.hours_x100 - had(staff[0].id), 1850);
  assert.equal(w1.hours_x100 - had(staff[1].id), 100);
  assert.equal(w0.short, false);
  assert.equal(r.json.short.some((w) => w.staff_id === staff[1].id), w1.hours_x100 < 1600);
  assert.ok(!r.json.short.some((w) => w.staff_id === staff[0].id));
  assert.ok(r.json.short.length > 0, 'most staff have no hours recorded');
  assert.ok(r.json.departments.length > 0);
  r = await director.get(`/api/v1/reports/staff-development?year=${Y}&format=csv`);
  assert.ok(r.text.includes('Darbuotojas;Skyrius;Valandos'));
});

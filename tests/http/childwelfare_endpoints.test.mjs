// Child welfare endpoints one by one: inter-institutional meetings with
// conclusions and follow-ups, family questions, changing and cancelling
// measures, compulsory education, evaluations, the measure types, the
// English messages, and bad input that changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, stopServer, loginAs, Client } from './lib.mjs';

const Y = new Date().getUTCFullYear();
const d = (m, day, y = Y) => `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const today = () => new Date().toISOString().slice(0, 10);
const code = (r, f) => r.json?.error?.fields?.[f]?.code;

let server, sw, head, partner, en;
let schoolId, healthId, centreId, redCrossId, child, mother, household, interagency;

before(async () => {
  server = await startServer({ persons: 20 });
  sw = await loginAs(server, 'social_worker');
  head = await loginAs(server, 'head');
  partner = await loginAs(server, 'partner');
  en = new Client(server, 'en');
  await en.login('socdarb');
  schoolId = (await partner.get('/api/v1/session')).json.institution_id;
  const inst = (await sw.get('/api/v1/institutions')).json.items;
  healthId = inst.find((i) => i.partner_type === 'health').id;
  redCrossId = inst.find((i) => i.partner_type === 'red_cross').id;
  centreId = inst.find((i) => i.kind === 'centre').id;
  let r = await sw.post('/api/v1/persons', { given_names: 'Mantas', family_name: 'Žukauskas', birth_date: d(9, 1, Y - 12), identified: false });
  assert.equal(r.status, 201, r.text);
  child = r.json;
  r = await sw.post('/api/v1/persons', { given_names: 'Daiva', family_name: 'Žukauskienė', birth_date: d(2, 2, Y - 38), identified: false });
  mother = r.json;
});
after(async () => { await stopServer(server); });

test('an inter-institutional meeting: topic, organiser, participants, conclusions, follow-ups', async () => {
  let r = await sw.post('/api/v1/households', { name: 'Žukauskų šeima', members: [{ person_id: mother.id, role: 'head' }, { person_id: child.id }] });
  assert.equal(r.status, 201, r.text);
  household = r.json.id;
  r = await sw.post('/api/v1/meetings', {
    kind: 'interagency', meeting_date: d(3, 3), topic: 'Tėvų priklausomybė ir metadono programa',
    organiser_institution_id: centreId, place: 'Paramos šeimai skyrius',
    participants: [
      { institution_id: healthId, name: 'Šeimos gydytoja' },
      { institution_id: redCrossId, name: 'Raudonojo Kryžiaus koordinatorė' },
      { institution_id: schoolId, name: 'Socialinė pedagogė', present: false },
    ],
  });
  assert.equal(r.status, 201, r.text);
  const m = r.json;
  interagency = m.id;
  assert.equal(m.kind, 'interagency');
  assert.deepEqual(m.participants.map((p) => p.present), [true, true, false]);
  r = await sw.post(`/api/v1/meetings/${m.id}/questions`, { subject: 'family', household_id: household, title: 'Šeimos situacija',
    description: 'Motina dalyvauja metadono programoje.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.household_id, household);
  r = await sw.post(`/api/v1/meetings/${m.id}/questions`, { subject: 'family', title: 'Be namų ūkio' });
  assert.equal(code(r, 'household_id'), 'required');
  r = await sw.post(`/api/v1/meetings/${m.id}/questions`, { subject: 'family', household_id: 999999, title: 'X' });
  assert.equal(code(r, 'household_id'), 'household.not_found');
  r = await sw.post(`/api/v1/meetings/${m.id}/follow-ups`, { task: 'Suderinti vizitus', institution_id: schoolId, due_date: d(4, 1) });
  assert.equal(r.status, 201, r.text);
  const fu = r.json;
  r = await sw.post(`/api/v1/meetings/${m.id}/follow-ups`, { task: 'X', institution_id: healthId, due_date: d(4, 1), question_id: 999999 });
  assert.equal(code(r, 'question_id'), 'cw.question.not_found');
  r = await sw.patch(`/api/v1/meetings/${m.id}/follow-ups/${fu.id}`, { done_on: d(3, 20) }, { 'If-Match': `"v${fu.version}"` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done_on, d(3, 20));
  r = await sw.patch(`/api/v1/meetings/${m.id}/follow-ups/${fu.id}`, { institution_id: 999999 }, { 'If-Match': '"v2"' });
  assert.equal(code(r, 'institution_id'), 'institution.not_found');
  r = await sw.patch(`/api/v1/meetings/${m.id + 1000}/follow-ups/${fu.id}`, { done_on: d(3, 21) }, { 'If-Match': '"v2"' });
  assert.equal(r.status, 404);
  r = await sw.get(`/api/v1/meetings/${m.id}`);
  r = await sw.patch(`/api/v1/meetings/${m.id}`, { conclusions: 'Susitarta dėl bendro plano.', kind: 'commission' }, { 'If-Match': r.headers.get('etag') });
  assert.equal(code(r, 'kind'), 'unknown_field', 'the kind of a meeting does not change');
  r = await sw.get(`/api/v1/meetings/${m.id}`);
  r = await sw.patch(`/api/v1/meetings/${m.id}`, { conclusions: 'Susitarta dėl bendro plano.' }, { 'If-Match': r.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.conclusions, 'Susitarta dėl bendro plano.');
  assert.equal(r.json.version, 2);
  // Attendance recorded after the meeting replaces the list.
  let p = await sw.put(`/api/v1/meetings/${m.id}/participants`, { participants: [{ institution_id: healthId, name: 'Šeimos gydytoja' },
    { institution_id: schoolId, name: 'Socialinė pedagogė', present: true }] }, { 'If-Match': '"v2"' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.version, 3);
  assert.deepEqual(p.json.participants.map((x) => [x.institution_id, x.present]), [[healthId, true], [schoolId, true]]);
  p = await sw.put(`/api/v1/meetings/${m.id}/participants`, { participants: [{ institution_id: 999999, name: 'X' }] }, { 'If-Match': '"v3"' });
  assert.equal(code(p, 'participants'), 'cw.participants');
  p = await sw.put(`/api/v1/meetings/${m.id}/participants`, { participants: [] }, { 'If-Match': '"v2"' });
  assert.equal(p.status, 412);
  assert.equal((await sw.get(`/api/v1/meetings/${m.id}`)).json.participants.length, 2, 'refused changes changed nothing');
  assert.equal((await partner.put(`/api/v1/meetings/${m.id}/participants`, { participants: [] }, { 'If-Match': '"v3"' })).status, 403);

  // The school takes part: it sees the meeting, the family question's
  // title only, its own follow-up, no conclusions.
  r = await partner.get(`/api/v1/meetings/${m.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.questions[0].title, 'Šeimos situacija');
  assert.equal(r.json.questions[0].description, undefined);
  assert.equal(r.json.questions[0].household_id, undefined);
  assert.equal(r.json.conclusions, undefined);
  assert.deepEqual(r.json.follow_ups.map((f) => f.id), [fu.id]);
  r = await sw.get('/api/v1/meetings?kind=interagency');
  assert.ok(r.json.items.some((x) => x.id === m.id && x.questions === 1));
  assert.equal((await sw.get('/api/v1/meetings?kind=other')).status, 422);
  assert.equal((await sw.get(`/api/v1/meetings?kind=commission&year=${Y}`)).json.items.some((x) => x.id === m.id), false);
});

test('changing, cancelling, compulsory education; evaluation only after the end', async () => {
  let r = await sw.post('/api/v1/orders', { number: 'P-1', order_date: d(1, 10), kind: 'assign', subject: 'compulsory_education',
    child_id: child.id, representative_ids: [mother.id],
    measures: [{ type: 'compulsory_education', date_from: d(1, 15), date_to: d(12, 31), executor_ids: [schoolId] }] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.representatives[0].family_name, 'Žukauskienė');
  const edu = r.json.measures[0].measure_id;
  r = await sw.post('/api/v1/orders', { number: 'P-2', order_date: d(1, 10), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'therapy', date_from: d(1, 15), date_to: d(3, 31), executor_ids: [healthId] }] });
  assert.equal(r.status, 201, r.text);
  const th = r.json.measures[0].measure_id;
  // A change names the measure; an extension must belong to the same
  // subject.
  r = await sw.post('/api/v1/orders', { number: 'P-3', order_date: d(2, 1), kind: 'change', subject: 'minimal_care', child_id: child.id,
    measures: [{ measure_id: th, type: 'specialist_consultation', date_to: d(4, 30), executor_ids: [centreId] }] });
  assert.equal(r.status, 201, r.text);
  r = await sw.get(`/api/v1/measures/${th}`);
  assert.equal(r.json.type_code, 'specialist_consultation');
  assert.equal(r.json.date_to, d(4, 30));
  assert.deepEqual(r.json.executors.map((e) => e.id), [centreId]);
  r = await sw.post('/api/v1/orders', { number: 'P-4', order_date: d(2, 1), kind: 'extend', subject: 'minimal_care', child_id: child.id,
    measures: [{ measure_id: edu, date_to: d(1, 31, Y + 1) }] });
  assert.equal(code(r, 'measures[0].measure_id'), 'cw.measure.type_subject');
  r = await sw.post('/api/v1/orders', { number: 'P-4', order_date: d(2, 1), kind: 'extend', subject: 'compulsory_education', child_id: mother.id,
    measures: [{ measure_id: edu, date_to: d(1, 31, Y + 1) }] });
  assert.equal(code(r, 'measures[0].measure_id'), 'cw.measure.not_found', 'the measure of another child');
  r = await sw.post('/api/v1/orders', { number: 'P-4', order_date: d(2, 1), kind: 'assign', subject: 'minimal_care', child_id: mother.id,
    measures: [{ type: 'therapy', date_from: d(2, 1), date_to: d(3, 1), executor_ids: [healthId] }] });
  assert.equal(code(r, 'measures[0].date_from'), 'cw.term.age', 'an adult gets no minimal care measure');
  // Evaluating the running education measure is refused.
  r = await sw.get(`/api/v1/measures/${edu}`);
  let res = await sw.post(`/api/v1/measures/${edu}/evaluation`, { result: 'carried_out' }, { 'If-Match': r.headers.get('etag') });
  if (d(12, 31) >= today()) {
    assert.equal(res.status, 422);
    assert.equal(code(res, 'result'), 'cw.measure.not_ended');
  }
  // Cancelled measures can be evaluated at once.
  r = await sw.post('/api/v1/orders', { number: 'P-5', order_date: today(), kind: 'cancel', subject: 'compulsory_education', child_id: child.id,
    measures: [{ measure_id: edu }] });
  assert.equal(r.status, 201, r.text);
  r = await sw.post('/api/v1/orders', { number: 'P-6', order_date: today(), kind: 'cancel', subject: 'compulsory_education', child_id: child.id,
    measures: [{ measure_id: edu }] });
  assert.equal(code(r, 'measures[0].measure_id'), 'cw.measure.cancelled');
  r = await sw.get(`/api/v1/measures/${edu}`);
  assert.equal(r.json.status, 'cancelled');
  assert.ok(r.json.date_to <= d(12, 31));
  res = await sw.post(`/api/v1/measures/${edu}/evaluation`, { result: 'not_carried_out', reasons: 'Šeima išvyko' }, { 'If-Match': r.headers.get('etag') });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.evaluation, 'not_carried_out');
  res = await sw.post(`/api/v1/measures/${edu}/evaluation`, { result: 'partly', reasons: 'x' }, { 'If-Match': r.headers.get('etag') });
  assert.equal(res.status, 412, 'a stale version');
  assert.equal((await sw.post(`/api/v1/measures/${edu}/evaluation`, { result: 'carried_out' })).status, 428);
  res = await sw.post(`/api/v1/measures/${edu}/evaluation`, { result: 'great' }, { 'If-Match': '"v9"' });
  assert.equal(code(res, 'result'), 'enum');
});

test('bad input changes nothing; messages in Lithuanian and English', async () => {
  const before = (await sw.get('/api/v1/orders')).json.items.length;
  let r = await sw.post('/api/v1/orders', { number: 'E-1', order_date: '2026-02-30', kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'therapy', date_from: d(2, 1), date_to: d(3, 1), executor_ids: [healthId] }], extra: 1 });
  assert.equal(r.status, 422);
  assert.equal(code(r, 'order_date'), 'date');
  assert.equal(code(r, 'extra'), 'unknown_field');
  r = await sw.post('/api/v1/orders', { number: 'E-1', order_date: d(2, 1), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [
      { type: 'therapy', date_from: d(2, 1), date_to: d(3, 1), executor_ids: [healthId] },
      { type: 'therapy', date_from: d(2, 1), date_to: d(3, 1), executor_ids: [999999] },
    ] });
  assert.equal(code(r, 'measures[1].executor_ids'), 'institution.not_found');
  assert.equal((await sw.get('/api/v1/orders')).json.items.length, before, 'the first measure was not kept either');
  r = await en.post('/api/v1/orders', { order_date: d(2, 1), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'therapy', date_from: d(2, 1), date_to: d(3, 1, Y + 1), executor_ids: [healthId] }] });
  assert.equal(r.json.error.fields.number.message, 'This field is required.');
  r = await en.post('/api/v1/orders', { number: 'E-2', order_date: d(2, 1), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'therapy', date_from: d(2, 1), date_to: d(3, 1, Y + 1), executor_ids: [healthId] }] });
  assert.equal(r.json.error.fields['measures[0].date_to'].message, "The measure's term is longer than allowed.");
  r = await sw.post('/api/v1/orders', { number: 'E-2', order_date: d(2, 1), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'therapy', date_from: d(2, 1), date_to: d(3, 1, Y + 1), executor_ids: [healthId] }] });
  assert.match(r.json.error.fields['measures[0].date_to'].message, /terminas/);
  // A child the writer cannot see is "not found", like a missing one.
  const sw2 = await loginAs(server, 'social_worker2');
  r = await sw2.post('/api/v1/orders', { number: 'E-3', order_date: d(2, 1), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [{ type: 'therapy', date_from: d(2, 1), date_to: d(3, 1), executor_ids: [healthId] }] });
  assert.equal(code(r, 'child_id'), 'person.not_found');
  r = await sw.post('/api/v1/orders', { number: 'E-3', order_date: d(2, 1), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    representative_ids: [(await sw2.post('/api/v1/persons', { given_names: 'Kitas', family_name: 'Skyrius', identified: false })).json.id],
    measures: [{ type: 'therapy', date_from: d(2, 1), date_to: d(3, 1), executor_ids: [healthId] }] });
  assert.equal(code(r, 'representative_ids'), 'person.not_found', 'a representative the writer cannot see');
  r = await sw2.post(`/api/v1/meetings/${interagency}/questions`, { subject: 'family', household_id: household, title: 'X' });
  assert.equal(code(r, 'household_id'), 'household.not_found', 'a family outside the writer\'s scope');
  r = await sw2.post(`/api/v1/meetings/${interagency}/questions`, { subject: 'child', child_id: child.id, title: 'X' });
  assert.equal(code(r, 'child_id'), 'person.not_found');
  r = await sw.post('/api/v1/meetings', { kind: 'commission', meeting_date: d(5, 5), participants: [{ name: '' }] });
  assert.equal(code(r, 'participants'), 'cw.participants');
  assert.equal((await sw.get('/api/v1/meetings')).json.items.filter((m) => m.meeting_date === d(5, 5)).length, 0);
});

test('the measure types are a configurable list seeded from DOMAIN.md', async () => {
  const r = await partner.get('/api/v1/commission/measure-types');
  assert.equal(r.status, 200);
  const codes = r.json.items.map((t) => t.code);
  for (const c of ['specialist_consultation', 'day_centre', 'education_culture_sports', 'continue_schooling', 'therapy',
    'non_formal_education', 'coordinated_services', 'compulsory_education']) assert.ok(codes.includes(c), c);
  assert.ok(r.json.items.every((t) => t.name_lt && t.name_en && t.subject));
  const ev = await head.post('/api/v1/staff-development/events', { kind: 'supervision', event_date: d(5, 5), organiser: 'Supervizorė',
    topic: 'Profesinis perdegimas', hours: 1.5, participants: [{ staff_id: 999999 }] });
  assert.equal(code(ev, 'participants'), 'staff.not_found');
});

test('the worklist names every child to staff and to a partner with a share, each disclosure audited', async () => {
  const end = new Date(Date.now() + 20 * 864e5).toISOString().slice(0, 10);
  const types = ['specialist_consultation', 'day_centre', 'education_culture_sports', 'continue_schooling', 'therapy',
    'non_formal_education', 'therapy', 'day_centre'];
  let r = await sw.post('/api/v1/orders', { number: 'W-1', order_date: today(), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: types.map((type) => ({ type, date_from: today(), date_to: end, executor_ids: [healthId] })) });
  assert.equal(r.status, 201, r.text);
  const ids = r.json.measures.map((m) => m.measure_id);
  assert.equal(ids.length, 8);
  r = await sw.get('/api/v1/measures/expiring?days=30');
  const mine = r.json.items.filter((m) => ids.includes(m.id));
  assert.equal(mine.length, 8);
  assert.ok(mine.every((m) => m.child.family_name === 'Žukauskas'), 'staff see every name in a list');

  r = await sw.post(`/api/v1/persons/${child.id}/shares`, { institution_id: schoolId, parts: ['identity', 'cases'], legal_basis: 'art6_1e',
    purpose: 'Darbo su šeima derinimas', valid_until: end });
  assert.equal(r.status, 201, r.text);
  const auditor = await loginAs(server, 'auditor');
  const partnerId = (await partner.get('/api/v1/session')).json.user_id;
  const count = async () => (await auditor.get(`/api/v1/audit?user_id=${partnerId}&entity=person&entity_id=${child.id}&limit=200`))
    .json.items.filter((e) => e.action === 'read').length;
  const before = await count();
  r = await partner.get('/api/v1/measures/expiring?days=30');
  const seen = r.json.items.filter((m) => ids.includes(m.id));
  assert.equal(seen.length, 8, 'the child is shared, so the measures are visible');
  const named = seen.filter((m) => m.child.family_name);
  assert.equal(named.length, 8, 'every measure names the shared child');
  assert.equal((await count()) - before, r.json.items.filter((m) => m.child.family_name).length, 'one audit entry per name shown');
});

// The site's own dated parameters (the params table) replace the built-in
// defaults: the longest term and the yearly hours norm.
function siteParam(key, from, value) {
  const sql = `INSERT INTO params (key, valid_from, value, note, created_at) VALUES ('${key}', '${from}', ${value}, 'test', '${from}T00:00:00Z')`;
  const r = server.dbUrl.startsWith('sqlite:')
    ? spawnSync('sqlite3', [server.dbUrl.slice(7), sql], { encoding: 'utf8' })
    : spawnSync('psql', [server.dbUrl, '-qAtc', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test("a municipality's own figures: the longest term and the hours norm are dated parameters", async () => {
  const order = (number, to) => sw.post('/api/v1/orders', { number, order_date: d(1, 5), kind: 'assign', subject: 'minimal_care',
    child_id: child.id, measures: [{ type: 'therapy', date_from: d(1, 10), date_to: to, executor_ids: [healthId] }] });
  let r = await order('M-1', d(9, 9));
  assert.equal(r.status, 201, 'eight months are within the default 12');
  siteParam('cw.measure_max_months', `${Y - 1}-01-01`, 6);
  r = await order('M-2', d(9, 9));
  assert.equal(code(r, 'measures[0].date_to'), 'cw.term.too_long');
  r = await order('M-2', d(7, 9));
  assert.equal(r.status, 201, r.text);
  siteParam('staffdev.yearly_hours_norm_x100', `${Y - 1}-01-01`, 4000);
  r = await (await loginAs(server, 'director')).get(`/api/v1/reports/staff-development?year=${Y}`);
  assert.equal(r.json.norm_hours, '40');
});

test('follow-ups due: overdue and soon, for the coordinator; a partner sees its own', async () => {
  const day = (n) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
  let r = await sw.post('/api/v1/meetings', { kind: 'commission', meeting_date: day(-30) });
  assert.equal(r.status, 201, r.text);
  const mid = r.json.id;
  const add = async (institution_id, due_date, task) => {
    const res = await sw.post(`/api/v1/meetings/${mid}/follow-ups`, { task, institution_id, due_date });
    assert.equal(res.status, 201, res.text);
    return res.json;
  };
  const late = await add(healthId, day(-2), 'Vėluojantis');
  const soon = await add(schoolId, day(10), 'Netrukus');
  const later = await add(schoolId, day(30), 'Vėliau');
  const done = await add(schoolId, day(1), 'Atlikta');
  r = await sw.patch(`/api/v1/meetings/${mid}/follow-ups/${done.id}`, { done_on: day(0) }, { 'If-Match': `"v${done.version}"` });
  assert.equal(r.status, 200, r.text);
  r = await sw.get('/api/v1/meetings/follow-ups?days=14');
  assert.equal(r.status, 200, r.text);
  const ids = r.json.items.map((f) => f.id);
  assert.ok(ids.includes(late.id) && ids.includes(soon.id));
  assert.ok(!ids.includes(later.id) && !ids.includes(done.id));
  assert.ok(ids.indexOf(late.id) < ids.indexOf(soon.id), 'overdue first');
  r = await partner.get('/api/v1/meetings/follow-ups?days=14');
  assert.ok(r.json.items.every((f) => f.institution_id === schoolId));
  assert.ok(r.json.items.some((f) => f.id === soon.id));
  r = await partner.get('/api/v1/meetings/follow-ups?days=60');
  assert.ok(r.json.items.some((f) => f.id === later.id));
  assert.equal((await sw.get('/api/v1/meetings/follow-ups?days=x')).status, 422);
});

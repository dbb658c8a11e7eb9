// Home care: a worker's roster (working hours and breaks per weekday),
// mobility (mode, where the day starts) and absences; field errors name
// the row and the field; only heads and the director change them; every
// change is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, loginAs, runCli } from './lib.mjs';

let server, head, sw, director, auditor, staffId;
before(async () => {
  server = await startServer({ persons: 60 });
  head = await loginAs(server, 'head');
  sw = await loginAs(server, 'social_worker');
  director = await loginAs(server, 'director');
  auditor = await loginAs(server, 'auditor');
  const staff = (await head.get('/api/v1/staff?limit=50')).json.items;
  staffId = staff.find((s) => /priežiūros/.test(s.position)).id;
});
after(async () => { await stopServer(server); });

const week = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday, start: '08:00', end: '16:30', break_from: '11:30', break_to: '13:30', break_min: 30,
}));

test('a roster is replaced as a whole and read back', async () => {
  // Anyone in the organisation may read it (the demo gave carers a week).
  const first = await sw.get(`/api/v1/staff/${staffId}/roster`);
  assert.equal(first.status, 200, first.text);
  assert.ok(Array.isArray(first.json.days));
  let r = await head.put(`/api/v1/staff/${staffId}/roster`, { days: week });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.days.length, 5);
  assert.deepEqual(r.json.days[0], { weekday: 1, start: '08:00', end: '16:30', break_from: '11:30', break_to: '13:30', break_min: 30 });
  // Friday short, no break; the other days off.
  r = await head.put(`/api/v1/staff/${staffId}/roster`, { days: [{ weekday: 5, start: '08:00', end: '12:00' }] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.days, [{ weekday: 5, start: '08:00', end: '12:00', break_from: null, break_to: null, break_min: 0 }]);
});

test('bad rosters are refused field by field and change nothing', async () => {
  const before = (await head.get(`/api/v1/staff/${staffId}/roster`)).json.days;
  const cases = [
    [{ days: [{ weekday: 8, start: '08:00', end: '16:00' }] }, 'days.0.weekday', 'range'],
    [{ days: [{ weekday: 1, start: '8:00', end: '16:00' }] }, 'days.0.start', 'time'],
    [{ days: [{ weekday: 1, start: '08:00', end: '07:00' }] }, 'days.0.end', 'roster.end_before_start'],
    [{ days: [week[0], { ...week[1], weekday: 1 }] }, 'days.1.weekday', 'roster.duplicate_day'],
    [{ days: [{ ...week[0], break_from: '07:00' }] }, 'days.0.break_from', 'roster.break_outside'],
    [{ days: [{ ...week[0], break_to: null }] }, 'days.0.break_to', 'roster.break_pair'],
    [{ days: [{ ...week[0], colour: 'red' }] }, 'days.0.colour', 'unknown_field'],
    [{ days: 'Mon-Fri' }, 'days', 'type.array'],
    [{}, 'days', 'required'],
  ];
  for (const [body, field, code] of cases) {
    const r = await head.put(`/api/v1/staff/${staffId}/roster`, body);
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.equal(r.json.error.fields[field]?.code, code, `${field}: ${r.text}`);
    assert.ok(r.json.error.fields[field].message);
  }
  assert.deepEqual((await head.get(`/api/v1/staff/${staffId}/roster`)).json.days, before);
  assert.equal((await head.put('/api/v1/staff/999999/roster', { days: week })).status, 404);
});

test('mobility and absences', async () => {
  let r = await head.put(`/api/v1/staff/${staffId}/mobility`, { mode: 'car', base_lat: 55.4981, base_lon: 25.6013, base_label: 'Centras' });
  assert.equal(r.status, 200, r.text);
  const v1 = r.json.mobility.version;
  assert.deepEqual(r.json.mobility, { mode: 'car', base_lat: 55.4981, base_lon: 25.6013, base_label: 'Centras', version: v1 });
  r = await head.put(`/api/v1/staff/${staffId}/mobility`, { mode: 'foot' });
  assert.equal(r.json.mobility.mode, 'foot');
  assert.equal(r.json.mobility.base_lat, null);
  assert.equal(r.json.mobility.version, v1 + 1);
  r = await head.put(`/api/v1/staff/${staffId}/mobility`, { mode: 'bike', base_lat: 95, base_lon: 25 });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.mode.code, 'enum');
  assert.equal(r.json.error.fields.base_lat.code, 'coordinates');
  r = await head.put(`/api/v1/staff/${staffId}/mobility`, { mode: 'car', base_lat: 55.5 });
  assert.equal(r.json.error.fields.base_lon.code, 'coordinates');

  const today = new Date().toISOString().slice(0, 10);
  r = await head.post(`/api/v1/staff/${staffId}/absences`, { date_from: today, date_to: '2099-12-31', kind: 'holiday' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.absences.length, 1);
  const aid = r.json.absences[0].id;
  r = await head.post(`/api/v1/staff/${staffId}/absences`, { date_from: '2026-12-10', date_to: '2026-12-01', kind: 'flu' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.kind.code, 'enum');
  assert.equal(r.json.error.fields.date_to.code, 'date.order');
  r = await head.post(`/api/v1/staff/${staffId}/absences`, { date_from: '2026-13-01', date_to: '2026-12-01', kind: 'sick' });
  assert.equal(r.json.error.fields.date_from.code, 'date');
  r = await head.del(`/api/v1/staff/${staffId}/absences/${aid}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.absences, []);
  assert.equal((await head.del(`/api/v1/staff/${staffId}/absences/${aid}`)).status, 404);
});

test('only heads and the director plan; changes are audited', async () => {
  assert.equal((await sw.put(`/api/v1/staff/${staffId}/roster`, { days: week })).status, 403);
  assert.equal((await sw.post(`/api/v1/staff/${staffId}/absences`, { date_from: '2026-12-01', date_to: '2026-12-02', kind: 'sick' })).status, 403);
  assert.equal((await director.put(`/api/v1/staff/${staffId}/roster`, { days: week })).status, 200);
  const log = (await auditor.get(`/api/v1/audit?entity=staff&entity_id=${staffId}`)).json.items.map((e) => e.action);
  for (const a of ['roster.replace', 'mobility.update', 'absence.add', 'absence.delete'])
    assert.ok(log.includes(a), `${a} in ${log}`);
});

// ---- visit patterns ----

const ifm = (r) => ({ 'If-Match': r.headers.get('etag') });

// A home-help case walked to active by the home-help social worker and
// the director: 10 h a week from 2026-01-05.
async function activeHomeHelpCase(sw2, person) {
  const svc = (await sw2.get('/api/v1/services?limit=200')).json.items.find((s) => s.code === 'pagalba_namuose');
  const homeDept = svc.department_id;
  let r = await sw2.post('/api/v1/cases', {
    person_id: person.id, department_id: homeDept, received_on: '2025-12-01', channel: 'in_person', service_ids: [svc.id],
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await sw2.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2025-12-05', dependency_level: 'high', findings: 'Reikia pagalbos buityje.' }, ifm(r));
  assert.equal(r.status, 201, r.text);
  r = await director.post(`/api/v1/cases/${id}/decisions`, {
    kind: 'assign', decided_on: '2025-12-15', income: { incomes: [90000, 90000, 90000] },
    services: [{ service_id: svc.id, amount: 10, period: 'week', visits_per_week: 5, start_on: '2026-01-05' }],
  }, ifm(r));
  assert.equal(r.status, 201, r.text);
  r = await sw2.post(`/api/v1/cases/${id}/contract`, { number: 'S-1', signed_on: '2025-12-20' }, ifm(r));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'active');
  const ds = r.json.decisions[0].services[0];
  return { id, ds: ds.id ?? ds.decision_service_id };
}

test('visit patterns follow the decision; exceptions; scope', async () => {
  const sw2 = await loginAs(server, 'social_worker2');
  const person = (await sw2.get('/api/v1/persons?limit=5')).json.items[0];
  assert.ok(person, 'the home-help social worker sees a person');
  const c = await activeHomeHelpCase(sw2, person);
  const base = { decision_service_id: c.ds, weekdays: [1, 3, 5], window_start: '08:00', window_end: '11:00',
    duration_min: 90, skills: ['carer'], preferred_staff_id: staffId, valid_from: '2026-01-05' };
  let r = await sw2.post(`/api/v1/cases/${c.id}/visit-patterns`, base);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.patterns.length, 1);
  const pat = r.json.patterns[0];
  assert.deepEqual([pat.weekdays, pat.window_start, pat.window_end, pat.duration_min, pat.skills, pat.preferred_staff_id, pat.service_code],
    [[1, 3, 5], '08:00', '11:00', 90, ['carer'], staffId, 'pagalba_namuose']);

  // Against the decision and the catalogue, field by field; nothing written.
  const bad = [
    [{ ...base, weekdays: [1, 2, 3, 4, 5], duration_min: 150 }, 'duration_min', 'pattern.over_decision'],
    [{ ...base, weekdays: [1, 2, 3, 4, 5, 6] , duration_min: 60 }, 'weekdays', 'pattern.too_many_visits'],
    [{ ...base, weekdays: [], visits_per_week: null }, 'weekdays', 'pattern.days_or_count'],
    [{ ...base, weekdays: [1, 8] }, 'weekdays', 'pattern.weekdays'],
    [{ ...base, window_end: '09:00' }, 'window_end', 'pattern.window_short'],
    [{ ...base, window_start: '8 val.' }, 'window_start', 'time'],
    [{ ...base, valid_from: '2025-12-01' }, 'valid_from', 'pattern.outside_decision'],
    [{ ...base, skills: ['juggler'] }, 'skills', 'skills.unknown'],
    [{ ...base, decision_service_id: 999999 }, 'decision_service_id', 'pattern.decision_service'],
    [{ ...base, preferred_staff_id: 999999 }, 'preferred_staff_id', 'staff.not_found'],
  ];
  for (const [body, field, code] of bad) {
    const b = await sw2.post(`/api/v1/cases/${c.id}/visit-patterns`, body);
    assert.equal(b.status, 422, `${field}: ${b.text}`);
    assert.equal(b.json.error.fields[field]?.code, code, `${field}: ${b.text}`);
  }
  assert.equal((await sw2.get(`/api/v1/cases/${c.id}/visit-patterns`)).json.patterns.length, 1);

  // A number a week instead of days; If-Match guards the change.
  const vp = await sw2.get(`/api/v1/cases/${c.id}/visit-patterns`);
  r = await sw2.patch(`/api/v1/visit-patterns/${pat.id}`, { ...base, weekdays: null, visits_per_week: 4, duration_min: 120 }, { 'If-Match': `"v${pat.version}"` });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.patterns[0].weekdays, r.json.patterns[0].visits_per_week], [[], 4]);
  r = await sw2.patch(`/api/v1/visit-patterns/${pat.id}`, base, { 'If-Match': `"v${pat.version}"` });
  assert.equal(r.status, 412, r.text);
  assert.equal(vp.status, 200);

  // A hospital stay; wrong order of dates refused.
  r = await sw2.post(`/api/v1/cases/${c.id}/visit-exceptions`, { date_from: '2026-02-02', date_to: '2026-02-10', kind: 'hospital', note: 'Ligoninė' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.exceptions.length, 1);
  r = await sw2.post(`/api/v1/cases/${c.id}/visit-exceptions`, { date_from: '2026-02-10', date_to: '2026-02-02', kind: 'trip' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.kind.code, 'enum');
  assert.equal(r.json.error.fields.date_to.code, 'date.order');

  // Another department's social worker sees nothing of it.
  assert.equal((await sw.get(`/api/v1/cases/${c.id}/visit-patterns`)).status, 404);
  assert.equal((await sw.post(`/api/v1/cases/${c.id}/visit-patterns`, base)).status, 404);
  assert.equal((await sw.patch(`/api/v1/visit-patterns/${pat.id}`, base, { 'If-Match': '"v2"' })).status, 404);
  assert.equal((await sw.del(`/api/v1/visit-patterns/${pat.id}`)).status, 404);

  // Ending a pattern that started: it ends yesterday, not removed.
  r = await sw2.del(`/api/v1/visit-patterns/${pat.id}`);
  assert.equal(r.status, 200, r.text);
  const ended = r.json.patterns.find((x) => x.id === pat.id);
  const y = new Date(Date.now() - 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Vilnius' });
  assert.equal(ended.valid_to, y);
  const eid = r.json.exceptions[0].id;
  r = await sw2.del(`/api/v1/cases/${c.id}/visit-exceptions/${eid}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.exceptions, []);
  const log = (await auditor.get(`/api/v1/audit?entity=case&entity_id=${c.id}`)).json.items.map((e) => e.action);
  for (const a of ['visit_pattern.create', 'visit_pattern.update', 'visit_pattern.end', 'visit_exception.add', 'visit_exception.delete', 'read'])
    assert.ok(log.includes(a), `${a} in ${log}`);
});

test('a week of home visits: patterns, exceptions, workers and their absences, problems', async () => {
  const sw2 = await loginAs(server, 'social_worker2');
  const partner = await loginAs(server, 'partner');
  const people = (await sw2.get('/api/v1/persons?limit=10')).json.items;
  assert.ok(people.length >= 3, 'home-help persons');
  const [a, b] = [people[1], people[2]];
  const ca = await activeHomeHelpCase(sw2, a);
  const cb = await activeHomeHelpCase(sw2, b);
  // a: Mon/Wed/Fri 08:00-11:00, needs a carer; in hospital on Wednesday
  // 2026-01-14. b: no pattern at all (a problem to solve).
  let r = await sw2.post(`/api/v1/cases/${ca.id}/visit-patterns`, { decision_service_id: ca.ds, weekdays: [1, 3, 5],
    window_start: '08:00', window_end: '11:00', duration_min: 90, skills: ['carer'], valid_from: '2026-01-05' });
  assert.equal(r.status, 201, r.text);
  r = await sw2.post(`/api/v1/cases/${ca.id}/visit-exceptions`, { date_from: '2026-01-14', date_to: '2026-01-14', kind: 'hospital' });
  assert.equal(r.status, 201, r.text);
  // a lives at a known place; coordinates come from the address.
  const card = await sw2.get(`/api/v1/persons/${a.id}`);
  for (const addr of card.json.addresses || [])
    await sw2.del(`/api/v1/persons/${a.id}/addresses/${addr.id}`, { 'If-Match': (await sw2.get(`/api/v1/persons/${a.id}`)).headers.get('etag') });
  r = await sw2.post(`/api/v1/persons/${a.id}/addresses`, { kind: 'residence', line: 'Aušros g. 5', city: 'Utena', lat: 55.4981, lon: 25.6013 },
    { 'If-Match': (await sw2.get(`/api/v1/persons/${a.id}`)).headers.get('etag') });
  assert.equal(r.status, 201, r.text);
  // The carer works Mon-Fri and is on holiday on Friday 2026-01-16.
  const staff = (await head.get('/api/v1/staff?limit=100')).json.items;
  const carer = staff.find((s) => s.id === staffId);
  assert.ok(carer.skills.includes('carer'), 'the demo carer has the skill');
  r = await head.put(`/api/v1/staff/${staffId}/roster`, { days: week });
  assert.equal(r.status, 200, r.text);
  r = await head.post(`/api/v1/staff/${staffId}/absences`, { date_from: '2026-01-16', date_to: '2026-01-16', kind: 'holiday' });
  assert.equal(r.status, 201, r.text);

  r = await sw2.get('/api/v1/home-visits?week=2026-W03');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.week, r.json.monday, r.json.sunday], ['2026-W03', '2026-01-12', '2026-01-18']);
  const mine = r.json.visits.filter((v) => v.case_id === ca.id);
  assert.deepEqual(mine.map((v) => [v.date, v.skipped]), [['2026-01-12', false], ['2026-01-14', true], ['2026-01-16', false]]);
  assert.deepEqual([mine[0].window_start, mine[0].window_end, mine[0].duration_min, mine[0].skills], ['08:00', '11:00', 90, ['carer']]);
  assert.deepEqual(mine[0].address, { line: 'Aušros g. 5', city: 'Utena', lat: 55.4981, lon: 25.6013 });
  assert.equal(mine[0].person.family_name, a.family_name);
  assert.equal(mine[0].person.personal_code, undefined, 'no personal codes in the week');
  const w = r.json.workers.find((x) => x.staff_id === staffId);
  assert.deepEqual(w.days.map((d) => d.date), ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15'], 'Friday off');
  assert.deepEqual(w.days[0], { date: '2026-01-12', start: '08:00', end: '16:30', break_from: '11:30', break_to: '13:30', break_min: 30 });
  assert.equal(w.absent[0].kind, 'holiday');
  assert.ok(r.json.problems.some((p) => p.kind === 'no_pattern' && p.case_id === cb.id), JSON.stringify(r.json.problems));
  assert.ok(!r.json.problems.some((p) => p.kind === 'no_coordinates' && p.case_id === ca.id));
  assert.ok(r.json.totals.visits >= 2 && r.json.totals.skipped >= 1);

  // Scope and input: the family-support worker sees their own (empty)
  // department, not home help's; the director must name one; a partner
  // gets an empty week; a bad week is named.
  r = await sw.get('/api/v1/home-visits?week=2026-W03');
  assert.equal(r.status, 200);
  assert.ok(!r.json.visits.some((v) => v.case_id === ca.id));
  r = await sw.get(`/api/v1/home-visits?week=2026-W03&department_id=${carer.department_id}`);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.department_id.code, 'department.scope');
  r = await director.get('/api/v1/home-visits?week=2026-W03');
  assert.equal(r.json.error.fields.department_id.code, 'required');
  r = await director.get(`/api/v1/home-visits?week=2026-W03&department_id=${carer.department_id}`);
  assert.equal(r.status, 200);
  assert.ok(r.json.visits.some((v) => v.case_id === ca.id));
  r = await partner.get('/api/v1/home-visits?week=2026-W03');
  assert.deepEqual([r.status, r.json.visits], [200, []]);
  for (const bad of ['2026-48', '2026-W54', ''])
    assert.equal((await sw2.get(`/api/v1/home-visits?week=${bad}`)).json.error.fields.week.code, bad ? 'week' : 'week');
  assert.equal((await sw2.get('/api/v1/home-visits')).json.error.fields.week.code, 'required');
  // Every person shown is in the audit log as read.
  const log = (await auditor.get(`/api/v1/audit?entity=person&entity_id=${a.id}&action=home_visits.read`)).json.items;
  assert.ok(log.length >= 1);

  // A one-off visit: a pattern of one day (Thursday 2026-01-15 only).
  r = await sw2.post(`/api/v1/cases/${cb.id}/visit-patterns`, { decision_service_id: cb.ds, weekdays: [4],
    window_start: '14:00', window_end: '16:00', duration_min: 45, skills: ['carer'], valid_from: '2026-01-15', valid_to: '2026-01-15' });
  assert.equal(r.status, 201, r.text);
  r = await sw2.get('/api/v1/home-visits?week=2026-W03');
  assert.deepEqual(r.json.visits.filter((v) => v.case_id === cb.id).map((v) => [v.date, v.window_start, v.duration_min]),
    [['2026-01-15', '14:00', 45]]);
  assert.ok(!r.json.problems.some((p) => p.kind === 'no_pattern' && p.case_id === cb.id));
  r = await sw2.get('/api/v1/home-visits?week=2026-W04');
  assert.equal(r.json.visits.filter((v) => v.case_id === cb.id).length, 0, 'once only');
});

test('plan a week: every visit placed in its window or unplaced with a reason; announce; the day sheet', async () => {
  const sw2 = await loginAs(server, 'social_worker2');
  const staff = (await head.get('/api/v1/staff?limit=100')).json.items;
  const homeDept = staff.find((s) => s.id === staffId).department_id;
  // One worker only (the demo gave every carer a week): the others off.
  for (const s of staff.filter((x) => x.department_id === homeDept && x.id !== staffId))
    assert.equal((await head.put(`/api/v1/staff/${s.id}/roster`, { days: [] })).status, 200);
  // Bad requests first: named fields, nothing stored.
  let r = await director.post('/api/v1/visit-plans', { department_id: homeDept, time_limit_s: 0 });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.fields.week.code, 'required');
  assert.equal(r.json.error.fields.time_limit_s.code, 'range');
  r = await director.post('/api/v1/visit-plans', { week: '2026-W03' });
  assert.equal(r.json.error.fields.department_id.code, 'required');
  assert.equal((await sw2.post('/api/v1/visit-plans', { week: '2026-W03' })).status, 403);

  const week = (await sw2.get('/api/v1/home-visits?week=2026-W03')).json;
  const wanted = week.visits.filter((v) => !v.skipped);
  assert.ok(wanted.length >= 3, 'visits to plan');
  r = await director.post('/api/v1/visit-plans', { week: '2026-W03', department_id: homeDept, time_limit_s: 1, seed: 7 });
  assert.equal(r.status, 201, r.text);
  const plan = r.json;
  assert.equal(plan.status, 'draft');
  assert.equal(plan.stats.visits, wanted.length);
  assert.equal(plan.visits.length, wanted.length, 'every visit is in the plan, placed or not');
  const toMin = (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  for (const v of plan.visits) {
    if (v.staff_id) {
      assert.equal(v.status, 'planned');
      assert.ok(toMin(v.start) >= toMin(v.window_start) && toMin(v.start) + v.duration_min <= toMin(v.window_end) + 0,
        `${v.start} in ${v.window_start}-${v.window_end}`);
      assert.equal(v.staff_id, staffId, 'the only worker with a roster');
      assert.notEqual(v.visit_date, '2026-01-16', 'not on the worker\'s day off');
    } else {
      assert.equal(v.status, 'unplaced');
      assert.ok(['no_skill', 'window', 'capacity', 'search_limit', 'no_location', 'no_worker'].includes(v.unplaced_reason), v.unplaced_reason);
    }
  }
  assert.ok(plan.visits.some((v) => v.staff_id), 'something placed');
  assert.ok(plan.visits.filter((v) => v.visit_date === '2026-01-16').every((v) => !v.staff_id), 'Friday: nobody works');
  assert.equal(plan.stats.placed + Object.values(plan.stats.unplaced).reduce((a, b) => a + b, 0), plan.stats.visits);

  // The same seed and budget plans the same week again (deterministic
  // for iteration-limited runs; here the time limit is short, so only
  // the shape is compared).
  const list = (await sw2.get('/api/v1/visit-plans?week=2026-W03')).json.items;
  assert.ok(list.some((p) => p.id === plan.id && p.status === 'draft'));

  // No announced plan yet: no day sheet.
  r = await sw2.get(`/api/v1/staff/${staffId}/day-sheet?date=2026-01-12`);
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'plan.none_announced');
  r = await director.post(`/api/v1/visit-plans/${plan.id}/announce`, {}, { 'If-Match': '"v99"' });
  assert.equal(r.status, 412);
  r = await director.post(`/api/v1/visit-plans/${plan.id}/announce`, {}, { 'If-Match': `"v${plan.version}"` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'announced');
  assert.equal((await director.post(`/api/v1/visit-plans/${plan.id}/announce`, {}, { 'If-Match': `"v${r.json.version}"` })).status, 409);

  r = await sw2.get(`/api/v1/staff/${staffId}/day-sheet?date=2026-01-12`);
  assert.equal(r.status, 200, r.text);
  const monday = plan.visits.filter((v) => v.visit_date === '2026-01-12' && v.staff_id === staffId).sort((a, b) => a.seq - b.seq);
  assert.deepEqual(r.json.visits.map((v) => [v.seq, v.start, v.case_id]), monday.map((v) => [v.seq, v.start, v.case_id]));
  assert.ok(r.json.visits.every((v) => 'address' in v));
  assert.equal((await sw2.get(`/api/v1/staff/${staffId}/day-sheet?date=12.01.2026`)).json.error.fields.date.code, 'date');
  // The printable sheet: the same visits in order, every text escaped.
  const html = await sw2.get(`/api/v1/staff/${staffId}/day-sheet?date=2026-01-12&format=html`);
  assert.equal(html.status, 200);
  assert.match(html.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(html.text, /<h1>Darbo dienos lapas: /);
  let at = 0;
  for (const v of monday) {
    const k = html.text.indexOf(`<td>${v.start}</td>`, at);
    assert.ok(k > at, `visit at ${v.start} in order`);
    at = k;
  }
  assert.ok(!/<script/i.test(html.text));
  const en = await sw2.req('GET', `/api/v1/staff/${staffId}/day-sheet?date=2026-01-12&format=html`, undefined, { 'Accept-Language': 'en' });
  assert.match(en.text, /<h1>Day sheet: /);
  assert.equal((await sw2.get(`/api/v1/staff/${staffId}/day-sheet?date=2026-01-12&format=pdf`)).json.error.fields.format.code, 'enum');
  assert.equal((await sw.get(`/api/v1/staff/${staffId}/day-sheet?date=2026-01-12`)).status, 404, 'another department');
  assert.equal((await sw.get(`/api/v1/visit-plans/${plan.id}`)).status, 404);
});

test('re-plan a day when a worker falls ill: nothing for the ill worker, the rest kept where it can be', async () => {
  const staff = (await head.get('/api/v1/staff?limit=100')).json.items;
  const me = staff.find((s) => s.id === staffId);
  const other = staff.find((s) => s.id !== staffId && s.department_id === me.department_id && s.skills.includes('carer'));
  assert.ok(other, 'a second carer in home help');
  let r = await head.put(`/api/v1/staff/${other.id}/roster`, { days: week });
  assert.equal(r.status, 200, r.text);
  r = await director.post('/api/v1/visit-plans', { week: '2026-W03', department_id: me.department_id, time_limit_s: 2, seed: 3 });
  assert.equal(r.status, 201, r.text);
  let plan = r.json;
  r = await director.post(`/api/v1/visit-plans/${plan.id}/announce`, {}, { 'If-Match': `"v${plan.version}"` });
  assert.equal(r.status, 200, r.text);
  plan = r.json;
  const before = plan.visits.filter((v) => v.visit_date === '2026-01-13');
  assert.ok(before.some((v) => v.staff_id), 'Tuesday has placed visits');

  // Input errors: stale version, a date outside the week, unknown staff.
  r = await director.post(`/api/v1/visit-plans/${plan.id}/replan`, { date: '2026-01-13', absent_staff_ids: [staffId] }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 412);
  r = await director.post(`/api/v1/visit-plans/${plan.id}/replan`, { date: '2026-01-20', absent_staff_ids: [staffId] }, { 'If-Match': `"v${plan.version}"` });
  assert.equal(r.json.error.fields?.date?.code, 'plan.date_outside', r.text);
  r = await director.post(`/api/v1/visit-plans/${plan.id}/replan`, { date: '2026-01-13', absent_staff_ids: [999999] }, { 'If-Match': `"v${plan.version}"` });
  assert.equal(r.json.error.fields?.absent_staff_ids?.code, 'staff.not_found', r.text);
  r = await director.post(`/api/v1/visit-plans/${plan.id}/replan`, { date: '2026-01-13', absent_staff_ids: [] }, { 'If-Match': `"v${plan.version}"` });
  assert.equal(r.json.error.fields?.absent_staff_ids?.code, 'type.array', r.text);

  r = await director.post(`/api/v1/visit-plans/${plan.id}/replan`, { date: '2026-01-13', absent_staff_ids: [staffId], time_limit_s: 1 },
    { 'If-Match': `"v${plan.version}"` });
  assert.equal(r.status, 200, r.text);
  const after = r.json.visits.filter((v) => v.visit_date === '2026-01-13');
  assert.equal(after.length, before.length, 'every visit of the day is still there');
  assert.ok(after.every((v) => v.staff_id !== staffId), 'nothing for the ill worker');
  const rp = r.json.replan;
  assert.equal(rp.announced, before.filter((v) => v.staff_id).length);
  assert.ok(rp.kept <= rp.announced);
  const keptNow = after.filter((v) => v.staff_id && before.some((b) => b.pattern_id === v.pattern_id && b.staff_id === v.staff_id)).length;
  assert.ok(rp.kept <= keptNow, `${rp.kept} kept vs ${keptNow} with the same worker`);
  assert.equal(rp.placed + rp.unplaced, after.length);
  assert.ok(r.json.version > plan.version);
  // The other days are untouched.
  const monBefore = plan.visits.filter((v) => v.visit_date === '2026-01-12').map((v) => [v.pattern_id, v.staff_id, v.start]);
  const monAfter = r.json.visits.filter((v) => v.visit_date === '2026-01-12').map((v) => [v.pattern_id, v.staff_id, v.start]);
  assert.deepEqual(monAfter, monBefore);
});

test('pagalba plan: the same planning from the command line, printed as JSON', async () => {
  const r = runCli(server, ['plan', '--week', '2026-W03', '--department', 'home_help', '--seconds', '1', '--seed', '5']);
  assert.equal(r.status, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  assert.equal(plan.status, 'draft');
  assert.equal(plan.week, '2026-W03');
  assert.ok(plan.visits.length >= 3);
  assert.ok(plan.visits.every((v) => (v.staff_id && v.start) || (!v.staff_id && v.unplaced_reason)));
  const bad = runCli(server, ['plan', '--week', '2026-W03', '--department', 'no_such']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /no department/);
  assert.equal(runCli(server, ['plan', '--week', 'W03', '--department', 'home_help']).status, 2);
  const log = (await auditor.get('/api/v1/audit?action=visit_plan.create')).json.items;
  assert.ok(log.some((e) => e.username === 'cli'));
});

test('check-in and check-out turn a planned visit into a delivered service; a missed visit records none', async () => {
  const sw2 = await loginAs(server, 'social_worker2');
  const staff = (await head.get('/api/v1/staff?limit=100')).json.items;
  const dept = staff.find((s) => s.id === staffId).department_id;
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Vilnius' });
  const thisWeek = (await sw2.get(`/api/v1/home-visits?week=2026-W01`)).json; // any valid week, for the format
  assert.ok(thisWeek.week);
  // The ISO week of today.
  const d = new Date(today + 'T12:00:00Z');
  const day = (d.getUTCDay() + 6) % 7;
  const thu = new Date(d.getTime() + (3 - day) * 864e5);
  const jan4 = new Date(Date.UTC(thu.getUTCFullYear(), 0, 4));
  const wk = 1 + Math.round(((thu - jan4) / 864e5 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  const week = `${thu.getUTCFullYear()}-W${String(wk).padStart(2, '0')}`;
  // Everyone in home help works every day this week, so today has visits.
  for (const s of staff.filter((x) => x.department_id === dept && x.skills.includes('carer')))
    await head.put(`/api/v1/staff/${s.id}/roster`, { days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })) });
  // A short visit on today's weekday for a home-help case, so today
  // always has something to check in, whatever day the test runs.
  const person = (await sw2.get('/api/v1/persons?limit=20')).json.items[5];
  const c = await activeHomeHelpCase(sw2, person);
  let r = await sw2.post(`/api/v1/cases/${c.id}/visit-patterns`, { decision_service_id: c.ds, weekdays: [day + 1],
    window_start: '00:00', window_end: '24:00', duration_min: 30, skills: ['carer'], valid_from: '2026-01-05' });
  assert.equal(r.status, 201, r.text);
  r = await director.post('/api/v1/visit-plans', { week, department_id: dept, time_limit_s: 1 });
  assert.equal(r.status, 201, r.text);
  let plan = r.json;
  const todays = plan.visits.filter((v) => v.visit_date === today && v.staff_id);
  assert.ok(todays.length >= 1, 'today has a planned visit');
  const v = todays[0];
  r = await sw2.post(`/api/v1/planned-visits/${v.id}/check-in`, {}, { 'If-Match': `"v${v.version}"` });
  assert.equal(r.status, 409, 'a draft plan cannot be worked');
  assert.equal(r.json.error.code, 'visit.not_announced');
  r = await director.post(`/api/v1/visit-plans/${plan.id}/announce`, {}, { 'If-Match': `"v${plan.version}"` });
  assert.equal(r.status, 200, r.text);

  r = await sw2.post(`/api/v1/planned-visits/${v.id}/check-out`, {}, { 'If-Match': `"v${v.version}"` });
  assert.equal(r.json.error.code, 'visit.state', 'no check-out before a check-in');
  r = await sw2.post(`/api/v1/planned-visits/${v.id}/check-in`, { at: 'nine o\'clock' }, { 'If-Match': `"v${v.version}"` });
  assert.equal(r.json.error.fields.at.code, 'timestamp');
  r = await sw2.post(`/api/v1/planned-visits/${v.id}/check-in`, { at: '2020-01-01T09:00:00+02:00' }, { 'If-Match': `"v${v.version}"` });
  assert.equal(r.json.error.code, 'visit.other_day');
  const inAt = new Date(Date.now() - 65 * 60000).toISOString();
  const sameDay = new Date(inAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Vilnius' }) === today;
  r = await sw2.post(`/api/v1/planned-visits/${v.id}/check-in`, sameDay ? { at: inAt } : {}, { 'If-Match': `"v${v.version}"` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'checked_in');
  const v2 = r.json.version;
  assert.equal((await sw.post(`/api/v1/planned-visits/${v.id}/check-out`, {}, { 'If-Match': `"v${v2}"` })).status, 404, 'another department');
  r = await sw2.post(`/api/v1/planned-visits/${v.id}/check-out`, { note: 'Viskas gerai' }, { 'If-Match': `"v${v2}"` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'done');
  assert.ok(r.json.delivery_id > 0);
  const month = today.slice(0, 7);
  const del = (await sw2.get(`/api/v1/cases/${v.case_id}/deliveries?month=${month}`)).json;
  const rows = JSON.stringify(del);
  assert.ok(rows.includes(`"id":${r.json.delivery_id}`), rows.slice(0, 300));
  // Checked out once only.
  assert.equal((await sw2.post(`/api/v1/planned-visits/${v.id}/check-out`, {}, { 'If-Match': `"v${r.json.version}"` })).json.error.code, 'visit.state');

  const w = todays[1];
  if (w) {
    r = await sw2.post(`/api/v1/planned-visits/${w.id}/missed`, {}, { 'If-Match': `"v${w.version}"` });
    assert.equal(r.json.error.fields.note.code, 'required');
    r = await sw2.post(`/api/v1/planned-visits/${w.id}/missed`, { note: 'Klientas neatidarė durų' }, { 'If-Match': `"v${w.version}"` });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'missed');
    assert.equal(r.json.delivery_id, null);
  }
});

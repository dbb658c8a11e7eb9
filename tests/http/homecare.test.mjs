// Home care: a worker's roster (working hours and breaks per weekday),
// mobility (mode, where the day starts) and absences; field errors name
// the row and the field; only heads and the director change them; every
// change is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, loginAs } from './lib.mjs';

let server, head, sw, director, auditor, staffId;
before(async () => {
  server = await startServer({ persons: 10 });
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
  const empty = await sw.get(`/api/v1/staff/${staffId}/roster`);
  assert.equal(empty.status, 200, empty.text);
  assert.deepEqual(empty.json.days, []);
  assert.equal(empty.json.mobility, null);
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
  assert.deepEqual(r.json.mobility, { mode: 'car', base_lat: 55.4981, base_lon: 25.6013, base_label: 'Centras', version: 1 });
  r = await head.put(`/api/v1/staff/${staffId}/mobility`, { mode: 'foot' });
  assert.equal(r.json.mobility.mode, 'foot');
  assert.equal(r.json.mobility.base_lat, null);
  assert.equal(r.json.mobility.version, 2);
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

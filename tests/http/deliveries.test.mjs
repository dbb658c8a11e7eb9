// Delivered services and the monthly billing statement: every endpoint,
// each refusal with its specific field or conflict key and nothing
// written, the decided amount flagged and the catalogue limit refused,
// bulk entry all or nothing, the correction chain and cancellation, the
// case's month with totals, and the billing statement (JSON and CSV, one
// person and every person) against figures computed by hand.
//
// Cases and decisions are fixtures inserted with SQL (the same statements
// on SQLite and PostgreSQL), so that the figures below are fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, stopServer, loginAs, BACKEND } from './lib.mjs';

let server, sw, sw2, head, director, partner;
const F = {}; // fixture ids

function sql(query) {
  const r = BACKEND === 'postgresql'
    ? spawnSync('psql', [server.dbUrl, '-qAtc', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [join(server.dir, 'test.db'),
      // The read log is a file of its own on SQLite (DB.reads).
      (query.includes('audit_reads') ? `ATTACH '${join(server.dir, 'test.db')}.reads' AS reads; ` : '') + query],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}
const num = (q) => Number(sql(q));
const NOW = "'2026-01-01T00:00:00.000Z'";

function service(code, unit, limit, period, rule) {
  return num(`INSERT INTO services (code, name_lt, name_en, kind, unit, limit_x100, limit_period,
    payment_rule, created_at, updated_at) VALUES ('${code}', 'Paslauga ${code}', 'Service ${code}',
    'social_supervision', '${unit}', ${limit ?? 'NULL'}, ${period ? `'${period}'` : 'NULL'}, '${rule}',
    ${NOW}, ${NOW}) RETURNING id`);
}
function kase(person, dept, status) {
  return num(`INSERT INTO cases (person_id, department_id, status, opened_on, created_at, updated_at)
    VALUES (${person}, ${dept}, '${status}', '2026-08-01', ${NOW}, ${NOW}) RETURNING id`);
}
function decision(caseId, kind, payment, number) {
  const result = JSON.stringify({ payment, lines: [{ text_lt: 'įšaldyta', text_en: 'frozen' }] });
  return num(`INSERT INTO decisions (case_id, kind, number, decided_on, payment_rule, payment_cents,
    payment_result, created_at) VALUES (${caseId}, '${kind}', '${number}', '2026-09-01', 'home_help',
    ${payment ?? 'NULL'}, '${result}', ${NOW}) RETURNING id`);
}
function dservice(dec, caseId, svc, amount, period, start, end, price) {
  return num(`INSERT INTO decision_services (decision_id, case_id, service_id, amount_x100, period,
    start_on, end_on, price_cents) VALUES (${dec}, ${caseId}, ${svc}, ${amount}, '${period}',
    '${start}', ${end ? `'${end}'` : 'NULL'}, ${price}) RETURNING id`);
}
const deliveriesCount = () => num('SELECT COUNT(*) FROM deliveries');

function expectField(r, field, code, status = 422) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.fields?.[field]?.code, code, r.text);
  assert.ok(r.json.error.fields[field].message, 'field message is translated');
}
function expectConflict(r, code) {
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, code, r.text);
  assert.ok(r.json.error.message);
}

before(async () => {
  server = await startServer({ persons: 40 });
  sw = await loginAs(server, 'social_worker');
  sw2 = await loginAs(server, 'social_worker2');
  head = await loginAs(server, 'head');
  director = await loginAs(server, 'director');
  partner = await loginAs(server, 'partner');
  F.fam = num("SELECT id FROM departments WHERE code = 'family_support'");
  F.home = num("SELECT id FROM departments WHERE code = 'home_help'");
  F.person = num(`SELECT person_id FROM person_departments WHERE department_id = ${F.fam} AND person_id NOT IN
    (SELECT person_id FROM person_departments WHERE department_id = ${F.home}) ORDER BY person_id LIMIT 1`);
  F.other = num(`SELECT person_id FROM person_departments WHERE department_id = ${F.home} AND person_id NOT IN
    (SELECT person_id FROM person_departments WHERE department_id = ${F.fam}) ORDER BY person_id LIMIT 1`);
  F.staff = num('SELECT id FROM staff WHERE active = 1 ORDER BY id LIMIT 1');
  // Home help: catalogue limit 10 h a week; meals: no limit.
  F.hh = service('t_home_help', 'hour', 1000, 'week', 'home_help');
  F.meals = service('t_meals', 'meal', null, null, 'general');
  // Case A: active; 8 h a week of home help at 8.50, 20 meals a month at
  // 3.20; monthly payment 45.00.
  F.caseA = kase(F.person, F.fam, 'active');
  F.decA = decision(F.caseA, 'assign', 4500, 'SP-T1');
  F.dsHH = dservice(F.decA, F.caseA, F.hh, 800, 'week', '2026-09-01', '2026-12-31', 850);
  F.dsMeals = dservice(F.decA, F.caseA, F.meals, 2000, 'month', '2026-10-01', null, 320);
  // Case E: the same person, meals at 3.20, payment 50.00.
  F.caseE = kase(F.person, F.fam, 'active');
  F.decE = decision(F.caseE, 'assign', 5000, 'SP-T2');
  F.dsE = dservice(F.decE, F.caseE, F.meals, 3000, 'month', '2026-09-01', null, 320);
  // Case B: suspended.
  F.caseB = kase(F.person, F.fam, 'suspended');
  F.decB = decision(F.caseB, 'assign', 1000, 'SP-T3');
  F.dsB = dservice(F.decB, F.caseB, F.meals, 2000, 'month', '2026-09-01', null, 320);
  // Case W: active, but its service rows belong to a waiting-list decision.
  F.caseW = kase(F.person, F.fam, 'active');
  F.decW = decision(F.caseW, 'waiting_list', null, 'SP-T4');
  F.dsW = dservice(F.decW, F.caseW, F.meals, 2000, 'month', '2026-09-01', null, 320);
  // Case H: another department's (home help) person.
  F.caseH = kase(F.other, F.home, 'active');
  F.decH = decision(F.caseH, 'assign', 1000, 'SP-T5');
  F.dsH = dservice(F.decH, F.caseH, F.meals, 2000, 'month', '2026-09-01', null, 320);
});
after(async () => { await stopServer(server); });

const post = (c, caseId, body) => c.post(`/api/v1/cases/${caseId}/deliveries`, body);
const hh = (date, units, extra = {}) => ({ delivered_on: date, decision_service_id: F.dsHH, staff_id: F.staff, units, ...extra });

test('single deliveries: refusals are specific and write nothing', async () => {
  const before = deliveriesCount();
  expectField(await post(sw, F.caseA, hh('2026-10-5', 1)), 'delivered_on', 'date');
  expectField(await post(sw, F.caseA, hh('05.10.2026', 1)), 'delivered_on', 'date');
  expectField(await post(sw, F.caseA, hh('2026-08-31', 1)), 'delivered_on', 'delivery.outside_decision');
  expectField(await post(sw, F.caseA, hh('2027-01-04', 1)), 'delivered_on', 'date.future');
  expectField(await post(sw, F.caseA, { ...hh('2026-09-30', 1), decision_service_id: F.dsMeals }),
    'delivered_on', 'delivery.outside_decision');
  // No valid decision: a service of another case, of a waiting-list
  // decision, or none at all.
  expectField(await post(sw, F.caseA, { ...hh('2026-10-05', 1), decision_service_id: F.dsE }),
    'decision_service_id', 'delivery.decision_service');
  expectField(await post(sw, F.caseA, { ...hh('2026-10-05', 1), decision_service_id: 999999 }),
    'decision_service_id', 'delivery.decision_service');
  expectField(await post(sw, F.caseW, { ...hh('2026-10-05', 1), decision_service_id: F.dsW }),
    'decision_service_id', 'delivery.no_decision');
  expectField(await post(sw, F.caseA, { delivered_on: '2026-10-05', units: 1 }), 'decision_service_id', 'required');
  // A suspended case delivers nothing.
  expectConflict(await post(sw, F.caseB, { ...hh('2026-10-05', 1), decision_service_id: F.dsB }), 'delivery.case_status');
  // Units: decimals, positive, plausible for the unit.
  expectField(await post(sw, F.caseA, hh('2026-10-05', 1.255)), 'units', 'delivery.units');
  expectField(await post(sw, F.caseA, hh('2026-10-05', '1,5')), 'units', 'delivery.units');
  expectField(await post(sw, F.caseA, hh('2026-10-05', 0)), 'units', 'range');
  expectField(await post(sw, F.caseA, hh('2026-10-05', -2)), 'units', 'delivery.units');
  expectField(await post(sw, F.caseA, hh('2026-10-05', true)), 'units', 'type.number');
  expectField(await post(sw, F.caseA, hh('2026-10-05', 25)), 'units', 'delivery.units_per_day');
  expectField(await post(sw, F.caseA, hh('2026-10-05', 1, { staff_id: 999999 })), 'staff_id', 'delivery.staff');
  expectField(await post(sw, F.caseA, hh('2026-10-05', 1, { colour: 'red' })), 'colour', 'unknown_field');
  // Not visible, not allowed.
  let r = await post(sw, F.caseH, { ...hh('2026-10-05', 1), decision_service_id: F.dsH });
  assert.equal(r.status, 404, r.text);
  assert.equal(r.json.error.code, 'delivery.case_not_found');
  assert.equal((await post(partner, F.caseA, hh('2026-10-05', 1))).status, 403);
  assert.equal((await post(director, F.caseA, hh('2026-10-05', 1))).status, 403);
  assert.equal(deliveriesCount(), before, 'nothing was written');
});

test('decided amount flagged, catalogue limit refused, week by ISO week', async () => {
  // Week Mon 2026-10-05 .. Sun 10-11: decided 8 h, catalogue limit 10 h.
  let r = await post(sw, F.caseA, hh('2026-10-05', 3, { note: 'Pirkiniai, valymas' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.units, '3.00');
  assert.equal(r.json.units_x100, 300);
  assert.equal(r.json.over_limit, false);
  assert.equal(r.json.status, 'current');
  assert.equal(r.json.warning, undefined);
  F.rowA = r.json.id;
  r = await post(sw, F.caseA, hh('2026-10-06', '3'));
  assert.equal(r.status, 201, r.text);
  F.rowB = r.json.id;
  r = await post(sw, F.caseA, hh('2026-10-07', '3.00'));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.over_limit, true, '9 h > 8 h decided: flagged');
  assert.equal(r.json.warning.code, 'delivery.over_decided_amount');
  assert.ok(r.json.warning.message);
  const before = deliveriesCount();
  r = await post(sw, F.caseA, hh('2026-10-08', 1.5));
  expectField(r, 'units', 'delivery.catalogue_limit');
  assert.equal(deliveriesCount(), before);
  r = await post(sw, F.caseA, hh('2026-10-08', 1));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.over_limit, true, 'exactly 10 h: allowed, above the decided 8 h');
  // Monday of the next week starts a new sum.
  r = await post(sw, F.caseA, hh('2026-11-02', 1));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.over_limit, false);
  // The write is audited on the case.
  assert.ok(num(`SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.create' AND entity = 'case'
    AND entity_id = ${F.caseA}`) >= 5);
});

test('concurrent deliveries of one person cannot pass the catalogue limit together', async () => {
  // Sixteen writers at once, 1 h each, in the week of Mon 2026-09-14:
  // the limit (10 h) lets exactly ten through, whichever they are.
  const days = [...Array(16).keys()].map((i) => `2026-09-${14 + (i % 7)}`);
  const rs = await Promise.all(days.map((d) => post(sw, F.caseA, hh(d, 1))));
  const statuses = rs.map((r) => r.status);
  assert.equal(statuses.filter((x) => x === 201).length, 10, rs.map((r) => r.text).join('\n'));
  assert.equal(statuses.filter((x) => x === 422).length, 6);
  for (const r of rs.filter((x) => x.status === 422))
    assert.equal(r.json.error.fields.units.code, 'delivery.catalogue_limit');
  assert.equal(num(`SELECT SUM(units_x100) FROM deliveries WHERE case_id = ${F.caseA}
    AND delivered_on >= '2026-09-14' AND delivered_on <= '2026-09-20'`), 1000);
});

test('bulk: a worker\'s day, all or nothing, errors per item', async () => {
  const day = '2026-10-12';
  const before = deliveriesCount();
  let r = await sw.post('/api/v1/deliveries/bulk', {
    delivered_on: day, staff_id: F.staff, items: [
      { case_id: F.caseA, decision_service_id: F.dsHH, units: 2 },
      { case_id: F.caseA, decision_service_id: F.dsMeals, units: 1 },
      { case_id: F.caseB, decision_service_id: F.dsB, units: 1 },
      { case_id: F.caseA, decision_service_id: F.dsE, units: 1 },
    ],
  });
  expectField(r, 'items.2.case_id', 'delivery.case_status');
  expectField(r, 'items.3.decision_service_id', 'delivery.decision_service');
  assert.equal(r.json.error.fields['items.0.units'], undefined);
  assert.equal(deliveriesCount(), before, 'nothing written');
  r = await sw.post('/api/v1/deliveries/bulk', {
    delivered_on: day, staff_id: F.staff, items: [
      { case_id: F.caseA, decision_service_id: F.dsHH, units: 1.75 },
      { case_id: F.caseA, decision_service_id: F.dsMeals, units: 'x' },
    ],
  });
  expectField(r, 'items.1.units', 'delivery.units');
  r = await sw.post('/api/v1/deliveries/bulk', { delivered_on: '12-10-2026', staff_id: F.staff, items: [] });
  expectField(r, 'delivered_on', 'date');
  expectField(r, 'items', 'delivery.bulk_empty');
  // The limit counts earlier items of the same day: 11 h on one day of a
  // fresh week is above the 10 h catalogue limit.
  r = await sw.post('/api/v1/deliveries/bulk', {
    delivered_on: '2026-10-19', staff_id: F.staff, items: [
      { case_id: F.caseA, decision_service_id: F.dsHH, units: 6 },
      { case_id: F.caseA, decision_service_id: F.dsHH, units: 5 },
    ],
  });
  expectField(r, 'items.1.units', 'delivery.catalogue_limit');
  assert.equal(deliveriesCount(), before, 'nothing written');
  r = await sw.post('/api/v1/deliveries/bulk', {
    delivered_on: day, staff_id: F.staff, items: [
      { case_id: F.caseA, decision_service_id: F.dsHH, units: 1.75, note: 'Rytas' },
      { case_id: F.caseA, decision_service_id: F.dsMeals, units: 2 },
      { case_id: F.caseE, decision_service_id: F.dsE, units: 3 },
    ],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.items.length, 3);
  assert.equal(r.json.over_limit_count, 0);
  assert.equal(deliveriesCount(), before + 3);
  assert.equal(num(`SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.create' AND entity_id = ${F.caseE}`), 1);
});

test('corrections keep the chain; only the latest row changes; void', async () => {
  let r = await sw.post(`/api/v1/deliveries/${F.rowA}/correct`, { units: 2.5 });
  expectField(r, 'reason', 'required');
  r = await sw.post(`/api/v1/deliveries/${F.rowA}/correct`, { units: 2.5, reason: 'Klaida įvedant' });
  assert.equal(r.status, 201, r.text);
  const a1 = r.json.id;
  assert.equal(r.json.units, '2.50');
  assert.equal(r.json.correction_reason, 'Klaida įvedant');
  assert.equal(r.json.note, 'Pirkiniai, valymas', 'the note is kept');
  assert.equal(r.json.delivered_on, '2026-10-05');
  r = await sw.get(`/api/v1/deliveries/${F.rowA}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'replaced');
  assert.equal(r.json.replaced_by, a1);
  expectConflict(await sw.post(`/api/v1/deliveries/${F.rowA}/correct`, { units: 1, reason: 'Dar kartą' }),
    'delivery.not_latest');
  expectConflict(await sw.post(`/api/v1/deliveries/${F.rowA}/void`, { reason: 'x' }), 'delivery.not_latest');
  // A correction is checked like a new row: outside the decision, over
  // the catalogue limit.
  expectField(await sw.post(`/api/v1/deliveries/${a1}/correct`, { units: 1, delivered_on: '2027-02-01', reason: 'x' }),
    'delivered_on', 'date.future');
  expectField(await sw.post(`/api/v1/deliveries/${a1}/correct`, { units: 1, delivered_on: '2026-08-03', reason: 'x' }),
    'delivered_on', 'delivery.outside_decision');
  expectField(await sw.post(`/api/v1/deliveries/${a1}/correct`, { units: 6, reason: 'x' }), 'units',
    'delivery.catalogue_limit');
  r = await sw.post(`/api/v1/deliveries/${a1}/correct`, { units: '2', reason: 'Patikslinta' });
  assert.equal(r.status, 201, r.text);
  F.rowA2 = r.json.id;
  r = await sw.post(`/api/v1/deliveries/${F.rowB}/void`, {});
  expectField(r, 'reason', 'required');
  r = await sw.post(`/api/v1/deliveries/${F.rowB}/void`, { reason: 'Paslauga nesuteikta' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'voided');
  assert.equal(r.json.voided_reason, 'Paslauga nesuteikta');
  expectConflict(await sw.post(`/api/v1/deliveries/${F.rowB}/void`, { reason: 'x' }), 'delivery.not_latest');
  const r404 = await sw.post('/api/v1/deliveries/999999/void', { reason: 'x' });
  assert.equal(r404.status, 404);
  assert.equal(r404.json.error.code, 'delivery.not_found');
  assert.equal(num(`SELECT COUNT(*) FROM audit_log WHERE action IN ('delivery.correct', 'delivery.void')
    AND entity_id = ${F.caseA}`), 3);
});

test('a case\'s month: history visible, totals against the decided amount', async () => {
  let r = await sw.get(`/api/v1/cases/${F.caseA}/deliveries?month=2026-10`);
  assert.equal(r.status, 200, r.text);
  const rows = r.json.deliveries;
  // a, b, c, e, a', a'', and the bulk day's two rows.
  assert.equal(rows.length, 8);
  assert.ok(rows.every((x) => x.delivered_on.startsWith('2026-10')));
  const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
  assert.equal(byId[F.rowA].status, 'replaced');
  assert.equal(byId[F.rowB].status, 'voided');
  assert.equal(byId[F.rowA2].status, 'current');
  assert.equal(byId[byId[F.rowA].replaced_by].replaces, F.rowA);
  const hhTotals = r.json.totals.find((t) => t.id === F.dsHH);
  // Current home help in October: 2 + 3 + 1 + 1.75 = 7.75 h.
  assert.equal(hhTotals.month_units, '7.75');
  assert.equal(hhTotals.amount, '8.00');
  assert.equal(hhTotals.period, 'week');
  const w = Object.fromEntries(hhTotals.weeks.map((x) => [x.week_from, x]));
  assert.equal(w['2026-10-05'].units, '6.00');
  assert.equal(w['2026-10-05'].over, false);
  assert.equal(w['2026-10-12'].units, '1.75');
  assert.equal(w['2026-09-28'].units, '0.00');
  assert.equal(hhTotals.rows_over_limit, 3, 'c, e and the last correction were flagged when written');
  const meals = r.json.totals.find((t) => t.id === F.dsMeals);
  assert.equal(meals.month_units, '2.00');
  assert.equal(meals.month_over, false);
  // The month is required to be a month.
  expectField(await sw.get(`/api/v1/cases/${F.caseA}/deliveries?month=2026-13`), 'month', 'delivery.month');
  expectField(await sw.get(`/api/v1/cases/${F.caseA}/deliveries?month=10-2026`), 'month', 'delivery.month');
  // Scope: another department's case is not found; the read is audited.
  r = await sw.get(`/api/v1/cases/${F.caseH}/deliveries?month=2026-10`);
  assert.equal(r.status, 404);
  r = await sw2.get(`/api/v1/cases/${F.caseA}/deliveries?month=2026-10`);
  assert.equal(r.status, 404);
  assert.equal((await partner.get(`/api/v1/cases/${F.caseA}/deliveries?month=2026-10`)).status, 404);
  assert.ok(num(`SELECT COUNT(*) FROM audit_reads WHERE action = 'deliveries.read' AND entity_id = ${F.caseA}`) >= 1);
  // A partner reads through a share of the "cases" part, audited with
  // its purpose; never writes; sees nothing once it is revoked.
  const school = (await partner.get('/api/v1/session')).json.institution_id;
  const share = await sw.post(`/api/v1/persons/${F.person}/shares`, { institution_id: school, parts: ['cases'],
    legal_basis: 'art6_1e', purpose: 'Koordinuota pagalba šeimai',
    valid_until: new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10) });
  assert.equal(share.status, 201, share.text);
  r = await partner.get(`/api/v1/cases/${F.caseA}/deliveries?month=2026-10`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.deliveries.length, 8);
  assert.ok(num(`SELECT COUNT(*) FROM audit_reads WHERE action = 'deliveries.read' AND entity_id = ${F.caseA}
    AND reason LIKE '%Koordinuota pagalba%'`) >= 1);
  assert.equal((await partner.post(`/api/v1/deliveries/${F.rowA2}/void`, { reason: 'x' })).status, 403);
  await sw.post(`/api/v1/persons/${F.person}/shares/${share.json.id}/revoke`, {});
  assert.equal((await partner.get(`/api/v1/cases/${F.caseA}/deliveries?month=2026-10`)).status, 404);
  r = await director.get(`/api/v1/cases/${F.caseA}/deliveries?month=2026-11`);
  assert.equal(r.status, 200);
  assert.equal(r.json.deliveries.length, 1);
});

test('scope follows the case\'s department, not the person\'s', async () => {
  // The same person has a case in home help: the family-support worker
  // neither writes nor reads it; the home-help worker does.
  F.caseH2 = kase(F.person, F.home, 'active');
  F.decH2 = decision(F.caseH2, 'assign', 1000, 'SP-T6');
  F.dsH2 = dservice(F.decH2, F.caseH2, F.meals, 2000, 'month', '2026-09-01', null, 320);
  const body = { delivered_on: '2026-10-14', decision_service_id: F.dsH2, units: 1 };
  let r = await post(sw, F.caseH2, body);
  assert.equal(r.status, 404, r.text);
  r = await post(sw2, F.caseH2, body);
  assert.equal(r.status, 201, r.text);
  assert.equal((await sw.get(`/api/v1/cases/${F.caseH2}/deliveries?month=2026-10`)).status, 404);
  assert.equal((await sw.get(`/api/v1/deliveries/${r.json.id}`)).status, 404);
  assert.equal((await sw.post(`/api/v1/deliveries/${r.json.id}/void`, { reason: 'x' })).status, 404);
  r = await sw2.get(`/api/v1/cases/${F.caseH2}/deliveries?month=2026-10`);
  assert.equal(r.status, 200);
  assert.equal(r.json.deliveries.length, 1);
});

// October 2026, by hand:
//   case A: home help 7.75 h x 8.50 = 65.875 -> 65.88; meals 2 x 3.20 =
//           6.40; cost 72.28; payment 45.00; due min(72.28, 45.00) = 45.00
//   case E: meals 3 x 3.20 = 9.60; payment 50.00; due 9.60
//   person (family support, the head's view): cost 81.88, due 54.60
//   case H2 (home help): meals 1 x 3.20 = 3.20; payment 10.00; due 3.20
//   person (every department, the director's view): cost 85.08, due 57.80
test('billing statement of a person: JSON with explanation, CSV for Excel', async () => {
  let r = await head.get(`/api/v1/billing/persons/${F.person}?month=2026-10`);
  assert.equal(r.status, 200, r.text);
  const s = r.json;
  assert.equal(s.month, '2026-10');
  assert.equal(s.cases.length, 2);
  const a = s.cases.find((c) => c.case_id === F.caseA);
  const hhLine = a.lines.find((l) => l.decision_service_id === F.dsHH);
  assert.equal(hhLine.units_x100, 775);
  assert.equal(hhLine.price_cents, 850);
  assert.equal(hhLine.cost_cents, 6588);
  assert.equal(a.lines.find((l) => l.decision_service_id === F.dsMeals).cost_cents, 640);
  assert.equal(a.cost_cents, 7228);
  assert.equal(a.ceiling_cents, 4500);
  assert.equal(a.due_cents, 4500);
  assert.equal(a.decision.number, 'SP-T1');
  assert.equal(a.decision.payment_rule, 'home_help');
  assert.deepEqual(a.payment_explanation.lines[0], { text_lt: 'įšaldyta', text_en: 'frozen' });
  const e = s.cases.find((c) => c.case_id === F.caseE);
  assert.equal(e.cost_cents, 960);
  assert.equal(e.due_cents, 960);
  assert.equal(s.cost_cents, 8188);
  assert.equal(s.due_cents, 5460);
  const lt = a.explanation.map((l) => l.text_lt);
  const en = a.explanation.map((l) => l.text_en);
  assert.ok(lt.includes('Paslauga t_home_help: 7,75 val. × 8,50 € = 65,88 €'), lt.join('\n'));
  assert.ok(en.includes('Service t_home_help: 7.75 h × €8.50 = €65.88'), en.join('\n'));
  assert.ok(lt.includes('Mokėtina suma: mažesnė iš 72,28 € ir 45,00 € = 45,00 €'), lt.join('\n'));
  assert.ok(en.includes('Amount due: the lesser of €72.28 and €45.00 = €45.00'), en.join('\n'));
  assert.ok(num(`SELECT COUNT(*) FROM audit_reads WHERE action = 'billing.read' AND entity = 'person'
    AND entity_id = ${F.person}`) >= 1);

  // CSV: BOM, semicolons, decimal commas, CRLF.
  const res = await fetch(`${server.base}/api/v1/billing/persons/${F.person}?month=2026-10&format=csv`,
    { headers: { Cookie: head.cookie, 'Accept-Language': 'lt' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="saskaita-\d+-2026-10\.csv"/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'Mėnuo;Asmens ID;Bylos ID;Paslaugos kodas;Paslauga;Vienetas;Kiekis;Vieneto kaina;Kaina;Mėnesio mokestis;Mokėti');
  assert.ok(lines.includes(`2026-10;${F.person};${F.caseA};t_home_help;Paslauga t_home_help;val.;7,75;8,50;65,88;;`), csv);
  assert.ok(lines.includes(`2026-10;${F.person};${F.caseA};;Iš viso;;;;72,28;45,00;45,00`), csv);
  assert.ok(lines.includes(`2026-10;${F.person};${F.caseE};;Iš viso;;;;9,60;50,00;9,60`), csv);
  assert.equal(lines.at(-1), '', 'ends with CRLF');
  // Accept: text/csv and English.
  const en2 = await fetch(`${server.base}/api/v1/billing/persons/${F.person}?month=2026-10`,
    { headers: { Cookie: head.cookie, 'Accept-Language': 'en', Accept: 'text/csv' } });
  const t = await en2.text();
  assert.match(t, /^Month;Person ID;Case ID;Service code;Service;Unit;Units;Unit price;Cost;Monthly payment;Due\r\n/);
  assert.ok(t.includes(';t_home_help;Service t_home_help;h;7,75;8,50;65,88;;'));

  expectField(await head.get(`/api/v1/billing/persons/${F.person}`), 'month', 'required');
  expectField(await head.get(`/api/v1/billing/persons/${F.person}?month=2026-10&format=xls`), 'format', 'enum');
  assert.equal((await sw.get(`/api/v1/billing/persons/${F.person}?month=2026-10`)).status, 403);
  assert.equal((await head.get(`/api/v1/billing/persons/${F.other}?month=2026-10`)).status, 404);
  r = await director.get(`/api/v1/billing/persons/${F.person}?month=2026-10`);
  assert.equal(r.json.cases.length, 3);
  assert.equal(r.json.cost_cents, 8508);
  assert.equal(r.json.due_cents, 5780);
  // November has only the one hour of 2026-11-02: 8.50, under the payment.
  r = await director.get(`/api/v1/billing/persons/${F.person}?month=2026-11`);
  assert.equal(r.json.cost_cents, 850);
  assert.equal(r.json.due_cents, 850);
});

test('billing for every person of a month: one aggregate, scoped for heads', async () => {
  let r = await director.get('/api/v1/billing?month=2026-10');
  assert.equal(r.status, 200, r.text);
  const me = r.json.items.find((x) => x.person_id === F.person);
  assert.equal(me.cost_cents, 8508);
  assert.equal(me.due_cents, 5780);
  assert.equal(me.cases, 3);
  assert.ok(me.family_name);
  assert.equal(r.json.persons, r.json.items.length);
  assert.equal(r.json.due_cents, r.json.items.reduce((s, x) => s + x.due_cents, 0));
  // The head sees only family support; another department is refused.
  r = await head.get('/api/v1/billing?month=2026-10');
  assert.equal(r.status, 200);
  assert.equal(r.json.department_id, F.fam, 'a head\'s list is their department\'s');
  const mine = r.json.items.find((x) => x.person_id === F.person);
  assert.equal(mine.cost_cents, 8188);
  assert.equal(mine.due_cents, 5460);
  assert.equal(mine.cases, 2);
  r = await head.get(`/api/v1/billing?month=2026-10&department_id=${F.home}`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'billing.department');
  r = await director.get(`/api/v1/billing?month=2026-10&department_id=${F.home}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.items.find((x) => x.person_id === F.person).cost_cents, 320);
  // CSV
  const res = await fetch(`${server.base}/api/v1/billing?month=2026-10&format=csv`,
    { headers: { Cookie: director.cookie, 'Accept-Language': 'lt' } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
  assert.equal(csv[0], 'Mėnuo;Asmens ID;Pavardė;Vardai;Bylos;Kaina;Mokėti');
  assert.ok(csv.some((l) => l.startsWith(`2026-10;${F.person};`) && l.endsWith(';3;85,08;57,80')), csv.join('\n'));
  expectField(await director.get('/api/v1/billing'), 'month', 'required');
  expectField(await director.get('/api/v1/billing?month=2026-1'), 'month', 'delivery.month');
  assert.equal((await sw.get('/api/v1/billing?month=2026-10')).status, 403);
  assert.equal((await partner.get('/api/v1/billing?month=2026-10')).status, 403);
  assert.ok(num("SELECT COUNT(*) FROM audit_reads WHERE action = 'billing.read' AND entity = 'billing'") >= 3);
  assert.ok(num(`SELECT COUNT(*) FROM audit_reads WHERE action = 'billing.read' AND entity = 'billing'
    AND entity_id = ${F.fam} AND reason = 'month=2026-10 department=${F.fam}'`) >= 1);
});

// One person from the application to a month of home help and the
// billing statement, through the case-work API only (no SQL fixtures).
// By hand: income 1 500.00 a month; home help pays 20 % = 300.00 (1 500
// - 2 VRP is far above it, and 8 h a week at 10.50 costs 364.00 a
// month); October: Mondays, Wednesdays and Fridays 2 h (13 days, 26 h),
// one corrected to 3 h: 27 h x 10.50 = 283.50, under the payment: due
// 283.50.
test('end to end: application, decision, contract, a month of home help, the statement', async () => {
  const ifMatch = (r) => ({ 'If-Match': r.headers.get('etag') });
  const hhService = num("SELECT id FROM services WHERE code = 'pagalba_namuose'");
  const p = num(`SELECT person_id FROM person_departments WHERE department_id = ${F.home} AND person_id NOT IN
    (SELECT person_id FROM cases) ORDER BY person_id LIMIT 1`);
  let r = await sw2.post('/api/v1/cases', { person_id: p, department_id: F.home, received_on: '2026-08-03',
    channel: 'in_person', service_ids: [hhService] });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await sw2.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2026-08-10', dependency_level: 'moderate',
    findings: 'Gyvena viena, reikia pagalbos buityje.' }, ifMatch(r));
  assert.equal(r.status, 201, r.text);
  for (const month of ['2026-06', '2026-07', '2026-08']) {
    const i = await sw2.post(`/api/v1/persons/${p}/incomes`, { month, amount_cents: 150000, source: 'sodra' });
    assert.equal(i.status, 201, i.text);
  }
  r = await director.post(`/api/v1/cases/${id}/decisions`, { kind: 'assign', number: 'SP-E2E', decided_on: '2026-09-01',
    services: [{ service_id: hhService, amount: 8, period: 'week', visits_per_week: 3, start_on: '2026-09-07' }] }, ifMatch(r));
  assert.equal(r.status, 201, r.text);
  const dec = r.json.decisions[0];
  assert.equal(dec.payment_cents, 30000);
  assert.equal(dec.services[0].price_cents, 1050);
  const ds = dec.services[0].id;
  // Before the contract the case is not active: nothing is delivered.
  expectConflict(await post(sw2, id, { delivered_on: '2026-09-07', decision_service_id: ds, units: 2 }), 'delivery.case_status');
  r = await sw2.post(`/api/v1/cases/${id}/contract`, { number: 'S-E2E', signed_on: '2026-09-04' }, ifMatch(r));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'active');
  // October: Mon, Wed, Fri, 2 h each, one bulk day each.
  const days = [];
  for (let d = 1; d <= 31; d++) {
    const date = `2026-10-${String(d).padStart(2, '0')}`;
    if ([1, 3, 5].includes(new Date(`${date}T12:00:00Z`).getUTCDay())) days.push(date);
  }
  assert.equal(days.length, 13);
  let last;
  for (const date of days) {
    const b = await sw2.post('/api/v1/deliveries/bulk', { delivered_on: date, staff_id: F.staff,
      items: [{ case_id: id, decision_service_id: ds, units: 2 }] });
    assert.equal(b.status, 201, b.text);
    assert.equal(b.json.over_limit_count, 0);
    last = b.json.items[0].id;
  }
  r = await sw2.post(`/api/v1/deliveries/${last}/correct`, { units: 3, reason: 'Užtruko ilgiau' });
  assert.equal(r.status, 201, r.text);
  // Suspended: refused; resumed: delivered again.
  let g = await sw2.get(`/api/v1/cases/${id}`);
  r = await sw2.post(`/api/v1/cases/${id}/events`, { kind: 'suspend', on_date: '2026-11-02', reason: 'Ligoninėje.' }, ifMatch(g));
  assert.equal(r.status, 200, r.text);
  expectConflict(await post(sw2, id, { delivered_on: '2026-11-03', decision_service_id: ds, units: 2 }), 'delivery.case_status');
  r = await sw2.post(`/api/v1/cases/${id}/events`, { kind: 'resume', on_date: '2026-11-05' }, ifMatch(r));
  assert.equal(r.status, 200, r.text);
  assert.equal((await post(sw2, id, { delivered_on: '2026-11-06', decision_service_id: ds, units: 2 })).status, 201);

  const m = await sw2.get(`/api/v1/cases/${id}/deliveries?month=2026-10`);
  assert.equal(m.json.totals[0].month_units, '27.00');
  assert.equal(m.json.deliveries.length, 14);
  r = await director.get(`/api/v1/billing/persons/${p}?month=2026-10`);
  assert.equal(r.status, 200, r.text);
  const c = r.json.cases[0];
  assert.equal(c.decision.number, 'SP-E2E');
  assert.equal(c.lines[0].units, '27.00');
  assert.equal(c.cost_cents, 28350);
  assert.equal(c.ceiling_cents, 30000);
  assert.equal(c.due_cents, 28350);
  assert.equal(r.json.due_cents, 28350);
  assert.ok(c.explanation.some((l) => l.text_lt === 'Pagalba į namus: 27,00 val. × 10,50 € = 283,50 €'),
    JSON.stringify(c.explanation));
  assert.ok(c.payment_explanation.services[0].lines.length >= 3, 'the frozen payment explanation comes along');
  r = await director.get(`/api/v1/billing/persons/${p}?month=2026-11`);
  assert.equal(r.json.due_cents, 2100);
});

// Case work (DOMAIN.md section 4): application, assessment, decision with
// the payment frozen, contract, suspension, resumption, review,
// termination and reopening; waiting lists; incomes; documents; who may
// see a case. Runs on SQLite and, with PAGALBA_TEST_PG_URL, PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, stopServer, loginAs, BACKEND } from './lib.mjs';

let server, sw, sw2, head, director, partner, auditor, admin;
let familyDept, homeDept, school;
const svc = {};
let persons = []; // family-support persons not visible to home help, without cases

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

const etag = (r) => r.headers.get('etag');
const ifMatch = (v) => ({ 'If-Match': typeof v === 'string' ? v : etag(v) });

function expectField(r, field, code, status = 422) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.fields?.[field]?.code, code, r.text);
}

function expectTransition(r) {
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'case.transition', r.text);
}

// Half-up rounding of a / b for positive integers.
const div = (a, b) => Math.floor((a + Math.floor(b / 2)) / b);

before(async () => {
  server = await startServer({ persons: 80 });
  [sw, sw2, head, director, partner, auditor, admin] = await Promise.all(
    ['social_worker', 'social_worker2', 'head', 'director', 'partner', 'auditor', 'admin'].map((r) => loginAs(server, r)));
  familyDept = Number(sql("SELECT id FROM departments WHERE code = 'family_support'"));
  homeDept = Number(sql("SELECT id FROM departments WHERE code = 'home_help'"));
  for (const code of ['socialiniai_igudziai', 'pagalba_namuose', 'krizes_pagalba', 'nakvynes_namai', 'psichosocialine_pagalba']) {
    svc[code] = Number(sql(`SELECT id FROM services WHERE code = '${code}'`));
    assert.ok(svc[code] > 0, code);
  }
  school = (await partner.get('/api/v1/session')).json.institution_id;
  const list = (await sw.get('/api/v1/persons?limit=200')).json.items;
  for (const p of list) {
    if (persons.length >= 8) break;
    // Not home help's, and no case yet (the demo has a few).
    if ((await sw2.get(`/api/v1/persons/${p.id}`)).status !== 404) continue;
    if ((await sw.get(`/api/v1/cases?person_id=${p.id}`)).json.items.length) continue;
    persons.push(p);
  }
  assert.equal(persons.length, 8, 'enough family-support persons');
});
after(async () => { await stopServer(server); });

async function apply(client, person, extra = {}) {
  const r = await client.post('/api/v1/cases', {
    person_id: person.id, department_id: familyDept, received_on: '2025-01-10', channel: 'in_person',
    service_ids: [svc.socialiniai_igudziai], ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r;
}

async function assess(r, on = '2025-01-15') {
  const a = await sw.post(`/api/v1/cases/${r.json.id}/assessments`, {
    assessed_on: on, dependency_level: 'moderate', findings: 'Gyvena viena, reikia pagalbos buityje.',
  }, ifMatch(r));
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.status, 'assessed');
  return a;
}

async function incomes(person, months, cents) {
  for (const month of months) {
    const r = await sw.post(`/api/v1/persons/${person.id}/incomes`, { month, amount_cents: cents, source: 'sodra' });
    assert.equal(r.status, 201, r.text);
  }
}

async function unchanged(id, tag) {
  const r = await sw.get(`/api/v1/cases/${id}`);
  assert.equal(r.status, 200);
  assert.equal(etag(r), tag, 'the case did not change');
  return r;
}

test('an application opens a case with its decision deadline, worker and requested services', async () => {
  const p = persons[0];
  const r = await apply(sw, p, { notes: 'Kreipėsi pati.' });
  const c = r.json;
  assert.equal(etag(r), '"v1"');
  assert.equal(c.status, 'applied');
  assert.equal(c.version, 1);
  assert.equal(c.opened_on, '2025-01-10');
  assert.equal(c.decision_due, '2025-01-30', '20 days after the application');
  assert.equal(c.person.id, p.id);
  assert.equal(c.person.family_name, p.family_name);
  assert.equal(JSON.stringify(c).includes('personal_code'), false, 'no personal code on the case page');
  assert.equal(c.department.id, familyDept);
  assert.equal(c.worker.id, sw.user.user_id, 'the social worker who registered it');
  assert.equal(c.applications.length, 1);
  assert.equal(c.applications[0].channel, 'in_person');
  assert.equal(c.applications[0].applicant.self, true);
  assert.deepEqual(c.applications[0].services.map((s) => s.code), ['socialiniai_igudziai']);
  assert.deepEqual(c.events.map((e) => [e.kind, e.from_status, e.to_status, e.on_date]), [['apply', null, 'applied', '2025-01-10']]);
  assert.deepEqual(c.allowed_steps, ['assess', 'terminate']);
  for (const k of ['assessments', 'decisions', 'contracts', 'waiting', 'documents']) assert.deepEqual(c[k], [], k);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = ${c.id} AND action = 'case.create'`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'person' AND entity_id = ${p.id} AND action = 'case.create'`), '1');
  const g = await sw.get(`/api/v1/cases/${c.id}`);
  assert.equal(g.status, 200);
  assert.equal(etag(g), '"v1"');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_reads WHERE entity = 'case' AND entity_id = ${c.id} AND action = 'case.read'`), '2');
});

test('an application is validated and a bad one writes nothing', async () => {
  const before = sql('SELECT COUNT(*) FROM cases');
  const p = persons[1];
  let r = await sw.post('/api/v1/cases', {});
  expectField(r, 'person_id', 'required');
  assert.equal(r.json.error.fields.service_ids.code, 'case.services_required');
  r = await sw.post('/api/v1/cases', { person_id: p.id, department_id: familyDept, received_on: '2025-13-01', channel: 'fax', service_ids: [svc.socialiniai_igudziai] });
  expectField(r, 'received_on', 'date');
  assert.equal(r.json.error.fields.channel.code, 'enum');
  r = await sw.post('/api/v1/cases', { person_id: p.id, department_id: familyDept, received_on: '2099-01-01', channel: 'post', service_ids: [svc.socialiniai_igudziai] });
  expectField(r, 'received_on', 'date.future');
  r = await sw.post('/api/v1/cases', { person_id: p.id, department_id: familyDept, received_on: '2025-01-10', channel: 'post', service_ids: [999999] });
  expectField(r, 'service_ids', 'case.service_unknown');
  r = await sw.post('/api/v1/cases', { person_id: p.id, department_id: familyDept, received_on: '2025-01-10', channel: 'post', service_ids: [svc.krizes_pagalba, svc.krizes_pagalba] });
  expectField(r, 'service_ids', 'case.service_duplicate');
  r = await sw.post('/api/v1/cases', { person_id: p.id, department_id: 999999, received_on: '2025-01-10', channel: 'post', service_ids: [svc.krizes_pagalba] });
  expectField(r, 'department_id', 'department.not_found');
  r = await sw.post('/api/v1/cases', { person_id: p.id, department_id: familyDept, received_on: '2025-01-10', channel: 'post', service_ids: [svc.krizes_pagalba], applicant_name: 'Ona' });
  expectField(r, 'applicant_relation', 'required');
  // A person of another department is not found for the home-help worker.
  r = await sw2.post('/api/v1/cases', { person_id: p.id, department_id: homeDept, received_on: '2025-01-10', channel: 'post', service_ids: [svc.krizes_pagalba] });
  expectField(r, 'person_id', 'person.not_found');
  r = await sw.post('/api/v1/cases', { person_id: p.id, department_id: familyDept, received_on: '2025-01-10', channel: 'post', service_ids: [svc.krizes_pagalba], color: 'red' });
  expectField(r, 'color', 'unknown_field');
  // A record merged into another takes no application.
  const m1 = await sw.post('/api/v1/persons', { given_names: 'Rūta', family_name: 'Dvigubaitė', identified: false });
  const m2 = await sw.post('/api/v1/persons', { given_names: 'Rūta', family_name: 'Dvigubaitė', identified: false });
  assert.equal(m2.status, 201, m2.text);
  assert.equal((await head.post(`/api/v1/persons/${m1.json.id}/merge`, { merge_id: m2.json.id })).status, 200);
  r = await sw.post('/api/v1/cases', { person_id: m2.json.id, department_id: familyDept, received_on: '2025-01-10', channel: 'post', service_ids: [svc.krizes_pagalba] });
  expectField(r, 'person_id', 'person.merged');
  assert.equal(sql('SELECT COUNT(*) FROM cases'), before);
});

test('an application for another department links the person to it', async () => {
  const p = persons[2];
  assert.equal((await sw2.get(`/api/v1/persons/${p.id}`)).status, 404);
  const r = await sw.post('/api/v1/cases', {
    person_id: p.id, department_id: homeDept, received_on: '2025-02-01', channel: 'referral',
    service_ids: [svc.pagalba_namuose], applicant_name: 'Jonas Jonaitis', applicant_relation: 'sūnus',
  });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, { id: r.json.id, status: 'applied', department_id: homeDept, visible: false });
  assert.equal((await sw2.get(`/api/v1/persons/${p.id}`)).status, 200, 'home help sees the person now');
  const c = await sw2.get(`/api/v1/cases/${r.json.id}`);
  assert.equal(c.status, 200);
  assert.equal(c.json.worker, null, 'not the caller: another department');
  assert.equal(c.json.applications[0].applicant.name, 'Jonas Jonaitis');
  assert.equal(c.json.applications[0].applicant.relation, 'sūnus');
  assert.equal(c.json.applications[0].applicant.self, false);
  assert.equal((await sw.get(`/api/v1/cases/${r.json.id}`)).status, 404, 'the case is home help\'s');
});

test('who sees a case: department, director, partner with a "cases" share; others get 404 or 403', async () => {
  const p = persons[3];
  const r = await apply(sw, p);
  const id = r.json.id;
  await assess(r);
  assert.equal((await head.get(`/api/v1/cases/${id}`)).status, 200);
  assert.equal((await director.get(`/api/v1/cases/${id}`)).status, 200);
  assert.equal((await sw2.get(`/api/v1/cases/${id}`)).status, 404);
  assert.equal((await sw2.get(`/api/v1/cases/${id}`)).json.error.code, 'case.not_found');
  assert.equal((await sw.get('/api/v1/cases/999999')).status, 404);
  assert.equal((await auditor.get(`/api/v1/cases/${id}`)).status, 403);
  assert.equal((await admin.get(`/api/v1/cases/${id}`)).status, 403);
  // Writes: the other department cannot, the director does not write.
  const g = await sw.get(`/api/v1/cases/${id}`);
  let w = await sw2.post(`/api/v1/cases/${id}/events`, { kind: 'terminate', on_date: '2025-02-01', reason: 'x' }, ifMatch(g));
  assert.equal(w.status, 404);
  w = await director.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2025-01-20', dependency_level: 'low', findings: 'x' }, ifMatch(g));
  assert.equal(w.status, 403);
  w = await sw.post(`/api/v1/cases/${id}/decisions`, { kind: 'refuse', decided_on: '2025-02-01', reason: 'x' }, ifMatch(g));
  assert.equal(w.status, 403, 'a social worker does not decide');
  await unchanged(id, etag(g));

  // Partner: nothing without a share, nothing with a share of other parts.
  assert.equal((await partner.get(`/api/v1/cases/${id}`)).status, 404);
  const until = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
  let s = await sw.post(`/api/v1/persons/${p.id}/shares`, { institution_id: school, parts: ['identity'], legal_basis: 'art6_1e', purpose: 'Mokyklos socialinio pedagogo pagalba', valid_until: until });
  assert.equal(s.status, 201, s.text);
  assert.equal((await partner.get(`/api/v1/cases/${id}`)).status, 404);
  assert.deepEqual((await partner.get(`/api/v1/cases?person_id=${p.id}`)).json.items, []);
  s = await sw.post(`/api/v1/persons/${p.id}/shares`, { institution_id: school, parts: ['cases'], legal_basis: 'art6_1e', purpose: 'Koordinuota pagalba šeimai', valid_until: until });
  assert.equal(s.status, 201, s.text);
  const pr = await partner.get(`/api/v1/cases/${id}`);
  assert.equal(pr.status, 200, pr.text);
  assert.equal(pr.json.assessments.length, 1);
  assert.equal(pr.json.assessments[0].findings, undefined, 'partners do not read the findings');
  assert.deepEqual(pr.json.allowed_steps, []);
  assert.deepEqual((await partner.get(`/api/v1/cases?person_id=${p.id}`)).json.items.map((c) => c.id), [id]);
  assert.deepEqual((await partner.get('/api/v1/cases')).json.items, [], 'a partner lists by person only');
  assert.match(sql(`SELECT reason FROM audit_reads WHERE entity = 'case' AND entity_id = ${id} AND action = 'case.read' AND user_id = ${partner.user.user_id} LIMIT 1`), /Koordinuota pagalba/);
  const inc = await partner.get(`/api/v1/persons/${p.id}/incomes`);
  assert.equal(inc.status, 200);
  await sw.post(`/api/v1/persons/${p.id}/shares/${s.json.id}/revoke`, {});
  assert.equal((await partner.get(`/api/v1/cases/${id}`)).status, 404, 'revocation applies at once');
});

test('every step from a wrong state is 409 and changes nothing; versions guard every step', async () => {
  const r = await apply(sw, persons[4]);
  const id = r.json.id;
  const v1 = etag(r);
  expectTransition(await sw.post(`/api/v1/cases/${id}/contract`, { signed_on: '2025-01-20' }, ifMatch(v1)));
  for (const kind of ['suspend', 'resume', 'review', 'reopen']) {
    expectTransition(await sw.post(`/api/v1/cases/${id}/events`, { kind, on_date: '2025-01-20', reason: 'x' }, ifMatch(v1)));
  }
  expectTransition(await head.post(`/api/v1/cases/${id}/decisions`, { kind: 'assign', decided_on: '2025-01-20', services: [{ service_id: svc.krizes_pagalba, amount: 1, period: 'week', start_on: '2025-01-21' }] }, ifMatch(v1)));
  expectTransition(await head.post(`/api/v1/cases/${id}/decisions`, { kind: 'refuse', decided_on: '2025-01-20', reason: 'x' }, ifMatch(v1)));
  await unchanged(id, v1);
  assert.equal(sql(`SELECT COUNT(*) FROM case_events WHERE case_id = ${id}`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM decisions WHERE case_id = ${id}`), '0');
  // If-Match: required (428) and current (412).
  let x = await sw.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2025-01-15', dependency_level: 'low', findings: 'x' });
  assert.equal(x.status, 428);
  x = await sw.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2025-01-09', dependency_level: 'low', findings: 'x' }, ifMatch(v1));
  expectField(x, 'assessed_on', 'case.before_opened');
  const a = await assess(r);
  x = await sw.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2025-01-15', dependency_level: 'low', findings: 'x' }, ifMatch(v1));
  assert.equal(x.status, 412);
  x = await sw.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2025-01-15', dependency_level: 'extreme', findings: 'x' }, ifMatch(a));
  expectField(x, 'dependency_level', 'enum');
  await unchanged(id, etag(a));
});

test('incomes: recorded by month and source, the same month and source replaced, validated', async () => {
  const p = persons[5];
  let r = await sw.post(`/api/v1/persons/${p.id}/incomes`, { month: '2025-13', amount_cents: 1, source: 'sodra' });
  expectField(r, 'month', 'case.month');
  r = await sw.post(`/api/v1/persons/${p.id}/incomes`, { month: '2025-01', amount_cents: -1, source: 'sodra' });
  expectField(r, 'amount_cents', 'range');
  r = await sw.post(`/api/v1/persons/${p.id}/incomes`, { month: '2099-01', amount_cents: 1, source: 'sodra' });
  expectField(r, 'month', 'date.future');
  r = await sw2.post(`/api/v1/persons/${p.id}/incomes`, { month: '2025-01', amount_cents: 1, source: 'sodra' });
  assert.equal(r.status, 404);
  r = await director.post(`/api/v1/persons/${p.id}/incomes`, { month: '2025-01', amount_cents: 1, source: 'sodra' });
  assert.equal(r.status, 403);
  await incomes(p, ['2025-01'], 50000);
  r = await sw.post(`/api/v1/persons/${p.id}/incomes`, { month: '2025-01', amount_cents: 12000, source: 'declaration' });
  assert.equal(r.status, 201);
  r = await sw.post(`/api/v1/persons/${p.id}/incomes`, { month: '2025-01', amount_cents: 51000, source: 'sodra' });
  assert.equal(r.status, 201);
  const list = (await sw.get(`/api/v1/persons/${p.id}/incomes`)).json.items;
  assert.deepEqual(list.map((i) => [i.month, i.source, i.amount_cents]), [['2025-01', 'declaration', 12000], ['2025-01', 'sodra', 51000]]);
  assert.equal((await sw2.get(`/api/v1/persons/${p.id}/incomes`)).status, 404);
});

test('the whole walk: application, assessment, decision with a frozen payment, contract, suspend, resume, review, terminate, reopen', async () => {
  const p = persons[0];
  let r = await apply(sw, p, { received_on: '2025-01-12' });
  const id = r.json.id;
  r = await assess(r);
  assert.deepEqual(r.json.assessments.map((a) => [a.dependency_level, a.assessed_on]), [['moderate', '2025-01-15']]);
  assert.equal(r.json.assessments[0].assessor_user_id, sw.user.user_id);

  const decision = { kind: 'assign', number: 'SP-2025-17', decided_on: '2025-02-01', services: [{ service_id: svc.socialiniai_igudziai, amount: 4, period: 'week', visits_per_week: 2, start_on: '2025-02-03' }] };
  // No income recorded for 2024-11..2025-01: a clear error, nothing written.
  let d = await head.post(`/api/v1/cases/${id}/decisions`, decision, ifMatch(r));
  expectField(d, 'income', 'case.income_missing');
  assert.match(d.json.error.fields.income.message, /3 mėn/);
  await unchanged(id, etag(r));
  assert.equal(sql(`SELECT COUNT(*) FROM decisions WHERE case_id = ${id}`), '0');
  await incomes(p, ['2024-11', '2024-12'], 100000);
  d = await head.post(`/api/v1/cases/${id}/decisions`, decision, ifMatch(r));
  expectField(d, 'income', 'case.income_missing', 422);
  await incomes(p, ['2025-01'], 100000);

  d = await head.post(`/api/v1/cases/${id}/decisions`, decision, { ...ifMatch(r), 'Accept-Language': 'en' });
  assert.equal(d.status, 201, d.text);
  assert.equal(d.json.status, 'decided_assign');
  assert.equal(d.json.decision_due, null);
  assert.equal(d.json.contract_due, '2025-02-08', '7 days after the decision');
  const dec = d.json.decisions[0];
  // Social supervision, income 1000.00 >= 2 VRP (2 x 221.00): the full
  // monthly cost, 4 h a week at 11.00 x 52 / 12.
  const cost = div(400 * 1100 * 52, 1200);
  assert.equal(dec.payment_cents, cost);
  assert.equal(dec.payment_rule, 'social_supervision');
  assert.equal(dec.number, 'SP-2025-17');
  assert.deepEqual(dec.payment_input.months, ['2024-11', '2024-12', '2025-01']);
  assert.deepEqual(dec.payment_input.incomes_cents, [100000, 100000, 100000]);
  assert.equal(dec.payment_input.source, 'records');
  assert.equal(dec.payment_input.services[0].service_cost_cents, cost);
  assert.equal(dec.payment_result.payment_cents, cost);
  const lines = dec.payment_result.services[0].lines;
  assert.ok(lines.length >= 3);
  assert.ok(lines.every((l) => l.lt && l.en && l.key));
  assert.ok(lines.some((l) => l.lt.includes('1 000,00 €')), JSON.stringify(lines));
  assert.equal(dec.services.length, 1);
  assert.deepEqual([dec.services[0].amount, dec.services[0].amount_x100, dec.services[0].period, dec.services[0].price_cents, dec.services[0].visits_per_week],
    [4, 400, 'week', 1100, 2]);

  // Editing the income later does not change the decision.
  await incomes(p, ['2024-11', '2024-12', '2025-01'], 10000);
  let g = await sw.get(`/api/v1/cases/${id}`);
  assert.equal(g.json.decisions[0].payment_cents, cost);
  assert.deepEqual(g.json.decisions[0].payment_input.incomes_cents, [100000, 100000, 100000]);
  assert.equal(etag(g), etag(d));

  // Contract: active, the frozen payment, the review date a year on.
  let c = await sw.post(`/api/v1/cases/${id}/contract`, { number: 'S-17', signed_on: '2025-01-31' }, ifMatch(g));
  expectField(c, 'signed_on', 'case.before_decision');
  c = await sw.post(`/api/v1/cases/${id}/contract`, { number: 'S-17', signed_on: '2025-02-05' }, ifMatch(g));
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.status, 'active');
  assert.equal(c.json.contract_due, null);
  assert.equal(c.json.review_due, '2026-02-05');
  assert.deepEqual(c.json.contracts.map((k) => [k.number, k.signed_on, k.payment_cents, k.decision_id]), [['S-17', '2025-02-05', cost, dec.id]]);
  expectTransition(await sw.post(`/api/v1/cases/${id}/contract`, { signed_on: '2025-02-06' }, ifMatch(c)));

  let e = await sw.post(`/api/v1/cases/${id}/events`, { kind: 'suspend', on_date: '2025-03-01' }, ifMatch(c));
  expectField(e, 'reason', 'required');
  e = await sw.post(`/api/v1/cases/${id}/events`, { kind: 'suspend', on_date: '2025-03-01', reason: 'Gydosi ligoninėje.' }, ifMatch(c));
  assert.equal(e.status, 200, e.text);
  assert.equal(e.json.status, 'suspended');
  expectTransition(await sw.post(`/api/v1/cases/${id}/events`, { kind: 'suspend', on_date: '2025-03-02', reason: 'x' }, ifMatch(e)));
  e = await sw.post(`/api/v1/cases/${id}/events`, { kind: 'resume', on_date: '2025-03-10' }, ifMatch(e));
  assert.equal(e.json.status, 'active');
  e = await sw.post(`/api/v1/cases/${id}/events`, { kind: 'review', on_date: '2025-04-01', next_review: '2025-10-01', reason: 'Pagalba tinkama.' }, ifMatch(e));
  assert.equal(e.status, 200, e.text);
  assert.equal(e.json.status, 'active');
  assert.equal(e.json.review_due, '2025-10-01');
  e = await sw.post(`/api/v1/cases/${id}/events`, { kind: 'terminate', on_date: '2025-05-01', reason: 'Išvyko gyventi pas dukrą.' }, ifMatch(e));
  assert.equal(e.json.status, 'terminated');
  assert.equal(e.json.closed_on, '2025-05-01');
  assert.equal(e.json.review_due, null);
  assert.equal(e.json.decisions[0].services[0].ended_on, '2025-05-01');
  expectTransition(await sw.post(`/api/v1/cases/${id}/assessments`, { assessed_on: '2025-05-02', dependency_level: 'low', findings: 'x' }, ifMatch(e)));
  expectTransition(await sw.post(`/api/v1/cases/${id}/events`, { kind: 'terminate', on_date: '2025-05-02', reason: 'x' }, ifMatch(e)));
  e = await sw.post(`/api/v1/cases/${id}/events`, { kind: 'reopen', on_date: '2025-06-01', reason: 'Grįžo.' }, ifMatch(e));
  assert.equal(e.json.status, 'applied');
  assert.equal(e.json.closed_on, null);
  assert.equal(e.json.decision_due, '2025-06-21');
  assert.deepEqual(e.json.events.map((x) => [x.kind, x.from_status, x.to_status]), [
    ['apply', null, 'applied'], ['assess', 'applied', 'assessed'], ['decide_assign', 'assessed', 'decided_assign'],
    ['sign_contract', 'decided_assign', 'active'], ['suspend', 'active', 'suspended'], ['resume', 'suspended', 'active'],
    ['review', 'active', 'active'], ['terminate', 'active', 'terminated'], ['reopen', 'terminated', 'applied'],
  ]);
  assert.equal(e.json.events[4].reason, 'Gydosi ligoninėje.');
  assert.equal(e.json.version, 9);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'person' AND entity_id = ${p.id} AND action IN ('case.create', 'case.assess', 'case.decide', 'case.contract', 'case.event')`),
    String(9 + 1 /* the earlier test's application */));
});

test('decisions: limits, frozen prices, given income, amendment of a running case', async () => {
  const p = persons[6];
  let r = await apply(sw, p, { received_on: '2024-05-20', service_ids: [svc.pagalba_namuose] });
  const id = r.json.id;
  r = await assess(r, '2024-05-25');
  const income = { incomes: [50000, 50000, 50000], family_members: 1 };
  const over = { kind: 'assign', decided_on: '2024-06-10', income, services: [{ service_id: svc.pagalba_namuose, amount: 11, period: 'week', start_on: '2024-06-11' }] };
  let d = await head.post(`/api/v1/cases/${id}/decisions`, over, ifMatch(r));
  expectField(d, 'services[0].amount', 'case.over_limit');
  d = await head.post(`/api/v1/cases/${id}/decisions`, { ...over, services: [{ service_id: svc.pagalba_namuose, amount: 2.555, period: 'week', start_on: '2024-06-11' }] }, ifMatch(r));
  expectField(d, 'services[0].amount', 'case.amount');
  d = await head.post(`/api/v1/cases/${id}/decisions`, { ...over, services: [{ service_id: svc.pagalba_namuose, amount: 10, period: 'fortnight', start_on: '2024-06-11' }] }, ifMatch(r));
  expectField(d, 'services[0].period', 'enum');
  await unchanged(id, etag(r));
  d = await head.post(`/api/v1/cases/${id}/decisions`, { ...over, services: [{ service_id: svc.pagalba_namuose, amount: '10', period: 'week', start_on: '2024-06-11' }] }, ifMatch(r));
  assert.equal(d.status, 201, d.text);
  const dec = d.json.decisions[0];
  assert.equal(dec.services[0].price_cents, 950, 'the price in force on 2024-06-10, not today\'s');
  // Home help: min(20 % of 500.00, 500.00 - 2 x 176.00) = 100.00.
  assert.equal(dec.payment_cents, 10000);
  assert.equal(dec.payment_rule, 'home_help');
  assert.equal(dec.payment_input.source, 'given');
  assert.deepEqual(dec.payment_input.months, ['2024-03', '2024-04', '2024-05']);
  let c = await sw.post(`/api/v1/cases/${id}/contract`, { signed_on: '2024-06-12' }, ifMatch(d));
  assert.equal(c.json.status, 'active');
  // Amend: a new assigning decision on the running case.
  const a = await head.post(`/api/v1/cases/${id}/decisions`, { kind: 'assign', decided_on: '2024-08-20', income, services: [{ service_id: svc.pagalba_namuose, amount: 6, period: 'week', start_on: '2024-09-01' }] }, ifMatch(c));
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.status, 'active');
  assert.equal(a.json.contract_due, '2024-08-27');
  assert.equal(a.json.decisions.length, 2);
  assert.equal(a.json.decisions[0].services[0].ended_on, '2024-08-31', 'the previous service ends the day before');
  assert.equal(a.json.decisions[1].services[0].ended_on, null);
  assert.equal(a.json.events.at(-1).kind, 'amend');
  c = await sw.post(`/api/v1/cases/${id}/contract`, { signed_on: '2024-08-25' }, ifMatch(a));
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.contracts.length, 2);
  assert.equal(c.json.contracts[1].decision_id, a.json.decisions[1].id);
  assert.equal(c.json.contract_due, null);
});

test('waiting lists: positions by date, the move to assigned, refusal removes', async () => {
  const [p1, p2] = [persons[1], persons[7]];
  let r1 = await apply(sw, p1, { received_on: '2025-03-01', service_ids: [svc.psichosocialine_pagalba] });
  r1 = await assess(r1, '2025-03-02');
  let r2 = await apply(sw, p2, { received_on: '2025-03-03', service_ids: [svc.psichosocialine_pagalba, svc.krizes_pagalba] });
  r2 = await assess(r2, '2025-03-04');
  let w2 = await head.post(`/api/v1/cases/${r2.json.id}/decisions`, { kind: 'waiting_list', decided_on: '2025-03-06' }, ifMatch(r2));
  assert.equal(w2.status, 201, w2.text);
  let w1 = await head.post(`/api/v1/cases/${r1.json.id}/decisions`, { kind: 'waiting_list', decided_on: '2025-03-05', services: [{ service_id: 1, amount: 1, period: 'week', start_on: '2025-03-06' }] }, ifMatch(r1));
  expectField(w1, 'services', 'case.services_not_allowed');
  w1 = await head.post(`/api/v1/cases/${r1.json.id}/decisions`, { kind: 'waiting_list', decided_on: '2025-03-05' }, ifMatch(r1));
  assert.equal(w1.status, 201, w1.text);
  assert.equal(w1.json.status, 'waiting');
  assert.deepEqual(w2.json.waiting.map((w) => [w.code, w.status, w.since]).sort(), [['krizes_pagalba', 'waiting', '2025-03-06'], ['psichosocialine_pagalba', 'waiting', '2025-03-06']]);

  const list = async (client) => (await client.get(`/api/v1/waiting-lists?service_id=${svc.psichosocialine_pagalba}`)).json.items;
  let items = await list(sw);
  const mine = items.filter((i) => [r1.json.id, r2.json.id].includes(i.case_id));
  assert.deepEqual(mine.map((i) => i.case_id), [r1.json.id, r2.json.id], 'ordered by since');
  assert.ok(mine[0].position < mine[1].position);
  assert.equal(mine[0].family_name, p1.family_name);
  assert.deepEqual((await list(sw2)).filter((i) => i.department_id === familyDept), [], 'home help sees only its own entries');
  assert.equal((await auditor.get('/api/v1/waiting-lists')).status, 403);
  assert.equal((await sw.get('/api/v1/waiting-lists?service_id=x')).status, 422);

  // Assigning from the waiting list marks the entries assigned.
  const a = await head.post(`/api/v1/cases/${r1.json.id}/decisions`, { kind: 'assign', decided_on: '2025-04-01', income: { incomes: [30000, 30000, 30000] }, services: [{ service_id: svc.psichosocialine_pagalba, amount: '2,5', period: 'month', start_on: '2025-04-02' }] }, ifMatch(w1));
  assert.equal(a.status, 201, a.text);
  assert.deepEqual([a.json.decisions[1].services[0].amount, a.json.decisions[1].services[0].amount_x100], [2.5, 250]);
  assert.equal(a.json.status, 'decided_assign');
  assert.equal(a.json.decisions[1].payment_cents, 0, 'below 2 VRP: free');
  assert.deepEqual(a.json.waiting.map((w) => [w.status, w.ended_on, w.position]), [['assigned', '2025-04-01', null]]);
  items = await list(sw);
  const pos2 = items.find((i) => i.case_id === r2.json.id).position;
  assert.equal(items.find((i) => i.case_id === r1.json.id), undefined);
  assert.equal(pos2, mine[1].position - 1, 'the next one moves up');

  // Refusal: a reason is required; the waiting entries are removed.
  let f = await head.post(`/api/v1/cases/${r2.json.id}/decisions`, { kind: 'refuse', decided_on: '2025-04-02' }, ifMatch(w2));
  expectField(f, 'reason', 'required');
  f = await head.post(`/api/v1/cases/${r2.json.id}/decisions`, { kind: 'refuse', decided_on: '2025-04-02', reason: 'Paslauga nebereikalinga.' }, ifMatch(w2));
  assert.equal(f.status, 201, f.text);
  assert.equal(f.json.status, 'refused');
  assert.equal(f.json.closed_on, '2025-04-02');
  assert.ok(f.json.waiting.every((w) => w.status === 'removed'));
  assert.equal((await list(sw)).find((i) => i.case_id === r2.json.id), undefined);
  const o = await sw.post(`/api/v1/cases/${r2.json.id}/events`, { kind: 'reopen', on_date: '2025-05-01' }, ifMatch(f));
  assert.equal(o.json.status, 'applied');
});

test('documents: uploaded raw, checked by content, listed without data, downloaded and audited', async () => {
  const r = await apply(sw, persons[3], { received_on: '2025-02-02' });
  const id = r.json.id;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
  const name = 'prašymas SP-8.pdf';
  let u = await sw.req('POST', `/api/v1/cases/${id}/documents`, new Uint8Array(pdf),
    { 'Content-Type': 'application/pdf', 'X-Filename': encodeURIComponent(name), 'X-Document-Kind': 'application' });
  assert.equal(u.status, 201, u.text);
  assert.equal(u.json.content_type, 'application/pdf');
  assert.equal(u.json.size_bytes, pdf.length);
  assert.equal(u.json.filename, name);
  const did = u.json.id;
  const page = (await sw.get(`/api/v1/cases/${id}`)).json;
  assert.deepEqual(page.documents.map((d) => [d.id, d.kind, d.filename]), [[did, 'application', name]]);
  assert.equal(page.documents[0].data, undefined);
  assert.equal(page.version, 1, 'a document is not a step: no version change');

  const res = await fetch(`${server.base}/api/v1/cases/${id}/documents/${did}`, { headers: { Cookie: sw.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''pra%C5%A1ymas%20SP-8\.pdf/);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), pdf);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_reads WHERE entity = 'case' AND entity_id = ${id} AND action = 'case.document.read'`), '1');
  assert.equal((await sw2.get(`/api/v1/cases/${id}/documents/${did}`)).status, 404);
  assert.equal((await sw.get(`/api/v1/cases/${id}/documents/999999`)).status, 404);

  const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  u = await sw.req('POST', `/api/v1/cases/${id}/documents?kind=other&filename=a.exe`, exe, { 'Content-Type': 'application/octet-stream' });
  expectField(u, 'file', 'case.file_type');
  u = await sw.req('POST', `/api/v1/cases/${id}/documents?filename=a.txt`, 'Sveiki', { 'Content-Type': 'text/plain' });
  expectField(u, 'kind', 'required');
  u = await sw.req('POST', `/api/v1/cases/${id}/documents?kind=other&filename=${encodeURIComponent('../a.txt')}`, 'Sveiki', { 'Content-Type': 'text/plain' });
  expectField(u, 'filename', 'case.filename');
  u = await sw.req('POST', `/api/v1/cases/${id}/documents?kind=other&filename=pastaba.txt`, 'Pastaba: skambinti po 14 val.', { 'Content-Type': 'text/plain' });
  assert.equal(u.status, 201, u.text);
  assert.equal(u.json.content_type, 'text/plain');
  u = await sw2.req('POST', `/api/v1/cases/${id}/documents?kind=other&filename=x.txt`, 'x', { 'Content-Type': 'text/plain' });
  assert.equal(u.status, 404);
  const big = new Uint8Array(1024 * 1024 + 1).fill(0x41);
  u = await sw.req('POST', `/api/v1/cases/${id}/documents?kind=other&filename=big.txt`, big, { 'Content-Type': 'text/plain' });
  assert.equal(u.status, 413);
  assert.equal(sql(`SELECT COUNT(*) FROM case_documents WHERE case_id = ${id}`), '2');
});

test('the case list is scoped, filtered and paged', async () => {
  const p = persons[0];
  let r = await sw.get(`/api/v1/cases?person_id=${p.id}`);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 2);
  assert.ok(r.json.items.every((c) => c.person_id === p.id && c.department_id === familyDept));
  const ids = r.json.items.map((c) => c.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
  assert.deepEqual((await sw2.get(`/api/v1/cases?person_id=${p.id}`)).json.items, []);
  assert.deepEqual((await sw2.get(`/api/v1/cases?department_id=${familyDept}`)).json.items, []);
  assert.ok((await director.get(`/api/v1/cases?person_id=${p.id}`)).json.items.length >= 2);
  r = await sw.get('/api/v1/cases?status=applied');
  assert.ok(r.json.items.length >= 1 && r.json.items.every((c) => c.status === 'applied'));
  expectField(await sw.get('/api/v1/cases?status=open'), 'status', 'enum');
  r = await sw.get('/api/v1/cases?limit=1');
  assert.equal(r.json.items.length, 1);
  assert.ok(r.json.next_cursor);
  const r2 = await sw.get(`/api/v1/cases?limit=1&cursor=${r.json.next_cursor}`);
  assert.ok(r2.json.items[0].id < r.json.items[0].id);
  assert.equal((await sw.get('/api/v1/cases?cursor=abc')).status, 400);
});

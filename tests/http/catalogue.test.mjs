// The service catalogue and the dated parameters: the demo catalogue of
// DOMAIN.md section 3, services with validation and If-Match, dated
// prices that are never edited, parameter entries over the built-in
// defaults, unit amounts as decimals, audit and history rows, role denial.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, stopServer, Client, loginAs, BACKEND } from './lib.mjs';

let server, admin, sw, director, head;
before(async () => {
  server = await startServer({ persons: 10 });
  admin = await loginAs(server, 'admin');
  sw = await loginAs(server, 'social_worker');
  director = await loginAs(server, 'director');
  head = await loginAs(server, 'head');
});
after(async () => { await stopServer(server); });

// One scalar from the test database, whichever backend runs.
function sql(query) {
  const r = BACKEND === 'postgresql'
    ? spawnSync('psql', [server.dbUrl, '-qAtc', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [join(server.dir, 'test.db'), query], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const ifMatch = (r) => ({ 'If-Match': r.headers.get('etag') });

function expectField(r, field, code, status = 422) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.fields?.[field]?.code, code, r.text);
  assert.ok(r.json.error.fields[field].message, 'field message is translated');
}

async function serviceByCode(code) {
  const r = await sw.get('/api/v1/services');
  assert.equal(r.status, 200, r.text);
  return r.json.items.find((s) => s.code === code);
}

async function deptId(code) {
  const r = await sw.get('/api/v1/departments');
  return r.json.items.find((d) => d.code === code).id;
}

// YYYY-MM-DD of today plus n days, in UTC (tests keep away from midnight
// edges by using whole years).
function isoDays(n) {
  return new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
}

const VALID = {
  code: 'bandomoji_paslauga', name_lt: 'Bandomoji paslauga', name_en: 'Trial service',
  kind: 'social_supervision', unit: 'hour', limit: 7.5, limit_period: 'week',
  max_visits_week: 3, payment_rule: 'social_supervision',
};

test('the demo catalogue holds every service of DOMAIN.md section 3', async () => {
  const r = await sw.get('/api/v1/services');
  assert.equal(r.status, 200, r.text);
  const items = r.json.items;
  const by = Object.fromEntries(items.map((s) => [s.code, s]));
  for (const code of ['201', '202', '203', '204', '208', 'drabuziai_avalyne', 'transporto_organizavimas',
    'sociokulturines', 'pagalba_namuose', 'socialiniai_igudziai', 'krizes_pagalba', 'laikinas_apnakvindinimas',
    'nakvynes_namai', 'savarankisko_gyvenimo_namai', 'psichosocialine_pagalba', 'laikinas_atokvepis',
    'vaiku_dienos_prieziura', 'dienos_globa', 'trumpalaike_globa', 'ilgalaike_globa', 'paieska',
    'kompleksines_paslaugos_seimai', 'darbas_su_bendruomene', 'seimos_konferencija', 'atvirasis_darbas_jaunimas',
    'mobilusis_darbas_jaunimas', 'integrali_pagalba']) {
    assert.ok(by[code], `service ${code} is in the demo catalogue`);
    assert.ok(by[code].name_lt && by[code].name_en, `${code} has both names`);
    assert.ok(by[code].department_id, `${code} has a department`);
    assert.ok(by[code].price_today && by[code].price_today.price_cents > 0, `${code} has a price today`);
    assert.equal(by[code].active, true);
    assert.ok(!('limit_x100' in by[code]), 'the API speaks decimal limits only');
  }
  assert.equal(by['201'].name_lt, 'Informavimas');
  assert.equal(by['201'].name_en, 'Information');
  assert.equal(by['201'].payment_rule, 'free');
  assert.equal(by['201'].limit, null);
  assert.equal(by['204'].unit, 'meal');
  assert.equal(by['208'].kind, 'general');
  const home = by.pagalba_namuose;
  assert.deepEqual([home.kind, home.unit, home.limit, home.limit_period, home.max_visits_week, home.payment_rule],
    ['social_supervision', 'hour', 10, 'week', 5, 'home_help']);
  assert.equal(home.department_id, await deptId('home_help'));
  assert.deepEqual([by.laikinas_apnakvindinimas.unit, by.laikinas_apnakvindinimas.limit], ['night', 7]);
  assert.deepEqual([by.laikinas_atokvepis.limit, by.laikinas_atokvepis.limit_period], [720, 'year']);
  assert.equal(by.savarankisko_gyvenimo_namai.unit, 'day');
  assert.equal(by.krizes_pagalba.payment_rule, 'free');
  assert.equal(by.dienos_globa.payment_rule, 'day_care');
  assert.equal(by.ilgalaike_globa.payment_rule, 'long_term_care');
  assert.ok(['paieska', 'seimos_konferencija', 'mobilusis_darbas_jaunimas'].every((c) => by[c].payment_rule === 'preventive'));
  for (const kind of ['general', 'social_supervision', 'social_care', 'preventive', 'integrated_help']) {
    assert.ok(items.some((s) => s.kind === kind), `a ${kind} service`);
  }
  // Ordered by code.
  const codes = items.map((s) => s.code);
  assert.deepEqual(codes, [...codes].sort());
});

test('services: filters by kind, active and department; bad filters are field errors', async () => {
  let r = await sw.get('/api/v1/services?kind=preventive');
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 6);
  assert.ok(r.json.items.every((s) => s.kind === 'preventive'));
  const shelter = await deptId('night_shelter');
  r = await sw.get(`/api/v1/services?department_id=${shelter}`);
  assert.ok(r.json.items.length >= 3);
  assert.ok(r.json.items.every((s) => s.department_id === shelter));
  r = await sw.get('/api/v1/services?active=false');
  assert.ok(r.json.items.every((s) => s.active === false));
  expectField(await sw.get('/api/v1/services?kind=care'), 'kind', 'enum');
  expectField(await sw.get('/api/v1/services?active=maybe'), 'active', 'type.boolean');
  expectField(await sw.get('/api/v1/services?department_id=abc'), 'department_id', 'range');
});

test('a service with its price history and the price in force today', async () => {
  const home = await serviceByCode('pagalba_namuose');
  const r = await sw.get(`/api/v1/services/${home.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('etag'), `"v${r.json.version}"`);
  assert.deepEqual(r.json.prices.map((p) => [p.valid_from, p.price_cents]),
    [['2024-01-01', 950], ['2025-01-01', 1050]]);
  assert.deepEqual(r.json.price_today, { valid_from: '2025-01-01', price_cents: 1050 });
  let p = await sw.get(`/api/v1/services/${home.id}/prices`);
  assert.equal(p.status, 200);
  assert.equal(p.json.items.length, 2);
  p = await sw.get('/api/v1/services/999999');
  assert.equal(p.status, 404);
  assert.equal(p.json.error.code, 'service.not_found');
  p = await sw.get('/api/v1/services/999999/prices');
  assert.equal(p.status, 404);
  // Everyone with a session reads the catalogue; nobody without one.
  for (const c of [admin, director, head]) assert.equal((await c.get(`/api/v1/services/${home.id}`)).status, 200);
  assert.equal((await new Client(server).get('/api/v1/services')).status, 401);
});

test('services: create validates every field and names the problems', async () => {
  const bad = [
    [{ ...VALID, code: 'Bad Code' }, 'code', 'service.code_format'],
    [{ ...VALID, code: '201' }, 'code', 'service.code_taken', 409],
    [{ ...VALID, name_lt: '' }, 'name_lt', 'string.empty'],
    [{ ...VALID, name_en: undefined }, 'name_en', 'required'],
    [{ ...VALID, kind: 'care' }, 'kind', 'enum'],
    [{ ...VALID, unit: 'km' }, 'unit', 'enum'],
    [{ ...VALID, payment_rule: 'cheap' }, 'payment_rule', 'enum'],
    [{ ...VALID, limit_period: undefined }, 'limit_period', 'service.limit_pair'],
    [{ ...VALID, limit: undefined }, 'limit', 'service.limit_pair'],
    [{ ...VALID, limit: 7.555 }, 'limit', 'amount'],
    [{ ...VALID, limit: -1 }, 'limit', 'amount'],
    [{ ...VALID, limit: 0 }, 'limit', 'range'],
    [{ ...VALID, limit: 'ten' }, 'limit', 'amount'],
    [{ ...VALID, limit_period: 'decade' }, 'limit_period', 'enum'],
    [{ ...VALID, max_visits_week: 0 }, 'max_visits_week', 'range'],
    [{ ...VALID, max_visits_week: 2.5 }, 'max_visits_week', 'type.integer'],
    [{ ...VALID, department_id: 999999 }, 'department_id', 'department.not_found'],
    [{ ...VALID, active: 'yes' }, 'active', 'type.boolean'],
    [{ ...VALID, price: 100 }, 'price', 'unknown_field'],
  ];
  const before = sql('SELECT COUNT(*) FROM services');
  for (const [body, field, key, status] of bad) {
    expectField(await admin.post('/api/v1/services', body), field, key, status);
  }
  // Every problem of a form at once.
  const r = await admin.post('/api/v1/services', { code: 'x', kind: 'care', colour: 'red' });
  assert.equal(r.status, 422);
  for (const f of ['colour', 'kind', 'name_lt', 'name_en', 'unit', 'payment_rule']) {
    assert.ok(r.json.error.fields[f], `${f} reported: ${r.text}`);
  }
  assert.equal(sql('SELECT COUNT(*) FROM services'), before, 'bad input changes nothing');
  // Only who may write the catalogue.
  for (const c of [sw, head]) assert.equal((await c.post('/api/v1/services', VALID)).status, 403);
});

test('services: create, read back, update with If-Match, history and audit', async () => {
  const dept = await deptId('family_support');
  let r = await admin.post('/api/v1/services', { ...VALID, department_id: dept, description: 'Tik bandymui.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"v1"');
  const s = r.json;
  assert.equal(s.limit, 7.5);
  assert.equal(s.limit_period, 'week');
  assert.equal(s.active, true);
  assert.deepEqual(s.prices, []);
  assert.equal(s.price_today, null);
  assert.equal(sql(`SELECT limit_x100 FROM services WHERE id = ${s.id}`), '750');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'service' AND action = 'create' AND entity_id = ${s.id}`), '1');

  // A decimal comma in a string is an amount too.
  r = await director.post('/api/v1/services', { ...VALID, code: 'bandomoji_2', limit: '2,25', limit_period: 'day' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.limit, 2.25);

  const path = `/api/v1/services/${s.id}`;
  r = await admin.patch(path, { name_en: 'Trial' });
  assert.equal(r.status, 428);
  r = await admin.patch(path, { name_en: 'Trial' }, { 'If-Match': '"v7"' });
  assert.equal(r.status, 412);
  r = await admin.patch(path, { limit: null }, { 'If-Match': '"v1"' });
  expectField(r, 'limit', 'service.limit_pair');
  r = await admin.patch(path, { code: '202' }, { 'If-Match': '"v1"' });
  expectField(r, 'code', 'service.code_taken', 409);
  r = await admin.patch(path, { limit: 0.001 }, { 'If-Match': '"v1"' });
  expectField(r, 'limit', 'amount');
  r = await sw.patch(path, { name_en: 'Trial' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 403);
  assert.equal(sql(`SELECT version FROM services WHERE id = ${s.id}`), '1', 'bad input changes nothing');

  r = await admin.patch(path, { name_en: 'Trial', limit: null, limit_period: null, max_visits_week: null, active: false },
    { 'If-Match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('etag'), '"v2"');
  assert.deepEqual([r.json.name_en, r.json.limit, r.json.limit_period, r.json.max_visits_week, r.json.active],
    ['Trial', null, null, null, false]);
  assert.equal(r.json.code, VALID.code, 'fields not in the patch keep their values');
  assert.equal(sql(`SELECT COUNT(*) FROM record_history WHERE entity = 'service' AND entity_id = ${s.id} AND version = 1`), '1');
  assert.match(sql(`SELECT data FROM record_history WHERE entity = 'service' AND entity_id = ${s.id}`), /Trial service/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'service' AND action = 'update' AND entity_id = ${s.id}`), '1');

  r = await admin.get('/api/v1/services?active=false');
  assert.ok(r.json.items.some((x) => x.id === s.id));
  r = await admin.get('/api/v1/services?active=true');
  assert.ok(!r.json.items.some((x) => x.id === s.id));

  r = await admin.patch('/api/v1/services/999999', { name_en: 'X' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 404);
});

test('prices: a new dated price each time, never edited; the price on a date', async () => {
  let r = await admin.post('/api/v1/services', { ...VALID, code: 'kainu_bandymas' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  const path = `/api/v1/services/${id}/prices`;
  expectField(await admin.post(path, { price_cents: 100 }), 'valid_from', 'required');
  expectField(await admin.post(path, { valid_from: '2024-02-30', price_cents: 100 }), 'valid_from', 'date');
  expectField(await admin.post(path, { valid_from: '2024-01-01', price_cents: -1 }), 'price_cents', 'range');
  expectField(await admin.post(path, { valid_from: '2024-01-01', price_cents: 12.5 }), 'price_cents', 'type.integer');
  expectField(await admin.post(path, { valid_from: '2024-01-01', price_cents: 100, note: 'x' }), 'note', 'unknown_field');
  assert.equal((await sw.post(path, { valid_from: '2024-01-01', price_cents: 100 })).status, 403);
  assert.equal((await admin.post('/api/v1/services/999999/prices', { valid_from: '2024-01-01', price_cents: 100 })).status, 404);

  r = await admin.post(path, { valid_from: '2024-01-01', price_cents: 1000 });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.price_today, { valid_from: '2024-01-01', price_cents: 1000 });
  const future = `${Number(isoDays(0).slice(0, 4)) + 2}-01-01`;
  r = await admin.post(path, { valid_from: future, price_cents: 1500 });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.price_today, { valid_from: '2024-01-01', price_cents: 1000 }, 'a future price is not in force yet');
  r = await admin.post(path, { valid_from: '2025-07-01', price_cents: 1200 });
  assert.equal(r.status, 201);
  assert.deepEqual(r.json.price_today, { valid_from: '2025-07-01', price_cents: 1200 });
  assert.deepEqual(r.json.prices.map((p) => p.valid_from), ['2024-01-01', '2025-07-01', future]);
  assert.equal(r.json.prices[0].created_by_name, sql("SELECT display_name FROM users WHERE username = 'admin'"));
  assert.ok(r.json.prices.every((p) => p.created_by && p.created_at));

  // The same date twice: a conflict on that field; the price stays.
  r = await admin.post(path, { valid_from: '2025-07-01', price_cents: 9999 });
  expectField(r, 'valid_from', 'price.date_taken', 409);
  assert.equal(sql(`SELECT price_cents FROM service_prices WHERE service_id = ${id} AND valid_from = '2025-07-01'`), '1200');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'service_price' AND entity_id = ${id}`), '3');
  r = await sw.get(path);
  assert.deepEqual(r.json.items.map((p) => p.price_cents), [1000, 1200, 1500]);
});

test('parameters: every key with built-in entries, units and the value today', async () => {
  let r = await sw.get('/api/v1/params');
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.today, /^\d{4}-\d{2}-\d{2}$/);
  const by = Object.fromEntries(r.json.items.map((p) => [p.key, p]));
  assert.equal(r.json.items.length, 17); // 16 + case.review_months (branch cases)
  assert.equal(by['case.review_months'].unit, 'months');
  assert.equal(by['case.review_months'].today.value, 12);
  const vrp = by.vrp;
  assert.equal(vrp.unit, 'cents');
  assert.equal(vrp.known, true);
  assert.match(vrp.unit_description, /centais/);
  assert.match(vrp.name, /Valstybės remiamos pajamos/);
  assert.deepEqual(vrp.entries.map((e) => [e.valid_from, e.value, e.source]), [
    ['2022-01-01', 12900, 'built_in'], ['2022-06-01', 14700, 'built_in'], ['2023-01-01', 15700, 'built_in'],
    ['2024-01-01', 17600, 'built_in'], ['2025-01-01', 22100, 'built_in']]);
  assert.ok(r.json.today >= '2025-01-01');
  assert.deepEqual(vrp.today, { value: 22100, valid_from: '2025-01-01' });
  assert.equal(by['home_help.max_share_pct'].unit, 'share_bp');
  assert.equal(by['home_help.max_share_pct'].today.value, 2000);
  assert.equal(by['home_help.floor_vrp_pct'].unit, 'vrp_bp');
  assert.equal(by['decision.deadline_days'].unit, 'days');
  assert.equal(by['decision.deadline_days'].today.value, 20);
  assert.equal(by['long_term_care.asset_pct_per_month'].unit, 'share_bp');
  const en = new Client(server, 'en');
  await en.login('socdarb');
  r = await en.get('/api/v1/params');
  assert.match(r.json.items.find((p) => p.key === 'vrp').unit_description, /euro cents/);
  assert.match(r.json.items.find((p) => p.key === 'asset_norm').name, /asset value norm/);
});

test('parameters: add entries with checks, override a default, delete only future ones', async () => {
  const bad = [
    [{ key: 'vrp2', valid_from: '2026-01-01', value: 1 }, 'key', 'param.unknown'],
    [{ valid_from: '2026-01-01', value: 1 }, 'key', 'required'],
    [{ key: 'home_help.max_share_pct', valid_from: '2026-01-01', value: 10001 }, 'value', 'param.value_share'],
    [{ key: 'daycare.band1_pct', valid_from: '2026-01-01', value: 20000 }, 'value', 'param.value_share'],
    [{ key: 'home_help.floor_vrp_pct', valid_from: '2026-01-01', value: 1000001 }, 'value', 'param.value_vrp'],
    [{ key: 'decision.deadline_days', valid_from: '2026-01-01', value: 0 }, 'value', 'param.value_days'],
    [{ key: 'vrp', valid_from: '2026-01-01', value: -5 }, 'value', 'range'],
    [{ key: 'vrp', valid_from: '2026-01-01', value: 1.5 }, 'value', 'type.integer'],
    [{ key: 'vrp', valid_from: '2026-13-01', value: 1 }, 'valid_from', 'date'],
    [{ key: 'vrp', valid_from: '2026-01-01', value: 1, note: 'x'.repeat(501) }, 'note', 'string.too_long'],
    [{ key: 'vrp', valid_from: '2026-01-01', value: 1, colour: 1 }, 'colour', 'unknown_field'],
  ];
  const before = sql('SELECT COUNT(*) FROM params');
  for (const [body, field, key] of bad) expectField(await admin.post('/api/v1/params', body), field, key);
  assert.equal(sql('SELECT COUNT(*) FROM params'), before, 'bad input changes nothing');
  for (const c of [sw, head]) {
    assert.equal((await c.post('/api/v1/params', { key: 'vrp', valid_from: '2026-01-01', value: 1 })).status, 403);
  }

  // A site figure for the same date replaces the built-in one.
  let r = await director.post('/api/v1/params', { key: 'vrp', valid_from: '2025-01-01', value: 22000, note: 'Pagal savivaldybės raštą' });
  assert.equal(r.status, 201, r.text);
  const past = r.json;
  assert.deepEqual([past.key, past.valid_from, past.value, past.note, past.source, past.unit],
    ['vrp', '2025-01-01', 22000, 'Pagal savivaldybės raštą', 'database', 'cents']);
  assert.ok(past.id && past.created_by && past.created_at && past.created_by_name);
  r = await sw.get('/api/v1/params');
  let vrp = r.json.items.find((p) => p.key === 'vrp');
  const d2025 = vrp.entries.filter((e) => e.valid_from === '2025-01-01');
  assert.deepEqual(d2025.map((e) => [e.source, e.value, e.replaced]), [['built_in', 22100, true], ['database', 22000, undefined]]);
  assert.equal(d2025[1].note, 'Pagal savivaldybės raštą');
  assert.deepEqual(vrp.today, { value: 22000, valid_from: '2025-01-01' });

  // Same key and date twice: a conflict.
  r = await admin.post('/api/v1/params', { key: 'vrp', valid_from: '2025-01-01', value: 1 });
  expectField(r, 'valid_from', 'param.date_taken', 409);

  // A future entry is listed but not in force; it can be deleted.
  const future = `${Number(isoDays(0).slice(0, 4)) + 2}-01-01`;
  r = await admin.post('/api/v1/params', { key: 'decision.deadline_days', valid_from: future, value: 15 });
  assert.equal(r.status, 201, r.text);
  const fut = r.json;
  r = await sw.get('/api/v1/params');
  const dl = r.json.items.find((p) => p.key === 'decision.deadline_days');
  assert.ok(dl.entries.some((e) => e.valid_from === future && e.value === 15));
  assert.equal(dl.today.value, 20);

  assert.equal((await sw.del(`/api/v1/params/${fut.id}`)).status, 403);
  r = await admin.del(`/api/v1/params/${past.id}`);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'param.past');
  r = await admin.del(`/api/v1/params/${fut.id}`);
  assert.equal(r.status, 200, r.text);
  r = await admin.del(`/api/v1/params/${fut.id}`);
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'param.not_found');
  assert.equal(sql(`SELECT COUNT(*) FROM params WHERE id = ${fut.id}`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM record_history WHERE entity = 'param' AND entity_id = ${fut.id} AND action = 'delete'`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'param' AND entity_id = ${fut.id}`), '2');
  assert.equal(sql(`SELECT COUNT(*) FROM params WHERE id = ${past.id}`), '1');
});

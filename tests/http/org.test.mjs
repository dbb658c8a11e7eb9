// The organisation and user-administration API: institutions and their
// contacts, departments, staff, teams, users; validation with field keys,
// ETag/If-Match, uniqueness, Lithuanian ordering, pagination, audit and
// history rows, role denial.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, stopServer, Client, loginAs, runCli, BACKEND, DEMO_PASSWORD } from './lib.mjs';

let server, admin, sw, director;
before(async () => {
  server = await startServer({ persons: 20 });
  admin = await loginAs(server, 'admin');
  sw = await loginAs(server, 'social_worker');
  director = await loginAs(server, 'director');
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

async function allPages(client, path) {
  const items = [];
  let cursor = null, pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await client.get(path + (cursor ? `${sep}cursor=${cursor}` : ''));
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    cursor = r.json.next_cursor;
    pages++;
  } while (cursor && pages < 1000);
  return { items, pages };
}

test('institutions: list, create, validate, update with If-Match, deactivate', async () => {
  let r = await sw.get('/api/v1/institutions?kind=partner');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 10);
  assert.ok(r.json.items.every((i) => i.kind === 'partner'));
  assert.ok('next_cursor' in r.json);
  r = await sw.get('/api/v1/institutions?kind=centre');
  assert.equal(r.json.items.length, 1);
  r = await sw.get('/api/v1/institutions?kind=bank');
  expectField(r, 'kind', 'enum');

  const bad = [
    [{ kind: 'bank', name: 'X' }, 'kind', 'enum'],
    [{ kind: 'partner', name: 'X' }, 'partner_type', 'required'],
    [{ kind: 'partner', partner_type: 'church', name: 'X' }, 'partner_type', 'enum'],
    [{ kind: 'centre', partner_type: 'police', name: 'X' }, 'partner_type', 'institution.partner_type_centre'],
    [{ kind: 'partner', partner_type: 'ngo' }, 'name', 'required'],
    [{ kind: 'partner', partner_type: 'ngo', name: 'x'.repeat(201) }, 'name', 'string.too_long'],
    [{ kind: 'partner', partner_type: 'ngo', name: 'X', email: 'nope' }, 'email', 'email'],
    [{ kind: 'partner', partner_type: 'ngo', name: 'X', phone: 'call me' }, 'phone', 'phone'],
    [{ kind: 'partner', partner_type: 'ngo', name: 'X', active: 'yes' }, 'active', 'type.boolean'],
    [{ kind: 'partner', partner_type: 'ngo', name: 'X', colour: 'red' }, 'colour', 'unknown_field'],
  ];
  for (const [body, field, key] of bad) expectField(await admin.post('/api/v1/institutions', body), field, key);

  r = await admin.post('/api/v1/institutions', {
    kind: 'partner', partner_type: 'ngo', name: 'Utenos maisto bankas', email: 'info@maistobankas.lt', phone: '+370 389 12345',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"v1"');
  assert.equal(r.json.active, true);
  assert.deepEqual(r.json.contacts, []);
  const id = r.json.id;

  r = await sw.get(`/api/v1/institutions/${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.name, 'Utenos maisto bankas');
  const v1 = ifMatch(r);

  r = await admin.patch(`/api/v1/institutions/${id}`, { name: 'Maisto bankas' });
  assert.equal(r.status, 428, r.text);
  assert.equal(r.json.error.code, 'if_match.required');
  r = await admin.patch(`/api/v1/institutions/${id}`, { name: 'Maisto bankas' }, { 'If-Match': '"v7"' });
  assert.equal(r.status, 412, r.text);
  r = await admin.patch(`/api/v1/institutions/${id}`, { email: 'x@' }, v1);
  expectField(r, 'email', 'email');
  r = await admin.patch(`/api/v1/institutions/${id}`, { name: 'Maisto bankas', email: '' }, v1);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('etag'), '"v2"');
  assert.equal(r.json.email, null);
  assert.equal(r.json.partner_type, 'ngo');
  r = await admin.patch(`/api/v1/institutions/${id}`, { name: 'Stale' }, v1);
  assert.equal(r.status, 412, 'the old version is rejected');

  r = await admin.patch(`/api/v1/institutions/${id}`, { active: false }, { 'If-Match': '"v2"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.active, false);
  r = await sw.get('/api/v1/institutions?active=false');
  assert.ok(r.json.items.some((i) => i.id === id));
  r = await sw.get('/api/v1/institutions?active=true');
  assert.ok(!r.json.items.some((i) => i.id === id));
  r = await admin.del(`/api/v1/institutions/${id}`);
  assert.equal(r.status, 405, 'institutions are never deleted');

  r = await admin.get('/api/v1/institutions/999999');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'institution.not_found');
  // One row of history per update, the old row kept.
  assert.equal(sql(`SELECT COUNT(*) FROM record_history WHERE entity = 'institution' AND entity_id = ${id}`), '2');
  assert.match(sql(`SELECT data FROM record_history WHERE entity = 'institution' AND entity_id = ${id} AND version = 1`), /Utenos maisto bankas/);
});

test('institutions are listed in Lithuanian alphabetical order', async () => {
  const r = await sw.get('/api/v1/institutions');
  const names = r.json.items.map((i) => i.name);
  const sorted = [...names].sort(new Intl.Collator('lt').compare);
  assert.deepEqual(names, sorted);
});

test('contacts: add, validate, list, delete', async () => {
  const inst = (await sw.get('/api/v1/institutions?kind=partner')).json.items[0].id;
  let r = await admin.post(`/api/v1/institutions/${inst}/contacts`, { role: 'x' });
  expectField(r, 'name', 'required');
  r = await admin.post(`/api/v1/institutions/${inst}/contacts`, { name: 'Rasa', email: 'rasa@' });
  expectField(r, 'email', 'email');
  r = await admin.post(`/api/v1/institutions/${inst}/contacts`, { name: 'Rasa Rasienė', role: 'Socialinė pedagogė', phone: '+370 600 00000' });
  assert.equal(r.status, 201, r.text);
  const cid = r.json.id;
  r = await sw.get(`/api/v1/institutions/${inst}/contacts`);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((c) => c.id === cid && c.name === 'Rasa Rasienė'));
  r = await sw.del(`/api/v1/institutions/${inst}/contacts/${cid}`);
  assert.equal(r.status, 403);
  r = await admin.del(`/api/v1/institutions/${inst + 1}/contacts/${cid}`);
  assert.equal(r.status, 404, 'a contact is removed only through its own institution');
  r = await admin.del(`/api/v1/institutions/${inst}/contacts/${cid}`);
  assert.equal(r.status, 200, r.text);
  r = await admin.del(`/api/v1/institutions/${inst}/contacts/${cid}`);
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'contact.not_found');
  r = await admin.post('/api/v1/institutions/999999/contacts', { name: 'X' });
  assert.equal(r.status, 404);
  r = await sw.get('/api/v1/institutions/999999/contacts');
  assert.equal(r.status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'institution_contact' AND entity_id = ${cid}`), '2');
  assert.equal(sql(`SELECT COUNT(*) FROM record_history WHERE entity = 'institution_contact' AND entity_id = ${cid} AND action = 'delete'`), '1');
});

test('departments: unique code (409), code format, If-Match, role denial', async () => {
  let r = await sw.get('/api/v1/departments');
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 7);
  r = await sw.post('/api/v1/departments', { code: 'food_aid', name_lt: 'Maisto pagalba' });
  assert.equal(r.status, 403, 'a social worker cannot add departments');

  r = await admin.post('/api/v1/departments', { code: 'family_support', name_lt: 'Dublikatas' });
  expectField(r, 'code', 'department.code_taken', 409);
  for (const code of ['A', 'x', 'food-aid', 'Food', 'maisto_pagalbà', 'y'.repeat(41)]) {
    expectField(await admin.post('/api/v1/departments', { code, name_lt: 'X' }), 'code', 'department.code_format');
  }
  expectField(await admin.post('/api/v1/departments', { code: 'food_aid' }), 'name_lt', 'required');
  const partner = (await sw.get('/api/v1/institutions?kind=partner')).json.items[0].id;
  r = await admin.post('/api/v1/departments', { code: 'food_aid', name_lt: 'X', institution_id: partner });
  expectField(r, 'institution_id', 'department.institution_centre');
  r = await admin.post('/api/v1/departments', { code: 'food_aid', name_lt: 'X', institution_id: 999999 });
  expectField(r, 'institution_id', 'institution.not_found');

  r = await admin.post('/api/v1/departments', { code: 'food_aid', name_lt: 'Maisto pagalba', name_en: 'Food aid' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal(r.json.code, 'food_aid');
  assert.ok(r.json.institution_id > 0, 'the centre is the default institution');

  r = await admin.patch(`/api/v1/departments/${id}`, { code: 'home_help' }, { 'If-Match': '"v1"' });
  expectField(r, 'code', 'department.code_taken', 409);
  r = await admin.patch(`/api/v1/departments/${id}`, { name_en: 'Food support' });
  assert.equal(r.status, 428);
  r = await admin.patch(`/api/v1/departments/${id}`, { name_en: 'Food support', code: 'food_support' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, 'food_support');
  assert.equal(r.json.version, 2);
  r = await admin.patch(`/api/v1/departments/${id}`, { name_en: 'Again' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 412);
  r = await director.get(`/api/v1/departments/${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('etag'), '"v2"');
  r = await admin.get('/api/v1/departments/999999');
  assert.equal(r.json.error.code, 'department.not_found');
});

test('staff: create, validate, Lithuanian order by department, pagination, update', async () => {
  let r = await admin.post('/api/v1/departments', { code: 'order_test', name_lt: 'Rikiavimo skyrius' });
  assert.equal(r.status, 201, r.text);
  const dept = r.json.id;
  const people = [
    ['Žukauskas', 'Jonas'], ['Zuokas', 'Artūras'], ['Čiurlionis', 'Mikalojus'], ['Cicėnas', 'Jonas'],
    ['Šalkauskas', 'Stasys'], ['Sabonis', 'Arvydas'], ['Ąžuolas', 'Petras'], ['Adomaitis', 'Ona'],
    ['Ylevičius', 'Ignas'], ['Įsakas', 'Ignas'], ['Jankus', 'Ignas'],
  ];
  const ids = {};
  for (const [family_name, given_names] of people) {
    r = await admin.post('/api/v1/staff', {
      family_name, given_names, position: 'Socialinis darbuotojas', category: 'social_worker',
      department_id: dept, skills: ['social_worker', 'driver', 'driver'], email: `${given_names.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}@centras.lt`,
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.skills, ['social_worker', 'driver']);
    assert.equal(r.json.sort_key, undefined, 'the sort key is internal');
    ids[family_name] = r.json.id;
  }
  r = await sw.get(`/api/v1/staff?department_id=${dept}&limit=200`);
  assert.equal(r.status, 200);
  const order = r.json.items.map((s) => s.family_name);
  // CLDR "lt": Č, Š, Ž are letters of their own; Ą, Į differ from A, I
  // only at the secondary level, and Y sorts as a variant of I.
  assert.deepEqual(order, ['Adomaitis', 'Ąžuolas', 'Cicėnas', 'Čiurlionis', 'Ylevičius', 'Įsakas', 'Jankus',
    'Sabonis', 'Šalkauskas', 'Zuokas', 'Žukauskas']);
  assert.deepEqual(order, [...order].sort(new Intl.Collator('lt').compare));
  assert.equal(r.json.next_cursor, null);

  // Keyset pages of 3 give the same list, no repeats.
  const paged = await allPages(sw, `/api/v1/staff?department_id=${dept}&limit=3`);
  assert.deepEqual(paged.items.map((s) => s.family_name), order);
  assert.equal(paged.pages, 4);
  const all = await allPages(sw, '/api/v1/staff?limit=7');
  assert.equal(new Set(all.items.map((s) => s.id)).size, all.items.length);
  assert.ok(all.items.length >= 40 + people.length);
  r = await sw.get('/api/v1/staff?cursor=abc');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'cursor');
  r = await sw.get('/api/v1/staff?limit=0');
  expectField(r, 'limit', 'range');
  r = await sw.get('/api/v1/staff?department_id=x');
  expectField(r, 'department_id', 'range');

  const base = { given_names: 'Ona', family_name: 'Onaitė', position: 'Slaugytoja' };
  const bad = [
    [{ ...base, category: 'boss' }, 'category', 'enum'],
    [{ ...base, skills: ['cook'] }, 'skills', 'skills.unknown'],
    [{ ...base, skills: 'nurse' }, 'skills', 'type.array'],
    [{ ...base, department_id: 999999 }, 'department_id', 'department.not_found'],
    [{ ...base, email: 'ona@' }, 'email', 'email'],
    [{ given_names: 'Ona', family_name: 'Onaitė' }, 'position', 'required'],
    [{ ...base, family_name: '  ' }, 'family_name', 'string.empty'],
    [{ ...base, sort_key: 'a' }, 'sort_key', 'unknown_field'],
  ];
  for (const [body, field, key] of bad) expectField(await admin.post('/api/v1/staff', body), field, key);
  r = await admin.post('/api/v1/staff', { ...base, skills: ['nurse', 'nurse_assistant'], category: null });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.department_id, null);
  assert.equal(r.json.category, null);

  // Renaming moves the person in the order; the old row is kept.
  const id = ids['Adomaitis'];
  r = await sw.get(`/api/v1/staff/${id}`);
  assert.equal(r.status, 200);
  r = await sw.patch(`/api/v1/staff/${id}`, { family_name: 'Žvirblis' }, ifMatch(r));
  assert.equal(r.status, 403, 'social workers do not edit staff');
  r = await admin.patch(`/api/v1/staff/${id}`, { family_name: 'Žvirblis', skills: [] }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.skills, []);
  r = await sw.get(`/api/v1/staff?department_id=${dept}`);
  assert.equal(r.json.items.at(-1).family_name, 'Žvirblis');
  r = await admin.patch(`/api/v1/staff/${id}`, { active: false }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 412);
  r = await admin.patch(`/api/v1/staff/${id}`, { active: false }, { 'If-Match': '"v2"' });
  assert.equal(r.status, 200);
  r = await sw.get(`/api/v1/staff?department_id=${dept}&active=true`);
  assert.equal(r.json.items.length, people.length - 1);
  assert.match(sql(`SELECT data FROM record_history WHERE entity = 'staff' AND entity_id = ${id} AND version = 1`), /Adomaitis/);

  // A deactivated department takes no new staff.
  r = await admin.patch(`/api/v1/departments/${dept}`, { active: false }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  expectField(await admin.post('/api/v1/staff', { ...base, department_id: dept }), 'department_id', 'org.inactive');
  r = await admin.get('/api/v1/staff/999999');
  assert.equal(r.json.error.code, 'staff.not_found');
});

test('teams: create, members replaced with If-Match, unknown staff rejected', async () => {
  const depts = (await sw.get('/api/v1/departments')).json.items;
  const home = depts.find((d) => d.code === 'home_help').id;
  let r = await admin.post('/api/v1/teams', { name: 'Integrali pagalba', kind: 'squad', department_id: home });
  expectField(r, 'kind', 'enum');
  r = await admin.post('/api/v1/teams', { name: 'Integrali pagalba', department_id: 999999 });
  expectField(r, 'department_id', 'department.not_found');
  r = await admin.post('/api/v1/teams', { name: 'Integrali pagalba 2', kind: 'integrated_help', department_id: home });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.deepEqual(r.json.members, []);

  const staff = (await sw.get('/api/v1/staff?limit=3')).json.items.map((s) => s.id);
  r = await admin.put(`/api/v1/teams/${id}/members`, { staff_ids: staff });
  assert.equal(r.status, 428);
  r = await admin.put(`/api/v1/teams/${id}/members`, { staff_ids: [staff[0], 999999] }, { 'If-Match': '"v1"' });
  expectField(r, 'staff_ids', 'staff.not_found');
  r = await admin.put(`/api/v1/teams/${id}/members`, { staff_ids: ['x'] }, { 'If-Match': '"v1"' });
  expectField(r, 'staff_ids', 'type.integer');
  r = await admin.put(`/api/v1/teams/${id}/members`, { staff_ids: [...staff, staff[0]] }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('etag'), '"v2"');
  assert.deepEqual(r.json.members.map((m) => m.id).sort(), [...staff].sort());
  r = await admin.put(`/api/v1/teams/${id}/members`, { staff_ids: [staff[1]] }, { 'If-Match': '"v2"' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.members.map((m) => m.id), [staff[1]]);
  r = await admin.put(`/api/v1/teams/${id}/members`, { staff_ids: [] }, { 'If-Match': '"v2"' });
  assert.equal(r.status, 412);

  r = await admin.patch(`/api/v1/teams/${id}`, { name: 'Mobili komanda', kind: 'mobile' }, { 'If-Match': '"v3"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.kind, 'mobile');
  assert.equal(r.json.members.length, 1);
  r = await sw.get(`/api/v1/teams?department_id=${home}`);
  assert.ok(r.json.items.some((t) => t.id === id && t.name === 'Mobili komanda'));
  r = await sw.get(`/api/v1/teams/${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('etag'), '"v4"');
  r = await sw.put(`/api/v1/teams/${id}/members`, { staff_ids: [] }, { 'If-Match': '"v4"' });
  assert.equal(r.status, 403);
  r = await admin.get('/api/v1/teams/999999');
  assert.equal(r.json.error.code, 'team.not_found');
});

test('users: create (deferred hash), scope rules, uniqueness, no hashes out', async () => {
  const depts = (await admin.get('/api/v1/departments')).json.items;
  const family = depts.find((d) => d.code === 'family_support').id;
  const school = (await admin.get('/api/v1/institutions?kind=partner')).json.items.find((i) => i.partner_type === 'school').id;
  const centre = (await admin.get('/api/v1/institutions?kind=centre')).json.items[0].id;
  const pw = 'Naujas-slaptazodis-7';
  const bad = [
    [{ username: 'ab', display_name: 'X', role: 'director', password: pw }, 'username', 'username.format'],
    [{ username: 'Ona.P', display_name: 'X', role: 'director', password: pw }, 'username', 'username.format'],
    [{ username: 'ona.p', display_name: 'X', role: 'king', password: pw }, 'role', 'enum'],
    [{ username: 'ona.p', display_name: 'X', role: 'social_worker', password: pw }, 'department_id', 'role.scope'],
    [{ username: 'ona.p', display_name: 'X', role: 'partner', password: pw }, 'institution_id', 'role.scope'],
    [{ username: 'ona.p', display_name: 'X', role: 'director', password: 'short' }, 'password', 'password.too_short'],
    [{ username: 'ona.p', display_name: 'X', role: 'director' }, 'password', 'required'],
    [{ username: 'ona.p', role: 'director', password: pw }, 'display_name', 'required'],
    [{ username: 'ona.p', display_name: 'X', role: 'director', password: pw, password_hash: 'x' }, 'password_hash', 'unknown_field'],
    [{ username: 'ona.p', display_name: 'X', role: 'head', department_id: 999999, password: pw }, 'department_id', 'department.not_found'],
    [{ username: 'ona.p', display_name: 'X', role: 'partner', institution_id: centre, password: pw }, 'institution_id', 'user.institution_partner'],
  ];
  for (const [body, field, key] of bad) expectField(await admin.post('/api/v1/users', body), field, key);
  let r = await admin.post('/api/v1/users', { username: 'socdarb', display_name: 'X', role: 'director', password: pw });
  expectField(r, 'username', 'username.taken', 409);
  r = await sw.post('/api/v1/users', { username: 'ona.p', display_name: 'X', role: 'director', password: pw });
  assert.equal(r.status, 403);

  r = await admin.post('/api/v1/users', { username: 'ona.p', display_name: 'Ona Petraitienė', role: 'social_worker', department_id: family, password: pw });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.role, 'social_worker');
  assert.equal(r.json.disabled, false);
  assert.ok(!('password_hash' in r.json) && !('password' in r.json));
  const id = r.json.id;
  const ona = new Client(server);
  await ona.login('ona.p', pw);
  assert.equal((await ona.get('/api/v1/persons?limit=1')).status, 200);

  r = await admin.post('/api/v1/users', { username: 'mokykla2', display_name: 'Pedagogė', role: 'partner', institution_id: school, password: pw });
  assert.equal(r.status, 201, r.text);

  r = await admin.get(`/api/v1/users/${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('etag'), '"v1"');
  const list = await allPages(admin, '/api/v1/users?limit=2');
  assert.ok(list.items.length >= 9);
  assert.ok(list.pages >= 5);
  const names = list.items.map((u) => u.username);
  assert.deepEqual(names, [...names].sort());
  assert.ok(!JSON.stringify(list.items).includes('argon2'), 'no password hash leaves the server');
  r = await admin.get('/api/v1/users?role=partner');
  assert.ok(r.json.items.every((u) => u.role === 'partner') && r.json.items.length >= 2);
  r = await admin.get(`/api/v1/users?department_id=${family}`);
  assert.ok(r.json.items.some((u) => u.username === 'ona.p'));
  r = await admin.get('/api/v1/users?role=king');
  expectField(r, 'role', 'enum');

  // A change of scope must keep the rules; disabling ends the sessions.
  r = await admin.patch(`/api/v1/users/${id}`, { department_id: null }, { 'If-Match': '"v1"' });
  expectField(r, 'department_id', 'role.scope');
  r = await admin.patch(`/api/v1/users/${id}`, { username: 'x' }, { 'If-Match': '"v1"' });
  expectField(r, 'username', 'unknown_field');
  r = await admin.patch(`/api/v1/users/${id}`, { display_name: 'Ona P.' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await ona.get('/api/v1/session')).status, 200, 'a name change keeps sessions');
  r = await admin.patch(`/api/v1/users/${id}`, { disabled: true }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 412);
  r = await admin.patch(`/api/v1/users/${id}`, { disabled: true }, { 'If-Match': '"v2"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.disabled, true);
  assert.equal((await ona.get('/api/v1/session')).status, 401, 'disabling ends the session');
  await assert.rejects(new Client(server).login('ona.p', pw));
  r = await admin.patch(`/api/v1/users/${id}`, { disabled: false }, { 'If-Match': '"v3"' });
  assert.equal(r.status, 200);
  await ona.login('ona.p', pw);

  // Administrator reset: the old password stops working, sessions end.
  r = await admin.post(`/api/v1/users/${id}/password`, { password: 'abc' });
  expectField(r, 'password', 'password.too_short');
  r = await admin.post('/api/v1/users/999999/password', { password: 'Kitas-slaptazodis-8' });
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'user.not_found');
  r = await admin.post(`/api/v1/users/${id}/password`, { password: 'Kitas-slaptazodis-8' });
  assert.equal(r.status, 200, r.text);
  assert.ok(!('password_hash' in r.json));
  assert.equal((await ona.get('/api/v1/session')).status, 401);
  await assert.rejects(new Client(server).login('ona.p', pw));
  await new Client(server).login('ona.p', 'Kitas-slaptazodis-8');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND entity_id = ${id} AND action IN ('create', 'update', 'password_reset')`), '5');
});

test('an administrator cannot lock themselves out', async () => {
  const me = admin.user.user_id;
  let r = await admin.get(`/api/v1/users/${me}`);
  const v = ifMatch(r);
  r = await admin.patch(`/api/v1/users/${me}`, { disabled: true }, v);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'user.self_disable');
  assert.ok(r.json.error.message);
  r = await admin.patch(`/api/v1/users/${me}`, { role: 'director' }, v);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'user.self_role');
  assert.equal((await admin.get('/api/v1/session')).json.role, 'admin');
  // Their own password reset keeps their current session.
  const second = new Client(server);
  await second.login('admin');
  r = await admin.post(`/api/v1/users/${me}/password`, { password: DEMO_PASSWORD });
  assert.equal(r.status, 200, r.text);
  assert.equal((await admin.get('/api/v1/session')).status, 200);
  assert.equal((await second.get('/api/v1/session')).status, 401);
});

test('roles: who may read and write the organisation', async () => {
  assert.equal((await sw.post('/api/v1/departments', { code: 'zz', name_lt: 'Z' })).status, 403);
  assert.equal((await admin.get('/api/v1/persons')).status, 403);
  assert.equal((await director.get('/api/v1/users')).status, 403);
  assert.equal((await director.get('/api/v1/staff')).status, 200);
  assert.equal((await director.post('/api/v1/staff', {})).status, 403);
  const partner = await loginAs(server, 'partner');
  assert.equal((await partner.get('/api/v1/institutions')).status, 403);
  const auditor = await loginAs(server, 'auditor');
  assert.equal((await auditor.get('/api/v1/departments')).status, 403);
  assert.equal((await new Client(server).get('/api/v1/staff')).status, 401);
});

test('every write is in the audit chain, which verifies', async () => {
  const n = Number(sql("SELECT COUNT(*) FROM audit_log WHERE entity IN ('institution', 'institution_contact', 'department', 'staff', 'team', 'user') AND action IN ('create', 'update', 'delete', 'password_reset')"));
  assert.ok(n >= 30, `only ${n} audit rows`);
  assert.equal(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'department' AND action = 'create' AND username = 'admin'"), '2');
  const r = runCli(server, ['audit', 'verify']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('messages come in English too', async () => {
  const en = new Client(server, 'en');
  await en.login('admin');
  const r = await en.post('/api/v1/departments', { code: 'Bad-Code', name_lt: 'X' });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.code.message, /lowercase/);
  const lt = await admin.post('/api/v1/departments', { code: 'Bad-Code', name_lt: 'X' });
  assert.match(lt.json.error.fields.code.message, /mažųjų/);
});

test('case workers: a department\'s social workers and heads, for choosing who does the work', async () => {
  const me = (await sw.get('/api/v1/session')).json;
  let r = await sw.get('/api/v1/case-workers');
  assert.equal(r.status, 200, r.text);
  const mine = r.json.items;
  assert.ok(mine.length >= 2, 'the social worker and the head');
  assert.ok(mine.some((u) => u.id === me.user_id));
  assert.ok(mine.every((u) => u.department_id === me.department_id && ['social_worker', 'head'].includes(u.role)));
  assert.deepEqual(Object.keys(mine[0]).sort(), ['department_id', 'display_name', 'id', 'role']);
  const names = mine.map((u) => u.display_name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'lt')), 'Lithuanian order');
  // Their own department by id is fine; another is not theirs to list.
  assert.equal((await sw.get(`/api/v1/case-workers?department_id=${me.department_id}`)).status, 200);
  const other = (await director.get('/api/v1/departments')).json.items.find((d) => d.id !== me.department_id);
  assert.equal((await sw.get(`/api/v1/case-workers?department_id=${other.id}`)).status, 403);
  // The director: every department, or one.
  const all = (await director.get('/api/v1/case-workers')).json.items;
  assert.ok(all.length > mine.length);
  r = await director.get(`/api/v1/case-workers?department_id=${me.department_id}`);
  assert.deepEqual(r.json.items, mine);
  assert.equal((await director.get('/api/v1/case-workers?department_id=x')).status, 422);
  // A disabled user is no longer offered.
  const u = (await admin.post('/api/v1/users', { username: `cw${Date.now()}`, display_name: 'Laikina Darbuotoja', role: 'social_worker',
    department_id: me.department_id, password: 'Laikinas-slaptazodis-2026' })).json;
  assert.ok((await sw.get('/api/v1/case-workers')).json.items.some((x) => x.id === u.id), JSON.stringify(u));
  const cur = await admin.get(`/api/v1/users/${u.id}`);
  assert.equal((await admin.patch(`/api/v1/users/${u.id}`, { disabled: true }, { 'If-Match': cur.headers.get('etag') })).status, 200);
  assert.ok(!(await sw.get('/api/v1/case-workers')).json.items.some((x) => x.id === u.id));
  // A partner reads shared cases but gives no case work: nobody to offer.
  // Auditors and administrators have no case work at all.
  r = await (await loginAs(server, 'partner')).get('/api/v1/case-workers');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items, []);
  for (const who of ['auditor', 'admin']) {
    const c = who === 'admin' ? admin : await loginAs(server, who);
    assert.equal((await c.get('/api/v1/case-workers')).status, 403, who);
  }
});

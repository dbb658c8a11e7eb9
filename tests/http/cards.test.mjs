// Kept person cards (domain/person_card.c): the server answers a card
// from memory while the person's card_version is unchanged. These tests
// read a card (so it is kept), change something the card shows without
// touching the person's own row, and check that the next read shows the
// change: a relative's name, a representative's name, a household
// membership, a department's name, and a change made by another process
// straight in the database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, stopServer, loginAs, BACKEND } from './lib.mjs';

let server, sw, admin, director;
let ids = [];

before(async () => {
  server = await startServer({ persons: 120 });
  sw = await loginAs(server, 'social_worker');
  admin = await loginAs(server, 'admin');
  director = await loginAs(server, 'director');
  const r = await sw.get('/api/v1/persons?limit=50');
  assert.equal(r.status, 200, r.text);
  ids = r.json.items.map((p) => p.id);
  assert.ok(ids.length >= 5);
});
after(async () => { await stopServer(server); });

async function card(client, id) {
  const r = await client.get(`/api/v1/persons/${id}`);
  assert.equal(r.status, 200, r.text);
  return r;
}
const im = (r) => ({ 'If-Match': r.headers.get('etag') });

async function stats() {
  const r = await admin.get('/api/v1/system/stats');
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('a kept card is the card: same body and ETag on a repeated read', async () => {
  const id = ids[0];
  const s0 = await stats();
  assert.equal(s0.cards.enabled, true);
  const first = await card(director, id);
  const again = await card(director, id);
  const s1 = await stats();
  assert.ok(s1.cards.hits >= s0.cards.hits + 1, JSON.stringify(s1));
  assert.ok(s1.cards.entries >= 1 && s1.cards.bytes <= s1.cards.max_bytes);
  assert.ok(s1.read_log.submitted >= s0.read_log.submitted + 2);
  assert.equal(s1.read_log.failing, false);
  assert.equal((await director.get('/api/v1/system/stats')).status, 403);
  assert.equal(again.text, first.text);
  assert.equal(again.headers.get('etag'), first.headers.get('etag'));
  assert.equal(again.headers.get('content-type'), 'application/json; charset=utf-8');
  // The ETag of a kept card still guards an update.
  const r = await sw.patch(`/api/v1/persons/${id}`, { phone: '+37061234567' }, im(again));
  assert.equal(r.status, 200, r.text);
  const after = await card(director, id);
  assert.equal(after.json.phone, '+37061234567');
  assert.notEqual(after.headers.get('etag'), again.headers.get('etag'));
  // Every read is audited, whether built or kept.
  const auditor = await loginAs(server, 'auditor');
  const a = await auditor.get(`/api/v1/audit?entity=person&entity_id=${id}&action=read&limit=50`);
  assert.equal(a.status, 200, a.text);
  assert.ok(a.json.items.filter((e) => e.username === 'direktore').length >= 3, a.text);
});

test('a relative renamed: the other card shows the new name at once', async () => {
  const [a, b] = [ids[1], ids[2]];
  let r = await sw.post(`/api/v1/persons/${a}/relations`, { related_id: b, kind: 'other' }, im(await card(sw, a)));
  assert.equal(r.status, 201, r.text);
  const before = await card(sw, a);
  assert.ok(before.json.relations.some((x) => x.person_id === b));
  await card(sw, a); // kept now
  r = await sw.patch(`/api/v1/persons/${b}`, { family_name: 'Naujapavardė' }, im(await card(sw, b)));
  assert.equal(r.status, 200, r.text);
  const now = await card(sw, a);
  assert.equal(now.json.relations.find((x) => x.person_id === b).family_name, 'Naujapavardė');
  assert.equal(now.headers.get('etag'), before.headers.get('etag'), "a's own record did not change");
});

test('a representative renamed, a household left, a department renamed', async () => {
  const [c, d] = [ids[3], ids[4]];
  let r = await sw.post(`/api/v1/persons/${c}/representatives`, { representative_id: d, kind: 'guardian' }, im(await card(sw, c)));
  assert.equal(r.status, 201, r.text);
  await card(sw, c);
  r = await sw.patch(`/api/v1/persons/${d}`, { given_names: 'Kęstutis' }, im(await card(sw, d)));
  assert.equal(r.status, 200, r.text);
  assert.equal((await card(sw, c)).json.representatives.find((x) => x.person_id === d).given_names, 'Kęstutis');

  r = await sw.post('/api/v1/households', { name: 'Kortelių šeima', members: [{ person_id: c, role: 'head' }, { person_id: d }] });
  assert.equal(r.status, 201, r.text);
  const hid = r.json.id;
  assert.ok((await card(sw, d)).json.households.some((h) => h.id === hid));
  r = await sw.put(`/api/v1/households/${hid}/members`, { members: [{ person_id: c, role: 'head' }] }, { 'If-Match': r.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  assert.ok(!(await card(sw, d)).json.households.some((h) => h.id === hid));

  const shown = await card(director, c);
  const dept = shown.json.departments[0];
  assert.ok(dept, shown.text);
  const dr = await admin.get(`/api/v1/departments/${dept.id}`);
  assert.equal(dr.status, 200, dr.text);
  r = await admin.patch(`/api/v1/departments/${dept.id}`, { name_en: 'Family support (renamed)' }, { 'If-Match': dr.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  assert.equal((await card(director, c)).json.departments.find((x) => x.id === dept.id).name_en, 'Family support (renamed)');
});

test('a change made by another process, straight in the database', { skip: BACKEND !== 'sqlite' }, async () => {
  const id = ids[5] ?? ids[0];
  const kept = await card(director, id);
  await card(director, id);
  const file = server.dbUrl.replace(/^sqlite:/, '');
  const q = spawnSync('sqlite3', [file, `PRAGMA busy_timeout=5000; UPDATE persons SET email = 'kitas@example.lt' WHERE id = ${id};`], { encoding: 'utf8' });
  assert.equal(q.status, 0, q.stderr);
  const now = await card(director, id);
  assert.equal(now.json.email, 'kitas@example.lt');
  assert.equal(now.headers.get('etag'), kept.headers.get('etag'), 'the version is the application\'s; the card is not');
});

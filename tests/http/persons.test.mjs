// The registry API: registration with validation, card, updates with
// ETag/If-Match, search, Lithuanian ordering, duplicates, merge, scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, Client, loginAs, runCli } from './lib.mjs';

let server, sw, head, sw2, director;
before(async () => {
  server = await startServer({ persons: 200 });
  sw = await loginAs(server, 'social_worker');
  head = await loginAs(server, 'head');
  sw2 = await loginAs(server, 'social_worker2');
  director = await loginAs(server, 'director');
});
after(async () => { await stopServer(server); });

// Valid codes (check digits computed as DOMAIN.md describes).
function code(g, yymmdd, serial) {
  const d = `${g}${yymmdd}${String(serial).padStart(3, '0')}`.split('').map(Number);
  const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
  const w2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];
  let s = d.reduce((a, x, i) => a + x * w1[i], 0) % 11;
  if (s === 10) {
    s = d.reduce((a, x, i) => a + x * w2[i], 0) % 11;
    if (s === 10) s = 0;
  }
  return d.join('') + s;
}

let serial = 900;
const freshCode = (g = 4, yymmdd = '850320') => code(g, yymmdd, serial++);

async function count(client) {
  let n = 0, cursor = null;
  do {
    const r = await client.get('/api/v1/persons?limit=200' + (cursor ? `&cursor=${cursor}` : ''));
    assert.equal(r.status, 200);
    n += r.json.items.length;
    cursor = r.json.next_cursor;
  } while (cursor);
  return n;
}

test('the worked examples of DOMAIN.md register', async () => {
  assert.equal(code(3, '330924', 6), '33309240064');
  let r = await sw.post('/api/v1/persons', { given_names: 'Jonas', family_name: 'Petraitis', personal_code: '33309240064' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.sex, 'M');
  assert.equal(r.json.birth_date, '1933-09-24');
  r = await sw.post('/api/v1/persons', { given_names: 'Ona', family_name: 'Žilionytė', personal_code: '48503200171' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.birth_date, '1985-03-20');
  assert.equal(r.headers.get('etag'), '"v1"');
});

test('bad input gets field errors and changes nothing', async () => {
  const before = await count(sw);
  const cases = [
    [{ given_names: 'A', family_name: 'B', personal_code: '48503200172' }, 'personal_code', 'personal_code.checksum'],
    [{ given_names: 'A', family_name: 'B', personal_code: '4850320017' }, 'personal_code', 'personal_code.length'],
    [{ given_names: 'A', family_name: 'B', personal_code: '78503200171' }, 'personal_code', 'personal_code.century'],
    [{ given_names: 'A', family_name: 'B', personal_code: '48513200171' }, 'personal_code', 'personal_code.date'],
    [{ given_names: 'A', family_name: 'B' }, 'personal_code', 'person.identity'],
    [{ family_name: 'B', identified: false }, 'given_names', 'required'],
    [{ given_names: '   ', family_name: 'B', identified: false }, 'given_names', 'string.empty'],
    [{ given_names: 'A', family_name: 'B', personal_code: freshCode(), sex: 'M' }, 'sex', 'personal_code.mismatch'],
    [{ given_names: 'A', family_name: 'B', identified: false, birth_date: '2099-01-01' }, 'birth_date', 'date.future'],
    [{ given_names: 'A', family_name: 'B', identified: false, birth_date: '1990-02-30' }, 'birth_date', 'date'],
    [{ given_names: 'A', family_name: 'B', identified: false, email: 'not-an-email' }, 'email', 'email'],
    [{ given_names: 'A', family_name: 'B', identified: false, phone: 'call me' }, 'phone', 'phone'],
    [{ given_names: 'A', family_name: 'B', identified: 'yes' }, 'identified', 'type.boolean'],
    [{ given_names: 42, family_name: 'B', identified: false }, 'given_names', 'type.string'],
    [{ given_names: 'A', family_name: 'B', identified: false, colour: 'red' }, 'colour', 'unknown_field'],
    // Found by fuzz_json_body: a long unknown key used to crash the server.
    [{ given_names: 'A', family_name: 'B', identified: false, ['k'.repeat(100)]: 1 }, '_', 'unknown_field'],
  ];
  for (const [body, field, key] of cases) {
    const r = await sw.post('/api/v1/persons', body);
    assert.equal(r.status, 422, `${JSON.stringify(body)} -> ${r.status} ${r.text}`);
    assert.equal(r.json.error.fields[field]?.code, key, `${JSON.stringify(body)}: ${r.text}`);
    assert.ok(r.json.error.fields[field].message.length > 3);
  }
  const dup = await sw.post('/api/v1/persons', { given_names: 'Kitas', family_name: 'Asmuo', personal_code: '33309240064' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.fields.personal_code.code, 'personal_code.taken');
  assert.equal(await count(sw), before);
});

test('unidentified persons and other documents are accepted', async () => {
  let r = await sw.post('/api/v1/persons', { given_names: 'Nežinomas', family_name: 'Vyras', identified: false });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.identified, false);
  r = await sw.post('/api/v1/persons', { given_names: 'Olena', family_name: 'Kovalenko', other_id_type: 'passport', other_id_number: 'FX123456', sex: 'F' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.other_id_number, 'FX123456');
});

test('updates need the current version; a stale one is refused', async () => {
  const c = await sw.post('/api/v1/persons', { given_names: 'Rūta', family_name: 'Kazlauskienė', personal_code: freshCode(4, '700101') });
  const id = c.json.id;
  let r = await sw.patch(`/api/v1/persons/${id}`, { phone: '+37061111111' });
  assert.equal(r.status, 428);
  r = await sw.patch(`/api/v1/persons/${id}`, { phone: '+37061111111' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.phone, '+37061111111');
  assert.equal(r.headers.get('etag'), '"v2"');
  // A second worker still holding v1 cannot overwrite silently.
  r = await head.patch(`/api/v1/persons/${id}`, { phone: '+37062222222' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 412);
  assert.equal(r.json.error.code, 'precondition_failed');
  r = await sw.get(`/api/v1/persons/${id}`);
  assert.equal(r.json.phone, '+37061111111');
  // Changing the code re-derives and re-checks sex.
  r = await sw.patch(`/api/v1/persons/${id}`, { personal_code: freshCode(3, '700101') }, { 'If-Match': '"v2"' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.sex.code, 'personal_code.mismatch');
});

test('search ignores case and diacritics and tolerates a typo; codes stay out of URLs', async () => {
  let r = await sw.post('/api/v1/persons/search', { query: 'zilinyte' });
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((p) => p.family_name === 'Žilionytė'), r.text);
  r = await sw.post('/api/v1/persons/search', { query: 'ŽILIONYTĖ ona' });
  assert.equal(r.json.items[0].family_name, 'Žilionytė');
  r = await sw.post('/api/v1/persons/search', { query: '4850320' });
  assert.ok(r.json.items.some((p) => p.family_name === 'Žilionytė'));
  r = await sw.post('/api/v1/persons/search', {});
  assert.equal(r.status, 422);
  // Another department's worker does not find her.
  r = await sw2.post('/api/v1/persons/search', { query: 'zilionyte' });
  assert.ok(!r.json.items.some((p) => p.family_name === 'Žilionytė'));
});

test('lists come in Lithuanian alphabetical order', async () => {
  const names = ['Zujus', 'Čiurlionis', 'Cvirka', 'Žukauskas', 'Šarūnaitis', 'Sutkus', 'Dainius'];
  for (const n of names) {
    const r = await sw.post('/api/v1/persons', { given_names: 'Testas', family_name: 'Qq' + n, identified: false });
    assert.equal(r.status, 201, r.text);
  }
  const seen = [];
  let cursor = null;
  do {
    const r = await sw.get('/api/v1/persons?limit=37' + (cursor ? `&cursor=${cursor}` : ''));
    for (const p of r.json.items) if (p.family_name.startsWith('Qq')) seen.push(p.family_name.slice(2));
    cursor = r.json.next_cursor;
  } while (cursor);
  assert.deepEqual(seen, ['Cvirka', 'Čiurlionis', 'Dainius', 'Sutkus', 'Šarūnaitis', 'Zujus', 'Žukauskas']);
});

test('duplicate candidates while registering', async () => {
  let r = await sw.post('/api/v1/persons/duplicates', { given_names: 'Ona', family_name: 'Zilionyte', personal_code: '48503200171' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.candidates[0].family_name, 'Žilionytė');
  assert.equal(r.json.candidates[0].score, 100);
  r = await sw.post('/api/v1/persons/duplicates', { given_names: 'Onna', family_name: 'Žilionite', birth_date: '1985-03-20' });
  assert.ok(r.json.candidates.some((p) => p.family_name === 'Žilionytė'), r.text);
  // Outside the caller's scope: counted, not shown.
  r = await sw2.post('/api/v1/persons/duplicates', { given_names: 'Ona', family_name: 'Žilionytė', personal_code: '48503200171' });
  assert.equal(r.json.candidates.length, 0);
  assert.ok(r.json.hidden_matches >= 1);
});

test('merging keeps the history and fills gaps from the merged record', async () => {
  const a = await sw.post('/api/v1/persons', { given_names: 'Petras', family_name: 'Dvilypis', identified: false, phone: '+37060000001' });
  const b = await sw.post('/api/v1/persons', { given_names: 'Petras', family_name: 'Dvilypis', personal_code: freshCode(3, '500505') });
  assert.equal((await sw.post(`/api/v1/persons/${a.json.id}/merge`, { merge_id: b.json.id })).status, 403);
  let r = await head.post(`/api/v1/persons/${a.json.id}/merge`, { merge_id: a.json.id });
  assert.equal(r.status, 422);
  r = await head.post(`/api/v1/persons/${a.json.id}/merge`, { merge_id: b.json.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.personal_code, b.json.personal_code);
  assert.equal(r.json.phone, '+37060000001');
  r = await head.get(`/api/v1/persons/${b.json.id}`);
  assert.equal(r.json.merged_into, a.json.id);
  r = await head.post(`/api/v1/persons/${a.json.id}/merge`, { merge_id: b.json.id });
  assert.equal(r.status, 409);
});

test('scope: another department sees nothing, the director sees all', async () => {
  const c = await sw.post('/api/v1/persons', { given_names: 'Slapta', family_name: 'Paslaptienė', identified: false });
  const id = c.json.id;
  let r = await sw2.get(`/api/v1/persons/${id}`);
  assert.equal(r.status, 404);
  r = await sw2.patch(`/api/v1/persons/${id}`, { phone: '+37061234567' }, { 'If-Match': '"v1"' });
  assert.equal(r.status, 404);
  r = await director.get(`/api/v1/persons/${id}`);
  assert.equal(r.status, 200);
  assert.equal((await director.post('/api/v1/persons', { given_names: 'A', family_name: 'B', identified: false })).status, 403);
});

test('demo persons carry real timestamps', async () => {
  // A wrong bind type in the demo loader once stored a pointer value here.
  const list = (await sw.get('/api/v1/persons?limit=5')).json.items;
  assert.ok(list.length > 0);
  const card = (await sw.get(`/api/v1/persons/${list[0].id}`)).json;
  assert.match(card.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(card.updated_at, /^\d{4}-\d\d-\d\dT/);
});

test('every read and write is in an intact audit log', async () => {
  const r = runCli(server, ['audit', 'verify']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /intact/);
});

test('a search or a page is one audit entry naming every person shown; the auditor finds it by person', async () => {
  const auditor = await loginAs(server, 'auditor');
  const page = (await director.get('/api/v1/persons?limit=30')).json.items;
  assert.equal(page.length, 30);
  const found = (await director.post('/api/v1/persons/search', { query: page[7].family_name })).json.items;
  assert.ok(found.some((p) => p.id === page[7].id));
  const uid = director.user.user_id;
  let log = (await auditor.get(`/api/v1/audit?user_id=${uid}&action=list&limit=5`)).json.items;
  const entry = log[0];
  assert.equal(entry.entity_id, null);
  for (const p of page) assert.ok(entry.reason.includes(`,${p.id},`), `${p.id} named`);
  // Who saw person X: the list's entry and the search's entry, found by X.
  const x = page[7].id;
  log = (await auditor.get(`/api/v1/audit?user_id=${uid}&entity=person&entity_id=${x}&limit=20`)).json.items;
  assert.ok(log.some((e) => e.action === 'list'), 'the page that showed X');
  assert.ok(log.some((e) => e.action === 'search'), 'the search that showed X');
  // Not a neighbour whose id merely contains X's digits.
  const other = page.find((p) => !String(p.id).includes(String(x)) && !found.some((f) => f.id === p.id));
  const none = (await auditor.get(`/api/v1/audit?user_id=${uid}&entity=person&entity_id=${Number(String(x) + '9')}&limit=20`)).json.items;
  assert.ok(!none.some((e) => e.action === 'search'), 'no false match on a longer id');
  assert.ok(other);
});

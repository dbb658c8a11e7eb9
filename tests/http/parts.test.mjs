// Parts of a person record: addresses, recipient groups, relations,
// representatives, households, notes and history — validation, If-Match
// on the person's version, scope, record history and the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, loginAs } from './lib.mjs';

let server, sw, sw2, head, director, auditor, partner;
let people = []; // ids the social worker sees and the home-help worker does not

before(async () => {
  server = await startServer({ persons: 150 });
  sw = await loginAs(server, 'social_worker');
  sw2 = await loginAs(server, 'social_worker2');
  head = await loginAs(server, 'head');
  director = await loginAs(server, 'director');
  auditor = await loginAs(server, 'auditor');
  partner = await loginAs(server, 'partner');
  const r = await sw.get('/api/v1/persons?limit=200');
  assert.equal(r.status, 200, r.text);
  for (const p of r.json.items) {
    if (people.length >= 6) break;
    if ((await sw2.get(`/api/v1/persons/${p.id}`)).status === 404) people.push(p.id);
  }
  assert.ok(people.length >= 6, 'demo has persons of the family-support department only');
});
after(async () => { await stopServer(server); });

async function card(client, id) {
  const r = await client.get(`/api/v1/persons/${id}`);
  assert.equal(r.status, 200, r.text);
  return r;
}
const etag = (r) => r.headers.get('etag');
const im = (tag) => ({ 'If-Match': tag });

test('addresses: validation, If-Match on the person, edits and removal with history', async () => {
  const id = people[0];
  let v = etag(await card(sw, id));
  const good = { kind: 'residence', line: 'Aušros g. 12-3', city: 'Utena', postal_code: 'LT-28100', lat: 55.497652, lon: 25.599213, valid_from: '2024-01-01' };

  let r = await sw.post(`/api/v1/persons/${id}/addresses`, good);
  assert.equal(r.status, 428, r.text);
  r = await sw.post(`/api/v1/persons/${id}/addresses`, good, im('"v999"'));
  assert.equal(r.status, 412);
  assert.equal(r.json.error.code, 'precondition_failed');

  const cases = [
    [{ ...good, kind: 'office' }, 'kind', 'enum'],
    [{ ...good, line: undefined }, 'line', 'required'],
    [{ ...good, city: '' }, 'city', 'string.empty'],
    [{ ...good, lat: 91 }, 'lat', 'coordinates'],
    [{ ...good, lon: '25.6' }, 'lon', 'type.number'],
    [{ ...good, lat: null }, 'lat', 'coordinates'],
    [{ ...good, postal_code: '28-100' }, 'postal_code', 'address.postal_code'],
    [{ ...good, valid_to: '2023-12-31' }, 'valid_to', 'date.order'],
    [{ ...good, valid_from: '2024-02-30' }, 'valid_from', 'date'],
    [{ ...good, floor: 3 }, 'floor', 'unknown_field'],
  ];
  for (const [body, field, key] of cases) {
    r = await sw.post(`/api/v1/persons/${id}/addresses`, JSON.parse(JSON.stringify(body)), im(v));
    assert.equal(r.status, 422, `${JSON.stringify(body)} -> ${r.status} ${r.text}`);
    assert.equal(r.json.error.fields[field]?.code, key, `${field}: ${r.text}`);
    assert.ok(r.json.error.fields[field].message.length > 3);
  }
  // Nothing was written: the version is unchanged.
  assert.equal(etag(await card(sw, id)), v);

  r = await sw.post(`/api/v1/persons/${id}/addresses`, good, im(v));
  assert.equal(r.status, 201, r.text);
  const aid = r.json.id;
  assert.equal(r.json.lat, 55.497652);
  assert.equal(r.json.lon, 25.599213);
  assert.notEqual(etag(r), v);
  const v2 = etag(r);
  r = await card(sw, id);
  assert.equal(etag(r), v2, 'the card ETag follows the part change');
  assert.ok(r.json.addresses.some((a) => a.id === aid && a.city === 'Utena'));

  // Another worker of the department still holding the old version
  // cannot overwrite: the part write moved the person's version.
  r = await head.patch(`/api/v1/persons/${id}/addresses/${aid}`, { line: 'Kita g. 1' }, im(v));
  assert.equal(r.status, 412);
  r = await head.patch(`/api/v1/persons/${id}`, { phone: '+37061111999' }, im(v));
  assert.equal(r.status, 412);

  r = await sw.patch(`/api/v1/persons/${id}/addresses/${aid}`, { line: 'Aušros g. 14', lat: null, lon: null }, im(v2));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.line, 'Aušros g. 14');
  assert.equal(r.json.city, 'Utena');
  assert.equal(r.json.lat, null);
  const v3 = etag(r);
  r = await sw.patch(`/api/v1/persons/${id}/addresses/${aid}`, { valid_to: '2020-01-01' }, im(v3));
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.valid_to.code, 'date.order');
  r = await sw.patch(`/api/v1/persons/${id}/addresses/999999`, { line: 'X g. 1' }, im(v3));
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'address.not_found');

  // Another department cannot touch it at all.
  r = await sw2.del(`/api/v1/persons/${id}/addresses/${aid}`, im(v3));
  assert.equal(r.status, 404);

  r = await sw.del(`/api/v1/persons/${id}/addresses/${aid}`, im(v3));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.deleted, aid);
  r = await card(sw, id);
  assert.ok(!r.json.addresses.some((a) => a.id === aid));

  // History keeps what was there, newest first.
  r = await sw.get(`/api/v1/persons/${id}/history`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.slice(0, 2).map((h) => h.action), ['address.delete', 'address.update']);
  assert.equal(r.json.items[0].data.before.line, 'Aušros g. 14');
  assert.equal(r.json.items[1].data.before.line, 'Aušros g. 12-3');
  assert.equal(r.json.items[1].data.before.lat, 55.497652);
  // Paginated with a cursor.
  r = await sw.get(`/api/v1/persons/${id}/history?limit=1`);
  assert.equal(r.json.items.length, 1);
  assert.equal(r.json.items[0].action, 'address.delete');
  r = await sw.get(`/api/v1/persons/${id}/history?limit=1&cursor=${r.json.next_cursor}`);
  assert.equal(r.json.items[0].action, 'address.update');
  assert.equal((await sw.get(`/api/v1/persons/${id}/history?cursor=abc`)).status, 400);
  // Staff of another department, and partners, see no history.
  assert.equal((await sw2.get(`/api/v1/persons/${id}/history`)).status, 404);
  assert.equal((await partner.get(`/api/v1/persons/${id}/history`)).status, 404);
});

test('recipient groups: the enumeration, unknown codes, overlapping periods, ending', async () => {
  let r = await partner.get('/api/v1/recipient-groups');
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 15);
  assert.deepEqual(r.json.items[0], { code: 'elderly', name_lt: 'Senyvo amžiaus asmenys', name_en: 'Elderly persons', position: 1 });

  const id = people[1];
  let v = etag(await card(sw, id));
  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'martians', date_from: '2024-01-01' }, im(v));
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.fields.group_code.code, 'group.unknown');
  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'homeless' }, im(v));
  assert.equal(r.json.error.fields.date_from.code, 'required');
  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'homeless', date_from: '2024-05-01', date_to: '2024-04-01' }, im(v));
  assert.equal(r.json.error.fields.date_to.code, 'date.order');

  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'homeless', date_from: '2024-01-01' }, im(v));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, 'homeless');
  assert.equal(r.json.name_en, 'Homeless persons');
  const gid = r.json.id;
  v = etag(r);

  // An open period overlaps anything later in the same group.
  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'homeless', date_from: '2025-06-01' }, im(v));
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'group.overlap');
  assert.equal(r.json.error.fields.date_from.code, 'group.overlap');
  // Another group at the same time is fine.
  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'unemployed', date_from: '2024-03-01' }, im(v));
  assert.equal(r.status, 201, r.text);
  v = etag(r);

  r = await sw.patch(`/api/v1/persons/${id}/groups/${gid}`, { date_to: '2023-12-31' }, im(v));
  assert.equal(r.json.error.fields.date_to.code, 'date.order');
  r = await sw.patch(`/api/v1/persons/${id}/groups/${gid}`, { date_to: '2024-12-31' }, im(v));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.date_to, '2024-12-31');
  v = etag(r);
  // The day after the end is free again; the last day is not.
  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'homeless', date_from: '2024-12-31' }, im(v));
  assert.equal(r.status, 409);
  r = await sw.post(`/api/v1/persons/${id}/groups`, { group_code: 'homeless', date_from: '2025-01-01', date_to: '2025-03-01' }, im(v));
  assert.equal(r.status, 201, r.text);
  v = etag(r);
  // Moving the first period's end into the second is an overlap too.
  r = await sw.patch(`/api/v1/persons/${id}/groups/${gid}`, { date_to: '2025-01-15' }, im(v));
  assert.equal(r.status, 409);
  assert.equal(r.json.error.fields.date_to.code, 'group.overlap');

  r = await card(sw, id);
  assert.equal(r.json.groups.filter((g) => g.code === 'homeless').length, 2);
  r = await sw.get(`/api/v1/persons/${id}/history`);
  assert.equal(r.json.items[0].action, 'group.end');
  assert.equal(r.json.items[0].data.before.date_to, null);
});

test('relations are written in both directions and removed together', async () => {
  const [a, b] = [people[2], people[3]];
  let va = etag(await card(sw, a));
  const vb = etag(await card(sw, b));
  let r = await sw.post(`/api/v1/persons/${a}/relations`, { related_id: a, kind: 'sibling' }, im(va));
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.related_id.code, 'relation.self');
  r = await sw.post(`/api/v1/persons/${a}/relations`, { related_id: b, kind: 'cousin' }, im(va));
  assert.equal(r.json.error.fields.kind.code, 'enum');
  r = await sw.post(`/api/v1/persons/${a}/relations`, { related_id: 999999, kind: 'parent' }, im(va));
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.related_id.code, 'person.not_found');

  for (const [kind, inverse] of [['parent', 'child'], ['guardian', 'ward'], ['grandparent', 'grandchild'], ['spouse', 'spouse']]) {
    r = await sw.post(`/api/v1/persons/${a}/relations`, { related_id: b, kind }, im(va));
    assert.equal(r.status, 201, r.text);
    va = etag(r);
    const back = (await card(sw, b)).json.relations.find((x) => x.person_id === a && x.kind === inverse);
    assert.ok(back, `${kind} -> ${inverse}`);
  }
  // The other person's card changed too.
  assert.notEqual(etag(await card(sw, b)), vb);
  r = await sw.post(`/api/v1/persons/${a}/relations`, { related_id: b, kind: 'parent' }, im(va));
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'relation.exists');

  const rel = (await card(sw, a)).json.relations.find((x) => x.person_id === b && x.kind === 'parent');
  r = await sw.del(`/api/v1/persons/${a}/relations/${rel.id}`, im(va));
  assert.equal(r.status, 200, r.text);
  va = etag(r);
  assert.ok(!(await card(sw, a)).json.relations.some((x) => x.kind === 'parent' && x.person_id === b));
  assert.ok(!(await card(sw, b)).json.relations.some((x) => x.kind === 'child' && x.person_id === a));
  r = await sw.del(`/api/v1/persons/${a}/relations/${rel.id}`, im(va));
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'relation.not_found');
});

test('representatives: kinds, self, removal', async () => {
  const [a, b] = [people[4], people[5]];
  let v = etag(await card(sw, a));
  let r = await sw.post(`/api/v1/persons/${a}/representatives`, { representative_id: a, kind: 'guardian' }, im(v));
  assert.equal(r.json.error.fields.representative_id.code, 'representative.self');
  r = await sw.post(`/api/v1/persons/${a}/representatives`, { representative_id: b, kind: 'boss' }, im(v));
  assert.equal(r.json.error.fields.kind.code, 'enum');
  r = await sw.post(`/api/v1/persons/${a}/representatives`, { representative_id: b, kind: 'guardian', document: 'Utenos apylinkės teismo nutartis Nr. e2-123', date_from: '2024-02-01' }, im(v));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.person_id, b);
  const rid = r.json.id;
  v = etag(r);
  assert.ok((await card(sw, a)).json.representatives.some((x) => x.id === rid && x.kind === 'guardian'));
  r = await sw.del(`/api/v1/persons/${a}/representatives/${rid}`, im(v));
  assert.equal(r.status, 200, r.text);
  assert.ok(!(await card(sw, a)).json.representatives.some((x) => x.id === rid));
});

test('households: members the caller sees, one head, versioned replacement', async () => {
  const [a, b, c] = [people[0], people[2], people[3]];
  let r = await sw.post('/api/v1/households', { name: 'Testų šeima', members: [{ person_id: a, role: 'head' }, { person_id: b, role: 'head' }] });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.members.code, 'household.heads');
  r = await sw.post('/api/v1/households', { name: 'Testų šeima', members: [] });
  assert.equal(r.json.error.fields.members.code, 'household.members');
  r = await sw.post('/api/v1/households', { name: 'Testų šeima', members: [{ person_id: a }, { person_id: a }] });
  assert.equal(r.json.error.fields.members.code, 'household.duplicate');
  // A person of another department cannot be put in by this worker.
  const other = (await sw2.get('/api/v1/persons?limit=1')).json.items[0].id;
  const ownsOther = (await sw.get(`/api/v1/persons/${other}`)).status === 200;
  if (!ownsOther) {
    r = await sw.post('/api/v1/households', { name: 'Testų šeima', members: [{ person_id: a }, { person_id: other }] });
    assert.equal(r.status, 422);
    assert.equal(r.json.error.fields.members.code, 'person.not_found');
  }

  const va = etag(await card(sw, a));
  r = await sw.post('/api/v1/households', { name: 'Testų šeima', members: [{ person_id: a, role: 'head' }, { person_id: b }] });
  assert.equal(r.status, 201, r.text);
  const hid = r.json.id;
  assert.equal(r.json.members.length, 2);
  assert.equal(r.json.hidden_members, 0);
  assert.equal(etag(r), '"v1"');
  assert.notEqual(etag(await card(sw, a)), va, 'membership changes the person card');
  assert.ok((await card(sw, b)).json.households.some((h) => h.id === hid && h.role === 'member'));

  assert.equal((await sw2.get(`/api/v1/households/${hid}`)).status, 404);
  assert.equal((await partner.get(`/api/v1/households/${hid}`)).status, 404);
  assert.equal((await director.get(`/api/v1/households/${hid}`)).status, 200);

  r = await sw.put(`/api/v1/households/${hid}/members`, { members: [{ person_id: b, role: 'head' }, { person_id: c }] });
  assert.equal(r.status, 428);
  r = await sw.put(`/api/v1/households/${hid}/members`, { members: [{ person_id: b, role: 'head' }, { person_id: c }] }, im('"v1"'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.members.map((m) => [m.person_id, m.role]).sort(), [[b, 'head'], [c, 'member']].sort());
  assert.equal(etag(r), '"v2"');
  r = await head.put(`/api/v1/households/${hid}/members`, { members: [{ person_id: a }] }, im('"v1"'));
  assert.equal(r.status, 412);
  assert.ok(!(await card(sw, a)).json.households.some((h) => h.id === hid));
});

test('notes: append-only, special-category notes only to those allowed', async () => {
  const id = people[1];
  let r = await sw.post(`/api/v1/persons/${id}/notes`, { body: 'Aplankyta namuose, viskas gerai.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.special_category, false);
  const ordinary = r.json.id;
  r = await sw.post(`/api/v1/persons/${id}/notes`, { body: 'Diagnozuotas diabetas, reikia priežiūros.', special_category: true });
  assert.equal(r.status, 201, r.text);
  const special = r.json.id;
  r = await sw.post(`/api/v1/persons/${id}/notes`, { body: '  ' });
  assert.equal(r.json.error.fields.body.code, 'string.empty');
  r = await sw.post(`/api/v1/persons/${id}/notes`, { body: 'ž'.repeat(20001) });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.body.code, 'string.too_long');
  r = await sw.post(`/api/v1/persons/${id}/notes`, { body: 'ž'.repeat(20000) });
  assert.equal(r.status, 201);
  r = await sw.post(`/api/v1/persons/${id}/notes`, { body: 'x', special_category: 'yes' });
  assert.equal(r.json.error.fields.special_category.code, 'type.boolean');

  r = await sw.get(`/api/v1/persons/${id}/notes`);
  assert.equal(r.status, 200);
  const ids = r.json.items.map((n) => n.id);
  assert.ok(ids.includes(ordinary) && ids.includes(special));
  assert.deepEqual(ids, [...ids].sort((x, y) => y - x), 'newest first');
  assert.ok(r.json.items.find((n) => n.id === ordinary).author.length > 0);
  r = await director.get(`/api/v1/persons/${id}/notes?limit=1`);
  assert.equal(r.json.items.length, 1);
  assert.ok(r.json.next_cursor);
  r = await director.get(`/api/v1/persons/${id}/notes?limit=50&cursor=${r.json.next_cursor}`);
  assert.ok(r.json.items.some((n) => n.id === special), 'the director may read special notes');
  assert.equal((await sw2.get(`/api/v1/persons/${id}/notes`)).status, 404);
  assert.equal((await sw2.post(`/api/v1/persons/${id}/notes`, { body: 'x' })).status, 404);
  // No way to edit or delete a note.
  assert.equal((await sw.patch(`/api/v1/persons/${id}/notes/${ordinary}`, { body: 'y' })).status, 404);
  assert.equal((await sw.del(`/api/v1/persons/${id}/notes/${ordinary}`)).status, 404);
});

test('the auditor sees every part write and read, and an intact chain', async () => {
  const id = people[0];
  assert.equal((await sw.get('/api/v1/audit')).status, 403);
  let r = await auditor.get(`/api/v1/audit?entity=person&entity_id=${id}&limit=200`);
  assert.equal(r.status, 200, r.text);
  const actions = r.json.items.map((e) => e.action);
  for (const a of ['address.add', 'address.update', 'address.delete', 'history.read', 'read'])
    assert.ok(actions.includes(a), `${a} in ${actions}`);
  const newestFirst = (items) => {
    for (let i = 1; i < items.length; i++) {
      assert.ok(items[i - 1].ts >= items[i].ts, 'newest first');
      const prev = items.slice(0, i).reverse().find((e) => e.log === items[i].log);
      if (prev) assert.ok(prev.seq > items[i].seq, `${items[i].log} log in descending seq`);
    }
  };
  assert.ok(r.json.items.every((e) => e.log === 'write' || e.log === 'read'));
  assert.ok(r.json.items.some((e) => e.log === 'write') && r.json.items.some((e) => e.log === 'read'),
    'both logs: the writes and the reads');
  newestFirst(r.json.items);
  r = await auditor.get(`/api/v1/audit?entity=person&entity_id=${people[1]}&action=notes.read`);
  assert.ok(r.json.items.length >= 2);
  assert.ok(r.json.items.every((e) => e.action === 'notes.read' && e.entity_id === people[1] && e.log === 'read'));

  // Keyset pages do not repeat or skip (from a fixed start, since every
  // read of the log adds to it).
  const start = (await auditor.get('/api/v1/audit?limit=1')).json.next_cursor;
  assert.match(start, /^-?\d+\.-?\d+$/);
  const key = (e) => `${e.log}:${e.seq}`;
  const allItems = (await auditor.get(`/api/v1/audit?limit=60&cursor=${start}`)).json.items;
  const all = allItems.map(key);
  assert.equal(all.length, 60);
  newestFirst(allItems);
  const paged = [];
  let cursor = start;
  while (paged.length < 60) {
    r = await auditor.get(`/api/v1/audit?limit=7&cursor=${cursor}`);
    assert.equal(r.status, 200, r.text);
    paged.push(...r.json.items.map(key));
    cursor = r.json.next_cursor;
  }
  assert.deepEqual(paged.slice(0, 60), all);
  for (const log of ['write', 'read']) {
    const seqs = allItems.filter((e) => e.log === log).map((e) => e.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] - i), `no gaps in the ${log} chain`);
  }
  for (const bad of ['5', '5.0', 'x.1', '1.', '.1', '-2.3'])
    assert.equal((await auditor.get(`/api/v1/audit?cursor=${bad}`)).status, 400, bad);

  const today = new Date().toISOString().slice(0, 10);
  r = await auditor.get(`/api/v1/audit?from=${today}&to=${today}&limit=5`);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length > 0);
  r = await auditor.get('/api/v1/audit?from=2099-01-01');
  assert.equal(r.json.items.length, 0);
  r = await auditor.get('/api/v1/audit?from=2025-02-01&to=2025-01-01');
  assert.equal(r.json.error.fields.to.code, 'date.order');
  r = await auditor.get('/api/v1/audit?from=yesterday');
  assert.equal(r.json.error.fields.from.code, 'date');
  r = await auditor.get('/api/v1/audit?user_id=abc');
  assert.equal(r.status, 422);

  r = await auditor.get('/api/v1/audit/verify');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.intact, true, r.text);
  assert.ok(r.json.rows > 20);
  assert.ok(r.json.read_rows > 20);
  assert.equal(r.json.problems.length, 0);
  // The auditor's own reads are in the log too.
  r = await auditor.get('/api/v1/audit?entity=audit');
  assert.ok(r.json.items.some((e) => e.action === 'verify'));
  assert.ok(r.json.items.some((e) => e.action === 'read' && e.reason.includes('entity=person')));
});

// Sharing a record with a partner institution (DOMAIN.md §7): the partner
// sees a person only while a share is in force, exactly the parts shared,
// never special-category notes; revocation is immediate; every disclosure
// and every partner read is in the audit log with its purpose and legal
// basis.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, loginAs } from './lib.mjs';

let server, sw, sw2, director, partner, auditor;
let school, otherPartner, centre, partnerUserId;
let person, bystander; // family-support persons, not visible to home help
let share1, share2;

const day = (n) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return d.toISOString().slice(0, 10);
};
const PURPOSE = 'Vaiko lankomumo ir pagalbos mokykloje koordinavimas';

before(async () => {
  server = await startServer({ persons: 150 });
  sw = await loginAs(server, 'social_worker');
  sw2 = await loginAs(server, 'social_worker2');
  director = await loginAs(server, 'director');
  partner = await loginAs(server, 'partner');
  auditor = await loginAs(server, 'auditor');
  const session = (await partner.get('/api/v1/session')).json;
  school = session.institution_id;
  partnerUserId = session.user_id;
  assert.ok(school, 'the demo partner belongs to an institution');
  const inst = (await sw.get('/api/v1/institutions')).json.items;
  centre = inst.find((i) => i.kind === 'centre').id;
  otherPartner = inst.find((i) => i.kind === 'partner' && i.id !== school).id;

  const list = (await sw.get('/api/v1/persons?limit=200')).json.items;
  const mine = [];
  for (const p of list) {
    if (mine.length >= 2) break;
    const c = (await sw.get(`/api/v1/persons/${p.id}`)).json;
    if (!c.personal_code || !c.phone) continue;
    if ((await sw2.get(`/api/v1/persons/${p.id}`)).status === 404) mine.push(c);
  }
  assert.equal(mine.length, 2);
  [person, bystander] = mine;
  // Give the person one of each part, so "nothing else" is checked
  // against something that is there.
  let v = (await sw.get(`/api/v1/persons/${person.id}`)).headers.get('etag');
  let r = await sw.post(`/api/v1/persons/${person.id}/groups`, { group_code: 'children_social_risk', date_from: '2024-09-01' }, { 'If-Match': v });
  assert.equal(r.status, 201, r.text);
  v = r.headers.get('etag');
  r = await sw.post(`/api/v1/persons/${person.id}/addresses`, { kind: 'residence', line: 'Basanavičiaus g. 5', city: 'Utena' }, { 'If-Match': v });
  assert.equal(r.status, 201, r.text);
  v = r.headers.get('etag');
  r = await sw.post(`/api/v1/persons/${person.id}/relations`, { related_id: bystander.id, kind: 'sibling' }, { 'If-Match': v });
  assert.equal(r.status, 201, r.text);
  r = await sw.post(`/api/v1/persons/${person.id}/notes`, { body: 'Lanko mokyklą nereguliariai.' });
  assert.equal(r.status, 201);
  r = await sw.post(`/api/v1/persons/${person.id}/notes`, { body: 'Gydomas dėl priklausomybės.', special_category: true });
  assert.equal(r.status, 201);
});
after(async () => { await stopServer(server); });

async function partnerSees(id) {
  const r = await partner.get(`/api/v1/persons/${id}`);
  return r;
}

async function partnerSearch(q) {
  const r = await partner.post('/api/v1/persons/search', { query: q });
  assert.equal(r.status, 200, r.text);
  return r.json.items.map((p) => p.id);
}

test('before any share the partner sees and finds nobody', async () => {
  assert.equal((await partnerSees(person.id)).status, 404);
  assert.deepEqual(await partnerSearch(person.family_name), []);
  const r = await partner.get('/api/v1/persons');
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 0);
  assert.equal((await partner.get(`/api/v1/persons/${person.id}/notes`)).status, 404);
});

test('a share is validated', async () => {
  const good = { institution_id: school, parts: ['identity', 'contacts'], legal_basis: 'art6_1e', purpose: PURPOSE, valid_until: day(30) };
  const cases = [
    [{ ...good, institution_id: centre }, 'institution_id', 'institution.not_partner'],
    [{ ...good, institution_id: 999999 }, 'institution_id', 'institution.not_found'],
    [{ ...good, parts: [] }, 'parts', 'share.parts'],
    [{ ...good, parts: ['identity', 'health'] }, 'parts', 'share.parts'],
    [{ ...good, parts: 'identity' }, 'parts', 'type.array'],
    [{ ...good, parts: ['identity,code'] }, 'parts', 'share.parts'],
    [{ ...good, legal_basis: 'because' }, 'legal_basis', 'enum'],
    [{ ...good, purpose: undefined }, 'purpose', 'required'],
    [{ ...good, purpose: 'ą'.repeat(501) }, 'purpose', 'string.too_long'],
    [{ ...good, valid_until: day(-1) }, 'valid_until', 'share.past'],
    [{ ...good, valid_until: day(400) }, 'valid_until', 'share.too_far'],
    [{ ...good, valid_until: 'soon' }, 'valid_until', 'date'],
    [{ ...good, scope: 'all' }, 'scope', 'unknown_field'],
  ];
  for (const [body, field, key] of cases) {
    const r = await sw.post(`/api/v1/persons/${person.id}/shares`, JSON.parse(JSON.stringify(body)));
    assert.equal(r.status, 422, `${JSON.stringify(body).slice(0, 200)} -> ${r.status} ${r.text}`);
    assert.equal(r.json.error.fields[field]?.code, key, `${field}: ${r.text}`);
  }
  assert.equal((await sw.get(`/api/v1/persons/${person.id}/shares`)).json.items.length, 0);
  // Only those who may share, and only within their scope.
  assert.equal((await director.post(`/api/v1/persons/${person.id}/shares`, good)).status, 403);
  assert.equal((await partner.post(`/api/v1/persons/${person.id}/shares`, good)).status, 403);
  assert.equal((await sw2.post(`/api/v1/persons/${person.id}/shares`, good)).status, 404);
  assert.equal((await sw2.get(`/api/v1/persons/${person.id}/shares`)).status, 404);
});

test('the partner sees exactly the shared parts', async () => {
  let r = await sw.post(`/api/v1/persons/${person.id}/shares`, {
    institution_id: school, parts: ['contacts', 'identity'], legal_basis: 'art6_1e', purpose: PURPOSE, valid_until: day(30),
  });
  assert.equal(r.status, 201, r.text);
  share1 = r.json;
  assert.equal(share1.parts, 'identity,contacts');
  assert.equal(share1.active, true);
  assert.equal(share1.revoked_at, null);
  // Another partner institution's share is not the school's.
  r = await sw.post(`/api/v1/persons/${bystander.id}/shares`, {
    institution_id: otherPartner, parts: ['identity', 'code', 'notes'], legal_basis: 'consent', purpose: 'Kita mokykla', valid_until: day(10),
  });
  assert.equal(r.status, 201, r.text);

  r = await partnerSees(person.id);
  assert.equal(r.status, 200, r.text);
  const c = r.json;
  assert.equal(c.given_names, person.given_names);
  assert.equal(c.family_name, person.family_name);
  assert.equal(c.phone, person.phone);
  assert.ok(c.addresses.some((a) => a.line === 'Basanavičiaus g. 5'));
  assert.deepEqual(c.shared_parts, ['identity', 'contacts']);
  for (const k of ['personal_code', 'other_id_number', 'groups', 'relations', 'representatives', 'households', 'departments', 'notes', 'created_at'])
    assert.ok(!(k in c), `${k} must not be disclosed: ${JSON.stringify(c)}`);
  assert.ok(!JSON.stringify(c).includes(person.personal_code));

  assert.equal((await partner.get(`/api/v1/persons/${person.id}/notes`)).status, 404);
  assert.equal((await partner.get(`/api/v1/persons/${person.id}/history`)).status, 404);
  assert.equal((await partner.get(`/api/v1/persons/${person.id}/shares`)).status, 404);
  assert.equal((await partnerSees(bystander.id)).status, 404, 'shared with another institution');

  // Search and list find only the shared person.
  assert.deepEqual(await partnerSearch(person.family_name), [person.id]);
  assert.deepEqual(await partnerSearch(bystander.family_name), bystander.family_name === person.family_name ? [person.id] : []);
  r = await partner.get('/api/v1/persons');
  assert.deepEqual(r.json.items.map((p) => p.id), [person.id]);
  // And the partner writes nothing.
  r = await partner.post(`/api/v1/persons/${person.id}/notes`, { body: 'x' });
  assert.equal(r.status, 403);
});

test('code and notes appear only when shared; special notes never', async () => {
  let r = await sw.post(`/api/v1/persons/${person.id}/shares`, {
    institution_id: school, parts: ['code', 'notes'], legal_basis: 'art9_2b', purpose: 'Pagalbos plano derinimas', valid_until: day(7),
  });
  assert.equal(r.status, 201, r.text);
  share2 = r.json;
  r = await partnerSees(person.id);
  assert.equal(r.json.personal_code, person.personal_code);
  assert.deepEqual(r.json.shared_parts, ['identity', 'code', 'contacts', 'notes']);
  r = await partner.get(`/api/v1/persons/${person.id}/notes`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.items.length >= 1);
  assert.ok(r.json.items.every((n) => n.special_category === false), r.text);
  assert.ok(!r.text.includes('priklausomyb'), 'the special note stays hidden');
  // Staff of the department see both kinds.
  r = await sw.get(`/api/v1/persons/${person.id}/notes`);
  assert.ok(r.json.items.some((n) => n.special_category === true));

  r = await sw.get(`/api/v1/persons/${person.id}/shares`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((s) => s.id), [share2.id, share1.id]);
  assert.ok(r.json.items.every((s) => s.active && s.institution_name.length > 0));
});

test('revoking takes effect at the next request', async () => {
  let r = await sw.post(`/api/v1/persons/${person.id}/shares/${share2.id}/revoke`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.active, false);
  assert.ok(r.json.revoked_at);
  assert.equal(r.json.revoked_by, (await sw.get('/api/v1/session')).json.user_id);
  r = await partnerSees(person.id);
  assert.equal(r.status, 200);
  assert.ok(!('personal_code' in r.json), 'the code went with the revoked share');
  assert.equal((await partner.get(`/api/v1/persons/${person.id}/notes`)).status, 404);

  r = await sw.post(`/api/v1/persons/${person.id}/shares/${share1.id}/revoke`);
  assert.equal(r.status, 200, r.text);
  assert.equal((await partnerSees(person.id)).status, 404);
  assert.deepEqual(await partnerSearch(person.family_name), []);
  assert.equal((await partner.get('/api/v1/persons')).json.items.length, 0);

  r = await sw.post(`/api/v1/persons/${person.id}/shares/${share1.id}/revoke`);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'share.revoked');
  r = await sw.post(`/api/v1/persons/${person.id}/shares/999999/revoke`);
  assert.equal(r.status, 404);
  assert.equal((await sw2.post(`/api/v1/persons/${person.id}/shares/${share1.id}/revoke`)).status, 404);
  r = await sw.get(`/api/v1/persons/${person.id}/shares`);
  assert.ok(r.json.items.every((s) => !s.active && s.revoked_at));
  // The card's history shows the disclosures' end.
  r = await sw.get(`/api/v1/persons/${person.id}/history`);
  assert.equal(r.json.items.filter((h) => h.action === 'share.revoke').length, 2);
});

test('every disclosure and every partner read is audited with its reason', async () => {
  let r = await auditor.get(`/api/v1/audit?entity=person&entity_id=${person.id}&action=share`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 2);
  assert.ok(r.json.items.some((e) => e.reason === `${PURPOSE}; art6_1e`), r.text);
  assert.ok(r.json.items.some((e) => e.reason === 'Pagalbos plano derinimas; art9_2b'), r.text);
  r = await auditor.get(`/api/v1/audit?entity=person&entity_id=${person.id}&action=revoke`);
  assert.equal(r.json.items.length, 2);
  assert.ok(r.json.items.every((e) => e.username === 'socdarb' && e.reason.length > 10));

  r = await auditor.get(`/api/v1/audit?user_id=${partnerUserId}&entity=person&entity_id=${person.id}&limit=200`);
  const reads = r.json.items.filter((e) => e.action === 'read');
  assert.ok(reads.length >= 3, r.text);
  assert.ok(reads.every((e) => e.reason.includes('; art')), 'each partner read names the basis');
  assert.ok(reads.some((e) => e.reason === `${PURPOSE}; art6_1e`));
  const notes = r.json.items.filter((e) => e.action === 'notes.read');
  assert.ok(notes.length >= 1 && notes.every((e) => e.reason.length > 0));
  // Refused reads disclosed nothing and left no read record after revocation.
  r = await auditor.get('/api/v1/audit/verify');
  assert.equal(r.json.intact, true, r.text);
});

test('without the identity part a partner gets no names; a long purpose keeps the legal basis', async () => {
  // The bystander: shared with contacts only, for a long purpose in
  // Lithuanian letters (multi-byte characters at the cut).
  const longPurpose = 'ą'.repeat(300);
  let r = await sw.post(`/api/v1/persons/${bystander.id}/shares`, {
    institution_id: school, parts: ['contacts'], legal_basis: 'art6_1e',
    purpose: longPurpose, valid_until: day(30),
  });
  assert.equal(r.status, 201, r.text);
  r = await partnerSees(bystander.id);
  assert.equal(r.status, 200, r.text);
  for (const k of ['given_names', 'family_name', 'birth_date', 'sex', 'personal_code']) {
    assert.ok(!(k in r.json), `${k} disclosed without the identity part`);
  }
  assert.deepEqual(await partnerSearch(bystander.family_name), []);
  r = await auditor.get(`/api/v1/audit?entity=person&entity_id=${bystander.id}&action=read`);
  assert.equal(r.status, 200, r.text);
  const partnerRead = r.json.items.find((e) => e.user_id === partnerUserId);
  assert.ok(partnerRead, r.text);
  assert.ok(partnerRead.reason.endsWith('; art6_1e'), partnerRead.reason);
  assert.ok(partnerRead.reason.startsWith('ąą'));
});

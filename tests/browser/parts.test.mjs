// The person card's parts: notes (plain and special category), adding an
// address with If-Match (and the conflict panel when the record changed
// meanwhile), sharing with the school and revoking, and the history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, axeScan, loginAs } from './lib.mjs';

let ctx, person, api;
before(async () => {
  ctx = await setup({ persons: 80 });
  api = await loginAs(ctx.server, 'social_worker');
  person = (await api.get('/api/v1/persons?limit=5')).json.items[3];
});
after(async () => { await teardown(ctx); });

async function openCard(page) {
  await page.goto('/persons/' + person.id);
  await page.getByRole('heading', { level: 1, name: `${person.given_names} ${person.family_name}` }).waitFor();
  await page.waitForLoadState('networkidle');
}

test('notes: a plain note and a special-category note, newest first', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await openCard(page);
  const notes = page.getByRole('region', { name: /^Pastabos/ });
  await notes.getByLabel('Nauja pastaba').fill('Aplankyta namuose, viskas gerai.');
  await notes.getByRole('button', { name: 'Pridėti pastabą' }).click();
  await notes.getByText('Pastaba pridėta.').waitFor();
  await notes.getByText('Aplankyta namuose, viskas gerai.').waitFor();
  await notes.getByLabel('Nauja pastaba').fill('Diagnozuotas diabetas.');
  await notes.getByLabel(/Ypatingų kategorijų duomenys/).check();
  await notes.getByRole('button', { name: 'Pridėti pastabą' }).click();
  await notes.getByText('Diagnozuotas diabetas.').waitFor();
  const items = notes.locator('li.note');
  assert.equal(await items.count(), 2);
  // Newest first, and only the special one is marked.
  assert.match(await items.nth(0).textContent(), /Diagnozuotas diabetas\./);
  assert.match(await items.nth(0).textContent(), /Ypatingų kategorijų duomenys/);
  assert.doesNotMatch(await items.nth(1).textContent(), /Ypatingų kategorijų duomenys/);
  assert.equal(await notes.locator('li.note.special').count(), 1);
  // An empty note is refused at the field.
  await notes.getByRole('button', { name: 'Pridėti pastabą' }).click();
  await notes.locator('#note-body-error').waitFor();
  // After a reload the notes come from the server, in the same order.
  await openCard(page);
  const again = page.getByRole('region', { name: /^Pastabos/ }).locator('li.note');
  await again.first().waitFor();
  assert.match(await again.nth(0).textContent(), /Diagnozuotas diabetas\./);
  const v = await axeScan(page);
  assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  await screenshot(page, 'card-notes');
  await page.context().close();
});

test('address: added with If-Match; a stale version shows the conflict panel', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await openCard(page);
  const section = page.getByRole('region', { name: /^Adresai/ });
  const before = await section.locator('li').count();
  await section.getByRole('button', { name: 'Pridėti adresą' }).click();
  await section.getByLabel('Adreso rūšis').selectOption('postal');
  await section.getByLabel('Gatvė, namas, butas').fill('Vytauto g. 12-3');
  await section.getByLabel('Gyvenvietė').fill('Utena');
  await section.getByRole('button', { name: 'Išsaugoti adresą' }).click();
  await section.getByText('Vytauto g. 12-3, Utena').waitFor();
  assert.equal(await section.locator('li').count(), before + 1);
  await page.getByText('Pakeitimas išsaugotas.').waitFor();
  // Someone else changes the record; our next write meets a newer version.
  const cur = await api.get('/api/v1/persons/' + person.id);
  const r = await api.patch('/api/v1/persons/' + person.id, { phone: '+37061111111' }, { 'If-Match': cur.headers.get('etag') });
  assert.equal(r.status, 200);
  await section.getByRole('button', { name: 'Pridėti adresą' }).click();
  await section.getByLabel('Gatvė, namas, butas').fill('Aušros g. 5');
  await section.getByLabel('Gyvenvietė').fill('Utena');
  await section.getByRole('button', { name: 'Išsaugoti adresą' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Kažkas pakeitė šį įrašą' });
  await conflict.waitFor();
  await conflict.getByRole('button', { name: 'Pritaikyti mano pakeitimą naujausiai versijai' }).click();
  await section.getByText('Aušros g. 5, Utena').waitFor();
  await conflict.waitFor({ state: 'detached' });
  // Changed in place: coordinates added (a typo is named at its field).
  const row = section.locator('li').filter({ hasText: 'Aušros g. 5, Utena' });
  await row.getByRole('button', { name: 'Keisti adresą Aušros g. 5' }).click();
  const form = section.getByRole('form', { name: 'Keisti adresą' });
  assert.equal(await form.getByLabel('Gatvė, namas, butas').inputValue(), 'Aušros g. 5');
  await form.getByLabel('Platuma').fill('55,4981');
  await form.getByLabel('Ilguma').fill('25.6O');
  await form.getByRole('button', { name: 'Išsaugoti adresą' }).click();
  await form.locator('#addr-lon-error').waitFor();
  await form.getByLabel('Ilguma').fill('25.6013');
  await form.getByLabel('Pašto kodas').fill('LT-28130');
  await form.getByRole('button', { name: 'Išsaugoti adresą' }).click();
  await form.waitFor({ state: 'detached' });
  await section.getByText('Aušros g. 5, Utena, LT-28130').waitFor();
  const saved = (await api.get('/api/v1/persons/' + person.id)).json.addresses.find((a) => a.line === 'Aušros g. 5');
  assert.equal(saved.lat, 55.4981);
  assert.equal(saved.lon, 25.6013);
  // The history lists the other user's change of the phone.
  const history = page.getByRole('region', { name: 'Pakeitimų istorija' });
  await history.getByText('Pakeisti asmens duomenys').first().waitFor();
  assert.match(await history.textContent(), /\+37061111111/);
  await page.context().close();
});

test('share with the school, see it listed, revoke it', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await openCard(page);
  const shares = page.getByRole('region', { name: /^Dalijimasis su partneriais/ });
  await shares.getByRole('button', { name: 'Dalintis su partnerio institucija' }).click();
  const inst = shares.getByRole('combobox', { name: /^Partnerio institucija/ });
  await inst.locator('option', { hasText: 'progimnazija' }).first().waitFor({ state: 'attached' });
  const school = await inst.locator('option', { hasText: 'progimnazija' }).first().textContent();
  await inst.selectOption({ label: school });
  await shares.getByLabel('kontaktai').check();
  await shares.getByLabel('Teisinis pagrindas').selectOption('consent');
  await shares.getByLabel('Tikslas').fill('Vaiko lankomumo aptarimas');
  const d = new Date(Date.now() + 60 * 86400000);
  await shares.getByLabel('Galioja iki').fill(d.toISOString().slice(0, 10));
  const v = await axeScan(page);
  assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  await shares.getByRole('button', { name: 'Dalintis', exact: true }).click();
  const row = shares.locator('li.share').filter({ hasText: school });
  await row.waitFor();
  assert.match(await row.textContent(), /galioja/);
  assert.match(await row.textContent(), /asmens duomenys, kontaktai/);
  await screenshot(page, 'card-shares');
  // The partner now sees the person.
  const partner = await loginAs(ctx.server, 'partner');
  assert.equal((await partner.get('/api/v1/persons/' + person.id)).status, 200);
  // Revoke, with a confirmation.
  await row.getByRole('button', { name: /^Atšaukti dalijimąsi/ }).click();
  const dlg = page.getByRole('dialog', { name: 'Atšaukti dalijimąsi?' });
  await dlg.getByRole('button', { name: 'Atšaukti dalijimąsi' }).click();
  await dlg.waitFor({ state: 'detached' });
  await row.getByText('atšaukta arba pasibaigusi').waitFor();
  assert.equal(await row.getByRole('button').count(), 0);
  assert.notEqual((await partner.get('/api/v1/persons/' + person.id)).status, 200);
  await page.context().close();
});

test('recipient group and relation: add and remove', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await openCard(page);
  const groups = page.getByRole('region', { name: /^Paslaugų gavėjų grupės/ });
  await groups.getByRole('button', { name: 'Priskirti grupei' }).click();
  const sel = groups.getByLabel('Paslaugų gavėjų grupė');
  await sel.locator('option', { hasText: 'Senyvo amžiaus asmenys' }).waitFor({ state: 'attached' });
  await sel.selectOption({ label: 'Senyvo amžiaus asmenys' });
  await groups.getByRole('button', { name: 'Priskirti', exact: true }).click();
  const g = groups.locator('li').filter({ hasText: 'Senyvo amžiaus asmenys' });
  await g.waitFor();
  await g.getByRole('button', { name: /^Baigti narystę/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Baigti narystę' }).click();
  await g.getByRole('button').waitFor({ state: 'detached' });

  const others = (await api.get('/api/v1/persons?limit=30')).json.items;
  const rel = page.getByRole('region', { name: 'Šeima ir atstovai' });
  const known = new Set((await api.get('/api/v1/persons/' + person.id)).json.relations.map((r) => r.person_id));
  const other = others.find((o) => o.id !== person.id && !known.has(o.id));
  await rel.getByRole('button', { name: 'Pridėti ryšį' }).click();
  await rel.getByLabel(/Ieškoti susijusio asmens/).fill(other.family_name);
  await rel.getByRole('option', { name: new RegExp(other.given_names) }).first().click();
  await rel.getByLabel('Ryšio rūšis').selectOption('other');
  await rel.getByRole('button', { name: 'Išsaugoti ryšį' }).click();
  const li = rel.locator('li').filter({ hasText: `${other.given_names} ${other.family_name}` });
  await li.first().waitFor();
  await li.first().getByRole('button', { name: /^Pašalinti ryšį/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Pašalinti' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await rel.locator('li').filter({ hasText: `Kitas ryšys: ${other.given_names} ${other.family_name}` }).count(), 0);
  await page.context().close();
});

test('representative: add with a document and period, then remove', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await openCard(page);
  const others = (await api.get('/api/v1/persons?limit=40')).json.items;
  const card = (await api.get('/api/v1/persons/' + person.id)).json;
  const known = new Set([person.id, ...(card.representatives || []).map((r) => r.person_id)]);
  const other = others.find((o) => !known.has(o.id));
  const fam = page.getByRole('region', { name: 'Šeima ir atstovai' });
  await fam.getByRole('button', { name: 'Pridėti atstovą' }).click();
  await fam.getByLabel(/Ieškoti atstovo/).fill(other.family_name);
  await fam.getByRole('option', { name: new RegExp(other.given_names) }).first().click();
  await fam.getByLabel('Atstovavimo pagrindas').selectOption('guardian');
  await fam.getByLabel('Dokumentas').fill('Teismo nutartis Nr. 2-123/2026');
  await fam.getByLabel('Galioja nuo').fill('2026-01-15');
  // A wrong date is reported next to its field and nothing is saved.
  await fam.getByLabel('Galioja iki').fill('2026-13-01');
  await fam.getByRole('button', { name: 'Išsaugoti atstovą' }).click();
  await fam.locator('#rep-to-error').waitFor();
  assert.equal((await api.get('/api/v1/persons/' + person.id)).json.representatives.length, (card.representatives || []).length);
  await fam.getByLabel('Galioja iki').fill('');
  await fam.getByRole('button', { name: 'Išsaugoti atstovą' }).click();
  const li = fam.locator('li').filter({ hasText: `${other.given_names} ${other.family_name}` }).filter({ hasText: 'Nr. 2-123/2026' });
  await li.waitFor();
  const after = (await api.get('/api/v1/persons/' + person.id)).json.representatives;
  const saved = after.find((r) => r.person_id === other.id);
  assert.equal(saved.kind, 'guardian');
  assert.equal(saved.date_from, '2026-01-15');
  await li.getByRole('button', { name: /^Pašalinti atstovą/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Pašalinti' }).click();
  await li.waitFor({ state: 'detached' });
  assert.ok(!(await api.get('/api/v1/persons/' + person.id)).json.representatives.some((r) => r.person_id === other.id));
  await page.context().close();
});

test('household: create with this person as head, add and remove a member', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await openCard(page);
  const others = (await api.get('/api/v1/persons?limit=40')).json.items.filter((o) => o.id !== person.id);
  const [a, b] = others.slice(-2);
  const fam = page.getByRole('region', { name: 'Šeima ir atstovai' });
  await fam.getByRole('button', { name: 'Sukurti namų ūkį' }).click();
  const form = fam.getByRole('form', { name: 'Sukurti namų ūkį' });
  await form.getByLabel('Namų ūkio pavadinimas').fill('Bandomasis namų ūkis');
  await form.getByLabel(/Pridėti narį/).fill(a.family_name);
  await form.getByRole('option', { name: new RegExp(a.given_names) }).first().click();
  await form.locator('ul.plain > li').filter({ hasText: `${a.given_names} ${a.family_name}` }).waitFor();
  // Two heads are refused next to the members list; nothing is created.
  await form.getByLabel(`${a.given_names} ${a.family_name} vaidmuo namų ūkyje`).selectOption('head');
  await form.getByRole('button', { name: 'Išsaugoti namų ūkį' }).click();
  await form.locator('.error-text[role="alert"]').waitFor();
  await form.getByLabel(`${a.given_names} ${a.family_name} vaidmuo namų ūkyje`).selectOption('member');
  await form.getByRole('button', { name: 'Išsaugoti namų ūkį' }).click();
  const row = fam.locator('li').filter({ hasText: 'Bandomasis namų ūkis' });
  await row.waitFor();
  const hid = (await api.get('/api/v1/persons/' + person.id)).json.households.find((h) => h.name === 'Bandomasis namų ūkis').id;
  let hh = (await api.get('/api/v1/households/' + hid)).json;
  assert.deepEqual(hh.members.map((m) => [m.person_id, m.role]).sort(), [[person.id, 'head'], [a.id, 'member']].sort());

  await row.getByRole('button', { name: /^Namų ūkio „Bandomasis namų ūkis“ nariai/ }).click();
  const edit = fam.getByRole('form', { name: 'Namų ūkio „Bandomasis namų ūkis“ nariai' });
  await edit.getByLabel(/Pridėti narį/).fill(b.family_name);
  await edit.getByRole('option', { name: new RegExp(b.given_names) }).first().click();
  await edit.getByRole('button', { name: `Pašalinti ${a.given_names} ${a.family_name} iš namų ūkio` }).click();
  await edit.getByRole('button', { name: 'Išsaugoti namų ūkį' }).click();
  await edit.waitFor({ state: 'detached' });
  hh = (await api.get('/api/v1/households/' + hid)).json;
  assert.deepEqual(hh.members.map((m) => m.person_id).sort(), [person.id, b.id].sort());
  await page.context().close();
});

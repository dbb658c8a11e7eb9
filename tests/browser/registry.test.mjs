// Registering a person, editing with a conflict, and merging duplicates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, loginAs } from './lib.mjs';

let ctx;
before(async () => { ctx = await setup({ persons: 150 }); });
after(async () => { await teardown(ctx); });

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1], W2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];
function withCheckDigit(ten) {
  const s = (w) => [...ten].reduce((a, d, i) => a + Number(d) * w[i], 0) % 11;
  const k = s(W1) !== 10 ? s(W1) : s(W2) !== 10 ? s(W2) : 0;
  return ten + k;
}

test('register: check digit error, derived birth date, duplicates, save, card', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.getByRole('navigation').getByRole('link', { name: 'Registruoti asmenį' }).click();
  await page.getByRole('heading', { level: 1, name: 'Asmens registravimas' }).waitFor();
  // Typing a name that exists shows likely duplicates with links.
  const api = await loginAs(ctx.server, 'social_worker');
  const existing = (await api.get('/api/v1/persons?limit=3')).json.items[1];
  await page.getByLabel('Vardas (vardai)').fill(existing.given_names);
  await page.getByLabel('Pavardė').fill(existing.family_name);
  const dup = page.getByRole('region', { name: 'Galimi dublikatai' });
  await dup.waitFor();
  await dup.getByRole('link', { name: `${existing.given_names} ${existing.family_name}` }).first().waitFor();
  await screenshot(page, 'register');
  const code = page.getByLabel('Asmens kodas');
  // A code with a wrong check digit is flagged as soon as it is complete.
  const good = withCheckDigit('4870715' + String(100 + Math.floor(Math.random() * 800)));
  const bad = good.slice(0, 10) + ((Number(good[10]) + 1) % 10);
  await code.fill(bad);
  const err = page.locator('#pf-personal_code-error');
  await err.waitFor();
  assert.equal((await err.textContent()).trim(), 'Neteisingas asmens kodo kontrolinis skaitmuo.');
  assert.equal(await code.getAttribute('aria-invalid'), 'true');
  // A valid one derives sex and birth date.
  await code.fill(good);
  await err.waitFor({ state: 'detached' });
  await page.getByText('Pagal asmens kodą: Moteris, gimimo data 1987-07-15.').waitFor();
  assert.equal(await page.getByLabel('Gimimo data').inputValue(), '1987-07-15');
  assert.equal(await page.getByLabel('Lytis').inputValue(), 'F');
  // A new name for the new person, then save: the card opens.
  await page.getByLabel('Vardas (vardai)').fill('Ugnė');
  await page.getByLabel('Pavardė').fill('Testauskaitė');
  await page.getByLabel('Telefonas').fill('+370 612 34567');
  await page.getByRole('button', { name: 'Registruoti' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ugnė Testauskaitė' }).waitFor();
  await page.getByText('Asmuo užregistruotas.').waitFor();
  assert.match(await page.locator('.facts').first().textContent(), /1987-07-15/);
  // The same code again: the server's field error sits at the field and
  // takes focus.
  await page.getByRole('navigation').getByRole('link', { name: 'Registruoti asmenį' }).click();
  await page.getByLabel('Asmens kodas').fill(good);
  await page.getByLabel('Vardas (vardai)').fill('Kita');
  await page.getByLabel('Pavardė').fill('Asmenytė');
  await page.getByRole('button', { name: 'Registruoti' }).click();
  await err.waitFor();
  assert.match(await err.textContent(), /jau užregistruotas/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pf-personal_code');
  await page.context().close();
});

test('register: required fields are reported at the fields, focus on the first', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.goto('/persons/new');
  await page.getByRole('button', { name: 'Išvalyti formą' }).click();
  await page.getByRole('button', { name: 'Registruoti' }).click();
  await page.locator('#pf-given_names-error').waitFor();
  await page.locator('#pf-family_name-error').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pf-personal_code');
  // Not yet identified: no code needed.
  await page.getByLabel('Asmens tapatybė dar nenustatyta').check();
  await page.getByLabel('Vardas (vardai)').fill('Nežinomas');
  await page.getByLabel('Pavardė').fill('Gatvės');
  await page.getByRole('button', { name: 'Registruoti' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nežinomas Gatvės' }).waitFor();
  await page.getByText('Tapatybė dar nenustatyta').waitFor();
  await page.context().close();
});

test('conflicting edits: the second editor sees both values and reapplies', async () => {
  const api = await loginAs(ctx.server, 'social_worker');
  const p = (await api.get('/api/v1/persons?limit=10')).json.items[6];
  const n = String(Math.floor(Math.random() * 90000) + 10000);
  const a = await newPage(ctx.browser, ctx.server);
  const b = await newPage(ctx.browser, ctx.server);
  await login(a, 'socdarb');
  await login(b, 'vedeja');
  await a.goto(`/persons/${p.id}/edit`);
  await b.goto(`/persons/${p.id}/edit`);
  await a.getByLabel('Telefonas').fill('+370 611 ' + n);
  await b.getByLabel('El. paštas').waitFor();
  await b.getByLabel('Telefonas').fill('+370 622 ' + n);
  await b.getByLabel('El. paštas').fill(`antras${n}@example.lt`);
  await a.getByRole('button', { name: 'Išsaugoti' }).click();
  await a.getByText('Pakeitimai išsaugoti.').waitFor();
  await b.getByRole('button', { name: 'Išsaugoti' }).click();
  const panel = b.getByRole('alert').filter({ hasText: 'Kažkas pakeitė šį įrašą' });
  await panel.waitFor();
  const row = panel.locator('tr', { hasText: 'Telefonas' });
  assert.match(await row.textContent(), new RegExp(`\\+370 622 ${n}.*\\+370 611 ${n}`));
  await screenshot(b, 'conflict');
  await b.getByRole('button', { name: 'Atnaujinti ir pritaikyti mano pakeitimus' }).click();
  await b.getByText('Jūsų pakeitimai pritaikyti naujausiai įrašo versijai').waitFor();
  assert.equal(await b.getByLabel('Telefonas').inputValue(), '+370 622 ' + n);
  await b.getByRole('button', { name: 'Išsaugoti' }).click();
  await b.getByText('Pakeitimai išsaugoti.').waitFor();
  const after = (await api.get('/api/v1/persons/' + p.id)).json;
  assert.equal(after.phone, '+370 622 ' + n);
  assert.equal(after.email, `antras${n}@example.lt`);
  await a.context().close();
  await b.context().close();
});

test('conflicting edits: discard shows the current values', async () => {
  const api = await loginAs(ctx.server, 'social_worker');
  const p = (await api.get('/api/v1/persons?limit=10')).json.items[7];
  const b = await newPage(ctx.browser, ctx.server);
  await login(b, 'vedeja');
  await b.goto(`/persons/${p.id}/edit`);
  await b.getByLabel('Telefonas').fill('+370 633 33333');
  const cur = await api.get('/api/v1/persons/' + p.id);
  const r = await api.patch('/api/v1/persons/' + p.id, { phone: '+370 644 44444' }, { 'If-Match': cur.headers.get('etag') });
  assert.equal(r.status, 200);
  await b.getByRole('button', { name: 'Išsaugoti' }).click();
  await b.getByRole('button', { name: 'Atmesti mano pakeitimus' }).click();
  assert.equal(await b.getByLabel('Telefonas').inputValue(), '+370 644 44444');
  await b.context().close();
});

test('merge duplicates: the head chooses the record to keep and lands on it', async () => {
  const api = await loginAs(ctx.server, 'social_worker');
  const family = 'Dvyn' + Array.from({ length: 4 }, () => 'abdeghkmnprstuvz'[Math.floor(Math.random() * 16)]).join('') + 'ytė';
  const mk = async (given) => {
    const r = await api.post('/api/v1/persons', { given_names: given, family_name: family, identified: false });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const keep = await mk('Marija');
  const other = await mk('Marija Ona');
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'vedeja');
  await page.goto('/persons/' + keep.id);
  await page.getByRole('link', { name: 'Sujungti dublikatus' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dublikatų sujungimas' }).waitFor();
  await page.getByLabel('Ieškoti kito įrašo').fill(family.slice(0, 8));
  await page.getByRole('option', { name: new RegExp('Marija Ona ' + family) }).click();
  await page.getByRole('group', { name: 'Kurį įrašą palikti?' }).waitFor();
  // Keep the second one this time.
  await page.locator('#keep-' + other.id).check();
  await page.getByRole('button', { name: 'Sujungti…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sujungti įrašus?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Taip, sujungti' }).click();
  await page.waitForURL(new RegExp(`/persons/${other.id}$`));
  await page.getByRole('heading', { level: 1, name: 'Marija Ona ' + family }).waitFor();
  await page.getByText('Įrašai sujungti.').waitFor();
  const gone = await api.get('/api/v1/persons/' + keep.id);
  assert.ok(gone.status === 404 || gone.json.merged_into === other.id, `merged record: ${gone.status} ${gone.text}`);
  // A social worker has no merge button.
  const sw = await newPage(ctx.browser, ctx.server);
  await login(sw, 'socdarb');
  await sw.goto('/persons/' + other.id);
  await sw.getByRole('link', { name: 'Redaguoti' }).waitFor();
  assert.equal(await sw.getByRole('link', { name: 'Sujungti dublikatus' }).count(), 0);
  await page.context().close();
  await sw.context().close();
});

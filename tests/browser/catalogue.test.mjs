// The service catalogue and the dated parameters: the administrator adds a
// service (field errors next to the fields), edits it over a conflicting
// change (reload and reapply), adds a dated price, adds and deletes a
// future parameter value; a social worker reads the catalogue only; axe
// finds no serious problems in Lithuanian or English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, axeScan, loginAs } from './lib.mjs';

let ctx;
before(async () => { ctx = await setup({ persons: 10 }); });
after(async () => { await teardown(ctx); });

async function noViolations(page, name) {
  const v = await axeScan(page);
  assert.deepEqual(v, [], `${name}: ${JSON.stringify(v, null, 2)}`);
}

function isoYearsAhead(n) {
  const d = new Date();
  return `${d.getFullYear() + n}-01-01`;
}

test('admin lists the catalogue by kind and adds, edits and prices a service', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Paslaugų katalogas' }).click();
  await page.getByRole('heading', { level: 1, name: 'Paslaugų katalogas' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Socialinė priežiūra' }).waitFor();
  const home = page.locator('tr').filter({ hasText: 'pagalba_namuose' });
  const text = await home.textContent();
  assert.match(text, /Pagalba į namus/);
  assert.match(text, /≤ 10 val\. per savaitę/);
  assert.match(text, /10,50\s€/);
  assert.match(text, /Pagalbos į namus skyrius|skyrius/);
  await noViolations(page, 'catalogue');
  await screenshot(page, 'catalogue');
  // Only preventive services when filtered.
  await page.getByLabel('Paslaugų rūšis').selectOption('preventive');
  assert.equal(await page.getByRole('heading', { level: 2 }).count(), 1);
  await page.getByLabel('Paslaugų rūšis').selectOption('');

  // New service: errors next to their fields, nothing saved.
  await page.getByRole('button', { name: 'Nauja paslauga' }).click();
  const dlg = page.getByRole('dialog', { name: 'Nauja paslauga' });
  await dlg.getByLabel('Kodas').fill('Bloga Kodas');
  await dlg.getByLabel('Pavadinimas lietuviškai').fill('Bandomoji paslauga');
  await dlg.getByLabel('Pavadinimas angliškai').fill('Trial service');
  await dlg.getByLabel('Riba', { exact: true }).fill('7,555');
  await dlg.getByLabel('Ribos laikotarpis').selectOption('week');
  await dlg.getByRole('button', { name: 'Išsaugoti' }).click();
  await dlg.locator('#svc-code-error').waitFor();
  await dlg.locator('#svc-limit-error').waitFor();
  assert.equal(await dlg.getByLabel('Riba', { exact: true }).getAttribute('aria-invalid'), 'true');
  await noViolations(page, 'service dialog with errors');
  await dlg.getByLabel('Kodas').fill('bandomoji');
  await dlg.getByLabel('Riba', { exact: true }).fill('7,5');
  await dlg.getByLabel('Daugiausia apsilankymų per savaitę').fill('3');
  await dlg.getByLabel('Teikiantis skyrius').selectOption({ label: 'Paramos šeimai skyrius' });
  await dlg.getByLabel('Mokėjimo taisyklė').selectOption('home_help');
  await dlg.getByLabel('Aprašymas').fill('Tik bandymui.');
  await dlg.getByRole('button', { name: 'Išsaugoti' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = page.locator('tr').filter({ hasText: 'bandomoji' });
  await row.waitFor();
  assert.match(await row.textContent(), /≤ 7,5 val\. per savaitę/);
  assert.match(await row.textContent(), /Paramos šeimai skyrius/);

  // Someone else changes it while the administrator edits: the conflict
  // panel, then the administrator's values applied to the newest version.
  await row.getByRole('button', { name: 'Keisti: Bandomoji paslauga' }).click();
  const ed = page.getByRole('dialog', { name: 'Paslauga: Bandomoji paslauga' });
  await ed.getByLabel('Pavadinimas angliškai').fill('Trial, edited here');
  const other = await loginAs(ctx.server, 'admin');
  const list = await other.get('/api/v1/services');
  const svc = list.json.items.find((s) => s.code === 'bandomoji');
  const r = await other.patch(`/api/v1/services/${svc.id}`, { description: 'Pakeista kito naudotojo.' }, { 'If-Match': `"v${svc.version}"` });
  assert.equal(r.status, 200, r.text);
  await ed.getByRole('button', { name: 'Išsaugoti' }).click();
  const panel = ed.getByRole('alert').filter({ hasText: 'Kažkas pakeitė šį įrašą' });
  await panel.waitFor();
  await noViolations(page, 'service conflict');
  await panel.getByRole('button', { name: 'Įkelti naujausią ir pritaikyti mano reikšmes' }).click();
  await ed.waitFor({ state: 'detached' });
  const after = (await other.get(`/api/v1/services/${svc.id}`)).json;
  assert.equal(after.name_en, 'Trial, edited here');
  assert.equal(after.version, svc.version + 2);

  // A dated price; a price on a taken date is an error at the date.
  await row.getByRole('button', { name: 'Kainos: Bandomoji paslauga' }).click();
  const pd = page.getByRole('dialog', { name: 'Kainų istorija: Bandomoji paslauga' });
  await pd.getByText('Kaina dar nenustatyta.').waitFor();
  await pd.getByLabel('Galioja nuo').fill('2025-01-01');
  await pd.getByLabel('Kaina už vienetą, €').fill('12,5');
  await pd.getByRole('button', { name: 'Pridėti kainą' }).click();
  await pd.locator('tbody tr').filter({ hasText: '12,50' }).waitFor();
  await pd.getByText(/Šiandien galioja 12,50\s€/).waitFor();
  await pd.getByLabel('Galioja nuo').fill('2025-01-01');
  await pd.getByLabel('Kaina už vienetą, €').fill('13');
  await pd.getByRole('button', { name: 'Pridėti kainą' }).click();
  await pd.locator('#price-from-error').waitFor();
  await pd.getByLabel('Kaina už vienetą, €').fill('13,333');
  await pd.getByRole('button', { name: 'Pridėti kainą' }).click();
  await pd.locator('#price-eur-error').waitFor();
  await noViolations(page, 'prices dialog');
  await pd.getByRole('button', { name: 'Uždaryti' }).last().click();
  await pd.waitFor({ state: 'detached' });
  await page.locator('tr').filter({ hasText: 'bandomoji' }).filter({ hasText: '12,50' }).waitFor();
  await page.context().close();
});

test('admin adds a future VRP value and deletes it; past values cannot be deleted', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Parametrai' }).click();
  await page.getByRole('heading', { level: 1, name: 'Datuoti parametrai' }).waitFor();
  const vrp = page.locator('#param-vrp');
  await vrp.waitFor();
  assert.match(await vrp.textContent(), /Valstybės remiamos pajamos/);
  assert.match(await vrp.textContent(), /221,00\s€/);
  assert.match(await page.locator('#param-home_help-max_share_pct').textContent(), /20 %/);
  assert.match(await page.locator('#param-decision-deadline_days').textContent(), /20 d\./);
  assert.match(await page.locator('#param-case-review_months').textContent(), /12 mėn\./);
  assert.equal(await vrp.getByRole('button', { name: /^Ištrinti/ }).count(), 0, 'built-in values cannot be deleted');
  await noViolations(page, 'params');
  await screenshot(page, 'params');
  const future = isoYearsAhead(2);
  await vrp.getByRole('button', { name: 'Pridėti reikšmę: Valstybės remiamos pajamos (VRP) per mėnesį' }).click();
  const dlg = page.getByRole('dialog', { name: /Nauja reikšmė/ });
  await dlg.getByLabel('Galioja nuo').fill(future);
  await dlg.getByLabel('Reikšmė, eurai').fill('250,555');
  await dlg.getByRole('button', { name: 'Pridėti reikšmę' }).click();
  await dlg.locator('#param-value-error').waitFor();
  await dlg.getByLabel('Reikšmė, eurai').fill('250,50');
  await dlg.getByLabel(/Pastaba/).fill('Numatoma');
  await dlg.getByRole('button', { name: 'Pridėti reikšmę' }).click();
  await dlg.waitFor({ state: 'detached' });
  await vrp.getByText(`${future}: 250,50`).waitFor();
  // Today's value is unchanged.
  assert.match(await vrp.locator('td').first().textContent(), /221,00/);
  await vrp.getByRole('button', { name: `Ištrinti: Valstybės remiamos pajamos (VRP) per mėnesį nuo ${future}` }).click();
  await page.getByRole('dialog', { name: 'Ištrinti būsimą reikšmę?' }).getByRole('button', { name: 'Ištrinti' }).click();
  await page.getByText('Reikšmė ištrinta.').waitFor();
  assert.equal(await vrp.getByText(`${future}: 250,50`).count(), 0);
  await page.context().close();
});

test('a social worker reads the catalogue without changing it; English texts', async () => {
  const page = await newPage(ctx.browser, ctx.server, { lang: 'en' });
  await login(page, 'socdarb');
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Service catalogue' }).count(), 0);
  await page.goto('/admin/catalogue');
  await page.getByRole('heading', { level: 1, name: 'Service catalogue' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Social supervision' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'New service' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Edit/ }).count(), 0);
  assert.match(await page.locator('tr').filter({ hasText: 'pagalba_namuose' }).textContent(), /Home help.*≤ 10 h a week/);
  await noViolations(page, 'catalogue en');
  await page.goto('/admin/params');
  await page.getByRole('heading', { level: 1, name: 'Dated parameters' }).waitFor();
  await page.locator('#param-vrp').getByText('State-supported income (VRP) per month').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Add value/ }).count(), 0);
  await noViolations(page, 'params en');
  await page.context().close();
});

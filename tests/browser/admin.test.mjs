// Administration and audit screens: the administrator adds a staff member
// and a user account (then disables it and sets a new password), partner
// institutions with contacts, the auditor filters the audit log and
// verifies the hash chain; axe-core finds no serious problems on them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, axeScan } from './lib.mjs';

let ctx;
before(async () => { ctx = await setup({ persons: 40 }); });
after(async () => { await teardown(ctx); });

async function go(page, navName, h1) {
  await page.getByRole('navigation').getByRole('link', { name: navName }).click();
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

async function noViolations(page, name) {
  const v = await axeScan(page);
  assert.deepEqual(v, [], `${name}: ${JSON.stringify(v, null, 2)}`);
}

test('admin creates a staff member; the list is in Lithuanian order', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'admin');
  await go(page, 'Darbuotojai', 'Darbuotojai');
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  const names = await rows.locator('td:first-child').allTextContents();
  const lt = new Intl.Collator('lt');
  const family = names.map((n) => n.split(' ')[0]);
  for (let i = 1; i < family.length; i++) assert.ok(lt.compare(family[i - 1], family[i]) <= 0, `${family[i - 1]} before ${family[i]}`);
  await noViolations(page, 'staff');
  await page.getByRole('button', { name: 'Naujas darbuotojas' }).click();
  const dlg = page.getByRole('dialog', { name: 'Naujas darbuotojas' });
  await dlg.getByLabel('Vardas (vardai)').fill('Šarūnė');
  await dlg.getByLabel('Pavardė').fill('Žemaitytė');
  await dlg.getByLabel('Pareigos').fill('Socialinė darbuotoja');
  await dlg.getByLabel('Skyrius').selectOption({ label: 'Paramos šeimai skyrius' });
  await dlg.getByLabel('Kategorija').selectOption('social_worker');
  await dlg.getByLabel('Socialinis darbas').check();
  await noViolations(page, 'staff dialog');
  await screenshot(page, 'admin-staff-new');
  await dlg.getByRole('button', { name: 'Išsaugoti' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.getByText('Įrašas sukurtas.').waitFor();
  const row = page.locator('table tbody tr').filter({ hasText: 'Žemaitytė Šarūnė' });
  await row.waitFor();
  assert.match(await row.textContent(), /Paramos šeimai skyrius/);
  // Edit: the position changes (If-Match on the row's version).
  await row.getByRole('button', { name: 'Keisti: Šarūnė Žemaitytė' }).click();
  const ed = page.getByRole('dialog', { name: 'Darbuotojo duomenys' });
  await ed.getByLabel('Pareigos').fill('Vyresnioji socialinė darbuotoja');
  await ed.getByRole('button', { name: 'Išsaugoti' }).click();
  await ed.waitFor({ state: 'detached' });
  await page.locator('table tbody tr').filter({ hasText: 'Vyresnioji socialinė darbuotoja' }).waitFor();
  await page.context().close();
});

test('admin creates a user, who can log in; disable and new password', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'admin');
  await go(page, 'Naudotojai', 'Naudotojai');
  await noViolations(page, 'users');
  await page.getByRole('button', { name: 'Naujas naudotojas' }).click();
  const dlg = page.getByRole('dialog', { name: 'Naujas naudotojas' });
  await dlg.getByLabel('Naudotojo vardas').fill('naujoji');
  await dlg.getByLabel('Rodomas vardas').fill('Naujoji Darbuotoja');
  await dlg.getByLabel('Vaidmuo').selectOption('social_worker');
  await dlg.getByLabel('Skyrius').selectOption({ label: 'Paramos šeimai skyrius' });
  await dlg.getByLabel('Pradinis slaptažodis').fill('pradinis-slaptazodis-1');
  await noViolations(page, 'user dialog');
  await dlg.getByRole('button', { name: 'Sukurti naudotoją' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.getByText('Naudotojas sukurtas.').waitFor();
  const row = page.locator('table tbody tr').filter({ hasText: 'naujoji' });
  await row.waitFor();
  assert.match(await row.textContent(), /Socialinis darbuotojas/);
  await screenshot(page, 'admin-users');
  // The new user logs in with the first password.
  const other = await newPage(ctx.browser, ctx.server);
  await login(other, 'naujoji', 'pradinis-slaptazodis-1');
  await other.getByText('Naujoji Darbuotoja').waitFor();
  await other.context().close();
  // Promoted to head of department: the role changes, the user's open
  // session ends (the next call asks to log in again).
  const promoted = await newPage(ctx.browser, ctx.server);
  await login(promoted, 'naujoji', 'pradinis-slaptazodis-1');
  await promoted.getByText('Naujoji Darbuotoja').waitFor();
  await row.getByRole('button', { name: 'Keisti naudotoją naujoji' }).click();
  const ed = page.getByRole('dialog', { name: 'Naudotojas naujoji' });
  await noViolations(page, 'user edit dialog');
  await ed.getByLabel('Vaidmuo').selectOption('partner');
  await ed.getByRole('button', { name: 'Išsaugoti' }).click();
  // A partner needs a partner institution, not a department: said at the fields.
  await ed.locator('#ue-inst-error').waitFor();
  await ed.getByLabel('Vaidmuo').selectOption('head');
  await ed.getByRole('button', { name: 'Išsaugoti' }).click();
  await ed.waitFor({ state: 'detached' });
  await page.getByText('Naudotojas naujoji išsaugotas.').waitFor();
  await row.filter({ hasText: 'Skyriaus vedėjas' }).waitFor();
  const r = await promoted.evaluate(async () => (await fetch('/api/v1/session')).status);
  assert.equal(r, 401);
  await promoted.context().close();
  // A new password set by the administrator.
  await row.getByRole('button', { name: 'Nustatyti slaptažodį naudotojui naujoji' }).click();
  const pw = page.getByRole('dialog', { name: 'Naujas slaptažodis: naujoji' });
  await pw.getByLabel('Naujas slaptažodis').fill('kitas-slaptazodis-22');
  await pw.getByRole('button', { name: 'Nustatyti slaptažodį' }).click();
  await pw.waitFor({ state: 'detached' });
  await page.getByText('Naudotojo naujoji slaptažodis pakeistas.').waitFor();
  // Disabled: the row says so and the button turns into "Enable".
  await row.getByRole('button', { name: 'Išjungti naudotoją naujoji' }).click();
  await page.getByRole('dialog', { name: 'Išjungti naudotoją?' }).getByRole('button', { name: 'Išjungti' }).click();
  await row.getByRole('button', { name: 'Įjungti naudotoją naujoji' }).waitFor();
  assert.match(await row.textContent(), /Išjungta/);
  await page.context().close();
});

test('departments and partner institutions with contacts', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'admin');
  await go(page, 'Skyriai', 'Skyriai');
  await page.locator('table tbody tr').filter({ hasText: 'Paramos šeimai skyrius' }).waitFor();
  await noViolations(page, 'departments');
  await page.getByRole('button', { name: 'Naujas skyrius' }).click();
  const dd = page.getByRole('dialog', { name: 'Naujas skyrius' });
  await dd.getByLabel('Kodas').fill('day_centre');
  await dd.getByLabel('Pavadinimas lietuviškai').fill('Dienos centras');
  await dd.getByLabel('Pavadinimas angliškai').fill('Day centre');
  await dd.getByRole('button', { name: 'Išsaugoti' }).click();
  await dd.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: 'day_centre', exact: true }).waitFor();

  await go(page, 'Partnerių institucijos', 'Partnerių institucijos');
  await noViolations(page, 'institutions');
  const school = page.getByRole('link', { name: /progimnazija/ }).first();
  const name = (await school.textContent()).trim();
  await school.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('button', { name: 'Naujas kontaktinis asmuo' }).click();
  const cd = page.getByRole('dialog', { name: 'Naujas kontaktinis asmuo' });
  await cd.getByLabel('Vardas ir pavardė').fill('Rūta Kontaktaitė');
  await cd.getByLabel('Pareigos institucijoje').fill('Psichologė');
  await cd.getByRole('button', { name: 'Išsaugoti' }).click();
  await cd.waitFor({ state: 'detached' });
  await page.locator('table tbody tr').filter({ hasText: 'Rūta Kontaktaitė' }).waitFor();
  await noViolations(page, 'institution');
  await screenshot(page, 'admin-institution');
  await page.context().close();
});

test('auditor: audit log with filters, verify the chain', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'auditorius');
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Naudotojai' }).count(), 0);
  await go(page, 'Audito žurnalas', 'Audito žurnalas');
  await page.locator('table tbody tr').first().waitFor();
  await noViolations(page, 'audit');
  await page.getByLabel('Veiksmas').fill('login');
  await page.getByRole('button', { name: 'Filtruoti' }).click();
  await page.locator('table tbody tr').first().waitFor();
  const actions = await page.locator('table tbody tr td:nth-child(5)').allTextContents();
  assert.ok(actions.length > 0);
  for (const a of actions) assert.equal(a, 'login');
  // A bad date is reported at its field.
  await page.getByLabel('Nuo datos').fill('vakar');
  await page.getByRole('button', { name: 'Filtruoti' }).click();
  await page.locator('#au-from-error').waitFor();
  await page.getByLabel('Nuo datos').fill('');
  await page.getByRole('button', { name: 'Tikrinti grandinę' }).click();
  await page.getByText(/Grandinės nepažeistos: patikrinta keitimų įrašų – [\d\s ]+ \(paskutinis Nr\. [\d\s ]+\), peržiūrų įrašų – [\d\s ]+/).waitFor();
  // Both logs are listed: logins are changes, the list of the log itself a read.
  await page.getByRole('button', { name: 'Išvalyti filtrus' }).click();
  await page.locator('table tbody tr').first().waitFor();
  const logs = new Set(await page.locator('table tbody tr td:nth-child(1)').allTextContents());
  assert.ok(logs.has('keitimai') && logs.has('peržiūros'), [...logs].join());
  await noViolations(page, 'audit verified');
  await screenshot(page, 'audit');
  await page.context().close();
});

test('English: the administration screens are translated', async () => {
  const page = await newPage(ctx.browser, ctx.server, { lang: 'en' });
  await login(page, 'admin');
  for (const [nav, h1] of [['Departments', 'Departments'], ['Staff', 'Staff'], ['Partner institutions', 'Partner institutions'], ['Users', 'Users']]) {
    await go(page, nav, h1);
    const text = await page.evaluate(() => {
      const c = document.body.cloneNode(true);
      c.querySelectorAll('table tbody, .user-name, [lang="lt"]').forEach((e) => e.remove());
      return c.innerText;
    });
    const m = /Skyri|Darbuotoj|Naudotoj|Pavadinim|Būsena|Veikia|Naujas|Nauja/.exec(text);
    assert.equal(m, null, `${nav}: Lithuanian "${m && m[0]}" left`);
  }
  await page.context().close();
});

test('teams: create a mobile team, choose its members, rename it', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'admin');
  await go(page, 'Komandos', 'Komandos');
  await noViolations(page, 'teams');
  await page.getByRole('button', { name: 'Nauja komanda' }).click();
  const dlg = page.getByRole('dialog', { name: 'Nauja komanda' });
  // Nothing chosen: the department is required, said at the field.
  await dlg.getByLabel('Pavadinimas').fill('Vakarinė mobilioji komanda');
  await dlg.getByRole('button', { name: 'Išsaugoti' }).click();
  await dlg.locator('#team-dep-error').waitFor();
  await dlg.getByLabel('Skyrius').selectOption({ label: 'Pagalbos namuose skyrius' });
  await dlg.getByRole('button', { name: 'Išsaugoti' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = page.locator('table tbody tr').filter({ hasText: 'Vakarinė mobilioji komanda' });
  await row.waitFor();
  assert.match(await row.textContent(), /Mobilioji komanda/);
  await row.getByRole('button', { name: 'Komandos „Vakarinė mobilioji komanda“ nariai' }).click();
  const mem = page.getByRole('dialog', { name: 'Komandos „Vakarinė mobilioji komanda“ nariai' });
  const boxes = mem.getByRole('checkbox');
  await boxes.first().waitFor();
  assert.ok(await boxes.count() >= 2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await noViolations(page, 'team members');
  await mem.getByRole('button', { name: 'Išsaugoti' }).click();
  await mem.waitFor({ state: 'detached' });
  await page.getByText('Komandos „Vakarinė mobilioji komanda“ nariai išsaugoti.').waitFor();
  await row.getByRole('button', { name: 'Komandos „Vakarinė mobilioji komanda“ nariai' }).click();
  await mem.getByRole('checkbox').first().waitFor();
  assert.equal(await mem.getByRole('checkbox', { checked: true }).count(), 2);
  await mem.getByRole('button', { name: 'Atšaukti' }).click();
  await row.getByRole('button', { name: /^Keisti/ }).click();
  const ed = page.getByRole('dialog', { name: 'Komandos duomenys' });
  await ed.getByLabel('Pavadinimas').fill('Vakarinė komanda');
  await ed.getByRole('button', { name: 'Išsaugoti' }).click();
  await page.locator('table tbody tr').filter({ hasText: 'Vakarinė komanda' }).waitFor();
  await page.context().close();
});

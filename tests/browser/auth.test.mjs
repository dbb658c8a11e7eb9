// Login, logout, password change and session expiry in the real UI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, loginAs, DEMO_PASSWORD } from './lib.mjs';

let ctx;
before(async () => { ctx = await setup({ persons: 120 }); });
after(async () => { await teardown(ctx); });

test('a wrong password says so in Lithuanian; the right one opens the desk', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await page.goto('/');
  await page.waitForURL(/\/login/);
  assert.equal(await page.getAttribute('html', 'lang'), 'lt');
  await page.getByLabel('Naudotojo vardas').fill('socdarb');
  await page.getByLabel('Slaptažodis').fill('not-the-password');
  await screenshot(page, 'login');
  await page.getByRole('button', { name: 'Prisijungti' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), 'Neteisingas naudotojo vardas arba slaptažodis.');
  await page.getByLabel('Slaptažodis').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Prisijungti' }).click();
  await page.getByRole('heading', { level: 1, name: 'Asmenų paieška' }).waitFor();
  const header = await page.locator('header.top').textContent();
  assert.match(header, /Socialinis darbuotojas/);
  // Navigation follows the permissions: a social worker may register.
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Registruoti asmenį' }).count(), 1);
  assert.deepEqual(page.__errors || [], []);
  await page.context().close();
});

test('navigation follows permissions: the auditor sees no registry', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'auditorius');
  assert.equal(await page.getByRole('link', { name: 'Paieška' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Registruoti asmenį' }).count(), 0);
  await page.getByText('Asmenų registras jūsų vaidmeniui neprieinamas').waitFor();
  // The director reads and merges but does not register.
  const d = await newPage(ctx.browser, ctx.server);
  await login(d, 'direktore');
  assert.equal(await d.getByRole('navigation').getByRole('link', { name: 'Paieška' }).count(), 1);
  assert.equal(await d.getByRole('navigation').getByRole('link', { name: 'Registruoti asmenį' }).count(), 0);
  await page.context().close();
  await d.context().close();
});

test('logout ends the session and returns to the login page', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.getByRole('button', { name: 'Atsijungti' }).click();
  await page.waitForURL(/\/login/);
  const r = await page.request.get('/api/v1/session');
  assert.equal(r.status(), 401);
  await page.goto('/persons');
  await page.waitForURL(/\/login\?next=%2Fpersons/);
  await page.context().close();
});

test('session expiry mid-edit: re-login dialog, then the edit is saved', async () => {
  const api = await loginAs(ctx.server, 'social_worker');
  const list = await api.get('/api/v1/persons?limit=5');
  const person = list.json.items[2];
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.goto(`/persons/${person.id}/edit`);
  const phone = page.getByLabel('Telefonas');
  await phone.fill('+370 600 12345');
  await page.getByLabel('El. paštas').fill('laukas@example.lt');
  // The session disappears while the worker types.
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Išsaugoti' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sesija baigėsi' });
  await dialog.waitFor();
  // The form underneath still holds what was typed.
  assert.equal(await phone.inputValue(), '+370 600 12345');
  // Focus is trapped in the dialog and on the password field.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'relogin-password');
  await screenshot(page, 'relogin');
  await dialog.getByLabel('Slaptažodis').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Prisijungti' }).click();
  await page.waitForURL(new RegExp(`/persons/${person.id}$`));
  await page.getByText('Pakeitimai išsaugoti.').waitFor();
  const after = await api.get(`/api/v1/persons/${person.id}`);
  assert.equal(after.json.phone, '+370 600 12345');
  assert.equal(after.json.email, 'laukas@example.lt');
  await page.context().close();
});

test('Esc closes the re-login dialog and keeps the form', async () => {
  const api = await loginAs(ctx.server, 'social_worker');
  const person = (await api.get('/api/v1/persons?limit=5')).json.items[3];
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.goto(`/persons/${person.id}/edit`);
  await page.getByLabel('Telefonas').fill('+370 600 99999');
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Išsaugoti' }).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('Telefonas').inputValue(), '+370 600 99999');
  await page.getByText('Neprisijungus veiksmas neatliktas').waitFor();
  await page.context().close();
});

test('password change: wrong current password is shown at the field; then it changes', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb2');
  await page.getByRole('link', { name: 'Keisti slaptažodį' }).click();
  await page.getByRole('heading', { level: 1, name: 'Slaptažodžio keitimas' }).waitFor();
  await page.getByLabel('Dabartinis slaptažodis').fill('wrong-password-1');
  await page.getByLabel('Naujas slaptažodis', { exact: true }).fill('naujas-slaptazodis-7');
  await page.getByLabel('Pakartokite naują slaptažodį').fill('naujas-slaptazodis-7');
  await page.getByRole('button', { name: 'Pakeisti slaptažodį' }).click();
  await page.locator('#pw-current_password-error').waitFor();
  assert.match(await page.locator('#pw-current_password-error').textContent(), /Neteisingas dabartinis slaptažodis/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pw-current_password');
  await page.getByLabel('Dabartinis slaptažodis').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Pakeisti slaptažodį' }).click();
  await page.getByText('Slaptažodis pakeistas.').waitFor();
  await page.context().close();
});

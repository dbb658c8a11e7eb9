// The main screens: no serious or critical axe-core violations, no
// Lithuanian left on the English screens, layout at 1366×768 and on a
// tablet (768 wide), page weight of the first load, and screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, axeScan, record, loginAs } from './lib.mjs';

let ctx, personId;
before(async () => {
  ctx = await setup({ persons: 120 });
  const api = await loginAs(ctx.server, 'social_worker');
  personId = (await api.get('/api/v1/persons?limit=3')).json.items[0].id;
});
after(async () => { await teardown(ctx); });

const SCREENS = [
  ['search', '/', 'Asmenų paieška'],
  ['persons', '/persons', 'Asmenų sąrašas'],
  ['card', null, null],
  ['register', '/persons/new', 'Asmens registravimas'],
  ['edit', null, null],
  ['password', '/password', 'Slaptažodžio keitimas'],
];

async function open(page, name, path) {
  if (name === 'card') path = '/persons/' + personId;
  if (name === 'edit') path = `/persons/${personId}/edit`;
  await page.goto(path);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

test('page weight of the first load is at most 300 KB', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const sizes = new Map();
  cdp.on('Network.responseReceived', (e) => sizes.set(e.requestId, { url: e.response.url, bytes: 0 }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = sizes.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  await page.goto('/login');
  await page.getByLabel('Naudotojo vardas').waitFor();
  await page.waitForLoadState('networkidle');
  const files = [...sizes.values()];
  const total = files.reduce((a, f) => a + f.bytes, 0);
  for (const f of files) assert.ok(f.url.startsWith(ctx.server.base), `external resource ${f.url}`);
  console.log(`page weight, first load: ${total} bytes transferred in ${files.length} responses`);
  record('page-weight', { total_bytes: total, limit_bytes: 300 * 1024, files });
  assert.ok(total <= 300 * 1024, `first load ${total} bytes`);
  await page.context().close();
});

test('login screen: no serious accessibility violations', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await page.goto('/login');
  await page.getByLabel('Naudotojo vardas').waitFor();
  const v = await axeScan(page);
  assert.deepEqual(v, [], JSON.stringify(v, null, 2));
  await page.context().close();
});

test('main screens: no serious accessibility violations, screenshots', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'vedeja');
  for (const [name, path] of SCREENS) {
    await open(page, name, path);
    if (name === 'search') {
      await page.fill('#person-search', 'ka');
      await page.locator('#person-search-results').getByRole('option').first().waitFor();
    }
    const v = await axeScan(page);
    assert.deepEqual(v, [], `${name}: ${JSON.stringify(v, null, 2)}`);
    await screenshot(page, 'screen-' + name);
  }
  await page.context().close();
});

test('tablet, 768 wide: nothing overflows sideways', async () => {
  const page = await newPage(ctx.browser, ctx.server, { viewport: { width: 768, height: 1024 } });
  await login(page, 'vedeja');
  for (const [name, path] of SCREENS) {
    await open(page, name, path);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 768, `${name}: page is ${w}px wide`);
  }
  await screenshot(page, 'tablet-card');
  await page.context().close();
});

// Texts every main screen has in Lithuanian, and their English versions.
const LT_TEXTS = ['Paieška', 'Asmenų sąrašas', 'Registruoti asmenį', 'Atsijungti', 'Keisti slaptažodį', 'Skyriaus vedėjas'];
const EN_TEXTS = ['Search', 'List of persons', 'Register a person', 'Log out', 'Change password', 'Head of department'];
const LT_ONLY = /Asmens|asmen|Vardas|Pavardė|Gimimo|Lytis|Telefonas|Įrašų|Skyriai|Išsaugoti|Atšaukti|Redaguoti|Sujungti|Slaptažod|Rasta|Rodomi|puslapis|Kitas|Ankstesnis|nenurodyta|Privalom|Tapatybė/;

test('the language switch: English everywhere, remembered, and back', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'vedeja');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  for (const [name, path] of SCREENS) {
    await open(page, name, path);
    if (name === 'search') {
      await page.fill('#person-search', 'ka');
      await page.locator('#person-search-results').getByRole('option').first().waitFor();
    }
    // Everything except people's names and the switch back to Lithuanian.
    const text = await page.evaluate(() => {
      const clone = document.body.cloneNode(true);
      clone.querySelectorAll('[lang="lt"], h1, .results .name, table tbody td:first-child, .facts dd, .user-name, .derived')
        .forEach((e) => e.remove());
      return clone.innerText;
    });
    for (const s of EN_TEXTS) assert.ok(text.includes(s), `${name}: "${s}" missing`);
    for (const s of LT_TEXTS) assert.ok(!text.includes(s), `${name}: Lithuanian "${s}" left`);
    const m = LT_ONLY.exec(text);
    assert.equal(m, null, `${name}: Lithuanian text "${m && m[0]}" left on the English screen`);
    if (name === 'card') await screenshot(page, 'screen-card-en');
  }
  // The server's messages follow the language too.
  await page.goto('/password');
  await page.getByLabel('Current password').fill('wrong-password-1');
  await page.getByLabel('New password', { exact: true }).fill('another-password-9');
  await page.getByLabel('Repeat the new password').fill('another-password-9');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('The current password is wrong.').waitFor();
  // Remembered after a reload, and switched back.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
  await page.getByRole('button', { name: 'Lietuvių' }).click();
  await page.getByRole('heading', { level: 1, name: 'Slaptažodžio keitimas' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('pagalba.lang')), 'lt');
  await page.context().close();
});

test('English login page: wrong password message in English', async () => {
  const page = await newPage(ctx.browser, ctx.server, { lang: 'en' });
  await page.goto('/login');
  await page.getByLabel('User name').fill('socdarb');
  await page.getByLabel('Password').fill('nope-nope-nope');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Wrong user name or password.').waitFor();
  await page.context().close();
});

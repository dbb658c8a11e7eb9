// Login, sessions, CSRF, throttling, password change, and the transport's
// handling of bad requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, runCli, Client, USERS, DEMO_PASSWORD } from './lib.mjs';

let server;
before(async () => { server = await startServer({ persons: 50 }); });
after(async () => { await stopServer(server); });

test('health answers without a session', async () => {
  const c = new Client(server);
  const r = await c.get('/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.ok(r.json.schema_version >= 1);
});

test('wrong password: 401 in Lithuanian by default, English on request', async () => {
  const lt = new Client(server);
  let r = await lt.post('/api/v1/session', { username: USERS.social_worker, password: 'not-the-password' });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'login.failed');
  assert.match(r.json.error.message, /slaptažodis/);
  const en = new Client(server, 'en');
  r = await en.post('/api/v1/session', { username: 'nobody-here', password: 'whatever-123' });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.message, 'Wrong user name or password.');
});

test('login sets an HttpOnly SameSite cookie and returns the CSRF token', async () => {
  const c = new Client(server);
  const r = await c.post('/api/v1/session', { username: USERS.social_worker, password: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  const sc = r.headers.get('set-cookie');
  assert.match(sc, /HttpOnly/);
  assert.match(sc, /SameSite=Strict/);
  assert.equal(r.json.role, 'social_worker');
  assert.ok(r.json.csrf_token.length >= 20);
  assert.ok(r.json.permissions.includes('person_read'));
  c.csrf = r.json.csrf_token;
  const s = await c.get('/api/v1/session');
  assert.equal(s.status, 200);
  assert.equal(s.json.username, USERS.social_worker);
});

test('a browser write without the CSRF token is refused', async () => {
  const c = new Client(server);
  await c.login(USERS.social_worker);
  const token = c.csrf;
  c.csrf = null;
  let r = await c.post('/api/v1/persons', { given_names: 'Ona', family_name: 'Test', identified: false });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'csrf');
  c.csrf = 'x'.repeat(token.length);
  r = await c.post('/api/v1/persons', { given_names: 'Ona', family_name: 'Test', identified: false });
  assert.equal(r.status, 403);
});

test('no session: 401 on protected routes', async () => {
  const c = new Client(server);
  const r = await c.get('/api/v1/persons');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
  c.cookie = 'pagalba_session=' + 'A'.repeat(43);
  assert.equal((await c.get('/api/v1/persons')).status, 401);
});

test('logout ends the session', async () => {
  const c = new Client(server);
  await c.login(USERS.head);
  const cookie = c.cookie;
  const r = await c.del('/api/v1/session');
  assert.equal(r.status, 200);
  c.cookie = cookie; // an old copy of the cookie must not work either
  assert.equal((await c.get('/api/v1/session')).status, 401);
});

test('an account disabled by another process is refused within a second', async () => {
  const add = runCli(server, ['user', 'add', 'laikinas', '--role', 'director', '--password', 'Laikinas-slaptazodis-1']);
  assert.equal(add.status, 0, add.stderr);
  const c = new Client(server);
  await c.login('laikinas', 'Laikinas-slaptazodis-1');
  assert.equal((await c.get('/api/v1/session')).status, 200); // kept now
  const off = runCli(server, ['user', 'disable', 'laikinas']);
  assert.equal(off.status, 0, off.stderr);
  // The server keeps a looked-up session for at most a second.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal((await c.get('/api/v1/session')).status, 401);
  assert.equal((await c.get('/api/v1/persons?limit=1')).status, 401);
});

test('login is throttled per account after repeated failures', async () => {
  const c = new Client(server);
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/api/v1/session', { username: USERS.auditor, password: 'wrong-password-' + i });
    assert.equal(r.status, 401);
  }
  const r = await c.post('/api/v1/session', { username: USERS.auditor, password: DEMO_PASSWORD });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
});

test('password change checks the current password and the policy, then ends other sessions', async () => {
  const a = new Client(server);
  await a.login(USERS.social_worker2);
  const b = new Client(server);
  await b.login(USERS.social_worker2);
  let r = await a.post('/api/v1/session/password', { current_password: 'wrong-one-1', new_password: 'Naujas-slaptazodis-1' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.current_password.code, 'password.wrong');
  r = await a.post('/api/v1/session/password', { current_password: DEMO_PASSWORD, new_password: 'short' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.new_password.code, 'password.too_short');
  r = await a.post('/api/v1/session/password', { current_password: DEMO_PASSWORD, new_password: 'Naujas-slaptazodis-1' });
  assert.equal(r.status, 200);
  assert.equal((await a.get('/api/v1/session')).status, 200);
  assert.equal((await b.get('/api/v1/session')).status, 401);
  const c = new Client(server);
  r = await c.post('/api/v1/session', { username: USERS.social_worker2, password: DEMO_PASSWORD });
  assert.equal(r.status, 401);
  await c.login(USERS.social_worker2, 'Naujas-slaptazodis-1');
});

test('bad requests get clear 4xx answers', async () => {
  const c = new Client(server);
  await c.login(USERS.social_worker);
  let r = await c.req('POST', '/api/v1/persons', '{"given_names": "Ona",', {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'body.malformed');
  r = await c.req('POST', '/api/v1/persons', '{"a":1,"a":2}', {});
  assert.equal(r.status, 400);
  r = await c.req('POST', '/api/v1/persons', '[1,2]', {});
  assert.equal(r.json.error.code, 'body.not_object');
  r = await c.req('POST', '/api/v1/persons', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'body.utf8');
  r = await c.req('POST', '/api/v1/persons', 'given_names=Ona', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'body.content_type');
  r = await c.req('POST', '/api/v1/persons', JSON.stringify({ given_names: 'x'.repeat(2 * 1024 * 1024) }), {});
  assert.equal(r.status, 413);
  r = await c.get('/api/v1/no-such-thing');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'route.not_found');
  r = await c.req('PUT', '/api/v1/persons', {});
  assert.equal(r.status, 405);
  r = await c.get('/api/v1/persons?limit=100000');
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.limit.code, 'range');
  // The server is still fine.
  assert.equal((await c.get('/api/v1/health')).status, 200);
});

test('idle sessions expire', async () => {
  const s = await startServer({ persons: 10, env: { PAGALBA_SESSION_IDLE_S: '1' } });
  try {
    const c = new Client(s);
    await c.login(USERS.social_worker);
    assert.equal((await c.get('/api/v1/session')).status, 200);
    await new Promise((r) => setTimeout(r, 1600));
    assert.equal((await c.get('/api/v1/session')).status, 401);
  } finally {
    await stopServer(s);
  }
});

test('the OpenAPI document describes every served route', async () => {
  const c = new Client(server);
  const r = await c.get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.0.3');
  const paths = Object.entries(r.json.paths);
  assert.ok(paths.length >= 10);
  // Every documented operation is served (not 404 route / 405 method).
  const admin = new Client(server);
  for (const [path, item] of paths) {
    for (const method of Object.keys(item)) {
      const url = path.replace(/\{[^}]+\}/g, '999999');
      const resp = await admin.req(method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : {});
      assert.notEqual(resp.json?.error?.code, 'route.not_found', `${method} ${path}`);
      assert.notEqual(resp.status, 405, `${method} ${path}`);
    }
  }
  // And an undocumented path is not served.
  assert.equal((await admin.get('/api/v1/undocumented')).status, 404);
});

// The access matrix: every route of the OpenAPI document × every role.
// The expectation is written here from the design (ARCHITECTURE.md), not
// read from the server, so the server's one place of enforcement is
// checked against an independent statement of who may do what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, Client, loginAs } from './lib.mjs';

const DESIGN = {
  anonymous: ['public'],
  admin: ['public', 'session', 'org_read', 'org_write', 'user_admin', 'catalogue_write'],
  director: ['public', 'session', 'person_read', 'person_merge', 'note_special', 'org_read', 'audit_read',
    'case_read', 'case_decide', 'catalogue_write', 'billing_read', 'cw_read', 'cw_write',
    'staffdev_read', 'staffdev_write', 'report_read', 'plan_write'],
  head: ['public', 'session', 'person_read', 'person_write', 'person_merge', 'person_share', 'note_special', 'org_read',
    'case_read', 'case_write', 'case_decide', 'billing_read', 'cw_read', 'cw_write', 'cw_report',
    'staffdev_read', 'staffdev_write', 'report_read', 'plan_write'],
  social_worker: ['public', 'session', 'person_read', 'person_write', 'person_share', 'note_special', 'org_read',
    'case_read', 'case_write', 'cw_read', 'cw_write', 'cw_report', 'staffdev_read'],
  partner: ['public', 'session', 'person_read', 'case_read', 'cw_read', 'cw_report'],
  auditor: ['public', 'session', 'audit_read'],
};

let server, doc;
const clients = {};
before(async () => {
  server = await startServer({ persons: 30 });
  for (const role of Object.keys(DESIGN)) {
    clients[role] = role === 'anonymous' ? new Client(server) : await loginAs(server, role);
  }
  doc = (await clients.anonymous.get('/api/v1/openapi.json')).json;
});
after(async () => { await stopServer(server); });

test('every role × every route is allowed or denied as designed', async () => {
  let checked = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      // Logging out would end the session the loop uses; logging in is
      // public. Both are covered in auth.test.mjs.
      if (path === '/api/v1/session' && method !== 'get') continue;
      const perm = op['x-permission'];
      assert.ok(perm, `${method} ${path} has no x-permission`);
      const url = path.replace(/\{[^}]+\}/g, '999999');
      for (const [role, allowed] of Object.entries(DESIGN)) {
        const c = clients[role];
        const body = method === 'get' || method === 'delete' ? undefined : {};
        const r = await c.req(method.toUpperCase(), url, body, { 'If-Match': '"v1"' });
        const ok = allowed.includes(perm);
        if (ok) {
          assert.ok(![401, 403].includes(r.status) || r.json?.error?.code === 'csrf',
            `${role} ${method} ${path}: expected allowed, got ${r.status} ${r.text}`);
        } else if (role === 'anonymous') {
          assert.equal(r.status, 401, `${role} ${method} ${path}: ${r.status}`);
        } else {
          assert.equal(r.status, 403, `${role} ${method} ${path}: expected 403, got ${r.status} ${r.text}`);
        }
        checked++;
      }
    }
  }
  assert.ok(checked >= 70, `only ${checked} checks`);
});

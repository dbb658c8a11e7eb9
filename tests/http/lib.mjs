// Test harness for the HTTP tests: starts the real pagalba binary on an
// ephemeral loopback port against a fresh database (SQLite by default,
// PostgreSQL when PAGALBA_TEST_PG_URL is set), filled by `pagalba demo`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = process.env.PAGALBA_BIN || join(ROOT, 'build', 'pagalba');
export const DEMO_PASSWORD = 'demo-pagalba-2026';
export const BACKEND = process.env.PAGALBA_TEST_PG_URL ? 'postgresql' : 'sqlite';

// Demo users (see src/cli/demo.c and the README).
export const USERS = {
  admin: 'admin',
  director: 'direktore',
  head: 'vedeja',            // head of family_support
  social_worker: 'socdarb',  // family_support
  social_worker2: 'socdarb2', // home_help
  partner: 'partneris',      // the school
  auditor: 'auditorius',
};

function freshPgUrl(adminUrl) {
  const name = `t_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const r = spawnSync('psql', [adminUrl, '-qAtc', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot create database: ${r.stderr}`);
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  return { url: u.toString(), name };
}

export function runCli(server, args, opts = {}) {
  return spawnSync(BIN, ['--db', server.dbUrl, ...args], {
    encoding: 'utf8', env: server.env, timeout: 600000, ...opts,
  });
}

// Starts a server. Options: persons (demo size), demo (false = empty db).
export async function startServer({ persons = 300, demo = true, env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pagalba-http-'));
  let dbUrl, pgName = null;
  if (process.env.PAGALBA_TEST_PG_URL) {
    const f = freshPgUrl(process.env.PAGALBA_TEST_PG_URL);
    dbUrl = f.url;
    pgName = f.name;
  } else {
    dbUrl = `sqlite:${join(dir, 'test.db')}`;
  }
  const server = {
    dir, dbUrl, pgName,
    env: {
      ...process.env,
      PAGALBA_FAST_HASH: '1',
      PAGALBA_AUDIT_KEY: join(dir, 'audit.key'),
      PAGALBA_LOG: 'warn',
      PAGALBA_WEB_DIR: join(ROOT, 'web', 'dist'),
      ...env,
    },
  };
  if (demo) {
    const r = runCli(server, ['demo', '--persons', String(persons), '--seed', '7']);
    if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  } else {
    const r = runCli(server, ['init']);
    if (r.status !== 0) throw new Error(`init failed: ${r.stderr}`);
  }
  await launch(server);
  return server;
}

export async function launch(server) {
  const portFile = join(server.dir, 'port');
  rmSync(portFile, { force: true });
  const proc = spawn(BIN, ['--db', server.dbUrl, 'serve', '--port', '0', '--port-file', portFile],
    { env: server.env, stdio: ['ignore', 'ignore', 'pipe'] });
  server.stderr = '';
  proc.stderr.on('data', (d) => { server.stderr += d; });
  server.proc = proc;
  for (let i = 0; i < 600; i++) {
    if (existsSync(portFile)) {
      const p = readFileSync(portFile, 'utf8').trim();
      if (p) {
        server.port = Number(p);
        server.base = `http://127.0.0.1:${server.port}`;
        return server;
      }
    }
    if (proc.exitCode !== null) throw new Error(`server exited: ${server.stderr}`);
    await sleep(50);
  }
  throw new Error('server did not start');
}

// Stops the server (SIGTERM, or SIGKILL with hard=true) and waits for it.
export async function stopServer(server, { hard = false, keep = false } = {}) {
  if (server.proc && server.proc.exitCode === null && server.proc.signalCode === null) {
    const done = new Promise((r) => server.proc.once('exit', r));
    server.proc.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await done;
    // A clean stop must be clean: the sanitizer build reports leaks and
    // undefined behaviour on stderr at exit.
    const bad = /AddressSanitizer|LeakSanitizer|runtime error:/.exec(server.stderr);
    if (!hard && (bad || server.proc.exitCode !== 0)) {
      const excerpt = server.stderr.slice(Math.max(0, (bad?.index ?? 0) - 200), (bad?.index ?? 0) + 3000);
      throw new Error(`server did not stop cleanly (exit ${server.proc.exitCode}):\n${excerpt}`);
    }
  }
  if (!keep) {
    if (server.pgName) {
      spawnSync('psql', [process.env.PAGALBA_TEST_PG_URL, '-qAtc', `DROP DATABASE IF EXISTS ${server.pgName} WITH (FORCE)`]);
    }
    rmSync(server.dir, { recursive: true, force: true });
  }
}

export class Client {
  constructor(server, lang = 'lt') {
    this.server = server;
    this.cookie = null;
    this.csrf = null;
    this.lang = lang;
    this.user = null;
  }

  async req(method, path, body, headers = {}) {
    const h = { 'Accept-Language': this.lang, ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        payload = body;
      } else {
        payload = JSON.stringify(body);
      }
      if (!('Content-Type' in h)) h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.server.base + path, { method, headers: h, body: payload });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    const sc = res.headers.get('set-cookie');
    if (sc && sc.startsWith('pagalba_session=')) {
      const v = sc.split(';')[0];
      this.cookie = v === 'pagalba_session=' ? null : v;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  get(path, headers) { return this.req('GET', path, undefined, headers); }
  post(path, body, headers) { return this.req('POST', path, body ?? {}, headers); }
  patch(path, body, headers) { return this.req('PATCH', path, body, headers); }
  put(path, body, headers) { return this.req('PUT', path, body, headers); }
  del(path, headers) { return this.req('DELETE', path, undefined, headers); }

  async login(username, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/session', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    this.csrf = r.json.csrf_token;
    this.user = r.json;
    return r;
  }
}

export async function loginAs(server, role) {
  const c = new Client(server);
  await c.login(USERS[role]);
  return c;
}

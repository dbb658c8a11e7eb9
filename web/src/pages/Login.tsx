import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { setState, type Session } from '../lib/store';
import { navigate } from '../lib/router';
import { t } from '../i18n';
import { LangSwitch } from '../components/LangSwitch';
import { useEffect } from 'preact/hooks';

/** POST /api/v1/session; returns the session or throws ApiError. */
export async function logIn(username: string, password: string): Promise<Session> {
  const r = await api<Session>('/api/v1/session', { method: 'POST', body: { username, password }, noReauth: true });
  return r.data;
}

export function LoginForm({ onDone, fixedUser, idPrefix }: { onDone: (s: Session) => void; fixedUser?: string; idPrefix: string }) {
  const [username, setUsername] = useState(fixedUser || '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      onDone(await logIn(username.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error.network'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate class="login-form">
      <div class="field">
        <label for={idPrefix + '-username'}>{t('login.username')}</label>
        <input id={idPrefix + '-username'} name="username" autoComplete="username" value={username}
          onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)} autoFocus={!fixedUser} spellcheck={false} autoCapitalize="none" />
      </div>
      <div class="field">
        <label for={idPrefix + '-password'}>{t('login.password')}</label>
        <input id={idPrefix + '-password'} name="password" type="password" autoComplete="current-password" value={password}
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} autoFocus={!!fixedUser}
          aria-describedby={error ? idPrefix + '-error' : undefined} />
      </div>
      {error && <p class="error-box" role="alert" id={idPrefix + '-error'}>{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{busy ? t('login.busy') : t('login.submit')}</button>
    </form>
  );
}

export function LoginPage({ next }: { next: string }) {
  useEffect(() => {
    document.title = `${t('login.title')} – ${t('app.name')}`;
  });
  return (
    <div class="login-page">
      <header class="login-top">
        <span class="brand">{t('app.name')}</span>
        <LangSwitch />
      </header>
      <main id="main" class="login-main">
        <h1>{t('login.title')}</h1>
        <p class="muted">{t('login.intro')}</p>
        <LoginForm idPrefix="login" onDone={(s) => {
          setState({ session: s, flash: null });
          navigate(next && next !== '/login' ? next : '/', { replace: true });
        }} />
      </main>
    </div>
  );
}

// Changing one's own password (POST /api/v1/session/password). The server
// ends the user's other sessions; this one stays.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { PageHeading } from '../components/PageHeading';
import { t, hasKey } from '../i18n';

type Errors = { current_password?: string; new_password?: string; repeat?: string };

export function PasswordPage() {
  const [cur, setCur] = useState('');
  const [neu, setNeu] = useState('');
  const [rep, setRep] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);

  function focusFirst(e: Errors) {
    const f = (['current_password', 'new_password', 'repeat'] as const).find((k) => e[k]);
    if (f) setTimeout(() => document.getElementById('pw-' + f)?.focus());
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    setDone(false);
    setGeneral('');
    const e: Errors = {};
    if (!cur) e.current_password = t('err.required');
    if (!neu) e.new_password = t('err.required');
    else if (neu.length < 10) e.new_password = t('err.password.too_short');
    if (neu && rep !== neu) e.repeat = t('pw.mismatch');
    setErrors(e);
    if (Object.keys(e).length) return focusFirst(e);
    setBusy(true);
    try {
      await api('/api/v1/session/password', { method: 'POST', body: { current_password: cur, new_password: neu } });
      setCur('');
      setNeu('');
      setRep('');
      setDone(true);
      setTimeout(() => doneRef.current?.focus());
    } catch (err) {
      if (err instanceof ApiError) {
        const fe: Errors = {};
        for (const [k, v] of Object.entries(err.fields)) {
          const key = 'err.' + v.code;
          if (k === 'current_password' || k === 'new_password') fe[k] = hasKey(key) ? t(key) : v.message;
        }
        setErrors(fe);
        if (!Object.keys(fe).length) setGeneral(err.message);
        focusFirst(fe);
      } else setGeneral(t('error.network'));
    } finally {
      setBusy(false);
    }
  }

  const field = (id: keyof Errors, label: string, value: string, set: (v: string) => void, ac: string, hint?: string) => (
    <div class={'field' + (errors[id] ? ' has-error' : '')}>
      <label for={'pw-' + id}>{label}</label>
      <input id={'pw-' + id} type="password" autoComplete={ac} value={value}
        onInput={(e) => set((e.currentTarget as HTMLInputElement).value)}
        aria-invalid={errors[id] ? 'true' : undefined}
        aria-describedby={[hint ? 'pw-' + id + '-hint' : '', errors[id] ? 'pw-' + id + '-error' : ''].filter(Boolean).join(' ') || undefined} />
      {hint && <div class="hint" id={'pw-' + id + '-hint'}>{hint}</div>}
      {errors[id] && <div class="error-text" id={'pw-' + id + '-error'}>{errors[id]}</div>}
    </div>
  );

  return (
    <section class="narrow">
      <PageHeading title={t('pw.title')}>{t('pw.title')}</PageHeading>
      {done && <p class="flash ok" role="status" tabIndex={-1} ref={doneRef}>{t('pw.done')}</p>}
      <form onSubmit={submit} noValidate>
        {field('current_password', t('pw.current'), cur, setCur, 'current-password')}
        {field('new_password', t('pw.new'), neu, setNeu, 'new-password', t('pw.rules'))}
        {field('repeat', t('pw.repeat'), rep, setRep, 'new-password')}
        {general && <p class="error-box" role="alert">{general}</p>}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{busy ? t('common.saving') : t('pw.submit')}</button>
        </div>
      </form>
    </section>
  );
}

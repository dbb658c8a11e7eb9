// Small form pieces used by the person-part editors and the administration
// screens: a labelled select, a checkbox, a text area, a confirm dialog,
// and turning a server error into messages per field.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../lib/api';
import { hasKey, t } from '../i18n';
import { Dialog } from './Dialog';

export type FieldErrors = Record<string, string>;

/** A message for an error code: ours if we have it, else the server's. */
export function errText(code: string, fallback?: string): string {
  const k = 'err.' + code;
  if (hasKey(k)) return t(k);
  return fallback || t('err.invalid');
}

/** Field errors and a general message from any error thrown by api(). */
export function readError(e: unknown): { fields: FieldErrors; general: string } {
  if (!(e instanceof ApiError)) return { fields: {}, general: t('error.network') };
  const fields: FieldErrors = {};
  for (const [k, fe] of Object.entries(e.fields)) fields[k] = errText(fe.code, fe.message);
  return { fields, general: Object.keys(fields).length ? '' : e.message };
}

export function SelectField({ id, label, value, onChange, options, error, required, hint }: {
  id: string; label: string; value: string; onChange: (v: string) => void;
  options: { value: string; label: string }[]; error?: string; required?: boolean; hint?: string;
}) {
  const describedBy = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={'field' + (error ? ' has-error' : '')}>
      <label for={id}>
        {label}
        {required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <select id={id} name={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} aria-required={required ? 'true' : undefined}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {hint && <div class="hint" id={id + '-hint'}>{hint}</div>}
      {error && <div class="error-text" id={id + '-error'}>{error}</div>}
    </div>
  );
}

export function CheckField({ id, label, checked, onChange, hint, disabled }: {
  id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; disabled?: boolean;
}) {
  return (
    <div class="field check">
      <input type="checkbox" id={id} checked={checked} disabled={disabled} aria-describedby={hint ? id + '-hint' : undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
      {hint && <div class="hint" id={id + '-hint'}>{hint}</div>}
    </div>
  );
}

export function TextArea({ id, label, value, onInput, error, required }: {
  id: string; label: string; value: string; onInput: (v: string) => void; error?: string; required?: boolean;
}) {
  return (
    <div class={'field' + (error ? ' has-error' : '')}>
      <label for={id}>
        {label}
        {required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <textarea id={id} name={id} rows={4} value={value} aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? id + '-error' : undefined} aria-required={required ? 'true' : undefined}
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)} />
      {error && <div class="error-text" id={id + '-error'}>{error}</div>}
    </div>
  );
}

/** Asks before a destructive action; the action's error is shown inside. */
export function ConfirmDialog({ title, text, confirm, onConfirm, onClose }: {
  title: string; text: ComponentChildren; confirm: string; onConfirm: () => Promise<void>; onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function go() {
    setBusy(true);
    setError('');
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      const r = readError(e);
      setError(r.general || Object.values(r.fields)[0] || t('err.invalid'));
      setBusy(false);
    }
  }
  return (
    <Dialog title={title} onClose={onClose} id="confirm">
      <p>{text}</p>
      {error && <p class="error-box" role="alert">{error}</p>}
      <div class="form-actions">
        <button type="button" class="danger" disabled={busy} onClick={go}>{busy ? t('common.saving') : confirm}</button>
        <button type="button" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </Dialog>
  );
}

/** Options from a list of codes with texts under prefix + code. */
export function codeOptions(prefix: string, codes: readonly string[], empty?: string): { value: string; label: string }[] {
  const o = codes.map((c) => {
    const k = prefix + c;
    return { value: c, label: hasKey(k) ? t(k) : c };
  });
  return empty !== undefined ? [{ value: '', label: empty }, ...o] : o;
}

export function codeText(prefix: string, c: string | null | undefined): string {
  if (!c) return '';
  const k = prefix + c;
  return hasKey(k) ? t(k) : c;
}

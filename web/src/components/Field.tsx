// A labelled form field with its hint and error. The error is tied to the
// input by aria-describedby so screen readers read it with the field.
import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string;
  hint?: ComponentChildren;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
  placeholder?: string;
  maxLength?: number;
  disabled?: boolean;
  autoFocus?: boolean;
  onBlur?: () => void;
  lang?: string;
}

export function Field(p: Props) {
  const hintId = p.hint ? p.id + '-hint' : '';
  const errId = p.error ? p.id + '-error' : '';
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={'field' + (p.error ? ' has-error' : '')}>
      <label for={p.id}>
        {p.label}
        {p.required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <input
        id={p.id}
        name={p.id}
        type={p.type || 'text'}
        value={p.value}
        onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)}
        onBlur={p.onBlur}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
        aria-required={p.required ? 'true' : undefined}
        autoComplete={p.autoComplete || 'off'}
        inputMode={p.inputMode}
        placeholder={p.placeholder}
        maxLength={p.maxLength}
        disabled={p.disabled}
        autoFocus={p.autoFocus}
        spellcheck={false}
      />
      {p.hint && <div class="hint" id={hintId}>{p.hint}</div>}
      {p.error && <div class="error-text" id={errId}>{p.error}</div>}
    </div>
  );
}

// A dialog whose form runs a request; the server's field errors show at
// the fields marked with F, and those no field shows go in one box.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Dialog } from './Dialog';
import { readError, type FieldErrors } from './Form';
import { t } from '../i18n';

/** A dialog whose form runs submit; field errors from the server show at the fields. */
export function FormDialog({ id, title, submit, onClose, run, children }: {
  id: string; title: string; submit: string; onClose: () => void; run: () => Promise<unknown>; children: (fe: FieldErrors) => ComponentChildren;
}) {
  const [fe, setFe] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFe({});
    setGeneral('');
    try {
      await run();
      onClose();
    } catch (err) {
      const r = readError(err);
      setFe(r.fields);
      const unplaced = Object.entries(r.fields).filter(([k]) => !document.querySelector(`#${id} [data-field="${CSS.escape(k)}"]`));
      setGeneral(r.general || unplaced.map(([, v]) => v).join(' '));
      setBusy(false);
    }
  }
  return (
    <Dialog title={title} onClose={onClose} id={id}>
      <form class="admin-form" onSubmit={onSubmit} noValidate>
        {children(fe)}
        {general && <p class="error-box" role="alert">{general}</p>}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{busy ? t('common.saving') : submit}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Marks a field wrapper with the server's field name. */
export function F({ name, children }: { name: string; children: ComponentChildren }) {
  return <div data-field={name}>{children}</div>;
}

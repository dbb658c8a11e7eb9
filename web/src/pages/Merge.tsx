// Merging duplicate records (permission person_merge): pick the other
// record, choose which one to keep, confirm, and land on the kept card.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import type { Person } from '../lib/types';
import { fullName } from '../lib/types';
import { setState } from '../lib/store';
import { navigate } from '../lib/router';
import { PageHeading } from '../components/PageHeading';
import { PersonSearch } from '../components/PersonSearch';
import { Dialog } from '../components/Dialog';
import { Facts } from '../components/PersonSections';
import { Link } from '../components/Link';
import { formatDate } from '../lib/format';
import { localName, t } from '../i18n';

async function load(id: number): Promise<Person> {
  return (await api<Person>('/api/v1/persons/' + id)).data;
}

function Candidate({ p, keep, onKeep }: { p: Person; keep: boolean; onKeep: () => void }) {
  return (
    <div class={'merge-col' + (keep ? ' keep' : '')}>
      <h2>{fullName(p)}</h2>
      <Facts rows={[
        [t('person.personal_code'), p.personal_code || ''],
        [t('person.birth_date'), p.birth_date ? formatDate(p.birth_date) : ''],
        [t('person.sex'), p.sex ? t(p.sex === 'M' ? 'sex.M' : 'sex.F') : ''],
        [t('person.phone'), p.phone || ''],
        [t('person.email'), p.email || ''],
        [t('card.departments'), (p.departments || []).map(localName).join(', ')],
        [t('person.created_at'), p.created_at ? formatDate(p.created_at) : ''],
      ]} />
      <div class="field check">
        <input type="radio" name="keep" id={'keep-' + p.id} checked={keep} onChange={onKeep} />
        <label for={'keep-' + p.id}>{t('merge.keep_this')}</label>
      </div>
    </div>
  );
}

export function MergePage({ id }: { id: number }) {
  const [a, setA] = useState<Person | null>(null);
  const [b, setB] = useState<Person | null>(null);
  const [keepId, setKeepId] = useState(id);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    load(id).then(setA).catch((e) => setError(e instanceof ApiError ? e.message : t('error.network')));
  }, [id]);

  async function merge() {
    if (!a || !b) return;
    const keep = keepId === a.id ? a : b;
    const other = keep === a ? b : a;
    setBusy(true);
    try {
      await api<Person>(`/api/v1/persons/${keep.id}/merge`, { method: 'POST', body: { merge_id: other.id } });
      setConfirming(false);
      setState({ flash: { kind: 'ok', text: t('merge.done') } });
      navigate('/persons/' + keep.id);
    } catch (e) {
      setConfirming(false);
      if (e instanceof ApiError) {
        const f = Object.values(e.fields)[0];
        setError(f ? f.message : e.message);
      } else setError(t('error.network'));
    } finally {
      setBusy(false);
    }
  }

  const keep = a && b ? (keepId === a.id ? a : b) : null;
  const other = a && b ? (keep === a ? b : a) : null;
  return (
    <section>
      <PageHeading title={t('merge.title')}>{t('merge.title')}</PageHeading>
      <p>{t('merge.intro')}</p>
      {error && <p class="error-box" role="alert">{error}</p>}
      {a && (
        <PersonSearch id="merge-search" label={t('merge.find_other')} excludeId={a.id}
          onSelect={(p) => load(p.id).then((x) => { setB(x); setError(''); }).catch((e) => setError(e instanceof ApiError ? e.message : t('error.network')))} />
      )}
      {a && b && (
        <>
          <fieldset class="merge-grid">
            <legend>{t('merge.choose')}</legend>
            <Candidate p={a} keep={keepId === a.id} onKeep={() => setKeepId(a.id)} />
            <Candidate p={b} keep={keepId === b.id} onKeep={() => setKeepId(b.id)} />
          </fieldset>
          <div class="form-actions">
            <button type="button" class="primary" onClick={() => setConfirming(true)}>{t('merge.submit')}</button>
            <Link href={'/persons/' + id} class="button">{t('common.cancel')}</Link>
          </div>
        </>
      )}
      {confirming && keep && other && (
        <Dialog id="merge-confirm" title={t('merge.confirm_title')} onClose={() => setConfirming(false)}>
          <p>{t('merge.confirm_text', { keep: fullName(keep), other: fullName(other) })}</p>
          <div class="form-actions">
            <button type="button" class="danger" onClick={merge} disabled={busy}>{t('merge.confirm')}</button>
            <button type="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

// The audit log for auditors: both logs (changes and reads, each its own
// hash chain) merged newest first, filters, "Show more", and a button that
// recomputes both chains (GET /api/v1/audit/verify).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { PageHeading } from '../../components/PageHeading';
import { Field } from '../../components/Field';
import { readError, type FieldErrors } from '../../components/Form';
import { t } from '../../i18n';

interface AuditRow {
  log: 'write' | 'read'; seq: number; ts: string; user_id: number | null; username: string | null; action: string;
  entity: string; entity_id: number | null; ip: string | null; reason: string | null;
}
interface Verify {
  rows: number; last_seq: number; read_rows: number; read_last_seq: number; intact: boolean;
  problem_count: number; problems: { log: 'write' | 'read'; seq: number; kind: string }[];
}

const logName = (log: 'write' | 'read') => t(log === 'write' ? 'audit.log.write' : 'audit.log.read');

const EMPTY = { user_id: '', entity: '', entity_id: '', action: '', from: '', to: '' };

export function AuditPage() {
  const [f, setF] = useState(EMPTY);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState('');
  const [verify, setVerify] = useState<Verify | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState('');

  function load(q: string, cursor?: string | null) {
    const params = q + (q ? '&' : '') + 'limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    api<{ items: AuditRow[]; next_cursor: string | null }>('/api/v1/audit?' + params)
      .then((r) => {
        setRows((old) => (cursor && old ? old.concat(r.data.items) : r.data.items));
        setNext(r.data.next_cursor || null);
        setErrors({});
        setError('');
      })
      .catch((e) => {
        const r = readError(e);
        setErrors(r.fields);
        setError(r.general);
        if (!cursor) setRows([]);
      });
  }
  useEffect(() => load(''), []);

  function submit(e: Event) {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v.trim()) p.set(k, v.trim());
    const q = p.toString();
    setQuery(q);
    setRows(null);
    load(q);
  }

  async function runVerify() {
    setVerifying(true);
    setVerifyError('');
    setVerify(null);
    try {
      const r = await api<Verify>('/api/v1/audit/verify');
      setVerify(r.data);
    } catch (e) {
      setVerifyError(readError(e).general || t('error.network'));
    } finally {
      setVerifying(false);
    }
  }

  const F = (k: keyof typeof EMPTY, label: string, extra: { placeholder?: string; inputMode?: 'numeric' } = {}) => (
    <Field id={'au-' + k} label={label} value={f[k]} onInput={(x) => setF({ ...f, [k]: x })} error={errors[k]} {...extra} />
  );

  return (
    <section>
      <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
      <div class="toolbar">
        <button type="button" class="primary" onClick={runVerify} disabled={verifying}>{verifying ? t('audit.verifying') : t('audit.verify')}</button>
      </div>
      <div role="status" class="verify-result">
        {verify && (verify.intact
          ? <p class="flash ok">{t('audit.intact', { rows: formatNumber(verify.rows), seq: formatNumber(verify.last_seq), reads: formatNumber(verify.read_rows), rseq: formatNumber(verify.read_last_seq) })}</p>
          : (
            <div class="error-box">
              <p>{t('audit.broken', { n: formatNumber(verify.problem_count), rows: formatNumber(verify.rows + verify.read_rows) })}</p>
              <ul>{verify.problems.slice(0, 20).map((p) => <li key={p.log + p.seq}>{t('audit.problem', { log: logName(p.log), seq: p.seq, kind: p.kind })}</li>)}</ul>
            </div>
          ))}
        {verifyError && <p class="error-box">{verifyError}</p>}
      </div>
      <form class="filters" onSubmit={submit} aria-label={t('audit.filters')} noValidate>
        {F('user_id', t('audit.user_id'), { inputMode: 'numeric' })}
        {F('action', t('audit.action'))}
        {F('entity', t('audit.entity'))}
        {F('entity_id', t('audit.entity_id'), { inputMode: 'numeric' })}
        {F('from', t('audit.from'), { placeholder: t('pf.date_placeholder') })}
        {F('to', t('audit.to'), { placeholder: t('pf.date_placeholder') })}
        <div class="form-actions">
          <button type="submit">{t('audit.apply')}</button>
          <button type="button" onClick={() => { setF(EMPTY); setQuery(''); setRows(null); load(''); }}>{t('audit.reset')}</button>
        </div>
      </form>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!rows && <p role="status">{t('common.loading')}</p>}
      {rows && !rows.length && !error && <p class="muted">{t('common.none')}</p>}
      {rows && rows.length > 0 && (
        <div class="table-wrap">
          <table class="table audit">
            <caption class="sr-only">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.log')}</th><th scope="col">{t('audit.seq')}</th><th scope="col">{t('audit.time')}</th><th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.object')}</th><th scope="col">{t('audit.ip')}</th><th scope="col">{t('audit.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.log + r.seq}>
                  <td>{logName(r.log)}</td><td>{r.seq}</td><td>{formatDateTime(r.ts)}</td><td>{r.username || (r.user_id ?? '—')}</td>
                  <td>{r.action}</td><td>{r.entity}{r.entity_id ? ' #' + r.entity_id : ''}</td><td>{r.ip || ''}</td><td>{r.reason || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <p><button type="button" onClick={() => load(query, next)}>{t('parts.more')}</button></p>}
    </section>
  );
}

// The Commission's annual report and the staff-development report of a
// chosen year (report_read): the figures as a table in the interface
// language, with links to the server's CSV and printable page.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { ORDER_KINDS, ORDER_SUBJECTS, type CommissionReport, type StaffDevReport } from '../../lib/childwelfare';
import { PageHeading } from '../../components/PageHeading';
import { codeText, readError } from '../../components/Form';
import { getLang, t } from '../../i18n';
import { CwNav } from './Meetings';
import { query, YearSelect } from './common';

function Downloads({ path, year, name }: { path: string; year: string; name: string }) {
  return (
    <p class="toolbar">
      <a href={`${path}?year=${year}&format=csv`} download class="button">{t('cw.report_csv', { name })}</a>
      <a href={`${path}?year=${year}&format=html`} target="_blank" rel="noopener" class="button">{t('cw.report_print', { name })}</a>
    </p>
  );
}

export function ReportsPage() {
  const [year, setYear] = useState(query().get('year') || String(new Date().getFullYear()));
  const [rep, setRep] = useState<CommissionReport | null>(null);
  const [sd, setSd] = useState<StaffDevReport | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    history.replaceState(null, '', '/child-welfare/reports?year=' + year);
    setRep(null);
    setSd(null);
    setError('');
    api<CommissionReport>('/api/v1/reports/commission?year=' + year).then((r) => setRep(r.data)).catch((e) => setError(readError(e).general));
    api<StaffDevReport>('/api/v1/reports/staff-development?year=' + year).then((r) => setSd(r.data)).catch((e) => setError(readError(e).general));
  }, [year]);
  const title = t('cw.reports');
  const n = (k: string, s: string) => rep?.orders.find((o) => o.kind === k && o.subject === s)?.n ?? 0;
  const short = sd ? sd.workers.filter((w) => w.short).length : 0;
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <CwNav />
      <div class="toolbar"><YearSelect id="rp-year" value={year} onChange={setYear} /></div>
      {error && <p class="error-box" role="alert">{error}</p>}
      <section aria-labelledby="rp-com-h">
        <h2 id="rp-com-h">{t('cw.report_commission', { year })}</h2>
        {!rep && !error && <p role="status">{t('common.loading')}</p>}
        {rep && (
          <>
            <p>{getLang() === 'en' ? rep.summary_en : rep.summary_lt}</p>
            <div class="table-wrap">
              <table class="table cw-report">
                <caption class="sr-only">{t('cw.report_commission', { year })}</caption>
                <thead><tr><th scope="col">{t('cw.indicator')}</th><th scope="col">{t('cw.count')}</th></tr></thead>
                <tbody>
                  <tr><th scope="row">{t('cw.r_meetings')}</th><td>{formatNumber(rep.meetings)}</td></tr>
                  <tr><th scope="row">{t('cw.r_questions')}</th><td>{formatNumber(rep.questions)}</td></tr>
                  {ORDER_KINDS.flatMap((k) => ORDER_SUBJECTS.map((s) => (
                    <tr key={k + s}><th scope="row">{t('cw.r_orders', { kind: codeText('cw.okind.', k), subject: codeText('cw.osubject.', s) })}</th><td>{formatNumber(n(k, s))}</td></tr>
                  )))}
                  <tr><th scope="row">{t('cw.r_orders_total')}</th><td>{formatNumber(rep.orders_total)}</td></tr>
                  <tr><th scope="row">{t('cw.r_running')}</th><td>{formatNumber(rep.measures_running)}</td></tr>
                  <tr><th scope="row">{t('cw.r_ended')}</th><td>{formatNumber(rep.measures_ended)}</td></tr>
                  <tr><th scope="row">{t('cw.r_eval', { result: codeText('cw.eval.', 'carried_out') })}</th><td>{formatNumber(rep.evaluations.carried_out)}</td></tr>
                  <tr><th scope="row">{t('cw.r_eval', { result: codeText('cw.eval.', 'partly') })}</th><td>{formatNumber(rep.evaluations.partly)}</td></tr>
                  <tr><th scope="row">{t('cw.r_eval', { result: codeText('cw.eval.', 'not_carried_out') })}</th><td>{formatNumber(rep.evaluations.not_carried_out)}</td></tr>
                </tbody>
              </table>
            </div>
            <Downloads path="/api/v1/reports/commission" year={year} name={t('cw.report_commission_short')} />
          </>
        )}
      </section>
      <section aria-labelledby="rp-sd-h">
        <h2 id="rp-sd-h">{t('cw.report_staffdev', { year })}</h2>
        {!sd && !error && <p role="status">{t('common.loading')}</p>}
        {sd && (
          <>
            <p>{t('cw.staffdev_summary', { norm: sd.norm_hours, short, n: sd.workers.length })}</p>
            <div class="table-wrap">
              <table class="table">
                <caption class="sr-only">{t('cw.report_staffdev', { year })}</caption>
                <thead><tr><th scope="col">{t('cw.worker')}</th><th scope="col">{t('cw.department')}</th><th scope="col">{t('cw.hours')}</th><th scope="col">{t('cw.norm_met')}</th></tr></thead>
                <tbody>
                  {sd.workers.map((w) => (
                    <tr key={w.staff_id}>
                      <th scope="row">{w.name}</th><td>{w.department}</td><td>{w.hours}</td>
                      <td>{w.short ? <strong class="bad-text">{t('cw.short')}</strong> : t('common.yes')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Downloads path="/api/v1/reports/staff-development" year={year} name={t('cw.report_staffdev_short')} />
          </>
        )}
      </section>
    </section>
  );
}

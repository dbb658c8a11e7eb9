// The cases section of the person card: the person's cases with their
// state and what falls due, and "New application" for case writers.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { can } from '../lib/store';
import type { CaseListItem } from '../lib/cases';
import { Link } from './Link';
import { Section } from './PersonSections';
import { codeText, readError } from './Form';
import { t } from '../i18n';

export function dueText(c: { decision_due: string | null; contract_due: string | null; review_due: string | null }): string {
  if (c.decision_due) return t('case.decision_due', { date: c.decision_due });
  if (c.contract_due) return t('case.contract_due', { date: c.contract_due });
  if (c.review_due) return t('case.review_due', { date: c.review_due });
  return '';
}

export function PersonCases({ personId }: { personId: number }) {
  const [rows, setRows] = useState<CaseListItem[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ items: CaseListItem[] }>('/api/v1/cases?person_id=' + personId + '&limit=50')
      .then((r) => setRows(r.data.items)).catch((e) => setError(readError(e).general));
  }, [personId]);
  return (
    <Section id="cases" title={t('case.section')} count={rows?.length}>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!rows && !error && <p role="status">{t('common.loading')}</p>}
      {rows && rows.length === 0 && <p class="muted">{t('case.none')}</p>}
      {rows && rows.length > 0 && (
        <ul class="plain">
          {rows.map((c) => (
            <li key={c.id}>
              <Link href={'/cases/' + c.id}>{t('case.title_short', { id: c.id })}</Link>
              {' · '}<span class={'status status-' + c.status}>{codeText('case.status.', c.status)}</span>
              {' · '}<span class="muted">{t('case.opened', { date: c.opened_on })}</span>
              {dueText(c) && <div class="muted small-text">{dueText(c)}</div>}
            </li>
          ))}
        </ul>
      )}
      {can('case_write') && <p><Link href={'/cases/new?person=' + personId} class="button">{t('case.new_application')}</Link></p>}
    </Section>
  );
}

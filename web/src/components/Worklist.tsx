// The worker's worklist on the home page: decisions and contracts due,
// plans and cases to review, tasks; overdue first (the server orders
// them). Each row is one link to the case. The director, who sees every
// department, may narrow it to one.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import type { WorklistItem } from '../lib/cases';
import { useDepartments } from '../lib/org';
import { useStore } from '../lib/store';
import { Link } from './Link';
import { codeText, readError } from './Form';
import { localName, t } from '../i18n';

export function Worklist() {
  const [items, setItems] = useState<WorklistItem[] | null>(null);
  const [today, setToday] = useState('');
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState('');
  const director = useStore((s) => s.session?.role === 'director');
  const deps = useDepartments(director);
  const [dept, setDept] = useState('');
  useEffect(() => {
    setItems(null);
    setError('');
    api<{ items: WorklistItem[]; today: string; truncated: boolean }>('/api/v1/worklist?within_days=30&limit=100' + (dept ? '&department_id=' + dept : ''))
      .then((r) => { setItems(r.data.items); setToday(r.data.today); setTruncated(r.data.truncated); })
      .catch((e) => setError(readError(e).general));
  }, [dept]);
  const overdue = (items || []).filter((i) => i.overdue).length;
  return (
    <section aria-labelledby="worklist-h" class="worklist">
      <h2 id="worklist-h">{t('wl.title')}</h2>
      {director && deps.length > 0 && (
        <p class="wl-filter">
          <label for="wl-dept">{t('wl.department')}</label>{' '}
          <select id="wl-dept" value={dept} onChange={(e) => setDept((e.target as HTMLSelectElement).value)}>
            <option value="">{t('wl.all_departments')}</option>
            {deps.map((d) => <option key={d.id} value={String(d.id)}>{localName(d)}</option>)}
          </select>
        </p>
      )}
      {error && <p class="error-box" role="alert">{error}</p>}
      {!items && !error && <p role="status">{t('common.loading')}</p>}
      {items && (
        <p class="muted">{items.length ? t('wl.summary', { n: items.length, overdue, today }) : t('wl.empty', { today })}</p>
      )}
      {items && items.length > 0 && (
        <ul class="plain wl-list">
          {items.map((i, n) => {
            const what = i.kind === 'task' && i.task_title ? t('wl.task_named', { title: i.task_title }) : codeText('wl.kind.', i.kind);
            const label = [what, i.person_name].filter(Boolean).join(' – ');
            return (
              <li key={n} class={i.overdue ? 'wl-item overdue' : 'wl-item'}>
                <span class={i.overdue ? 'badge bad' : 'badge'}>
                  {i.overdue ? t('wl.overdue', { n: i.days }) : i.days === 0 ? t('wl.today') : t('wl.in_days', { n: i.days })}
                </span>
                <span class="wl-what">
                  {i.case_id ? <Link href={'/cases/' + i.case_id}>{label}</Link> : label}
                  {i.services && i.services.length > 0 && <div class="muted small-text">{i.services.map((s) => localName(s)).join('; ')}</div>}
                </span>
                <span class="wl-due">{t('wl.due', { date: i.due_on })}</span>
              </li>
            );
          })}
        </ul>
      )}
      {truncated && <p class="muted">{t('wl.truncated')}</p>}
    </section>
  );
}

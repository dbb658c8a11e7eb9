// All persons the user may see, in Lithuanian alphabetical order, a page
// at a time (GET /api/v1/persons?limit&cursor).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import type { PersonSummary } from '../lib/types';
import { fullName } from '../lib/types';
import { PageHeading } from '../components/PageHeading';
import { Link } from '../components/Link';
import { formatDate, formatNumber } from '../lib/format';
import { t } from '../i18n';

const PAGE = 25;

export function PersonListPage() {
  // cursors[i] is the cursor that fetched page i (page 0 has none).
  const [cursors, setCursors] = useState<string[]>(['']);
  const [page, setPage] = useState(0);
  const [items, setItems] = useState<PersonSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    const c = cursors[page];
    setItems(null);
    api<{ items: PersonSummary[]; next_cursor?: string | null }>(`/api/v1/persons?limit=${PAGE}${c ? '&cursor=' + encodeURIComponent(c) : ''}`)
      .then((r) => {
        if (!live) return;
        setItems(r.data.items);
        setNext(r.data.next_cursor || null);
        setError('');
      })
      .catch((e) => live && setError(e instanceof ApiError ? e.message : t('error.network')));
    return () => {
      live = false;
    };
  }, [page]);

  // The rows go with the page change, in the same render: otherwise the
  // new range would show over the old page's rows until the fetch starts.
  function go(p: number) {
    setItems(null);
    setPage(p);
  }
  function goNext() {
    if (!next) return;
    setCursors((cs) => [...cs.slice(0, page + 1), next]);
    go(page + 1);
  }

  const from = page * PAGE + 1;
  return (
    <section>
      <PageHeading title={t('list.title')}>{t('list.title')}</PageHeading>
      {error && <p class="error-box" role="alert">{error}</p>}
      {!items && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p>{t('list.empty')}</p>}
      {items && items.length > 0 && (
        <>
          <p class="muted" role="status">
            {t('list.range', { from: formatNumber(from), to: formatNumber(from + items.length - 1) })}
          </p>
          <table class="table">
            <caption class="sr-only">{t('list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('person.birth_date')}</th>
                <th scope="col">{t('person.sex')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={'/persons/' + p.id}>{fullName(p)}</Link>
                    {!p.identified && <span class="badge">{t('person.not_identified_short')}</span>}
                  </td>
                  <td>{p.birth_date ? formatDate(p.birth_date) : '—'}</td>
                  <td>{p.sex ? t(p.sex === 'M' ? 'sex.M' : 'sex.F') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <nav class="pager" aria-label={t('list.pages')}>
        <button type="button" onClick={() => go(page - 1)} disabled={page === 0}>{t('list.prev')}</button>
        <span>{t('list.page', { n: formatNumber(page + 1) })}</span>
        <button type="button" onClick={goNext} disabled={!next}>{t('list.next')}</button>
      </nav>
    </section>
  );
}

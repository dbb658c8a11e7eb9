// Search as you type: a combobox over POST /api/v1/persons/search.
// Requests are debounced (150 ms) and a newer request aborts the older,
// so the list always matches what is in the box. ↑/↓ move through the
// results, Enter opens one, Esc closes the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, isAbort, ApiError } from '../lib/api';
import type { PersonSummary } from '../lib/types';
import { fullName } from '../lib/types';
import { t } from '../i18n';
import { formatDate, formatNumber } from '../lib/format';

const DEBOUNCE_MS = 150;

interface Props {
  id: string;
  label: string;
  onSelect: (p: PersonSummary) => void;
  /** Hides one person (e.g. the record being merged into). */
  excludeId?: number;
  autoFocus?: boolean;
}

export function PersonSearch({ id, label, onSelect, excludeId, autoFocus }: Props) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<PersonSummary[] | null>(null);
  const [shownFor, setShownFor] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const ctrl = useRef<AbortController | null>(null);

  useEffect(() => () => {
    clearTimeout(timer.current);
    ctrl.current?.abort();
  }, []);

  function run(q: string) {
    ctrl.current?.abort();
    const c = new AbortController();
    ctrl.current = c;
    api<{ items: PersonSummary[] }>('/api/v1/persons/search', { method: 'POST', body: { query: q, limit: 20 }, signal: c.signal })
      .then((r) => {
        if (c.signal.aborted) return;
        const list = r.data.items.filter((p) => p.id !== excludeId);
        setItems(list);
        setShownFor(q);
        setActive(list.length ? 0 : -1);
        setOpen(true);
        setError('');
      })
      .catch((e) => {
        if (isAbort(e) || c.signal.aborted) return;
        setError(e instanceof ApiError ? e.message : t('error.network'));
      });
  }

  function onInput(v: string) {
    setQuery(v);
    clearTimeout(timer.current);
    const q = v.trim();
    if (q.length < 2) {
      ctrl.current?.abort();
      setItems(null);
      setShownFor('');
      setOpen(false);
      setActive(-1);
      return;
    }
    timer.current = window.setTimeout(() => run(q), DEBOUNCE_MS);
  }

  function onKeyDown(e: KeyboardEvent) {
    const n = items?.length || 0;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && items) setOpen(true);
      if (n) setActive((a) => (a + 1) % n);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (n) setActive((a) => (a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter') {
      if (open && items && active >= 0 && active < n) {
        e.preventDefault();
        onSelect(items[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      }
    }
  }

  const listId = id + '-results';
  const optId = (i: number) => `${id}-opt-${i}`;
  const expanded = open && !!items && items.length > 0;
  let status = '';
  if (items && shownFor) status = items.length ? t('search.count', { n: formatNumber(items.length) }) : t('search.none');

  return (
    <div class="search">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optId(active) : undefined}
        aria-describedby={id + '-help'}
        value={query}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellcheck={false}
        autoFocus={autoFocus}
      />
      <div class="hint" id={id + '-help'}>{t('search.help')}</div>
      <div class="sr-status" role="status" aria-live="polite">{error || status}</div>
      <ul id={listId} role="listbox" aria-label={t('search.results')} class="results" hidden={!expanded} data-query={shownFor}>
        {expanded &&
          items!.map((p, i) => (
            <li
              key={p.id}
              id={optId(i)}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onSelect(p)}
              onMouseMove={() => setActive(i)}
            >
              <span class="name">{fullName(p)}</span>
              <span class="meta">
                {p.birth_date ? formatDate(p.birth_date) : t('person.birth_unknown')}
                {p.sex && ' · ' + t(p.sex === 'M' ? 'sex.M' : 'sex.F')}
                {!p.identified && ' · ' + t('person.not_identified_short')}
              </span>
            </li>
          ))}
      </ul>
    </div>
  );
}

// Lists of the organisation that many screens need: every page of a
// list, and the departments.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { Page } from './types';

/** Every page of a keyset-paged list (at most 20 pages of 200). */
export async function fetchAll<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null | undefined = null;
  for (let i = 0; i < 20; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const r: { data: Page<T> } = await api<Page<T>>(path + sep + 'limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    out.push(...r.data.items);
    cursor = r.data.next_cursor;
    if (!cursor) break;
  }
  return out;
}

export interface Department { id: number; code: string; name_lt: string; name_en: string; active: boolean; version: number }

/** The departments, fetched once per use; none while `enabled` is false. */
export function useDepartments(enabled = true) {
  const [deps, setDeps] = useState<Department[]>([]);
  useEffect(() => {
    if (enabled) fetchAll<Department>('/api/v1/departments').then(setDeps).catch(() => setDeps([]));
  }, [enabled]);
  return deps;
}

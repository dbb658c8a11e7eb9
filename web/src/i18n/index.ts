// The one place user-visible text comes from. Lithuanian is the default;
// the choice is remembered in localStorage.
import { lt, type MessageKey } from './lt';
import { en } from './en';

export type Lang = 'lt' | 'en';
export type { MessageKey };

const KEY = 'pagalba.lang';
const dicts: Record<Lang, Record<MessageKey, string>> = { lt, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'lt';
  } catch {
    return 'lt';
  }
}

let lang: Lang = initialLang();
const listeners = new Set<() => void>();
document.documentElement.lang = lang;

export function getLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = l;
  listeners.forEach((f) => f());
}

export function onLangChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** Text for key; {name} placeholders are filled from vars. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  let s = dicts[lang][key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

/** Whether a key exists (for codes that come from the server). */
export function hasKey(key: string): key is MessageKey {
  return key in dicts[lang];
}

/** Picks name_lt or name_en from a server row. */
export function localName(row: { name_lt?: string; name_en?: string }): string {
  return (lang === 'en' ? row.name_en : row.name_lt) || row.name_lt || row.name_en || '';
}

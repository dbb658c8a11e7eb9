// History-API routing. The server answers every path without a dot with
// index.html, so deep links and reloads work.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();
/** Set by navigate(): the next page moves focus to its heading. */
export let focusOnNavigate = false;

export function currentPath(): string {
  return location.pathname + location.search;
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  focusOnNavigate = true;
  window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

export function consumeFocusRequest(): boolean {
  const f = focusOnNavigate;
  focusOnNavigate = false;
  return f;
}

window.addEventListener('popstate', () => {
  focusOnNavigate = true;
  listeners.forEach((l) => l());
});

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const l = () => setPath(currentPath());
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return path;
}

/** Click handler for in-app links: plain clicks navigate without a reload. */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.currentTarget as HTMLAnchorElement);
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  if (a.target && a.target !== '_self') return;
  e.preventDefault();
  navigate(a.getAttribute('href') || '/');
}

// The page's h1. It sets the document title and takes focus after an
// in-app navigation, so screen-reader and keyboard users land on the new
// page rather than on the link they left.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { consumeFocusRequest } from '../lib/router';
import { t } from '../i18n';

export function PageHeading({ children, title, focus }: { children: ComponentChildren; title: string; focus?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title]);
  useEffect(() => {
    if (!consumeFocusRequest()) return;
    const target = focus ? document.querySelector<HTMLElement>(focus) : null;
    (target || ref.current)?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref} id="page-title">
      {children}
    </h1>
  );
}

// The child-welfare screens are a chunk of their own: this small loader
// (in the main bundle) fetches it once, then renders synchronously.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';

type CwModule = typeof import('./index');
let mod: CwModule | null = null;
let loading: Promise<CwModule> | null = null;

export function cwScreen<K extends keyof CwModule>(name: K): FunctionComponent<any> {
  return function CwScreen(props: any) {
    const [, setReady] = useState(!!mod);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (mod) return;
      loading = loading || import('./index');
      loading.then((m) => { mod = m; setReady(true); }).catch(() => { loading = null; setFailed(true); });
    }, []);
    if (failed) return <p class="error-box" role="alert">{t('error.network')}</p>;
    if (!mod) return <p role="status">{t('common.loading')}</p>;
    const C = mod[name] as unknown as FunctionComponent<any>;
    return <C {...props} />;
  };
}

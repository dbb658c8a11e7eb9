// Screens loaded on first use: the module is fetched once, then rendered
// synchronously; until then a loading line (or the load error) is shown.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

type CasesModule = typeof import('../pages/cases');
let mod: CasesModule | null = null;
let loading: Promise<CasesModule> | null = null;

export function casesScreen<K extends keyof CasesModule>(name: K): FunctionComponent<any> {
  return function CasesScreen(props: any) {
    const [, setReady] = useState(!!mod);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (mod) return;
      loading = loading || import('../pages/cases');
      loading.then((m) => { mod = m; setReady(true); }).catch(() => { loading = null; setFailed(true); });
    }, []);
    if (failed) return <p class="error-box" role="alert">{t('error.network')}</p>;
    if (!mod) return <p role="status">{t('common.loading')}</p>;
    const C = mod[name] as unknown as FunctionComponent<any>;
    return <C {...props} />;
  };
}

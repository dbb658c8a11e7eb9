import { getLang, setLang, t } from '../i18n';

// Shows the other language's name in that language, so a user who cannot
// read the current one still finds the switch.
export function LangSwitch() {
  const other = getLang() === 'lt' ? 'en' : 'lt';
  return (
    <button type="button" class="lang-switch" onClick={() => setLang(other)} lang={other} aria-label={t('lang.switch_label')}>
      {t('lang.other')}
    </button>
  );
}

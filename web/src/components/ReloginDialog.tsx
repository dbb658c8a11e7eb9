// Shown over the current screen when the session has expired: the screen
// underneath (and whatever was typed into it) stays as it is, and the call
// that failed is repeated after the user logs in again.
import { Dialog } from './Dialog';
import { LoginForm } from '../pages/Login';
import { reauthCancelled, reauthDone, ApiError } from '../lib/api';
import { getState } from '../lib/store';
import { t } from '../i18n';

export function ReloginDialog() {
  const prev = getState().session;
  return (
    <Dialog id="relogin" title={t('relogin.title')} initialFocus="#relogin-password"
      onClose={() => reauthCancelled(new ApiError(401, 'unauthorized', t('relogin.cancelled')))}>
      <p>{t('relogin.text')}</p>
      <LoginForm idPrefix="relogin" fixedUser={prev?.username} onDone={(s) => {
        if (prev && s.user_id !== prev.user_id) {
          // Someone else logged in: nothing of the previous user's screen may stay.
          window.location.assign('/');
          return;
        }
        reauthDone(s);
      }} />
      <button type="button" class="link-button" onClick={() => reauthCancelled(new ApiError(401, 'unauthorized', t('relogin.cancelled')))}>
        {t('common.cancel')}
      </button>
    </Dialog>
  );
}

import { useEffect, useState } from 'react';
import { useText } from '../i18n/text.js';
import { useConnection } from '../state/connection.js';
import { commonText } from './common-text.js';

/**
 * Shown while the real-time channel is down: the app still works on what it last had (kept
 * on this device, so also after a restart), but is not live, and says so.
 */
export function ConnectionBanner() {
  const t = useText(commonText);
  const { status, retryAt, reconnect } = useConnection();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (status !== 'offline') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status]);
  if (status !== 'offline') return null;
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : null;
  return (
    <div className="connection-banner" role="status">
      <span>{seconds === null ? t('offline') : t('offlineIn', { seconds })}</span>
      <span className="connection-stale">{t('stale')}</span>
      <button type="button" onClick={reconnect}>
        {t('reconnectNow')}
      </button>
    </div>
  );
}

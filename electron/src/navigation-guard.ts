/**
 * Where the app's window may go. The window shows the app's own origin and nothing
 * else: new windows are never opened inside the app, and an http(s) link the user
 * clicks opens in the system browser instead.
 */
export type WindowOpenDecision = { action: 'deny'; openExternally: string | null };

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** For `setWindowOpenHandler`: always deny; hand web links to the system browser. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const target = parse(url);
  return { action: 'deny', openExternally: target && EXTERNAL_PROTOCOLS.has(target.protocol) ? target.href : null };
}

/** For `will-navigate` / `will-redirect`: only the app's own origin may be shown. */
export function isAppNavigation(url: string, appOrigin: string): boolean {
  return parse(url)?.origin === appOrigin;
}

/**
 * The app asks for two permissions, only for its own pages: to show notifications, and the
 * microphone while a voice message is recorded (`media` for audio alone: never the camera,
 * never a request that does not say what it wants).
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  appOrigin: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (!isAppNavigation(requestingUrl, appOrigin)) return false;
  if (permission === 'notifications') return true;
  return permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
}

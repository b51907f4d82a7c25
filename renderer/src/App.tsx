import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTokenForRequests } from './api/http.js';
import { RealtimeConnection } from './realtime/connection.js';
import { useSession, useSessionRestored } from './state/session.js';
import { useThemeAndLanguage } from './theme.js';
import { SignInScreen } from './features/auth/SignInScreen.js';
import { AppShell } from './features/shell/AppShell.js';
import { useDeviceData } from './features/shell/device-data.js';

/** Signed out: the sign-in screen. Signed in: the app, with its real-time channel open. */
export function App() {
  useThemeAndLanguage();
  const restored = useSessionRestored();
  const token = useSession((s) => s.token);
  const userId = useSession((s) => s.user?.id ?? null);
  const signOut = useSession((s) => s.signOut);
  const queryClient = useQueryClient();
  useTokenForRequests(token, signOut);
  const deviceReady = useDeviceData(restored ? userId : undefined, queryClient);

  useEffect(() => {
    if (!token) {
      queryClient.clear();
      return;
    }
    if (!deviceReady) return;
    const connection = new RealtimeConnection(token, queryClient);
    connection.start();
    return () => connection.stop();
  }, [token, queryClient, deviceReady]);

  if (!restored) return null; // the desktop app's session is on its way from the main process
  if (!token) return <SignInScreen />;
  // The last known state is read from this device first (milliseconds), so the app opens on it.
  return deviceReady ? <AppShell /> : null;
}

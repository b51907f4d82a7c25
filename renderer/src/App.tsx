import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTokenForRequests } from './api/http.js';
import { RealtimeConnection } from './realtime/connection.js';
import { useSession, useSessionRestored } from './state/session.js';
import { useThemeAndLanguage } from './theme.js';
import { SignInScreen } from './features/auth/SignInScreen.js';
import { AppShell } from './features/shell/AppShell.js';

/** Signed out: the sign-in screen. Signed in: the app, with its real-time channel open. */
export function App() {
  useThemeAndLanguage();
  const restored = useSessionRestored();
  const token = useSession((s) => s.token);
  const signOut = useSession((s) => s.signOut);
  const queryClient = useQueryClient();
  useTokenForRequests(token, signOut);

  useEffect(() => {
    if (!token) {
      queryClient.clear();
      return;
    }
    const connection = new RealtimeConnection(token, queryClient);
    connection.start();
    return () => connection.stop();
  }, [token, queryClient]);

  if (!restored) return null; // the desktop app's session is on its way from the main process
  return token ? <AppShell /> : <SignInScreen />;
}

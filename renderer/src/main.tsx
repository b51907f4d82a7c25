import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { useSession } from './state/session.js';
import { readKeptQueriesAhead } from './state/kept-queries.js';
import './styles.css';

/** When the app's own code starts (after the page and its script have loaded): start-up is timed from here. */
performance.mark('app-start');

// A browser's saved session is known at once (the desktop app's comes later from its main process).
const savedUser = useSession.persist.hasHydrated() ? useSession.getState().user : null;
if (savedUser) readKeptQueriesAhead(savedUser.id);

const queryClient = new QueryClient({
  defaultOptions: {
    // Live events keep the cache fresh; refetching on focus would only add load.
    queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 },
  },
});

/**
 * The bundled Chinese face arrives in pieces, as characters first appear. Chromium may keep
 * the boxes it drew for text laid out while the pieces it needs were on their way, even once
 * they are there; text shaped again gets the real glyphs. So once a frame has been drawn
 * after a batch of pieces loaded, a font setting that changes nothing on screen flips
 * (styles.css), and the text is shaped once more.
 */
const afterNextFrame = (then: () => void) => requestAnimationFrame(() => requestAnimationFrame(then));
document.fonts.addEventListener('loadingdone', () =>
  afterNextFrame(() => {
    const root = document.documentElement;
    root.dataset.fontPass = root.dataset.fontPass === 'odd' ? 'even' : 'odd';
  }),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);

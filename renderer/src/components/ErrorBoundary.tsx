import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translator } from '../i18n/text.js';
import { useSettings } from '../state/settings.js';
import { commonText } from './common-text.js';

interface State {
  error: Error | null;
}

/** Instead of a white screen: what happened, and a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The interface failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const t = translator(commonText, useSettings.getState().language);
    return (
      <main className="crash" role="alert">
        <h1>{t('crashTitle')}</h1>
        <p>{t('crashDetail')}</p>
        <pre>{this.state.error.message}</pre>
        <button type="button" onClick={() => location.reload()}>
          {t('reload')}
        </button>
      </main>
    );
  }
}

import { useText } from '../../i18n/text.js';
import { actionsText } from './message-actions-text.js';
import './message-actions.css';

/** The file's kind, from its name's extension, for the card's label ("PDF", "ZIP"). */
export function fileKind(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1, dot + 5).toUpperCase() : '';
}

/**
 * A file message: its kind, its name and a download link that saves it under that name.
 * The message carries no size, so none is shown. A recalled file has no link.
 */
export function FileCard({ name, url }: { name: string | null; url: string | null }) {
  const t = useText(actionsText);
  const shown = name || t('fileFallback');
  return (
    <span className="file-card">
      <span className="file-icon" aria-hidden="true">
        <svg viewBox="0 0 24 28" width="28" height="32" focusable="false">
          <path d="M3 1h12l6 6v20H3z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
          <path d="M15 1v6h6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        <span className="file-kind">{fileKind(shown)}</span>
      </span>
      <span className="file-name">
        <bdi>{shown}</bdi>
      </span>
      {url && (
        <a className="file-download" href={url} download={shown} aria-label={t('download', { name: shown })}>
          <span aria-hidden="true">⤓</span>
        </a>
      )}
    </span>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { useText } from '../i18n/text.js';
import { useSettings } from '../state/settings.js';
import { isTyping, matchesShortcut, useDeclaredShortcuts } from './shortcuts.js';
import { useUndoOffer } from './undo-offer.js';
import { undoText } from './undo-text.js';

/**
 * Long enough to read the line and reach the button; the time stops while the pointer or the
 * focus is on the toast. A failed undo stays until dismissed.
 */
export const UNDO_SHOWN_MS = 6000;
export const UNDO_KEYS = 'Control+Z Meta+Z';

const NO_SHORTCUTS: [] = [];

/**
 * The last undoable action and its Undo button, in a polite live region. Ctrl/Cmd+Z undoes it
 * while it shows, except in a text field, where those keys undo the typing.
 */
export function UndoToast() {
  const t = useText(undoText);
  const language = useSettings((s) => s.language);
  const { offer, undoNow, dismiss } = useUndoOffer();
  const phase = offer?.phase;
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    if ((phase !== 'offered' && phase !== 'undone') || hovered || focused) return;
    const timer = setTimeout(dismiss, UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [offer?.key, phase, hovered, focused, dismiss]);

  const offered = phase === 'offered';
  useEffect(() => {
    if (!offered) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event) || !matchesShortcut(event, UNDO_KEYS)) return;
      event.preventDefault();
      void undoNow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [offered, undoNow]);
  const undoLabel = t('undo');
  const shortcuts = useMemo(
    () => (offered ? [{ keys: UNDO_KEYS, label: undoLabel }] : NO_SHORTCUTS),
    [offered, undoLabel],
  );
  useDeclaredShortcuts(shortcuts);

  return (
    // Present before it has anything to say, so screen readers announce what appears in it.
    <div className="undo-toast-slot" role="status" aria-live="polite">
      {offer && (
        <div
          className={`undo-toast${phase === 'failed' ? ' failed' : ''}`}
          onPointerEnter={() => setHovered(true)}
          onPointerLeave={() => setHovered(false)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        >
          <span>
            {phase === 'undone'
              ? t('undone')
              : phase === 'failed'
                ? t('undoFailed', { reason: offer.reason ?? '' })
                : offer.done(language)}
          </span>
          {(phase === 'offered' || phase === 'undoing') && (
            <button
              type="button"
              aria-keyshortcuts={UNDO_KEYS}
              disabled={phase === 'undoing'}
              onClick={() => void undoNow()}
            >
              {phase === 'undoing' ? t('undoing') : t('undo')}
            </button>
          )}
          <button type="button" className="undo-toast-close" aria-label={t('dismiss')} onClick={dismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

import { useEffect, useRef, useState, type RefObject } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { currentShortcuts, isTyping, matchesShortcut, type Shortcut } from '../../components/shortcuts.js';
import { useText } from '../../i18n/text.js';
import { shellText } from './shell-text.js';
import './shortcut-map.css';

/** `?` (Shift+/ on most layouts) opens the map; typed into a field it is just a question mark. */
export const MAP_KEYS = '?';

const KEY_NAMES: Record<string, string> = { Control: 'Ctrl', Meta: '⌘', ArrowUp: '↑', ArrowDown: '↓' };
const keyName = (key: string) => KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);

/** "Control+A Meta+A" as people read it: Ctrl+A or ⌘+A, each key in its own `<kbd>`. */
function Keys({ keys }: { keys: string }) {
  const t = useText(shellText);
  return keys.split(' ').map((alternative, index) => (
    <span key={alternative}>
      {index > 0 && ` ${t('or')} `}
      {alternative.split('+').map((key, at) => (
        <span key={key}>
          {at > 0 && '+'}
          <kbd>{keyName(key)}</kbd>
        </span>
      ))}
    </span>
  ));
}

/**
 * Tab and Shift+Tab go round the dialog's own controls. A modal `<dialog>` keeps focus off
 * the page, but from its last control the browser would move it to its own toolbar.
 */
function useTabWithin(inside: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const dialog = inside.current?.closest('dialog');
    if (!dialog) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
      const stops = [...dialog.querySelectorAll<HTMLElement>('button:not(:disabled), [tabindex="0"]')];
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = stops[(at + (event.shiftKey ? -1 : 1) + stops.length) % stops.length];
      if (!next) return;
      event.preventDefault();
      next.focus();
    };
    dialog.addEventListener('keydown', onKey);
    return () => dialog.removeEventListener('keydown', onKey);
  }, [inside]);
}

/**
 * The keyboard map: `?` lists every shortcut of the screen as it is now, gathered from
 * where each is defined (the parts that declare their keys, and every control that names
 * its own), so the map cannot drift from what the keys do.
 */
export function ShortcutMap() {
  const [shown, setShown] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTyping(event) || !matchesShortcut(event, MAP_KEYS)) return;
      event.preventDefault();
      setShown(currentShortcuts());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!shown) return null;
  return <MapDialog shown={shown} onClose={() => setShown(null)} />;
}

function MapDialog({ shown, onClose }: { shown: Shortcut[]; onClose: () => void }) {
  const t = useText(shellText);
  const list = useRef<HTMLDivElement>(null);
  useTabWithin(list);
  return (
    <Dialog title={t('shortcutMap')} closeButton className="shortcut-map" onClose={onClose}>
      {/* Focusable, so the keyboard can scroll a long list too. */}
      <div ref={list} className="shortcut-list" role="region" aria-label={t('shortcutMap')} tabIndex={0}>
        <dl data-shortcuts-declared="">
          {shown.map(({ keys, label }) => (
            <div key={`${keys}\n${label}`}>
              <dt>
                <Keys keys={keys} />
              </dt>
              <dd>{label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Dialog>
  );
}

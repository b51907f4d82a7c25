import { useEffect, useRef } from 'react';
import { NotificationStatus } from '../../api/contract.js';

export type TriageCommand = { move: 1 | -1 } | { status: NotificationStatus } | { open: true };

const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
/** Enter already means "press this" on these. */
const PRESSABLE = 'button, a[href], summary, [role="tab"], [role="button"], [role="link"]';

/**
 * The inbox's keys: j/k move, Shift+I read, Shift+U unread, t todo, Enter open. Never
 * while the user types, and never with Ctrl, Alt or ⌘ (those belong to the app and system).
 */
function triageCommand(event: KeyboardEvent): TriageCommand | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest(TYPING)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.shiftKey) {
    if (key === 'i') return { status: NotificationStatus.read };
    if (key === 'u') return { status: NotificationStatus.unread };
    return null;
  }
  if (key === 'j') return { move: 1 };
  if (key === 'k') return { move: -1 };
  if (key === 't') return { status: NotificationStatus.todo };
  if (key === 'Enter' && !target?.closest(PRESSABLE)) return { open: true };
  return null;
}

/** Listens on the whole window while the inbox is shown, so the keys work wherever focus is. */
export function useTriageKeys(onCommand: (command: TriageCommand) => void) {
  const handler = useRef(onCommand);
  useEffect(() => {
    handler.current = onCommand;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = triageCommand(event);
      if (!command) return;
      event.preventDefault();
      handler.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

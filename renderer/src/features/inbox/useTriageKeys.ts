import { useEffect, useRef } from 'react';
import { NotificationStatus } from '../../api/contract.js';
import { isTyping, matchesShortcut } from '../../components/shortcuts.js';
import type { InboxTextKey } from './inbox-text.js';

export type TriageCommand =
  | { move: 1 | -1; extend?: true }
  | { status: NotificationStatus }
  | { open: true }
  | { selectAll: true }
  | { toggle: true }
  | { clear: true };

/** Enter already means "press this" on these. */
const PRESSABLE = 'button, a[href], summary, [role="tab"], [role="button"], [role="link"]';

/**
 * The inbox's keys, in `aria-keyshortcuts` syntax: what the keys do and what the `?` map
 * lists both come from here. Ctrl/⌘+A is the only one with Ctrl or ⌘: the others are left
 * to the app and the system. Escape acts only while several are selected.
 */
export const TRIAGE_KEYS: readonly { keys: string; command: TriageCommand; label: InboxTextKey }[] = [
  { keys: 'J', command: { move: 1 }, label: 'keyNext' },
  { keys: 'K', command: { move: -1 }, label: 'keyPrevious' },
  { keys: 'Shift+J', command: { move: 1, extend: true }, label: 'keyExtendNext' },
  { keys: 'Shift+K', command: { move: -1, extend: true }, label: 'keyExtendPrevious' },
  { keys: 'X', command: { toggle: true }, label: 'keyToggle' },
  { keys: 'Control+A Meta+A', command: { selectAll: true }, label: 'keySelectAll' },
  { keys: 'Escape', command: { clear: true }, label: 'keyClear' },
  { keys: 'Shift+I', command: { status: NotificationStatus.read }, label: 'keyRead' },
  { keys: 'Shift+U', command: { status: NotificationStatus.unread }, label: 'keyUnread' },
  { keys: 'T', command: { status: NotificationStatus.todo }, label: 'keyTodo' },
  { keys: 'Enter', command: { open: true }, label: 'keyOpen' },
];

/** Never while the user types or composes, nor Enter on something Enter presses. */
function triageCommand(event: KeyboardEvent): TriageCommand | null {
  if (event.defaultPrevented || event.isComposing || isTyping(event)) return null;
  const entry = TRIAGE_KEYS.find(({ keys }) => matchesShortcut(event, keys));
  if (!entry) return null;
  if ('open' in entry.command && event.target instanceof Element && event.target.closest(PRESSABLE)) return null;
  return entry.command;
}

/**
 * Listens on the whole window while the inbox is shown, so the keys work wherever focus is.
 * `onCommand` answers false for a command that has nothing to act on now (Escape with
 * nothing selected): the key is then left to others (the details pane closes on Escape).
 */
export function useTriageKeys(onCommand: (command: TriageCommand) => unknown) {
  const handler = useRef(onCommand);
  useEffect(() => {
    handler.current = onCommand;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = triageCommand(event);
      if (!command || handler.current(command) === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

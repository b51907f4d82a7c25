import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * A keyboard shortcut as the screen that owns it declares it: `keys` in the syntax of
 * `aria-keyshortcuts` ("Shift+I", "Control+A Meta+A": alternatives apart by spaces).
 */
export interface Shortcut {
  keys: string;
  label: string;
}

const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/** Whether the key went to a field the user types in (where letters are text, not commands). */
export const isTyping = (event: KeyboardEvent) => event.target instanceof Element && !!event.target.closest(TYPING);

/**
 * Whether a key press is one of `keys`: the named modifiers exactly (Shift is implied by a
 * character that needs it, like "?"), and letters whatever Caps Lock says.
 */
export function matchesShortcut(event: KeyboardEvent, keys: string): boolean {
  return keys.split(' ').some((alternative) => {
    const parts = alternative.split('+');
    const key = parts.pop()!;
    const mods = new Set(parts);
    const pressed = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const wanted = key.length === 1 ? key.toLowerCase() : key;
    const printable = key.length === 1 && !/[a-z0-9]/i.test(key);
    return (
      pressed === wanted &&
      event.ctrlKey === mods.has('Control') &&
      event.metaKey === mods.has('Meta') &&
      event.altKey === mods.has('Alt') &&
      (printable || event.shiftKey === mods.has('Shift'))
    );
  });
}

const useRegistered = create<{ lists: ReadonlyMap<object, readonly Shortcut[]> }>()(() => ({ lists: new Map() }));

/** Declares a screen's shortcuts while it is shown, for the `?` map. */
export function useDeclaredShortcuts(shortcuts: readonly Shortcut[]) {
  useEffect(() => {
    const owner = {};
    useRegistered.setState(({ lists }) => ({ lists: new Map(lists).set(owner, shortcuts) }));
    return () =>
      useRegistered.setState(({ lists }) => {
        const rest = new Map(lists);
        rest.delete(owner);
        return { lists: rest };
      });
  }, [shortcuts]);
}

/** The name an element with `aria-keyshortcuts` goes by (its label, else its text). */
function nameOf(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  const byId = labelledBy && element.ownerDocument.getElementById(labelledBy.split(' ')[0]!)?.textContent;
  return (element.getAttribute('aria-label') ?? byId ?? element.textContent ?? '').trim();
}

/**
 * Every shortcut of the screen as it is now: those declared by its parts, and every control
 * on it that names its own (`aria-keyshortcuts`), once each.
 */
export function currentShortcuts(root: ParentNode = document): Shortcut[] {
  const found = new Map<string, Shortcut>();
  const add = (shortcut: Shortcut) => {
    const id = `${shortcut.keys}\n${shortcut.label}`;
    if (shortcut.label && !found.has(id)) found.set(id, shortcut);
  };
  for (const list of useRegistered.getState().lists.values()) list.forEach(add);
  for (const element of root.querySelectorAll('[aria-keyshortcuts]')) {
    // The map itself, and controls of a list that declared its keys already, are not listed twice.
    if (element.closest('[data-shortcuts-declared]')) continue;
    add({ keys: element.getAttribute('aria-keyshortcuts')!, label: nameOf(element) });
  }
  return [...found.values()];
}

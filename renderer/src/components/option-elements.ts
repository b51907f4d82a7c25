import { useMemo, useRef } from 'react';

/** A listbox's option elements by id, so the keyboard can move the focus to the one it chose. */
export function useOptionElements() {
  const elements = useRef(new Map<number, HTMLElement>());
  return useMemo(
    () => ({
      /** The `ref` for the option with this id. */
      ref: (id: number) => (node: HTMLElement | null) => {
        if (node) elements.current.set(id, node);
        else elements.current.delete(id);
      },
      /** Focuses the option with this id; false when it is not in the page (a virtualized list's, out of view). */
      focus: (id: number) => {
        const element = elements.current.get(id);
        element?.focus();
        return element !== undefined;
      },
    }),
    [],
  );
}

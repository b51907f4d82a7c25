// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { currentShortcuts, matchesShortcut, useDeclaredShortcuts, type Shortcut } from './shortcuts.js';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

afterEach(cleanup);

describe('shortcut keys', () => {
  it('match their modifiers exactly, letters whatever the case', () => {
    expect(matchesShortcut(key({ key: 'I', shiftKey: true }), 'Shift+I')).toBe(true);
    expect(matchesShortcut(key({ key: 'i' }), 'Shift+I')).toBe(false);
    expect(matchesShortcut(key({ key: 'J' }), 'J')).toBe(true);
    expect(matchesShortcut(key({ key: 'j', ctrlKey: true }), 'J')).toBe(false);
    expect(matchesShortcut(key({ key: 'a', metaKey: true }), 'Control+A Meta+A')).toBe(true);
    // "?" needs Shift on most layouts: Shift is part of the character, not a modifier to match.
    expect(matchesShortcut(key({ key: '?', shiftKey: true }), '?')).toBe(true);
  });

  function Declares({ list }: { list: Shortcut[] }) {
    useDeclaredShortcuts(list);
    return (
      <>
        <button type="button" aria-keyshortcuts="Control+F">
          Search in this chat
        </button>
        <button type="button" aria-label="More" aria-keyshortcuts="Shift+F10" />
        <button type="button" aria-label="More" aria-keyshortcuts="Shift+F10" />
        <div data-shortcuts-declared="" aria-keyshortcuts="J K" />
      </>
    );
  }

  it('are gathered from the parts that declare them and from controls that name their own, once each', () => {
    const { unmount } = render(<Declares list={[{ keys: 'J', label: 'Next' }]} />);
    expect(currentShortcuts()).toEqual([
      { keys: 'J', label: 'Next' },
      { keys: 'Control+F', label: 'Search in this chat' },
      { keys: 'Shift+F10', label: 'More' },
    ]);
    unmount();
    expect(currentShortcuts()).toEqual([]);
  });
});

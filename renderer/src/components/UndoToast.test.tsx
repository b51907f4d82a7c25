// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useSettings, type Language } from '../state/settings.js';
import { currentShortcuts } from './shortcuts.js';
import { UNDO_SHOWN_MS, UndoToast } from './UndoToast.js';
import { offerUndo, useUndoOffer } from './undo-offer.js';

const said: Record<Language, string> = { 'zh-CN': '已标为待办', en: 'Marked todo' };

function offer(undo: () => Promise<unknown> = async () => undefined, done = said) {
  act(() => offerUndo({ done: (language) => done[language], undo }));
}

const ctrlZ = (target: Element | Window = window) =>
  act(() => void fireEvent.keyDown(target, { key: 'z', ctrlKey: true }));

beforeEach(() => {
  useSettings.setState({ language: 'en' });
  useUndoOffer.setState({ offer: null });
  render(
    <>
      <input aria-label="Field" />
      <UndoToast />
    </>,
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the undo toast', () => {
  it('says what was done in a polite status region, with an Undo button that takes it back', async () => {
    const undo = vi.fn(async () => undefined);
    offer(undo);
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toContain('Marked todo');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(region.textContent).toContain('Undone');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('speaks the user’s language', () => {
    useSettings.setState({ language: 'zh-CN' });
    offer();
    expect(screen.getByRole('status').textContent).toContain('已标为待办');
    expect(screen.getByRole('button', { name: '撤销' })).toBeDefined();
  });

  it('undoes on Ctrl+Z or Cmd+Z while it shows, but not while typing in a field, and lists the key in the map', async () => {
    const undo = vi.fn(async () => undefined);
    offer(undo);
    expect(currentShortcuts()).toContainEqual({ keys: 'Control+Z Meta+Z', label: 'Undo' });
    ctrlZ(screen.getByRole('textbox', { name: 'Field' }));
    expect(undo).not.toHaveBeenCalled();
    await act(async () => void fireEvent.keyDown(window, { key: 'z', metaKey: true }));
    expect(undo).toHaveBeenCalledTimes(1);
    ctrlZ();
    expect(undo).toHaveBeenCalledTimes(1); // undone already: the keys are the app's again
    expect(currentShortcuts()).not.toContainEqual({ keys: 'Control+Z Meta+Z', label: 'Undo' });
  });

  it('shows one offer at a time: a newer action replaces the older, whose undo then never runs', async () => {
    const older = vi.fn(async () => undefined);
    const newer = vi.fn(async () => undefined);
    offer(older);
    offer(newer, { 'zh-CN': '已拒绝邀请', en: 'Invitation declined' });
    expect(screen.getAllByRole('button', { name: 'Undo' })).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('Invitation declined');
    ctrlZ();
    await act(async () => undefined);
    expect(older).not.toHaveBeenCalled();
    expect(newer).toHaveBeenCalledTimes(1);
  });

  it('says why when the undo fails, and stays until dismissed', async () => {
    vi.useFakeTimers();
    offer(() => Promise.reject(new Error('拒绝已超过 10 秒，无法撤销')));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(screen.getByRole('status').textContent).toContain('Could not undo: 拒绝已超过 10 秒，无法撤销');
    act(() => vi.advanceTimersByTime(UNDO_SHOWN_MS * 2));
    expect(screen.getByRole('status').textContent).toContain('Could not undo');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('waits while the focus is on it, and goes on once the focus leaves', () => {
    vi.useFakeTimers();
    offer();
    act(() => screen.getByRole('button', { name: 'Undo' }).focus());
    act(() => vi.advanceTimersByTime(UNDO_SHOWN_MS * 2));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDefined();
    act(() => screen.getByRole('textbox', { name: 'Field' }).focus());
    act(() => vi.advanceTimersByTime(UNDO_SHOWN_MS));
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('goes away on its own when not used', () => {
    vi.useFakeTimers();
    offer();
    act(() => vi.advanceTimersByTime(UNDO_SHOWN_MS));
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { NotificationStatus } from '../../api/contract.js';
import { useTriageKeys, type TriageCommand } from './useTriageKeys.js';

function Harness({ onCommand }: { onCommand: (command: TriageCommand) => unknown }) {
  useTriageKeys(onCommand);
  return (
    <div>
      <input aria-label="search" />
      <textarea aria-label="notes" />
      <select aria-label="type">
        <option>1</option>
      </select>
      <div contentEditable aria-label="editor" />
      <button type="button">act</button>
      <article tabIndex={0} aria-label="row" />
    </div>
  );
}

afterEach(cleanup);

function setup() {
  const onCommand = vi.fn<(command: TriageCommand) => void>();
  render(<Harness onCommand={onCommand} />);
  return onCommand;
}

describe('triage keys', () => {
  it('map j/k, Shift+I, Shift+U, t and Enter to their commands', () => {
    const onCommand = setup();
    const row = screen.getByRole('article');
    fireEvent.keyDown(row, { key: 'j' });
    fireEvent.keyDown(row, { key: 'k' });
    fireEvent.keyDown(row, { key: 'I', shiftKey: true });
    fireEvent.keyDown(row, { key: 'U', shiftKey: true });
    fireEvent.keyDown(row, { key: 't' });
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(onCommand.mock.calls.map(([command]) => command)).toEqual([
      { move: 1 },
      { move: -1 },
      { status: NotificationStatus.read },
      { status: NotificationStatus.unread },
      { status: NotificationStatus.todo },
      { open: true },
    ]);
  });

  it('work from anywhere on the page, Caps Lock included', () => {
    const onCommand = setup();
    fireEvent.keyDown(document.body, { key: 'J' });
    fireEvent.keyDown(screen.getByRole('button'), { key: 'i', shiftKey: true });
    expect(onCommand.mock.calls.map(([command]) => command)).toEqual([
      { move: 1 },
      { status: NotificationStatus.read },
    ]);
  });

  it('leave alone whatever the user is typing in', () => {
    const onCommand = setup();
    for (const field of [
      screen.getByLabelText('search'),
      screen.getByLabelText('notes'),
      screen.getByLabelText('type'),
      screen.getByLabelText('editor'),
    ]) {
      for (const key of ['j', 'k', 't', 'Enter']) fireEvent.keyDown(field, { key });
      fireEvent.keyDown(field, { key: 'I', shiftKey: true });
    }
    expect(onCommand).not.toHaveBeenCalled();
  });

  it('extend with Shift+J/K, and select all with Ctrl+A or ⌘+A, but not in a field', () => {
    const onCommand = setup();
    const row = screen.getByRole('article');
    fireEvent.keyDown(row, { key: 'J', shiftKey: true });
    fireEvent.keyDown(row, { key: 'K', shiftKey: true });
    fireEvent.keyDown(row, { key: 'a', ctrlKey: true });
    fireEvent.keyDown(row, { key: 'a', metaKey: true });
    fireEvent.keyDown(screen.getByLabelText('search'), { key: 'a', ctrlKey: true });
    fireEvent.keyDown(row, { key: 'x' });
    expect(onCommand.mock.calls.map(([command]) => command)).toEqual([
      { move: 1, extend: true },
      { move: -1, extend: true },
      { selectAll: true },
      { selectAll: true },
      { toggle: true },
    ]);
  });

  it('leave other Ctrl, Alt and ⌘ combinations, and Enter on a button, to their owners', () => {
    const onCommand = setup();
    const row = screen.getByRole('article');
    fireEvent.keyDown(row, { key: 'j', ctrlKey: true });
    fireEvent.keyDown(row, { key: 't', metaKey: true });
    fireEvent.keyDown(row, { key: 'k', altKey: true });
    fireEvent.keyDown(row, { key: 'a', altKey: true });
    fireEvent.keyDown(screen.getByRole('button'), { key: 'Enter' });
    expect(onCommand).not.toHaveBeenCalled();
  });

  it('leave Escape to others when there is nothing to clear', () => {
    const onCommand = vi.fn<(command: TriageCommand) => unknown>(() => false);
    render(<Harness onCommand={onCommand} />);
    expect(fireEvent.keyDown(screen.getByRole('article'), { key: 'Escape' })).toBe(true);
    expect(onCommand).toHaveBeenCalledWith({ clear: true });
  });

  it('claim the keys it handles, so the page does not also scroll or type', () => {
    setup();
    const row = screen.getByRole('article');
    expect(fireEvent.keyDown(row, { key: 'j' })).toBe(false);
    expect(fireEvent.keyDown(row, { key: 'q' })).toBe(true);
  });
});

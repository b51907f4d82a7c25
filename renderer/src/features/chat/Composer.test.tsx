// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useSettings } from '../../state/settings.js';
import { Composer } from './Composer.js';
import { useDrafts } from './drafts.js';

function setup(cId = 10) {
  const onSend = vi.fn();
  const onFiles = vi.fn();
  const view = render(<Composer cId={cId} me={1} onSend={onSend} onFiles={onFiles} />);
  return { onSend, onFiles, field: screen.getByRole('textbox', { name: '消息' }) as HTMLTextAreaElement, view };
}

beforeEach(() => {
  useSettings.setState({ language: 'zh-CN' });
  useDrafts.setState({ drafts: {} });
});
afterEach(cleanup);

describe('the composer', () => {
  it('is focused when a window opens', () => {
    const { field } = setup();
    expect(document.activeElement).toBe(field);
  });

  it('sends on Enter, trimmed, and empties the field and the draft', () => {
    const { field, onSend } = setup();
    fireEvent.change(field, { target: { value: '  下午三点开会\n地点待定  ' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('下午三点开会\n地点待定');
    expect(field.value).toBe('');
    expect(useDrafts.getState().drafts).toEqual({});
  });

  it('leaves Shift+Enter to the field (a new line), and Enter to an input method that is composing', () => {
    const { field, onSend } = setup();
    fireEvent.change(field, { target: { value: 'nihao' } });
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    fireEvent.keyDown(field, { key: 'Enter', isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends nothing when there is only white space, and says so with a disabled button', () => {
    const { field, onSend } = setup();
    fireEvent.change(field, { target: { value: '   \n ' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '发送' })).toHaveProperty('disabled', true);
  });

  it('keeps a draft per window: it is there again when the window is opened again', () => {
    const first = setup(10);
    fireEvent.change(first.field, { target: { value: '写了一半' } });
    first.view.unmount();
    const other = setup(11);
    expect(other.field.value).toBe('');
    other.view.unmount();
    expect(setup(10).field.value).toBe('写了一半');
  });

  it('hands a pasted image over to be sent, and lets pasted text through', () => {
    const { field, onFiles } = setup();
    const image = new File([new Uint8Array([137, 80, 78, 71])], 'shot.png', { type: 'image/png' });
    const pasteImage = fireEvent.paste(field, { clipboardData: { files: [image] } });
    expect(onFiles).toHaveBeenCalledWith([image]);
    expect(pasteImage).toBe(false);
    const pasteText = fireEvent.paste(field, { clipboardData: { files: [] } });
    expect(pasteText).toBe(true);
    expect(onFiles).toHaveBeenCalledTimes(1);
  });
});

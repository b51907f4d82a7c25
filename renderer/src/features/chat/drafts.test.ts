// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { useDrafts } from './drafts.js';

const draftOf = (userId: number, windowId: number) => useDrafts.getState().drafts[`${userId}:${windowId}`];

beforeEach(() => {
  localStorage.clear();
  useDrafts.setState({ drafts: {} });
});

describe('drafts', () => {
  it('are kept per window, and per account on a shared device', () => {
    const { setDraft } = useDrafts.getState();
    setDraft(1, 10, '给李四');
    setDraft(1, 11, '给王五');
    setDraft(2, 10, '李四自己的');
    expect([draftOf(1, 10), draftOf(1, 11), draftOf(2, 10)]).toEqual(['给李四', '给王五', '李四自己的']);
  });

  it('keep the text exactly, spaces and line breaks included, and go away when emptied', () => {
    const { setDraft } = useDrafts.getState();
    setDraft(1, 10, '  第一行\n第二行 ');
    expect(draftOf(1, 10)).toBe('  第一行\n第二行 ');
    setDraft(1, 10, '');
    expect(useDrafts.getState().drafts).toEqual({});
  });

  it('survive a reload: they are written to local storage and read back', async () => {
    useDrafts.getState().setDraft(1, 10, '还没写完');
    const stored = localStorage.getItem('messenger.chat-drafts')!;
    expect(JSON.parse(stored).state.drafts).toEqual({ '1:10': '还没写完' });
    // A fresh page: nothing in memory, the same storage.
    useDrafts.setState({ drafts: {} });
    localStorage.setItem('messenger.chat-drafts', stored);
    await useDrafts.persist.rehydrate();
    expect(draftOf(1, 10)).toBe('还没写完');
  });
});

// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { queryKeys } from '../../api/query-keys.js';
import { useSettings } from '../../state/settings.js';
import { listKey } from '../inbox/inbox-cache.js';
import { inboxCounts, note, page, pages } from '../inbox/inbox-fixtures.js';
import { useInboxView } from '../inbox/inbox-store.js';
import { InboxSection } from '../inbox/InboxSection.js';
import { TRIAGE_KEYS } from '../inbox/useTriageKeys.js';
import { ShortcutMap } from './ShortcutMap.js';
import { openDialogsInJsdom } from '../../testing/dialogs.js';
import { giveElementsAHeight } from '../../testing/layout.js';

openDialogsInJsdom();
giveElementsAHeight(600);
beforeEach(() => {
  useSettings.setState({ language: 'en' });
  useInboxView.setState({ tab: NotificationStatus.unread, type: null, subtype: null, openedId: null, notice: null });
});
afterEach(cleanup);

function showInbox() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(listKey(NotificationStatus.unread, null), pages(page(null, note(2, 0), note(1, 0))));
  client.setQueryData(queryKeys.inboxCounts, inboxCounts(2, 0, 0));
  render(
    <QueryClientProvider client={client}>
      <InboxSection />
      <ShortcutMap />
    </QueryClientProvider>,
  );
}

describe('the keyboard map', () => {
  it('? lists every shortcut of the inbox, from the table its keys are handled by; Escape closes it', () => {
    showInbox();
    fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    const map = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const labels = within(map)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Next notification',
        'Add the next one to the selection',
        'Select every loaded notification',
        'Mark todo (all selected)',
        'Open and mark read',
        'Move up and down the list',
        'Search notifications',
      ]),
    );
    expect(labels.length).toBeGreaterThanOrEqual(TRIAGE_KEYS.length + 2);
    expect(new Set(labels).size).toBe(labels.length);
    // Tab goes round the dialog's own controls (the close button and the scrollable list).
    const close = within(map).getByRole('button', { name: 'Close' });
    const list = within(map).getByRole('region', { name: 'Keyboard shortcuts' });
    close.focus();
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(list);
    fireEvent.keyDown(list, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(list);
    fireEvent.keyDown(map, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('? typed into a field is only a question mark', () => {
    showInbox();
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search notifications' }), { key: '?', shiftKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

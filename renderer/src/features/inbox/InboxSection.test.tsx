// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { inboxApi } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Notification } from '../../api/wire.js';
import { dispatchServerEvent } from '../../realtime/dispatch.js';
import { countsEvent } from '../../realtime/event-fixtures.js';
import { useUndoOffer } from '../../components/undo-offer.js';
import { useSettings } from '../../state/settings.js';
import { listKey, type InboxPages } from './inbox-cache.js';
import { useInboxView } from './inbox-store.js';
import { InboxSection } from './InboxSection.js';
import { giveElementsAHeight } from '../../testing/layout.js';

const note = (id: number, status: NotificationStatus, params: string | null = null): Notification => ({
  id,
  title: `Notification ${id}`,
  content: `About ${id}`,
  status: String(status) as Notification['status'],
  type: 1,
  subtype: 2,
  params,
  created_at: '2026-01-02 03:04:05',
  updated_at: null,
  user_id: 1,
});

const byType = (unread = 4, todo = 0) =>
  Object.fromEntries(
    ['1', '2', '3', '4', '5', '6', '7'].map((t) => [t, t === '1' ? { unread, todo } : { unread: 0, todo: 0 }]),
  );

/** What the server says after a change: its counters, whole. */
const serverCounts = (unread: number, todo: number, read: number) =>
  act(() => dispatchServerEvent(countsEvent({ inbox: { unread, todo, read, byType: byType(unread, todo) } }), client));
const tab = (name: string) => screen.findByRole('tab', { name });
const stateIn = (details: HTMLElement) => within(details).getAllByRole('definition')[0]!.textContent;

giveElementsAHeight(600);

let client: QueryClient;
let setStatus: MockInstance<typeof inboxApi.setStatus>;
beforeEach(() => {
  useSettings.setState({ language: 'en' });
  useInboxView.setState({ tab: NotificationStatus.unread, type: null, subtype: null, openedId: null, notice: null });
  client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const unread: InboxPages = {
    pages: [{ items: [note(4, 0), note(3, 0, '{"id": 77}'), note(2, 0), note(1, 0)], next: null }],
    pageParams: [undefined],
  };
  client.setQueryData(listKey(NotificationStatus.unread, null), unread);
  client.setQueryData(listKey(NotificationStatus.todo, null), {
    pages: [{ items: [], next: null }],
    pageParams: [undefined],
  });
  client.setQueryData(queryKeys.inboxCounts, { unread: 4, todo: 0, read: 0, byType: byType() });
  setStatus = vi.spyOn(inboxApi, 'setStatus').mockResolvedValue('ok');
  vi.spyOn(inboxApi, 'list').mockResolvedValue([]);
  render(
    <QueryClientProvider client={client}>
      <InboxSection />
    </QueryClientProvider>,
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const row = (id: number) => screen.getByRole('option', { name: `Notification ${id}` });
const press = (key: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });

describe('keyboard triage', () => {
  it('j and k move the selection and focus along the rows, and stop at the ends', async () => {
    press('j');
    expect(row(3)).toHaveProperty('tabIndex', 0);
    expect(document.activeElement).toBe(row(3));
    press('j');
    press('j');
    press('j');
    expect(document.activeElement).toBe(row(1));
    press('k');
    expect(document.activeElement).toBe(row(2));
  });

  it('j pressed while a tab is still loading focuses its first row once it is shown', async () => {
    let answer: (items: Notification[]) => void = () => {};
    vi.mocked(inboxApi.list).mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    fireEvent.click(screen.getByRole('tab', { name: /^Read/ }));
    expect(await screen.findByText('Loading…')).toBeDefined();
    press('j');
    await act(async () => answer([note(9, 2), note(8, 2)]));
    const read = await screen.findByRole('listbox', { name: 'Read notifications' });
    await waitFor(() => expect(document.activeElement).toBe(within(read).getAllByRole('option')[0]));
  });

  it('Shift+I reads the selected one; the next takes its place and focus; the tabs count what the server says', async () => {
    press('j');
    press('I', { shiftKey: true });
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Notification 3' })).toBeNull());
    expect(setStatus).toHaveBeenCalledWith(3, 'setread');
    expect(document.activeElement).toBe(row(2));
    // Nothing counted here: the tabs keep the server's numbers until it sends new ones.
    expect(screen.getByRole('tab', { name: 'Unread, 4' })).toBeDefined();
    serverCounts(3, 0, 1);
    expect(await tab('Unread, 3')).toBeDefined();
    expect(await tab('Read, 1')).toBeDefined();
  });

  it('a refused change puts the row back and says why', async () => {
    let refuse!: (error: Error) => void;
    setStatus.mockReturnValueOnce(new Promise((_, reject) => (refuse = reject)));
    press('t');
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Notification 4' })).toBeNull());
    refuse(new Error('network unreachable'));
    expect((await screen.findByRole('alert')).textContent).toContain('network unreachable');
    expect(row(4)).toBeDefined();
  });

  it('t keeps it for later in Todo, and Shift+U there sends it back to Unread', async () => {
    press('t');
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith(4, 'settodo'));
    serverCounts(3, 1, 0);
    expect(await tab('Todo, 1')).toBeDefined();
    fireEvent.click(screen.getByRole('tab', { name: /^Todo/ }));
    const todo = await screen.findByRole('listbox', { name: 'Notifications to do' });
    expect(
      within(todo)
        .getAllByRole('option')
        .map((a) => a.getAttribute('data-id')),
    ).toEqual(['4']);
    press('j');
    press('U', { shiftKey: true });
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith(4, 'setunread'));
    expect(await screen.findByText('Nothing to do')).toBeDefined();
  });

  it('Enter opens the selected one in the details pane, with what it refers to, and reads it', async () => {
    press('j');
    press('Enter');
    const details = screen.getByRole('complementary', { name: 'Notification details' });
    expect(within(details).getByRole('heading', { name: 'Notification 3' })).toBeDefined();
    expect(within(details).getByText('#77')).toBeDefined();
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith(3, 'setread'));
    await waitFor(() => expect(stateIn(details)).toBe('Read'));
    press('Escape');
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('the opened one stays selected and shown after it is read, so the next key acts on it', async () => {
    press('j');
    press('Enter');
    const details = screen.getByRole('complementary', { name: 'Notification details' });
    await waitFor(() => expect(stateIn(details)).toBe('Read'));
    // Read, it no longer matches Unread, yet it stays where it was, selected and focused.
    expect(row(3).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(row(3));
    press('t');
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith(3, 'settodo'));
    expect(setStatus.mock.calls.map(([id]) => id)).toEqual([3, 3]);
    await waitFor(() => expect(stateIn(details)).toBe('Todo'));
    // Moving on lets it go: the pane follows the selection, which reads nothing.
    press('j');
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Notification 3' })).toBeNull());
    expect(within(details).getByRole('heading', { name: 'Notification 2' })).toBeDefined();
    expect(document.activeElement).toBe(row(2));
    expect(stateIn(details)).toBe('Unread');
    expect(setStatus).toHaveBeenCalledTimes(2);
  });

  it('the details pane shows the notification as it is now, also after a change made elsewhere', async () => {
    press('Enter');
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith(4, 'setread'));
    const details = screen.getByRole('complementary', { name: 'Notification details' });
    await waitFor(() => expect(stateIn(details)).toBe('Read'));
    act(() => dispatchServerEvent({ type: 'notification.updated', data: note(4, NotificationStatus.todo) }, client));
    await waitFor(() => expect(stateIn(details)).toBe('Todo'));
    fireEvent.click(within(details).getByRole('button', { name: 'Mark unread' }));
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith(4, 'setunread'));
    await waitFor(() => expect(stateIn(details)).toBe('Unread'));
    expect(row(4)).toBeDefined();
  });

  it('keys typed into the filter do nothing to the notifications', async () => {
    const type = screen.getByRole('combobox', { name: 'Type' });
    type.focus();
    press('t');
    press('I', { shiftKey: true });
    type.blur();
    press('t');
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Notification 4' })).toBeNull());
    expect(setStatus.mock.calls).toEqual([[4, 'settodo']]);
  });

  it('rows hold no buttons; a click opens, Ctrl+click and Shift+click select several for the bar', async () => {
    const list = screen.getByRole('listbox', { name: 'Unread notifications' });
    expect(list.getAttribute('aria-multiselectable')).toBe('true');
    expect(within(list).queryAllByRole('button')).toEqual([]);
    fireEvent.click(row(4));
    fireEvent.click(row(2), { ctrlKey: true });
    expect(row(4).getAttribute('aria-selected')).toBe('true');
    expect(row(3).getAttribute('aria-selected')).toBe('false');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(row(1), { shiftKey: true });
    expect(['4', '3', '2', '1'].map((id) => row(Number(id)).getAttribute('aria-selected'))).toEqual([
      'false',
      'false',
      'true',
      'true',
    ]);
    const bar = screen.getByRole('toolbar', { name: 'Selected notifications' });
    expect(within(bar).getByText('2 selected')).toBeDefined();
    fireEvent.click(within(bar).getByRole('button', { name: 'Mark todo' }));
    await waitFor(() =>
      expect(setStatus.mock.calls.map(([id, action]) => `${id}:${action}`).sort()).toContain('1:settodo'),
    );
    expect(
      setStatus.mock.calls
        .filter(([, action]) => action === 'settodo')
        .map(([id]) => id)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('Shift+J extends the selection and Ctrl+A selects every loaded one; Shift+I reads them all', async () => {
    press('J', { shiftKey: true });
    press('J', { shiftKey: true });
    expect(screen.getByText('3 selected')).toBeDefined();
    press('a', { ctrlKey: true });
    expect(screen.getByText('4 selected')).toBeDefined();
    press('I', { shiftKey: true });
    await waitFor(() => expect(setStatus).toHaveBeenCalledTimes(4));
    expect(setStatus.mock.calls.map(([id]) => id).sort()).toEqual([1, 2, 3, 4]);
    await waitFor(() => expect(useUndoOffer.getState().offer?.done('en')).toBe('Marked 4 notifications read'));
  });

  it('with several selected, j moves only the focus, X adds or removes rows, Escape clears', () => {
    press('J', { shiftKey: true });
    expect(screen.getByText('2 selected')).toBeDefined();
    press('j');
    press('j');
    expect(document.activeElement).toBe(row(1));
    expect(row(1).getAttribute('aria-selected')).toBe('false');
    press('x');
    expect(screen.getByText('3 selected')).toBeDefined();
    expect(['4', '3', '2', '1'].map((id) => row(Number(id)).getAttribute('aria-selected'))).toEqual([
      'true',
      'true',
      'false',
      'true',
    ]);
    press('Escape');
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(row(4).getAttribute('aria-selected')).toBe('false');
  });

  it('a bulk change that partly fails says how many did not change, and why', async () => {
    setStatus.mockImplementation(async (id) => {
      if (id === 2) throw new Error('server busy');
      return 'ok';
    });
    press('a', { ctrlKey: true });
    press('t');
    expect((await screen.findByRole('alert')).textContent).toContain('1 of 4 could not be changed: server busy');
  });
});

describe('the rows are grouped by when they came', () => {
  it('under Today, This week and Earlier headings that label their groups', () => {
    const list = screen.getByRole('listbox', { name: 'Unread notifications' });
    // The fixture notifications are from January 2026: long before this week.
    const groups = within(list).getAllByRole('group');
    expect(
      groups.map(
        (g) =>
          g.getAttribute('aria-labelledby') && document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent,
      ),
    ).toEqual(['Earlier']);
    expect(within(groups[0]!).getAllByRole('option')).toHaveLength(4);
  });
});

describe('the type filter', () => {
  it('says how many of each type are unread, and follows the server’s counts live', async () => {
    const type = screen.getByRole('combobox', { name: 'Type' });
    expect(within(type).getByRole('option', { name: 'Work (task) (4 unread)' })).toBeDefined();
    expect(within(type).getByRole('option', { name: 'Schedule' })).toBeDefined();
    serverCounts(1, 3, 0);
    expect(await within(type).findByRole('option', { name: 'Work (task) (1 unread)' })).toBeDefined();
  });
});

import type { Locator, Page } from '@playwright/test';
import { expect, signIn, test, type RunningServer } from './fixtures.js';

const history = (page: Page) => page.getByRole('region', { name: '消息记录' });
const row = (page: Page, id: number) => history(page).locator(`[data-message-id="${id}"]`);
const found = (page: Page) => page.getByRole('listbox', { name: '消息' });

interface Person {
  token: string;
  user: { id: number };
}

/**
 * A chat between two people, `count` messages taking turns, through the HTTP API as a
 * client sends them. `special` replaces the text of some of them; their ids come back.
 */
async function seedChat(server: RunningServer, a: Person, b: Person, count: number, special: Map<number, string>) {
  const { data: window } = await server.api<{ data: { id: number } }>('POST', '/api/chat', a.token, {
    toId: b.user.id,
  });
  const ids = new Map<number, number>();
  const send = async (i: number, text: string) => {
    const { data } = await server.api<{ data: { id: number } }>(
      'POST',
      `/api/chat/${window.id}/messages`,
      (i % 2 ? a : b).token,
      {
        message: text,
        type: 'TEXT',
        clientMsgId: `search-${window.id}-${i}`,
      },
    );
    return data.id;
  };
  // In batches, so the ids follow the numbering closely (the special ones land about where they are meant to).
  for (let first = 1; first <= count; first += 25) {
    const batch = Array.from({ length: Math.min(25, count - first + 1) }, (_, k) => first + k);
    const sent = await Promise.all(batch.map((i) => send(i, special.get(i) ?? `第 ${i} 条`)));
    batch.forEach((i, k) => ids.set(i, sent[k]!));
  }
  return { cId: window.id, ids };
}

/** The ids of the message rows in the page (only those near the view are: the list is virtualized). */
const renderedIds = (page: Page) =>
  history(page).evaluate((scroller) =>
    [...scroller.querySelectorAll<HTMLElement>('[data-message-id]')].map((row) => Number(row.dataset.messageId)),
  );

/** The first message row whose top is in view, and where that top is. */
const firstVisible = (page: Page) =>
  history(page).evaluate((scroller) => {
    const top = scroller.getBoundingClientRect().top;
    const rows = [...scroller.querySelectorAll<HTMLElement>('[data-message-id]')]
      .map((row) => ({ id: Number(row.dataset.messageId), top: row.getBoundingClientRect().top - top }))
      .filter((row) => row.top >= 0)
      .sort((a, b) => a.top - b.top);
    return rows[0]!;
  });

const topOf = (page: Page, id: number) =>
  row(page, id).evaluate(
    (element) => element.getBoundingClientRect().top - element.closest('[role="region"]')!.getBoundingClientRect().top,
  );

async function scrollTo(scroller: Locator, where: 'top' | 'bottom') {
  await scroller.evaluate((element, to) => element.scrollTo({ top: to === 'top' ? 0 : element.scrollHeight }), where);
}

test('a message found from the chat list opens its window there, and pages load both ways to the latest', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const chen = await server.login('chenqi');
  const zhao = await server.login('zhaoliu');
  const RARE_AT = 437;
  const { cId, ids } = await seedChat(server, chen, zhao, 1000, new Map([[RARE_AT, '周三一起去海洋馆看蓝鲸吧']]));
  const rareId = ids.get(RARE_AT)!;

  await signIn(page, server, 'chenqi');
  await page.getByRole('searchbox', { name: '搜索聊天' }).fill('蓝鲸');
  const result = found(page).getByRole('option', { name: /海洋馆/ });
  await expect(result).toBeVisible();
  await expect(result).toContainText('赵六');
  await expect(result.locator('mark')).toHaveText('蓝鲸');

  const around = page.waitForRequest((r) => r.url().includes(`around=${rareId}`));
  await result.click();
  await around;
  await expect(page.getByRole('heading', { name: '赵六' })).toBeVisible();
  await expect(row(page, rareId)).toBeInViewport();
  await expect(history(page).locator('.virtual-row.found')).toContainText('蓝鲸');
  // The highlight is for a moment only.
  await expect(history(page).locator('.virtual-row.found')).toHaveCount(0, { timeout: 10_000 });
  // The window opened short of its latest message.
  await expect(page.getByRole('button', { name: '回到最新消息' })).toBeVisible();

  // Down a little: a newer page is appended below, and what is being read stays in place.
  let release: () => void = () => undefined;
  await page.route('**/messages?*after=*', async (route) => {
    await new Promise<void>((resolve) => (release = resolve));
    await route.continue();
  });
  const requested = page.waitForRequest(/after=/);
  await history(page).evaluate((scroller) => scroller.scrollBy({ top: 600 }));
  await requested;
  const anchor = await firstVisible(page);
  const loaded = page.waitForResponse(/after=/);
  release();
  await loaded;
  await expect.poll(async () => Math.abs((await topOf(page, anchor.id)) - anchor.top)).toBeLessThanOrEqual(2);
  await page.unroute('**/messages?*after=*');

  // Up: older pages load above.
  const oldestBefore = Math.min(...(await renderedIds(page)));
  for (let round = 0; round < 2; round++) {
    const older = page.waitForResponse((r) => r.url().includes('before='));
    await scrollTo(history(page), 'top');
    await older;
  }
  await scrollTo(history(page), 'top');
  await expect.poll(async () => Math.min(...(await renderedIds(page)))).toBeLessThan(oldestBefore - 100);

  // Down: newer pages load below until the latest.
  await expect
    .poll(
      async () => {
        await scrollTo(history(page), 'bottom');
        return renderedIds(page);
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toContain(ids.get(1000)!);
  await expect(history(page).getByText('第 1000 条', { exact: true })).toBeInViewport();

  // At the latest, live messages join as before.
  const { data: live } = await server.api<{ data: { id: number } }>('POST', `/api/chat/${cId}/messages`, zhao.token, {
    message: '看到蓝鲸了吗？',
    type: 'TEXT',
    clientMsgId: 'search-live',
  });
  await expect(row(page, live.id)).toBeInViewport();
  await expect(page.getByRole('button', { name: /回到最新消息/ })).toHaveCount(0);
});

test('Ctrl+F searches the open chat: Enter and Shift+Enter move between its matches, Escape closes', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const chen = await server.login('chenqi');
  const zhao = await server.login('zhaoliu');
  const li = await server.login('lisi');
  const matches = new Map([
    [40, '明天三点开会'],
    [150, '三点的会改到四点'],
    [290, '三点见'],
  ]);
  const { ids } = await seedChat(server, chen, zhao, 300, matches);
  // Another chat's match is not this chat's.
  await seedChat(server, chen, li, 3, new Map([[2, '三点前给你']]));

  await signIn(page, server, 'chenqi');
  await page.getByRole('option', { name: /赵六/ }).click();
  // It opens at the first unread message.
  await expect(page.getByRole('separator', { name: '以下为新消息' })).toBeVisible();
  await page.keyboard.press('Control+f');
  const field = page.getByRole('searchbox', { name: '在此聊天中搜索' });
  await expect(field).toBeFocused();
  await field.fill('三点');
  const position = page.getByRole('search', { name: '在此聊天中搜索' }).getByRole('status');
  await expect(position).toContainText('1 / 3');
  await expect(position).toContainText('第 1 条结果，共 3 条');
  await expect(row(page, ids.get(290)!)).toBeInViewport();

  await field.press('Enter');
  await expect(position).toContainText('2 / 3');
  await expect(row(page, ids.get(150)!)).toBeInViewport();
  await expect(history(page).locator('.virtual-row.found')).toContainText('三点的会改到四点');

  await field.press('Enter');
  await expect(position).toContainText('3 / 3');
  await expect(row(page, ids.get(40)!)).toBeInViewport();

  await field.press('Shift+Enter');
  await expect(position).toContainText('2 / 3');
  await expect(row(page, ids.get(150)!)).toBeInViewport();

  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await page.getByRole('button', { name: /回到最新消息/ }).click();
  await expect(row(page, ids.get(300)!)).toBeInViewport();
});

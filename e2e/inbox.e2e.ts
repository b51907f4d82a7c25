import type { Locator, Page } from '@playwright/test';
import { APP_TOKEN, expect, signIn, test, type RunningServer } from './fixtures.js';

interface Counts {
  unread: number;
  todo: number;
  read: number;
  byType: Record<string, { unread: number; todo: number }>;
}
interface Item {
  id: number;
  title: string;
  params: string | null;
}
type Inbox<T> = { errdata: { data: T } };

const TABS = { unread: '未读', todo: '待办', read: '已读' } as const;

async function serverCounts(server: RunningServer, token: string) {
  return (await server.api<Inbox<Counts>>('GET', '/message/count', token)).errdata.data;
}

async function serverList(server: RunningServer, token: string, query: string) {
  return (await server.api<Inbox<Item[]>>('GET', `/message/list?${query}`, token)).errdata.data;
}

/** The three tabs say what GET /message/count says (asked after the action reached the server). */
async function expectTabsMatchServer(page: Page, server: RunningServer, token: string) {
  const counts = await serverCounts(server, token);
  for (const [status, name] of Object.entries(TABS))
    await expect(page.getByRole('tab', { name: new RegExp(`^${name}`) })).toHaveAccessibleName(
      `${name}，${counts[status as keyof typeof TABS]} 条`,
    );
  return counts;
}

/** Does something and waits until the status change it causes has been answered by the server. */
async function actAndAwaitServer(page: Page, action: string, act: () => Promise<void>) {
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(`/message/${action}/`),
  );
  await act();
  expect((await answered).ok()).toBe(true);
}

async function openInbox(page: Page, server: RunningServer) {
  await signIn(page, server, 'zhangsan');
  await page.getByRole('button', { name: /通知/ }).click();
  await expect(page.getByRole('feed', { name: '未读通知' })).toBeVisible();
}

const feed = (page: Page, name: string) => page.getByRole('feed', { name });
const row = (list: Locator, title: string) => list.getByRole('article', { name: title, exact: true });
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

test('keyboard triage moves notifications through every state, the tabs counting as the server does', async ({
  page,
  server,
}) => {
  const { token } = await server.login('zhangsan');
  const unread = await serverList(server, token, 'status=0');
  await openInbox(page, server);
  await expectTabsMatchServer(page, server, token);
  const unreadFeed = feed(page, '未读通知');
  const [first, second, third] = unread;

  await page.keyboard.press('j');
  await expect(row(unreadFeed, second!.title)).toBeFocused();
  await page.keyboard.press('k');
  await expect(row(unreadFeed, first!.title)).toBeFocused();

  await actAndAwaitServer(page, 'setread', () => page.keyboard.press('Shift+I'));
  await expect(row(unreadFeed, first!.title)).toHaveCount(0);
  await expect(row(unreadFeed, second!.title)).toBeFocused();
  await expectTabsMatchServer(page, server, token);

  await actAndAwaitServer(page, 'settodo', () => page.keyboard.press('t'));
  await expect(row(unreadFeed, second!.title)).toHaveCount(0);
  await expect(row(unreadFeed, third!.title)).toBeFocused();
  await expectTabsMatchServer(page, server, token);

  // In Todo, send the one just flagged back to Unread.
  await tab(page, TABS.todo).click();
  const todoFeed = feed(page, '待办通知');
  await expect(row(todoFeed, second!.title)).toBeVisible();
  const todo = await serverList(server, token, 'status=2');
  const position = todo.findIndex((n) => n.id === second!.id);
  for (let i = 0; i < position; i++) await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(row(todoFeed, second!.title)).toBeFocused();
  await actAndAwaitServer(page, 'setunread', () => page.keyboard.press('Shift+U'));
  await expect(row(todoFeed, second!.title)).toHaveCount(0);
  await expectTabsMatchServer(page, server, token);

  // In Read, the first one read is there; Shift+U makes it unread again.
  await tab(page, TABS.read).click();
  const readFeed = feed(page, '已读通知');
  await expect(row(readFeed, first!.title)).toBeVisible();
  const read = await serverList(server, token, 'status=1');
  for (let i = 0; i < read.findIndex((n) => n.id === first!.id); i++) await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(row(readFeed, first!.title)).toBeFocused();
  await actAndAwaitServer(page, 'setunread', () => page.keyboard.press('Shift+U'));
  await expect(row(readFeed, first!.title)).toHaveCount(0);
  await expectTabsMatchServer(page, server, token);

  // Back in Unread, both are there again; Enter opens one (and reads it).
  await tab(page, TABS.unread).click();
  await expect(row(unreadFeed, first!.title)).toBeVisible();
  await expect(row(unreadFeed, second!.title)).toBeVisible();
  // Focus is on the tab, where Enter belongs to the tab: j and k bring it to the first row.
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(row(unreadFeed, first!.title)).toBeFocused();
  await actAndAwaitServer(page, 'setread', () => page.keyboard.press('Enter'));
  const details = page.getByRole('complementary', { name: '通知详情' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(first!.title);
  await expectTabsMatchServer(page, server, token);
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
});

test('the buttons triage too, open shows what a notification refers to, and mark all read empties Unread', async ({
  page,
  server,
}) => {
  const { token } = await server.login('zhangsan');
  await openInbox(page, server);
  const unreadFeed = feed(page, '未读通知');
  const unread = await serverList(server, token, 'status=0');
  const plain = unread.find((n) => n.params === null)!;
  const linked = unread.find((n) => n.params !== null && 'id' in JSON.parse(n.params))!;
  const linkedId = (JSON.parse(linked.params!) as { id: number }).id;

  await expect(row(unreadFeed, plain.title).getByRole('button', { name: /^打开/ })).toHaveCount(0);
  await actAndAwaitServer(page, 'settodo', () =>
    row(unreadFeed, plain.title).getByRole('button', { name: '标为待办' }).click(),
  );
  await expect(row(unreadFeed, plain.title)).toHaveCount(0);
  await expectTabsMatchServer(page, server, token);

  await tab(page, TABS.todo).click();
  const todoFeed = feed(page, '待办通知');
  await actAndAwaitServer(page, 'setread', () =>
    row(todoFeed, plain.title).getByRole('button', { name: '标为已读' }).click(),
  );
  await expect(row(todoFeed, plain.title)).toHaveCount(0);
  await expectTabsMatchServer(page, server, token);

  await tab(page, TABS.read).click();
  const readFeed = feed(page, '已读通知');
  await actAndAwaitServer(page, 'setunread', () =>
    row(readFeed, plain.title).getByRole('button', { name: '标为未读' }).click(),
  );
  await expect(row(readFeed, plain.title)).toHaveCount(0);
  await expectTabsMatchServer(page, server, token);

  await tab(page, TABS.unread).click();
  await actAndAwaitServer(page, 'setread', () =>
    row(unreadFeed, linked.title)
      .getByRole('button', { name: `打开 #${linkedId}` })
      .click(),
  );
  const details = page.getByRole('complementary', { name: '通知详情' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(linked.title);
  await expect(details.getByRole('region', { name: '关联' })).toContainText(`#${linkedId}`);
  await expect(details.getByRole('definition').first()).toHaveText('已读');
  await expectTabsMatchServer(page, server, token);

  const markedAll = page.waitForResponse((r) => new URL(r.url()).pathname === '/message/setread/all');
  await page.getByRole('button', { name: '全部标为已读' }).click();
  expect((await markedAll).ok()).toBe(true);
  await expect(page.getByText('没有未读通知')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /已将 \d+ 条通知标为已读/ })).toBeVisible();
  const counts = await expectTabsMatchServer(page, server, token);
  expect(counts.unread).toBe(0);
  await expect(page.getByRole('button', { name: '全部标为已读' })).toBeDisabled();
  await expect(page.getByRole('button', { name: /通知/ }).getByLabel(/条未处理/)).toHaveCount(0);
});

test('the type and subtype filters show only that kind, and mark all read keeps to the type', async ({
  page,
  server,
}) => {
  const { token } = await server.login('zhangsan');
  await openInbox(page, server);
  const before = await serverCounts(server, token);
  const typeFilter = page.getByRole('combobox', { name: '类型', exact: true });
  const subtypeFilter = page.getByRole('combobox', { name: '子类型' });
  await expect(subtypeFilter).toBeDisabled();
  await typeFilter.selectOption('1');
  const unreadFeed = feed(page, '未读通知');
  const ofType = await serverList(server, token, 'status=0&type=1');
  await expect(unreadFeed.getByRole('article')).toHaveCount(ofType.length);
  for (const kind of await unreadFeed.locator('.inbox-kind').allTextContents()) expect(kind).toMatch(/^工作（任务）/);

  await subtypeFilter.selectOption({ label: '新任务提醒' });
  const kinds = await unreadFeed.locator('.inbox-kind').allTextContents();
  for (const kind of kinds) expect(kind).toBe('工作（任务） · 新任务提醒');

  const markedAll = page.waitForResponse((r) => new URL(r.url()).pathname === '/message/setread/all');
  await page.getByRole('button', { name: '将“工作（任务）”全部标为已读' }).click();
  expect((await markedAll).ok()).toBe(true);
  await expect(page.getByText('没有符合筛选条件的未读通知')).toBeVisible();
  const after = await expectTabsMatchServer(page, server, token);
  expect(after.byType['1']!.unread).toBe(0);
  expect(after.unread).toBe(before.unread - before.byType['1']!.unread);
  expect(after.todo).toBe(before.todo);

  await typeFilter.selectOption('');
  await expect(unreadFeed.getByRole('article')).toHaveCount(after.unread);
});

test('a notification from outside appears live, shows HTML as text, and moves when changed elsewhere', async ({
  page,
  server,
}) => {
  const { token, user } = await server.login('zhangsan');
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  await openInbox(page, server);
  await expectTabsMatchServer(page, server, token);

  const title = '<script>window.__injected = 1</script><b>审批</b>';
  const content = '<img src="x" onerror="window.__injected = 2">请查看';
  await server.api('POST', '/message/create', APP_TOKEN, {
    title,
    content,
    type: 2,
    subtype: 1,
    params: '{"id": 42}',
    user_id: user.id,
  });
  const unreadFeed = feed(page, '未读通知');
  const created = unreadFeed.getByRole('article').first();
  await expect(created).toHaveAccessibleName(title);
  await expect(created.getByText(content, { exact: true })).toBeVisible();
  await expect(created.locator('script, b, img')).toHaveCount(0);
  await expect(created.getByRole('button', { name: '打开 #42' })).toBeVisible();
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  const counts = await expectTabsMatchServer(page, server, token);
  await expect(page.getByRole('button', { name: /通知/ }).getByLabel(`${counts.unread} 条未处理`)).toBeVisible();

  // Changed on another device: it leaves Unread and turns up in Todo, without a reload.
  const [newest] = await serverList(server, token, 'status=0&limit=1');
  expect(newest!.title).toBe(title);
  await server.api('POST', `/message/settodo/${newest!.id}`, token);
  await expect(row(unreadFeed, title)).toHaveCount(0);
  const afterTodo = await expectTabsMatchServer(page, server, token);
  await expect(page.getByRole('button', { name: /通知/ }).getByLabel(`${afterTodo.unread} 条未处理`)).toBeVisible();
  await tab(page, TABS.todo).click();
  await expect(row(feed(page, '待办通知'), title)).toBeVisible();
});

test('a long inbox loads page after page as it scrolls, and j keeps the selection in view', async ({
  page,
  server,
}) => {
  const { token, user } = await server.login('zhangsan');
  for (let i = 1; i <= 120; i++)
    await server.api('POST', '/message/create', APP_TOKEN, {
      title: `系统通知 ${i}`,
      content: `第 ${i} 条`,
      type: 7,
      subtype: 0,
      params: null,
      user_id: user.id,
    });
  const counts = await serverCounts(server, token);
  const unread: Item[] = [];
  for (let batch = await serverList(server, token, 'status=0&limit=100'); batch.length > 0;) {
    unread.push(...batch);
    batch = await serverList(server, token, `status=0&limit=100&before=${batch.at(-1)!.id}`);
  }
  expect(unread).toHaveLength(counts.unread);
  await page.setViewportSize({ width: 900, height: 600 });
  await openInbox(page, server);
  const unreadFeed = feed(page, '未读通知');
  await expect(unreadFeed.getByRole('article').first()).toHaveAttribute('aria-setsize', String(counts.unread));

  for (let i = 0; i < 15; i++) await page.keyboard.press('j');
  const selected = row(unreadFeed, unread[15]!.title);
  await expect(selected).toBeFocused();
  await expect(selected).toBeInViewport();

  // The oldest is three pages down: it shows up only if each page loads as the end nears.
  await expect(async () => {
    await unreadFeed.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(row(unreadFeed, unread.at(-1)!.title)).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(row(unreadFeed, unread.at(-1)!.title)).toHaveAttribute('aria-posinset', String(counts.unread));
});

for (const [width, height] of [
  [900, 600],
  [1920, 1080],
] as const)
  test(`at ${width}×${height} nothing overflows, with the details pane open too`, async ({ page, server }) => {
    await page.setViewportSize({ width, height });
    await openInbox(page, server);
    const unreadFeed = feed(page, '未读通知');
    const fits = async () => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const feedBox = (await unreadFeed.boundingBox())!;
      for (const button of await unreadFeed.getByRole('button').all()) {
        const box = await button.boundingBox();
        if (box) expect(box.x + box.width).toBeLessThanOrEqual(feedBox.x + feedBox.width);
      }
    };
    await fits();
    await page.keyboard.press('j');
    await actAndAwaitServer(page, 'setread', () => page.keyboard.press('Enter'));
    await expect(page.getByRole('complementary', { name: '通知详情' })).toBeVisible();
    await fits();
  });

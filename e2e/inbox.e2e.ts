import { AxeBuilder } from '@axe-core/playwright';
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

/** Serious and critical accessibility problems on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openInbox(page: Page, server: RunningServer) {
  await signIn(page, server, 'zhangsan');
  await page.getByRole('button', { name: /通知/ }).click();
  await expect(page.getByRole('listbox', { name: '未读通知' })).toBeVisible();
}

const feed = (page: Page, name: string) => page.getByRole('listbox', { name });
const row = (list: Locator, title: string) => list.getByRole('option', { name: title, exact: true });
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

test('the mouse triages too: a click opens, the details pane moves it, and mark all read empties Unread', async ({
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
  const details = page.getByRole('complementary', { name: '通知详情' });

  // Options hold no buttons (a listbox's options are not containers of controls).
  await expect(unreadFeed.getByRole('button')).toHaveCount(0);
  await actAndAwaitServer(page, 'setread', () => row(unreadFeed, plain.title).click());
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(plain.title);
  await expect(row(unreadFeed, plain.title)).toHaveAttribute('aria-selected', 'true');
  await actAndAwaitServer(page, 'settodo', () => details.getByRole('button', { name: '标为待办' }).click());
  await expect(details.getByRole('definition').first()).toHaveText('待办');
  await expectTabsMatchServer(page, server, token);
  await actAndAwaitServer(page, 'setunread', () => details.getByRole('button', { name: '标为未读' }).click());
  await expectTabsMatchServer(page, server, token);
  expect((await serverList(server, token, 'status=0')).map((n) => n.id)).toContain(plain.id);

  await actAndAwaitServer(page, 'setread', () => row(unreadFeed, linked.title).click());
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(linked.title);
  const refersTo = details.getByRole('region', { name: '关联' });
  await expect(refersTo).toContainText(`#${linkedId}`);
  // An id of another system: said plainly, not a button that leads nowhere.
  await expect(refersTo).toContainText('本应用中没有可以打开它的页面');
  await expect(refersTo.getByRole('button')).toHaveCount(0);
  await expect(details.getByRole('definition').first()).toHaveText('已读');
  await expectTabsMatchServer(page, server, token);
  // Closed, the pane lets go of the one it showed: read, it leaves Unread.
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(row(unreadFeed, linked.title)).toHaveCount(0);

  const markedAll = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/inbox/read-all');
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
  await expect(unreadFeed.getByRole('option')).toHaveCount(ofType.length);
  for (const kind of await unreadFeed.locator('.inbox-kind').allTextContents()) expect(kind).toMatch(/^工作（任务）/);

  await subtypeFilter.selectOption({ label: '新任务提醒' });
  const kinds = await unreadFeed.locator('.inbox-kind').allTextContents();
  for (const kind of kinds) expect(kind).toBe('工作（任务） · 新任务提醒');

  const markedAll = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/inbox/read-all');
  await page.getByRole('button', { name: '将“工作（任务）”全部标为已读' }).click();
  expect((await markedAll).ok()).toBe(true);
  await expect(page.getByText('没有符合筛选条件的未读通知')).toBeVisible();
  const after = await expectTabsMatchServer(page, server, token);
  expect(after.byType['1']!.unread).toBe(0);
  expect(after.unread).toBe(before.unread - before.byType['1']!.unread);
  expect(after.todo).toBe(before.todo);

  await typeFilter.selectOption('');
  await expect(unreadFeed.getByRole('option')).toHaveCount(after.unread);
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
  const created = unreadFeed.getByRole('option').first();
  await expect(created).toHaveAccessibleName(title);
  await expect(created.getByText(content, { exact: true })).toBeVisible();
  await expect(created.locator('script, b, img')).toHaveCount(0);
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
  await expect(unreadFeed.getByRole('option').first()).toHaveAttribute('aria-setsize', String(counts.unread));

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

test('Enter opens a notification; it stays on screen and selected, so Shift+I and t act on that one', async ({
  page,
  server,
}) => {
  const { token } = await server.login('zhangsan');
  const [first, second] = await serverList(server, token, 'status=0');
  await openInbox(page, server);
  const unreadFeed = feed(page, '未读通知');
  const details = page.getByRole('complementary', { name: '通知详情' });
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(row(unreadFeed, first!.title)).toBeFocused();

  await actAndAwaitServer(page, 'setread', () => page.keyboard.press('Enter'));
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(first!.title);
  // Read, it no longer belongs to Unread, yet it is still the selected row, as the pane says.
  await expect(row(unreadFeed, first!.title)).toHaveAttribute('aria-selected', 'true');
  await expect(row(unreadFeed, second!.title)).toHaveAttribute('aria-selected', 'false');

  await actAndAwaitServer(page, 'settodo', () => page.keyboard.press('t'));
  expect((await serverList(server, token, 'status=2')).map((n) => n.id)).toContain(first!.id);
  expect((await serverList(server, token, 'status=0')).map((n) => n.id)).toContain(second!.id);
  await expect(details.getByRole('definition').first()).toHaveText('待办');

  await actAndAwaitServer(page, 'setread', () => page.keyboard.press('Shift+I'));
  expect((await serverList(server, token, 'status=1&limit=100')).map((n) => n.id)).toContain(first!.id);
  expect((await serverList(server, token, 'status=0')).map((n) => n.id)).toContain(second!.id);
  await expect(details.getByRole('definition').first()).toHaveText('已读');
  await expectTabsMatchServer(page, server, token);

  // Moving on lets it go; the pane follows the selection, reading nothing by itself.
  await page.keyboard.press('j');
  await expect(row(unreadFeed, first!.title)).toHaveCount(0);
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(second!.title);
  await expect(row(unreadFeed, second!.title)).toBeFocused();
  expect((await serverList(server, token, 'status=0')).map((n) => n.id)).toContain(second!.id);
});

test('a task the params name opens in its project', async ({ page, server }) => {
  const { token } = await server.login('zhangsan');
  const all = [
    ...(await serverList(server, token, 'status=0&limit=100')),
    ...(await serverList(server, token, 'status=1&limit=100')),
    ...(await serverList(server, token, 'status=2&limit=100')),
  ];
  const task = all.find((n) => n.params?.includes('"taskName": "接口联调"'))!;
  await openInbox(page, server);
  await page.getByRole('searchbox', { name: '搜索通知' }).fill('接口联调');
  const results = page.getByRole('listbox', { name: '搜索到的通知' });
  await results.getByRole('option', { name: new RegExp(task.title) }).click();
  const details = page.getByRole('complementary', { name: '通知详情' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(task.title);
  await details.getByRole('button', { name: '在项目中打开任务“接口联调”' }).click();
  await expect(page.getByRole('navigation', { name: '分区' }).getByRole('button', { name: /项目/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('heading', { name: '新版官网改版' })).toBeVisible();
});

test('inbox search finds notifications only, waits for the input method, and opens what it found', async ({
  page,
  server,
}) => {
  const { token } = await server.login('zhangsan');
  await openInbox(page, server);
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/search') asked.push(url.searchParams.get('q')!);
  });
  const field = page.getByRole('searchbox', { name: '搜索通知' });
  await field.focus();
  // A Chinese input method: pinyin letters while composing, the word when committed.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'shen', selectionStart: 4, selectionEnd: 4 });
  await cdp.send('Input.imeSetComposition', { text: 'shenpi', selectionStart: 6, selectionEnd: 6 });
  const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/search');
  await cdp.send('Input.insertText', { text: '审批' });
  expect((await searched).ok()).toBe(true);
  await expect(field).toHaveValue('审批');

  const found = (
    await server.api<{ data: { kind: string; id: number; title?: string }[] }>(
      'GET',
      `/api/search?q=${encodeURIComponent('审批')}&limit=100`,
      token,
    )
  ).data.filter((r) => r.kind === 'notification');
  const results = page.getByRole('listbox', { name: '搜索到的通知' });
  await expect(results.getByRole('option')).toHaveCount(found.length);
  expect(asked.every((q) => !/[a-z]/i.test(q))).toBe(true);
  expect(asked).toContain('审批');

  await results.getByRole('option').first().press('Enter');
  const details = page.getByRole('complementary', { name: '通知详情' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(found[0]!.title!);
  await expect(results.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await field.fill('');
  await expect(feed(page, '未读通知')).toBeVisible();
});

test('several selected with Shift and Ctrl are marked read together, one refetch showing the server’s counts', async ({
  page,
  server,
}) => {
  const { token } = await server.login('zhangsan');
  const before = await serverCounts(server, token);
  const unread = await serverList(server, token, 'status=0');
  await openInbox(page, server);
  const unreadFeed = feed(page, '未读通知');
  await expect(unreadFeed).toHaveAttribute('aria-multiselectable', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('Shift+J');
  await page.keyboard.press('Shift+J');
  await row(unreadFeed, unread[4]!.title).click({ modifiers: ['ControlOrMeta'] });
  const bar = page.getByRole('toolbar', { name: '对选中的通知' });
  await expect(bar).toContainText('已选择 4 条');
  const chosen = [0, 1, 2, 4].map((i) => unread[i]!);
  for (const n of chosen) await expect(row(unreadFeed, n.title)).toHaveAttribute('aria-selected', 'true');
  await expect(row(unreadFeed, unread[3]!.title)).toHaveAttribute('aria-selected', 'false');

  await bar.getByRole('button', { name: '标为已读' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已将 4 条通知标为已读' })).toBeVisible();
  for (const n of chosen) await expect(row(unreadFeed, n.title)).toHaveCount(0);
  const after = await expectTabsMatchServer(page, server, token);
  expect(after.unread).toBe(before.unread - 4);

  // Ctrl+A takes every loaded one; t flags them all.
  await page.keyboard.press('ControlOrMeta+A');
  await expect(bar).toContainText(`已选择 ${after.unread} 条`);
  await page.keyboard.press('t');
  await expect(page.getByText('没有未读通知')).toBeVisible();
  const flagged = await expectTabsMatchServer(page, server, token);
  expect(flagged.todo).toBe(before.todo + after.unread);
});

test('? shows the inbox’s shortcuts in a dialog that keeps focus and closes with Escape; the inbox passes axe', async ({
  page,
  server,
}) => {
  const { user } = await server.login('zhangsan');
  // One that came just now, so the Today group exists whatever the time of day.
  await server.api('POST', '/message/create', APP_TOKEN, {
    title: '刚刚到的通知',
    content: '现在',
    type: 7,
    subtype: 0,
    params: null,
    user_id: user.id,
  });
  await openInbox(page, server);
  const unreadFeed = feed(page, '未读通知');
  // The groups are announced: every option sits in a group named by its heading.
  await expect(unreadFeed.getByRole('group', { name: '今天' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('Shift+J');
  await expect(page.getByRole('toolbar', { name: '对选中的通知' })).toBeVisible();
  expect(await seriousViolations(page), 'multi-select').toEqual([]);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: '通知详情' })).toBeVisible();
  expect(await seriousViolations(page), 'details').toEqual([]);

  await page.keyboard.press('?');
  const map = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(map).toBeVisible();
  for (const label of [
    '下一条',
    '把下一条加入选择',
    '选择已加载的全部通知',
    '标为待办（选中的全部）',
    '搜索通知',
    '前往“聊天”',
  ])
    await expect(map.getByText(label, { exact: true })).toBeVisible();
  expect(await seriousViolations(page), 'shortcut map').toEqual([]);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await map.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(map).toHaveCount(0);

  await page.getByRole('searchbox', { name: '搜索通知' }).fill('审批');
  await expect(page.getByRole('listbox', { name: '搜索到的通知' })).toBeVisible();
  expect(await seriousViolations(page), 'search results').toEqual([]);

  // In the chats the map lists what the chats offer, not the inbox's keys.
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('navigation', { name: '分区' }).getByRole('button', { name: /聊天/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  const chatsMap = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(chatsMap.getByText('前往“通知”', { exact: true })).toBeVisible();
  await expect(chatsMap.getByText('下一条', { exact: true })).toHaveCount(0);
});

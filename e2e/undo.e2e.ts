import type { BrowserContextOptions, Page } from '@playwright/test';
import { expect, signIn, test, type RunningServer } from './kit/index.js';

type Inbox<T> = { errdata: { data: T } };

/** Everything the inbox's undo must put back, as the server says it (whole JSON). */
async function inboxState(server: RunningServer, token: string) {
  const read = (path: string) => server.api<Inbox<unknown>>('GET', path, token).then((r) => r.errdata.data);
  return {
    counts: await read('/message/count'),
    unread: await read('/message/list?status=0&limit=100'),
    read: await read('/message/list?status=1&limit=100'),
    todo: await read('/message/list?status=2&limit=100'),
  };
}

const pendingInvitations = async (server: RunningServer, token: string) =>
  (await server.api<{ data: { invitationsPending: number } }>('GET', '/api/counts', token)).data.invitationsPending;

/** Signs in and waits for the live channel (its `ready` frame), so pushed updates reach the page. */
async function signInLive(page: Page, server: RunningServer, username: string) {
  const ready = new Promise<void>((resolve) =>
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => String(payload).includes('"ready"') && resolve()),
    ),
  );
  await signIn(page, server, username);
  await ready;
}

const rail = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: /^(分区|Sections)$/ }).getByRole('button', { name });
const toast = (page: Page) => page.getByRole('status').filter({ has: page.locator('.undo-toast') });
const answered = (page: Page, path: RegExp) =>
  page.waitForResponse((r) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname));

async function openInbox(page: Page) {
  await rail(page, /通知|Inbox/).click();
  await expect(page.getByRole('listbox', { name: /未读通知|Unread notifications/ })).toBeVisible();
}

test('undo after mark all read puts every notification back as it was', async ({ page, server }) => {
  const { token } = await server.login('zhangsan');
  const before = await inboxState(server, token);
  await signInLive(page, server, 'zhangsan');
  await openInbox(page);

  const marked = answered(page, /^\/api\/inbox\/read-all$/);
  await page.getByRole('button', { name: '全部标为已读' }).click();
  expect((await marked).ok()).toBe(true);
  await expect(toast(page)).toContainText('条通知标为已读');
  expect((await inboxState(server, token)).unread).toEqual([]);

  const restored = answered(page, /^\/message\/restore$/);
  await toast(page).getByRole('button', { name: '撤销' }).click();
  expect((await restored).ok()).toBe(true);
  await expect(toast(page)).toContainText('已撤销');
  expect(await inboxState(server, token)).toEqual(before);
  const { unread } = before.counts as { unread: number };
  await expect(page.getByRole('tab', { name: /^未读/ })).toHaveAccessibleName(`未读，${unread} 条`);
});

test('undo (Ctrl+Z) after marking one to-do puts it back as it was', async ({ page, server }) => {
  const { token } = await server.login('zhangsan');
  const before = await inboxState(server, token);
  await signInLive(page, server, 'zhangsan');
  await openInbox(page);

  await page.keyboard.press('j');
  const flagged = answered(page, /^\/message\/settodo\/\d+$/);
  await page.keyboard.press('t');
  expect((await flagged).ok()).toBe(true);
  await expect(toast(page)).toContainText('已标为待办');
  expect(await inboxState(server, token)).not.toEqual(before);

  // The `?` map lists the key while the toast offers it.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog').getByText('撤销')).toBeVisible();
  await page.keyboard.press('Escape');

  const restored = answered(page, /^\/message\/restore$/);
  await page.keyboard.press('Control+z');
  expect((await restored).ok()).toBe(true);
  await expect(toast(page)).toContainText('已撤销');
  expect(await inboxState(server, token)).toEqual(before);
});

test('undo after declining an invitation makes it pending again', async ({ page, server }) => {
  const { token } = await server.login('zhangsan');
  const before = await pendingInvitations(server, token);
  await signInLive(page, server, 'zhangsan');
  const invitations = rail(page, /邀请/);
  await invitations.click();

  const card = page.getByRole('article', { name: /接口联调/ });
  await card.getByRole('button', { name: '拒绝' }).click();
  await expect(card.getByText('已拒绝')).toBeVisible();
  await expect(toast(page)).toContainText('已拒绝邀请');
  await expect(invitations.getByLabel(`${before - 1} 条未处理`)).toBeVisible();

  await toast(page).getByRole('button', { name: '撤销' }).click();
  await expect(toast(page)).toContainText('已撤销');
  await expect(card.getByRole('button', { name: '接受' })).toBeEnabled();
  await expect(card.getByRole('button', { name: '拒绝' })).toBeEnabled();
  expect(await pendingInvitations(server, token)).toBe(before);
  await expect(invitations.getByLabel(`${before} 条未处理`)).toBeVisible();
});

const LOOKS: [string, BrowserContextOptions][] = [
  ['zh-CN-light', { locale: 'zh-CN', colorScheme: 'light' }],
  ['zh-CN-dark', { locale: 'zh-CN', colorScheme: 'dark' }],
  ['en-light', { locale: 'en-US', colorScheme: 'light' }],
  ['en-dark', { locale: 'en-US', colorScheme: 'dark' }],
];

for (const [look, options] of LOOKS)
  test(`the undo toast, ${look}`, async ({ browser, server }, testInfo) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, server, 'zhangsan');
    await openInbox(page);
    await page.getByRole('button', { name: /^(全部标为已读|Mark all read)$/ }).click();
    const undo = toast(page).getByRole('button', { name: /^(撤销|Undo)$/ });
    // Reached from the keyboard, it shows its focus ring; the focus holds it while the picture is taken.
    await page.keyboard.press('Shift');
    await undo.focus();
    await expect(undo).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath(`undo-toast-${look}.png`) });
    await undo.click();
    await expect(toast(page)).toContainText(/已撤销|Undone/);
    await context.close();
  });

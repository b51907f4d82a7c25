import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { APP_TOKEN, expect, signIn, test } from './fixtures.js';

const rail = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: /分区|Sections/ }).getByRole('button', { name });

/** Serious and critical accessibility problems on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('every main screen passes an accessibility scan, in both themes', async ({ page, server }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.goto(server.url);
    expect(await seriousViolations(page), `sign-in, ${scheme}`).toEqual([]);
    await signIn(page, server, 'zhangsan');
    for (const section of [/聊天/, /通知/, /邀请/, /项目/, /设置/]) {
      await rail(page, section).click();
      await expect(rail(page, section)).toHaveAttribute('aria-current', 'page');
      expect(await seriousViolations(page), `${section}, ${scheme}`).toEqual([]);
    }
  }
});

test('language and theme choices persist over a reload', async ({ page, server }) => {
  await signIn(page, server, 'zhangsan');
  await rail(page, /设置/).click();
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(rail(page, /Settings/)).toBeVisible();
});

test('the window title counts what waits; in English, what the server wrote reads in English', async ({
  page,
  server,
}) => {
  const zhangsan = await server.login('zhangsan');
  const counts = (
    await server.api<{ data: { chatUnread: number; inboxUnread: number; invitationsPending: number } }>(
      'GET',
      '/api/counts',
      zhangsan.token,
    )
  ).data;
  const waiting = counts.chatUnread + counts.inboxUnread + counts.invitationsPending;
  await signIn(page, server, 'zhangsan');
  await expect(page).toHaveTitle(`(${waiting}) 聊天`);

  await rail(page, /设置/).click();
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page).toHaveTitle(`(${waiting}) Settings`);
  await rail(page, /Invitations/).click();
  await expect(page).toHaveTitle(`(${waiting}) Invitations`);
  await expect(page.getByRole('article', { name: '王五 invited you to join the project “年会筹备”' })).toBeVisible();
  await expect(page.getByText(/邀请你加入项目|发布了一个任务|加入了项目/)).toHaveCount(0);
  expect(await seriousViolations(page), 'invitations, English').toEqual([]);
});

test('a user who was away finds what was sent meanwhile waiting for them', async ({ page, server }) => {
  const lisi = await server.login('lisi');
  const zhangsan = await server.login('zhangsan');
  const window = (
    await server.api<{ data: { id: number } }>('POST', '/api/chat', lisi.token, { toId: zhangsan.user.id })
  ).data;
  await server.api('POST', `/api/chat/${window.id}/messages`, lisi.token, {
    message: '你不在的时候发的消息',
    type: 'TEXT',
    clientMsgId: 'while-away-1',
  });
  await signIn(page, server, 'zhangsan');
  await rail(page, /邀请/).click();
  await expect(page.getByRole('region', { name: '动态' })).toBeVisible();
  // A direct message is read in the chats, not listed again as activity.
  await expect(page.getByText('李四给你发来一条私信: 你不在的时候发的消息')).toHaveCount(0);
  await rail(page, /聊天/).click();
  await expect(page.getByText('你不在的时候发的消息').first()).toBeVisible();
  // Opening the invitations and activity handed the waiting messages over: none is left undelivered.
  const undelivered = async () =>
    (
      await server.api<{ data: Record<string, number> }>(
        'GET',
        '/app-id/JH/users/zhangsan/offline_msg_count',
        APP_TOKEN,
      )
    ).data.zhangsan;
  await expect.poll(undelivered).toBe(0);
});

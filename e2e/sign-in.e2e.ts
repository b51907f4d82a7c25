import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.js';

/** A section's button in the navigation rail. */
const rail = (page: Page, name: RegExp) => page.getByRole('navigation', { name: '分区' }).getByRole('button', { name });

test('a demo user signs in, stays signed in across a reload, and signs out', async ({ page, server }) => {
  await signIn(page, server, 'zhangsan');
  await expect(rail(page, /聊天/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: '分区' })).toBeVisible();
  await rail(page, /设置/).click();
  await expect(page.getByText('已登录：张三（zhangsan）')).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByLabel('用户名').fill('zhangsan');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).last().click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
});

test('the badges show the counts the API reports', async ({ page, server }) => {
  const { token } = await server.login('zhangsan');
  const counts = (await server.api<{ data: Record<string, number> }>('GET', '/api/counts', token)).data;
  await signIn(page, server, 'zhangsan');
  await expect(rail(page, /聊天/).getByLabel(`${counts.chatUnread} 条未处理`)).toBeVisible();
  await expect(rail(page, /通知/).getByLabel(`${counts.inboxUnread} 条未处理`)).toBeVisible();
  await expect(rail(page, /邀请/).getByLabel(`${counts.invitationsPending} 条未处理`)).toBeVisible();
});

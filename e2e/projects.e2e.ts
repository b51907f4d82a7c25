import type { Page } from '@playwright/test';
import { expect, signIn, test, type RunningServer } from './fixtures.js';

interface ProjectSummary {
  id: string;
  name: string;
}
interface ProjectDetail extends ProjectSummary {
  members: { user: { userName: string }; role: string }[];
  tasks: { name: string; assigneeId: number | null }[];
}

const rail = (page: Page, name: RegExp) => page.getByRole('navigation', { name: '分区' }).getByRole('button', { name });
const projectNamed = async (server: RunningServer, token: string, name: string) => {
  const list = (await server.api<{ data: ProjectSummary[] }>('GET', '/api/projects', token)).data;
  const { id } = list.find((p) => p.name === name)!;
  return (await server.api<{ data: ProjectDetail }>('GET', `/api/projects/${id}`, token)).data;
};

test('create a project, invite lisi who accepts live, publish a task, invite to it, remove a member', async ({
  page,
  server,
  browser,
}) => {
  const zhangsan = await server.login('zhangsan');
  const other = await browser.newContext({ locale: 'zh-CN' });
  const lisiPage = await other.newPage();
  await signIn(lisiPage, server, 'lisi');
  await rail(lisiPage, /邀请/).click();
  await expect(lisiPage.getByRole('heading', { name: '待处理的邀请' })).toBeVisible();

  await signIn(page, server, 'zhangsan');
  await rail(page, /项目/).click();
  await page.getByLabel('新项目名称').fill('季度复盘');
  await page.getByRole('button', { name: '创建项目' }).click();
  await expect(page.getByRole('heading', { name: '季度复盘' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: '我的项目' }).getByRole('button', { name: /季度复盘/ }),
  ).toHaveAttribute('aria-current', 'page');

  await page.getByRole('button', { name: '邀请成员' }).click();
  const inviteDialog = page.getByRole('dialog', { name: '邀请成员加入「季度复盘」' });
  await inviteDialog.getByRole('combobox', { name: '要邀请的人' }).fill('lisi');
  await inviteDialog.getByRole('option', { name: /李四/ }).click();
  await inviteDialog.getByLabel('附言（可选）').fill('一起复盘');
  await inviteDialog.getByRole('button', { name: '发送邀请' }).click();
  await expect(inviteDialog).toBeHidden();
  await expect(page.getByRole('main', { name: '项目' }).getByRole('status')).toHaveText(/已向 李四 发出邀请/);

  const invitation = lisiPage.getByRole('article', { name: /季度复盘/ });
  await expect(invitation.getByText('附言：一起复盘')).toBeVisible();
  await invitation.getByRole('button', { name: '接受' }).click();
  await expect(invitation.getByText('已接受')).toBeVisible();

  const members = page.getByRole('region', { name: /成员/ });
  await expect(members.getByRole('listitem').filter({ hasText: '李四' })).toBeVisible();

  await page.getByLabel('新任务名称').fill('整理复盘材料');
  await page.getByRole('button', { name: '发布任务' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: '整理复盘材料' })).toBeVisible();
  await page.getByRole('button', { name: '邀请执行「整理复盘材料」' }).click();
  const taskDialog = page.getByRole('dialog', { name: '邀请成员执行「整理复盘材料」' });
  await expect(taskDialog.getByLabel('项目成员')).toHaveValue(String((await server.login('lisi')).user.id));
  await taskDialog.getByRole('button', { name: '发送邀请' }).click();
  await expect(taskDialog).toBeHidden();
  await expect(lisiPage.getByRole('article', { name: /整理复盘材料/ })).toBeVisible();

  // Escape cancels the confirmation; nothing is removed.
  await page.getByRole('button', { name: '将 李四 移出项目' }).click();
  const confirm = page.getByRole('dialog', { name: '将 李四 移出「季度复盘」？' });
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: '将 李四 移出项目' })).toBeFocused();

  await page.getByRole('button', { name: '将 李四 移出项目' }).click();
  await confirm.getByRole('button', { name: '移出' }).click();
  await expect(confirm).toBeHidden();
  await expect(members.getByRole('listitem').filter({ hasText: '李四' })).toHaveCount(0);
  const project = await projectNamed(server, zhangsan.token, '季度复盘');
  expect(project.members.map((m) => m.user.userName)).toEqual(['zhangsan']);
  await other.close();
});

test('server refusals are explained, and a member leaves after confirming', async ({ page, server }) => {
  const zhangsan = await server.login('zhangsan');
  await signIn(page, server, 'zhangsan');
  await rail(page, /项目/).click();
  const list = page.getByRole('navigation', { name: '我的项目' });

  // chenqi already has an invitation to 新版官网改版 waiting: listed as such, not offered.
  await list.getByRole('button', { name: /新版官网改版/ }).click();
  await page.getByRole('button', { name: '邀请成员' }).click();
  const dialog = page.getByRole('dialog', { name: '邀请成员加入「新版官网改版」' });
  await dialog.getByRole('combobox').fill('chenqi');
  await dialog.getByRole('option', { name: /陈七.*已邀请/ }).click({ force: true });
  await expect(dialog.getByRole('button', { name: '发送邀请' })).toHaveCount(0);
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();

  // The owner has no "leave"; a member of someone else's project has.
  await expect(page.getByRole('button', { name: '退出项目' })).toHaveCount(0);
  await list.getByRole('button', { name: /客户回访计划/ }).click();
  await expect(page.getByRole('button', { name: /将 .* 移出项目/ })).toHaveCount(0);
  await page.getByRole('button', { name: '退出项目' }).click();
  const confirm = page.getByRole('dialog', { name: '退出「客户回访计划」？' });
  await confirm.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('main', { name: '项目' }).getByRole('status')).toHaveText('你已退出「客户回访计划」。');
  await expect(list.getByRole('button', { name: /客户回访计划/ })).toHaveCount(0);
  const mine = (await server.api<{ data: ProjectSummary[] }>('GET', '/api/projects', zhangsan.token)).data;
  expect(mine.map((p) => p.name)).not.toContain('客户回访计划');
});

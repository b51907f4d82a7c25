import type { Page } from '@playwright/test';
import { expect, signIn, test, type RunningServer } from './fixtures.js';
import type { OfflineMessageWire as OfflineMessage } from '../embedded-server/src/contract/wire.js';

interface ProjectDetail {
  id: string;
  name: string;
  cId: number;
  members: { user: { id: number; userName: string } }[];
  tasks: { id: string; name: string; assigneeId: number | null }[];
}

const rail = (page: Page, name: RegExp) => page.getByRole('navigation', { name: '分区' }).getByRole('button', { name });
const history = async (server: RunningServer, token: string) =>
  (await server.api<{ messages: OfflineMessage[] }>('GET', '/offlineMessages/history?limit=100', token)).messages;
const project = async (server: RunningServer, token: string, id: string) =>
  (await server.api<{ data: ProjectDetail }>('GET', `/api/projects/${id}`, token)).data;
const pendingCount = async (server: RunningServer, token: string) =>
  (await server.api<{ data: { invitationsPending: number } }>('GET', '/api/counts', token)).data.invitationsPending;

test('accepting the project invitation with a double click joins once, and opens the project and its chat', async ({
  page,
  server,
}) => {
  const zhangsan = await server.login('zhangsan');
  const wangwu = await server.login('wangwu');
  const invitation = (await history(server, zhangsan.token)).find((m) => m.type === 4 && !m.dealt)!;
  const projectId = String(invitation.extraInfo.projectId);
  const answers: string[] = [];
  page.on('request', (request) => {
    if (/\/offlineMessages\/\w+\/(accept|decline)$/.test(request.url())) answers.push(request.url());
  });

  await signIn(page, server, 'zhangsan');
  await rail(page, /邀请/).click();
  const card = page.getByRole('article', { name: /年会筹备/ });
  await card.getByRole('button', { name: '接受' }).dblclick();
  await expect(card.getByText('已接受')).toBeVisible();

  expect(answers).toHaveLength(1);
  const party = await project(server, wangwu.token, projectId);
  expect(party.members.filter((m) => m.user.id === zhangsan.user.id)).toHaveLength(1);
  const joined = (await history(server, wangwu.token)).filter(
    (m) => m.type === 2 && m.extraInfo.projectId === projectId && m.extraInfo.userId === String(zhangsan.user.id),
  );
  expect(joined).toHaveLength(1);

  const openChat = card.getByRole('button', { name: '打开项目群聊' });
  await expect(openChat).toBeEnabled();
  await card.getByRole('button', { name: '打开项目', exact: true }).click();
  await expect(page.getByRole('heading', { name: '年会筹备' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: '我的项目' }).getByRole('button', { name: /年会筹备/ }),
  ).toBeVisible();

  await rail(page, /邀请/).click();
  await page.getByRole('button', { name: '打开项目群聊' }).click();
  await expect(rail(page, /聊天/)).toHaveAttribute('aria-current', 'page');
  const windowId = await page.evaluate(
    () => (JSON.parse(localStorage.getItem('messenger.navigation')!) as { state: { windowId: number } }).state.windowId,
  );
  expect(windowId).toBe(party.cId);
});

test('declining the task invitation; the badge follows the pending count', async ({ page, server }) => {
  const zhangsan = await server.login('zhangsan');
  const before = await pendingCount(server, zhangsan.token);
  await signIn(page, server, 'zhangsan');
  const invitations = rail(page, /邀请/);
  await expect(invitations.getByLabel(`${before} 条未处理`)).toBeVisible();
  await invitations.click();

  const card = page.getByRole('article', { name: /接口联调/ });
  await card.getByRole('button', { name: '拒绝' }).click();
  await expect(card.getByText('已拒绝')).toBeVisible();
  await expect(card.getByRole('button', { name: '接受' })).toHaveCount(0);

  const after = await pendingCount(server, zhangsan.token);
  expect(after).toBe(before - 1);
  await expect(invitations.getByLabel(`${after} 条未处理`)).toBeVisible();
  const taskInvitation = (await history(server, zhangsan.token)).find(
    (m) => m.msg.includes('接口联调') && m.type === 7,
  )!;
  expect(taskInvitation.dealt).toBe(true);

  // Answered from elsewhere: the card follows live (`invitation.updated`) and offers no answer any more.
  await page.getByRole('article', { name: /年会筹备/ }).waitFor();
  const party = (await history(server, zhangsan.token)).find((m) => m.type === 4 && !m.dealt)!;
  await server.api('POST', `/offlineMessages/${party.id}/decline`, zhangsan.token);
  await expect(page.getByRole('article', { name: /年会筹备/ })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: '王五邀请你加入项目: 年会筹备' })).toContainText('已拒绝');
  await expect(invitations.getByLabel(/条未处理/)).toHaveCount(0);
});

test('an invitation sent from elsewhere appears live, its project name shown as text', async ({ page, server }) => {
  const zhangsan = await server.login('zhangsan');
  const chenqi = await server.login('chenqi');
  await signIn(page, server, 'zhangsan');
  await rail(page, /邀请/).click();
  await expect(page.getByRole('article', { name: /年会筹备/ })).toBeVisible();

  const name = '外部项目 <script>alert(1)</script>';
  const created = (await server.api<{ data: { id: string } }>('POST', '/api/projects', chenqi.token, { name })).data;
  await server.api('POST', `/api/projects/${created.id}/invitations`, chenqi.token, {
    userId: zhangsan.user.id,
    remark: '一起来看看',
  });

  const card = page.getByRole('article', { name: `陈七邀请你加入项目: ${name}` });
  await expect(card).toBeVisible();
  await expect(card.getByText('附言：一起来看看')).toBeVisible();
  await expect(page.getByRole('article').first()).toHaveAccessibleName(/外部项目/);
  const pending = await pendingCount(server, zhangsan.token);
  await expect(rail(page, /邀请/).getByLabel(`${pending} 条未处理`)).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(`待处理的邀请\\s*${pending}`) })).toBeVisible();
});

test('Activity shows project and task events by day; direct messages that came meanwhile stay in the chats', async ({
  page,
  server,
}) => {
  const lisi = await server.login('lisi');
  const zhangsan = await server.login('zhangsan');
  const window = (
    await server.api<{ data: { id: number } }>('POST', '/api/chat', lisi.token, { toId: zhangsan.user.id })
  ).data;
  for (let i = 0; i < 30; i++)
    await server.api('POST', `/api/chat/${window.id}/messages`, lisi.token, {
      message: `离线时的第 ${i} 条私信`,
      type: 'TEXT',
      clientMsgId: `away-${i}`,
    });
  const waiting = await history(server, zhangsan.token);
  expect(waiting.filter((m) => m.type === 0).length).toBeGreaterThanOrEqual(30);
  // What Activity is for: project and task events, invitations once answered (pending ones are above it).
  const isEvent = (m: OfflineMessage) => m.type >= 2 && !((m.type === 4 || m.type === 7) && !m.dealt);
  const events = waiting.filter(isEvent);

  await signIn(page, server, 'zhangsan');
  await rail(page, /邀请/).click();
  const activity = page.getByRole('region', { name: '动态' });
  await expect(activity.getByRole('listitem').first()).toBeVisible();
  await expect(activity.getByText(/私信|离线时的/)).toHaveCount(0);
  // The first screenful: a page of history may be all chat messages, so more pages load until it fills.
  await expect(async () =>
    expect(await activity.getByRole('listitem').count()).toBeGreaterThanOrEqual(Math.min(events.length, 20)),
  ).toPass();
  // Each day is a region named by its heading: today, yesterday, or the date.
  const headings = await activity.getByRole('heading', { level: 3 }).allTextContents();
  expect(headings.length).toBeGreaterThan(0);
  for (const heading of headings) expect(heading).toMatch(/^(今天|昨天|\d{4}年\d{1,2}月\d{1,2}日)/);
  await expect(activity.getByRole('region', { name: headings[0] })).toBeVisible();

  await rail(page, /聊天/).click();
  await page.getByRole('option', { name: /^李四/ }).click();
  await expect(page.getByText('离线时的第 29 条私信')).toBeVisible();
});

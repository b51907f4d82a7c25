import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { expect, signIn, test, type RunningServer } from './fixtures.js';
import type {
  InvitationWire as Invitation,
  OfflineMessageWire as OfflineMessage,
  ProjectDetailWire as ProjectDetail,
  ProjectWire as Project,
} from '../embedded-server/src/contract/wire.js';

const rail = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: /^(分区|Sections)$/ }).getByRole('button', { name });
const history = async (server: RunningServer, token: string) =>
  (await server.api<{ messages: OfflineMessage[] }>('GET', '/offlineMessages/history?limit=100', token)).messages;
const website = async (server: RunningServer, token: string) => {
  const projects = (await server.api<{ data: Project[] }>('GET', '/api/projects', token)).data;
  const { id } = projects.find((p) => p.name === '新版官网改版')!;
  return (await server.api<{ data: ProjectDetail }>('GET', `/api/projects/${id}`, token)).data;
};

/** The contexts the test opened, closed when it ends. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/**
 * Someone signed in, in a context of their own, whose live channel is up: what the server
 * pushes from then on reaches the page (the `ready` frame comes after the auth frame).
 */
async function livePerson(
  browser: Browser,
  server: RunningServer,
  username: string,
  options: BrowserContextOptions = { locale: 'zh-CN' },
) {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  const ready = new Promise<void>((resolve) =>
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => String(payload).includes('"ready"') && resolve()),
    ),
  );
  await signIn(page, server, username);
  await ready;
  return page;
}

/** zhangsan's own project 新版官网改版, open on its page. */
async function openWebsite(page: Page) {
  await rail(page, /项目|Projects/).click();
  await page
    .getByRole('navigation', { name: /^(我的项目|My projects)$/ })
    .getByRole('button', { name: /新版官网改版/ })
    .click();
  await expect(page.getByRole('heading', { name: '新版官网改版', level: 2 })).toBeVisible();
  return page.getByRole('region', { name: /^(已发出的邀请|Sent invitations)/ });
}

/** Serious and critical accessibility problems on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the owner’s open project page shows who took a task as soon as they accept, without a reload', async ({
  browser,
  server,
}) => {
  const lisi = await server.login('lisi');
  const wangwu = await server.login('wangwu');
  const page = await livePerson(browser, server, 'zhangsan');
  await openWebsite(page);
  const task = page.getByRole('region', { name: /任务/ }).getByRole('listitem').filter({ hasText: '接口联调' });
  await expect(task).toContainText('尚未指派');

  // lisi invites wangwu to the task and wangwu accepts, both elsewhere.
  const { tasks } = await website(server, lisi.token);
  const integration = tasks.find((t) => t.name === '接口联调')!;
  await server.api('POST', `/api/tasks/${integration.id}/invitations`, lisi.token, { userId: wangwu.user.id });
  const invitation = (await history(server, wangwu.token)).find(
    (m) => m.type === 7 && m.extraInfo.missionId === integration.id && !m.dealt,
  )!;
  await server.api('POST', `/offlineMessages/${invitation.id}/accept`, wangwu.token);

  await expect(task).toContainText('执行人：王五');
  await expect(task.getByRole('button', { name: '改派「接口联调」' })).toBeVisible();
  // zhangsan's own invitation to it (from lisi) is now taken; the owner sees it in the list.
  const sent = page.getByRole('region', { name: /已发出的邀请/ });
  await expect(sent.getByRole('listitem').filter({ hasText: '王五' }).filter({ hasText: '接口联调' })).toContainText(
    '已接受',
  );
  await expect(sent.getByRole('listitem').filter({ hasText: '张三' }).filter({ hasText: '接口联调' })).toContainText(
    '已被他人接受',
  );
});

test('the inviter withdraws an invitation from the project page: the invitee’s card turns withdrawn live', async ({
  browser,
  server,
}) => {
  const chenqi = await livePerson(browser, server, 'chenqi');
  await rail(chenqi, /邀请/).click();
  const card = chenqi.getByRole('article', { name: '张三邀请你加入项目: 新版官网改版' });
  await expect(card.getByRole('button', { name: '接受' })).toBeVisible();

  const page = await livePerson(browser, server, 'zhangsan');
  const sent = await openWebsite(page);
  const row = sent.getByRole('listitem').filter({ hasText: '陈七' });
  await expect(row).toContainText('待回复');
  await expect(row).toContainText('加入项目');
  await expect(row).toContainText(/张三 邀请于/);
  // Keyboard reachable: focus the button and press Enter.
  await row.getByRole('button', { name: '撤销对 陈七 的邀请' }).focus();
  await page.keyboard.press('Enter');
  await expect(row).toContainText('已撤销');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('main', { name: '项目' }).getByRole('status')).toHaveText('已撤销对 陈七 的邀请。');

  // The invitee's card: no longer waiting (it joins the activity), it says it was withdrawn.
  await expect(card).toHaveCount(0);
  const ended = chenqi.getByRole('listitem').filter({ hasText: '张三邀请你加入项目: 新版官网改版' });
  await expect(ended).toContainText('已撤销');
  await expect(ended.getByRole('button', { name: '接受' })).toHaveCount(0);
  await expect(rail(chenqi, /邀请/).getByLabel(/条未处理/)).toHaveCount(0);

  const zhangsan = await server.login('zhangsan');
  const invitations = (
    await server.api<{ data: Invitation[] }>(
      'GET',
      `/api/projects/${(await website(server, zhangsan.token)).id}/invitations`,
      zhangsan.token,
    )
  ).data;
  expect(invitations.find((i) => i.to.userName === 'chenqi')!.state).toBe('cancelled');
});

test('a declined invitation reads “declined” on the inviter’s open page at once', async ({ browser, server }) => {
  const chenqi = await server.login('chenqi');
  const page = await livePerson(browser, server, 'zhangsan');
  const sent = await openWebsite(page);
  const row = sent.getByRole('listitem').filter({ hasText: '陈七' });
  await expect(row).toContainText('待回复');

  const invitation = (await history(server, chenqi.token)).find((m) => m.type === 4 && !m.dealt)!;
  await server.api('POST', `/offlineMessages/${invitation.id}/decline`, chenqi.token);
  await expect(row).toContainText('已拒绝');
  await expect(row.getByRole('button')).toHaveCount(0);
});

test('the member picker lists members and people already invited with the reason, and does not offer them', async ({
  browser,
  server,
}) => {
  const page = await livePerson(browser, server, 'zhangsan');
  await openWebsite(page);
  await page.getByRole('button', { name: '邀请成员' }).click();
  const dialog = page.getByRole('dialog', { name: '邀请成员加入「新版官网改版」' });
  const options = dialog.getByRole('listbox');
  await expect(options.getByRole('option', { name: /李四.*已是成员/ })).toHaveAttribute('aria-disabled', 'true');
  await expect(options.getByRole('option', { name: /王五.*已是成员/ })).toHaveAttribute('aria-disabled', 'true');
  const chenqi = options.getByRole('option', { name: /陈七.*已邀请/ });
  await expect(chenqi).toHaveAttribute('aria-disabled', 'true');
  await expect(options.getByRole('option', { name: /张三/ })).toHaveCount(0);
  // Clicked anyway (it is marked disabled): nobody is chosen.
  await chenqi.click({ force: true });
  await expect(dialog.getByRole('button', { name: '发送邀请' })).toHaveCount(0);

  // By keyboard: down to 赵六 (available), Enter picks him.
  const search = dialog.getByRole('combobox', { name: '要邀请的人' });
  await search.fill('zhaoliu');
  // The search has answered once the list holds only him.
  await expect(options.getByRole('option')).toHaveCount(1);
  await expect(options.getByRole('option', { name: /赵六/ })).not.toHaveAttribute('aria-disabled', 'true');
  await search.press('Enter');
  await expect(dialog.getByLabel('附言（可选）')).toBeFocused();
  await dialog.getByRole('button', { name: '发送邀请' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page
      .getByRole('region', { name: /已发出的邀请/ })
      .getByRole('listitem')
      .first(),
  ).toContainText(/赵六.*待回复/);
});

test('a task someone has says so instead of offering invitations; the owner re-assigns it', async ({
  browser,
  server,
}) => {
  const page = await livePerson(browser, server, 'zhangsan');
  await openWebsite(page);
  const tasks = page.getByRole('region', { name: /任务/ });
  const review = tasks.getByRole('listitem').filter({ hasText: '首页视觉稿评审' });
  await expect(review).toContainText('执行人：王五');
  await expect(review.getByRole('button', { name: /邀请执行/ })).toHaveCount(0);
  await review.getByRole('button', { name: '改派「首页视觉稿评审」' }).click();
  const dialog = page.getByRole('dialog', { name: '改派「首页视觉稿评审」' });
  await expect(dialog).toContainText('已指派给 王五');
  await dialog.getByLabel('改派给').selectOption({ label: '李四 (@lisi)' });
  await dialog.getByRole('button', { name: '改派', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(review).toContainText('执行人：李四');
  await expect(page.getByRole('main', { name: '项目' }).getByRole('status')).toHaveText(
    '已将「首页视觉稿评审」改派给 李四。',
  );

  // A member who is not the owner is told who has it, and offered nothing.
  const lisi = await livePerson(browser, server, 'lisi');
  await openWebsite(lisi);
  const theirs = lisi.getByRole('region', { name: /任务/ }).getByRole('listitem').filter({ hasText: '首页视觉稿评审' });
  await expect(theirs).toContainText('执行人：李四');
  await expect(theirs.getByRole('button')).toHaveCount(0);
});

test('the project page with sent invitations in every state, and the picker, pass an accessibility scan', async ({
  browser,
  server,
}) => {
  const zhangsan = await server.login('zhangsan');
  const { id } = await website(server, zhangsan.token);
  // Besides the pending ones (陈七, and 张三 to 接口联调): one declined, one withdrawn.
  const zhaoliu = await server.login('zhaoliu');
  await server.api('POST', `/api/projects/${id}/invitations`, zhangsan.token, { userId: zhaoliu.user.id });
  const toZhaoliu = (await history(server, zhaoliu.token)).find((m) => m.type === 4 && !m.dealt)!;
  await server.api('POST', `/offlineMessages/${toZhaoliu.id}/decline`, zhaoliu.token);
  const lisi = await server.login('lisi');
  const integration = (await website(server, zhangsan.token)).tasks.find((t) => t.name === '接口联调')!;
  await server.api('POST', `/api/tasks/${integration.id}/invitations`, zhangsan.token, { userId: lisi.user.id });
  const toLisi = (await history(server, lisi.token)).find((m) => m.type === 7 && !m.dealt)!;
  await server.api('POST', `/api/invitations/${toLisi.id}/cancel`, zhangsan.token);

  for (const [language, colorScheme] of [
    ['zh-CN', 'light'],
    ['zh-CN', 'dark'],
    ['en', 'light'],
    ['en', 'dark'],
  ] as const) {
    const page = await livePerson(browser, server, 'zhangsan', { locale: language, colorScheme });
    await page.evaluate((lang) => {
      const settings = { state: { language: lang, theme: 'system', notifications: true }, version: 0 };
      localStorage.setItem('messenger.settings', JSON.stringify(settings));
    }, language);
    await page.reload();
    const sent = await openWebsite(page);
    await expect(sent.getByRole('listitem')).not.toHaveCount(0);
    await expect(sent.getByRole('listitem').filter({ hasText: '赵六' })).toContainText(/已拒绝|Declined/);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), `project page, ${language}, ${colorScheme}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/project-invitations-${language}-${colorScheme}.png` });

    await page.getByRole('button', { name: /^(邀请成员|Invite a member)$/ }).click();
    await expect(page.getByRole('option', { name: /陈七/ })).toHaveAttribute('aria-disabled', 'true');
    expect(await seriousViolations(page), `member picker, ${language}, ${colorScheme}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/project-picker-${language}-${colorScheme}.png` });
  }
});

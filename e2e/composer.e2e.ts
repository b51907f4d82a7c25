import type { Browser, BrowserContextOptions, Locator, Page } from '@playwright/test';
import { expect, person, signIn, test, type RunningServer } from './fixtures.js';

/** A demo user with the fake microphone the browser is launched with, allowed as the desktop app allows it. */
const talker = (browser: Browser, server: RunningServer, username: string, options: BrowserContextOptions = {}) =>
  person(browser, server, username, { permissions: ['microphone'], ...options });

const GROUP = /^新版官网改版/;
const chat = (page: Page, name: RegExp) => page.getByRole('option', { name });
const composer = (page: Page) => page.getByRole('textbox', { name: /^(消息|Message)$/ });
const mentionList = (page: Page) => page.getByRole('listbox', { name: /^(提及成员|Mention a member)$/ });
const ownMessage = (page: Page, text: string) => page.locator('.message-row.own', { hasText: text });
const theirMessage = (page: Page, text: string) => page.locator('.message-row.theirs', { hasText: text });
const uploadBar = (page: Page, name: string) =>
  page.getByRole('progressbar', { name: new RegExp(`^(正在上传|Uploading) ${name}$`) });

/**
 * Slows this page's uploads down to `bytesPerSecond`, as a slow connection would: the
 * progress bar moves for real, long enough to be seen and to be cancelled.
 */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  await devtools.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

/** How far an upload's bar has got, 0..1. */
const progressOf = (bar: Locator) => bar.evaluate((element) => (element as HTMLProgressElement).value);

/** What the server counts for a user, read with their own token. */
async function counts(server: RunningServer, token: string) {
  const { data } = await server.api<{ data: { chatMentions: number } }>('GET', '/api/counts', token);
  return data;
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

test('an @mention picked from the keyboard marks the group for the one mentioned', async ({ browser, server }) => {
  const zhang = await talker(browser, server, 'zhangsan');
  const wang = await talker(browser, server, 'wangwu');
  const { token: wangToken } = await server.login('wangwu');
  expect((await counts(server, wangToken)).chatMentions).toBe(0);

  await chat(zhang, GROUP).click();
  await composer(zhang).pressSequentially('请 @');
  // Zhang San owns the project: everyone first, then the members but himself.
  await expect(mentionList(zhang).getByRole('option')).toHaveText([/所有人/, /李四/, /王五/]);
  await composer(zhang).pressSequentially('wang');
  await expect(mentionList(zhang).getByRole('option')).toHaveText([/王五/]);
  await expect(composer(zhang)).toHaveAttribute('aria-activedescendant', /.+/);
  await composer(zhang).press('Enter');
  await expect(mentionList(zhang)).toHaveCount(0);
  await expect(composer(zhang)).toHaveValue('请 @王五 ');
  await composer(zhang).pressSequentially('看一下首页');
  await composer(zhang).press('Enter');
  await expect(ownMessage(zhang, '请 @王五 看一下首页')).toBeVisible();

  await expect.poll(async () => (await counts(server, wangToken)).chatMentions).toBe(1);
  await expect(chat(wang, GROUP)).toContainText('[有人@我]');
  await chat(wang, GROUP).click();
  await expect(theirMessage(wang, '请 @王五 看一下首页')).toBeVisible();
  await expect.poll(async () => (await counts(server, wangToken)).chatMentions).toBe(0);
});

test('a file uploads with a progress bar, can be cancelled, and arrives as a file', async ({ browser, server }) => {
  const zhang = await talker(browser, server, 'zhangsan');
  const li = await talker(browser, server, 'lisi');
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();
  // 20 MB: over the image limit, well under the file limit; at 4 MB/s it takes a few seconds.
  const big = Buffer.alloc(20 * 1024 * 1024, 7);
  await throttleUploads(zhang, 4 * 1024 * 1024);

  await zhang.locator('input[type="file"]').setInputFiles({ name: '不要了.bin', mimeType: '', buffer: big });
  await expect(uploadBar(zhang, '不要了.bin')).toBeVisible();
  await zhang.getByRole('button', { name: '取消上传' }).click();
  await expect(uploadBar(zhang, '不要了.bin')).toHaveCount(0);
  await expect(ownMessage(zhang, '不要了.bin')).toHaveCount(0);

  await zhang
    .locator('input[type="file"]')
    .setInputFiles({ name: '设计稿.zip', mimeType: 'application/zip', buffer: big });
  const bar = uploadBar(zhang, '设计稿.zip');
  await expect.poll(() => progressOf(bar)).toBeGreaterThan(0);
  expect(await progressOf(bar)).toBeLessThan(1);
  await expect(bar).toHaveCount(0, { timeout: 30_000 });
  const received = theirMessage(li, '设计稿.zip');
  await expect(received.getByRole('link', { name: /设计稿\.zip/ })).toBeVisible();
  await expect(chat(li, /^张三/)).toContainText('[文件] 设计稿.zip');
  await expect(theirMessage(li, '不要了.bin')).toHaveCount(0);
});

test('a file over its limit is kept back with the reason, before anything is uploaded', async ({ page, server }) => {
  await page.context().grantPermissions(['microphone']);
  await signIn(page, server, 'zhangsan');
  await chat(page, /^李四/).click();
  let uploads = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/attachments')) uploads++;
  });
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(11 * 1024 * 1024),
  ]);
  await page.locator('input[type="file"]').setInputFiles({ name: '大图.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('alert')).toContainText('“大图.png”超过 10 MB，未发送');
  expect(uploads).toBe(0);
});

test('a reply chosen from a message’s menu is quoted above the composer and goes with the next message', async ({
  browser,
  server,
}) => {
  const zhang = await talker(browser, server, 'zhangsan');
  const li = await talker(browser, server, 'lisi');
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();
  const quoted = theirMessage(zhang, '明白，三点前给你');
  await quoted.locator('.bubble').click({ button: 'right' });
  await zhang.getByRole('menuitem', { name: '回复' }).click();

  const preview = zhang.getByRole('group', { name: '回复 李四' });
  await expect(preview).toContainText('明白，三点前给你');
  await expect(composer(zhang)).toBeFocused();
  await composer(zhang).press('Escape');
  await expect(preview).toHaveCount(0);

  await quoted.locator('.bubble').click({ button: 'right' });
  await zhang.getByRole('menuitem', { name: '回复' }).click();
  await expect(preview).toBeVisible();
  await composer(zhang).fill('好，谢谢');
  await composer(zhang).press('Enter');
  await expect(preview).toHaveCount(0);
  await expect(theirMessage(li, '好，谢谢')).toBeVisible();

  const { token } = await server.login('lisi');
  const history = await server.api<{ data: { message: string; replyTo: { summary: string } | null }[] }>(
    'GET',
    `/api/chat/${await directWindowId(server, token, '张三')}/messages?limit=5`,
    token,
  );
  expect(history.data.at(-1)).toMatchObject({ message: '好，谢谢', replyTo: { summary: '明白，三点前给你' } });
});

/** The one-to-one window of a user with someone, by that someone's nickname. */
async function directWindowId(server: RunningServer, token: string, nickname: string): Promise<number> {
  const { data } = await server.api<{ data: { list: { id: number; user: { nickname: string } | null }[] } }>(
    'GET',
    '/api/chat?type=all&page=1&pageSize=100',
    token,
  );
  return data.list.find((window) => window.user?.nickname === nickname)!.id;
}

test('a voice message recorded with the microphone is sent and heard on the other side', async ({
  browser,
  server,
}) => {
  const zhang = await talker(browser, server, 'zhangsan');
  const li = await talker(browser, server, 'lisi');
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();

  const mic = zhang.getByRole('button', { name: '录音：按住说话，或点击开始' });
  await mic.click();
  const timer = zhang.getByRole('timer');
  await expect(timer).toHaveText('0:02', { timeout: 5_000 });
  await zhang.getByRole('button', { name: '发送语音' }).click();
  await expect(timer).toHaveCount(0);

  await expect(li.locator('.message-row.theirs').getByRole('group', { name: /^语音消息/ })).toBeVisible();
  await expect(chat(li, /^张三/)).toContainText('[语音]');
  const { token } = await server.login('lisi');
  const history = await server.api<{ data: { type: string; voiceLength: number; attachment: unknown }[] }>(
    'GET',
    `/api/chat/${await directWindowId(server, token, '张三')}/messages?limit=1`,
    token,
  );
  expect(history.data[0]).toMatchObject({ type: 'VOICE', attachment: expect.anything() });
  expect(history.data[0]!.voiceLength).toBeGreaterThanOrEqual(2);

  // Held for less than a second: not worth sending, and it says so.
  await mic.click();
  await expect(timer).toBeVisible();
  await zhang.getByRole('button', { name: '发送语音' }).click();
  await expect(zhang.getByRole('alert')).toContainText('说话时间太短，未发送');
});

/** The composer's states as people see them, in both languages and themes. */
for (const [theme, language] of [
  ['light', 'zh-CN'],
  ['dark', 'en'],
] as const) {
  test(`the composer's states in ${language}, ${theme}`, async ({ browser, server }) => {
    const page = await talker(browser, server, 'zhangsan', { colorScheme: theme });
    await page.evaluate((lang) => {
      const settings = { state: { language: lang, theme: 'system', notifications: true }, version: 0 };
      localStorage.setItem('messenger.settings', JSON.stringify(settings));
    }, language);
    await page.reload();
    await chat(page, GROUP).click();

    await composer(page).pressSequentially('@');
    await expect(mentionList(page).getByRole('option')).toHaveCount(3);
    await screenshot(page, `mention-picker-${language}-${theme}`);
    await composer(page).press('Escape');
    await composer(page).fill('');

    await page.locator('.message-row.theirs .bubble').last().click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^(回复|Reply)$/ }).click();
    await expect(page.getByRole('group', { name: /^(回复|Replying to) / })).toBeVisible();
    await screenshot(page, `reply-preview-${language}-${theme}`);

    await page.getByRole('button', { name: /^(录音|Record)/ }).click();
    await expect(page.getByRole('timer')).toHaveText('0:01');
    await screenshot(page, `recording-${language}-${theme}`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('timer')).toHaveCount(0);

    await throttleUploads(page, 256 * 1024);
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'Q1-report.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(4 * 1024 * 1024, 1) });
    await expect.poll(() => progressOf(uploadBar(page, 'Q1-report.pdf'))).toBeGreaterThan(0.05);
    await screenshot(page, `upload-${language}-${theme}`);
  });
}

import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, person, test, type RunningServer } from './fixtures.js';

/** Where the screens of this spec are saved, to be looked at. */
const SHOTS = 'e2e/test-results/message-actions';

type Look = { locale: 'zh-CN' | 'en-US'; colorScheme: 'light' | 'dark' };
const zhLight: Look = { locale: 'zh-CN', colorScheme: 'light' };
const enDark: Look = { locale: 'en-US', colorScheme: 'dark' };

/** A demo user in a language and theme, who may use the clipboard (copying a message). */
const reader = (browser: Browser, server: RunningServer, username: string, look = zhLight) =>
  person(browser, server, username, { ...look, permissions: ['clipboard-read', 'clipboard-write'] });

const chat = (page: Page, name: RegExp) => page.getByRole('option', { name });
const composer = (page: Page) => page.getByRole('textbox', { name: /^(消息|Message)$/ });
/** The row of the message whose text is exactly `text` (a quote of it in a reply is not it). */
const row = (page: Page, text: string) =>
  page.locator('.message-row').filter({ has: page.locator('.message-text').getByText(text, { exact: true }) });
const menu = (page: Page) => page.getByRole('menu');
const history = (page: Page) => page.getByRole('region', { name: /^(消息记录|Messages)$/ });

async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await expect(row(page, text).getByRole('img', { name: /已送达|已读|Delivered|Read/ })).toBeVisible();
}

async function openMenu(page: Page, text: string) {
  await row(page, text).locator('.message-column').click({ button: 'right' });
  await expect(menu(page)).toBeVisible();
}

/** Serious and critical accessibility problems on the page as it is now. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, what).toEqual([]);
}

async function shot(target: Page | Locator, name: string) {
  await target.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Uploads bytes as an attachment, as the composer would, and sends it as a message. */
async function sendAttachment(
  server: RunningServer,
  token: string,
  cId: number,
  kind: { type: 'FILE'; name: string } | { type: 'VOICE'; seconds: number },
  bytes: Uint8Array,
) {
  const query = kind.type === 'FILE' ? `?name=${encodeURIComponent(kind.name)}` : '';
  const response = await fetch(`${server.url}/api/attachments${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  const { data } = (await response.json()) as { data: { id: string } };
  await server.api('POST', `/api/chat/${cId}/messages`, token, {
    type: kind.type,
    message: '',
    attachmentId: data.id,
    clientMsgId: crypto.randomUUID(),
    ...(kind.type === 'FILE' ? { fileName: kind.name } : { voiceLength: kind.seconds }),
  });
}

const windowOf = async (server: RunningServer, token: string, name: string) => {
  const { data } = await server.api<{ data: { list: { id: number; group?: { name: string } }[] } }>(
    'GET',
    '/api/chat?type=group',
    token,
  );
  return data.list.find((w) => w.group?.name === name)!.id;
};

test('reply, react, edit, recall, forward and delete a message, live on both sides; receipts survive a reload', async ({
  browser,
  server,
}) => {
  const zhang = await reader(browser, server, 'zhangsan');
  const li = await reader(browser, server, 'lisi');
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();

  await send(zhang, '今天下午开会吗？');
  await expect(row(li, '今天下午开会吗？')).toBeVisible();

  // Reply, from the right-click menu: the quote shows on both sides.
  await openMenu(li, '今天下午开会吗？');
  await shot(li, 'menu-zh-light');
  await expectAccessible(li, 'the open menu');
  await menu(li).getByRole('menuitem', { name: '回复' }).click();
  await send(li, '三点开');
  for (const page of [zhang, li])
    await expect(row(page, '三点开').locator('.reply-quote')).toContainText('今天下午开会吗？');
  await expect(row(li, '三点开').getByText('回复 张三：今天下午开会吗？')).toBeAttached();
  await expect(row(zhang, '三点开').getByText('回复 我：今天下午开会吗？')).toBeAttached();

  // React, from the keyboard: Shift+F10 on the focused message; the count shows on the other side.
  await row(zhang, '三点开').locator('.message-column').focus();
  await zhang.keyboard.press('Shift+F10');
  await menu(zhang).getByRole('menuitem', { name: '添加表情回应 👍' }).click();
  await expect(row(li, '三点开').getByRole('button', { name: '👍 1：张三' })).toBeVisible();
  await shot(li, 'reply-reactions-zh-light');

  // Edit: the new text and "已编辑" on both sides.
  await openMenu(zhang, '今天下午开会吗？');
  await menu(zhang).getByRole('menuitem', { name: '编辑' }).click();
  const edit = zhang.getByRole('dialog', { name: '编辑消息' });
  await edit.getByRole('textbox', { name: '消息内容' }).fill('今天下午三点开会吗？');
  await edit.getByRole('button', { name: '保存' }).click();
  for (const page of [zhang, li]) await expect(row(page, '今天下午三点开会吗？').getByText('已编辑')).toBeVisible();

  // Recall: gone on both sides, live.
  await send(zhang, '发错了，别看');
  await expect(row(li, '发错了，别看')).toBeVisible();
  await openMenu(zhang, '发错了，别看');
  await menu(zhang).getByRole('menuitem', { name: '撤回' }).click();
  await expect(history(zhang).getByText('你撤回了一条消息')).toBeVisible();
  await expect(history(li).getByText('张三 撤回了一条消息')).toBeVisible();
  await expect(li.getByText('发错了，别看')).toHaveCount(0);
  await expect(chat(li, /^张三/)).toContainText('张三 撤回了一条消息');
  await shot(li, 'recalled-zh-light');

  // Forward to two other chats.
  await openMenu(zhang, '今天下午三点开会吗？');
  await menu(zhang).getByRole('menuitem', { name: '转发' }).click();
  const forward = zhang.getByRole('dialog', { name: '转发给' });
  await forward.getByRole('checkbox', { name: '王五' }).check();
  await forward.getByRole('checkbox', { name: '新版官网改版' }).check();
  await forward.getByRole('button', { name: '转发（2）' }).click();
  await expect(forward).toHaveCount(0);
  await expect(chat(zhang, /^王五/)).toContainText('今天下午三点开会吗？');
  await chat(zhang, /新版官网改版/).click();
  await expect(row(zhang, '今天下午三点开会吗？').getByText('转发', { exact: true })).toBeVisible();

  // Delete for me: gone here, still there for the other.
  await chat(zhang, /^李四/).click();
  await openMenu(zhang, '三点开');
  await menu(zhang).getByRole('menuitem', { name: '删除' }).click();
  await expect(row(zhang, '三点开')).toHaveCount(0);
  await expect(row(li, '三点开')).toBeVisible();

  // Li has the chat open and in view: read. After a reload the ticks say so still.
  await expect(row(zhang, '今天下午三点开会吗？').getByRole('img', { name: '已读' })).toBeVisible();
  await zhang.reload();
  await chat(zhang, /^李四/).click();
  await expect(row(zhang, '今天下午三点开会吗？').getByRole('img', { name: '已读' })).toBeVisible();
  await expect(row(zhang, '今天下午三点开会吗？').getByText('已编辑')).toBeVisible();
});

test('a group: who spoke, mentions, system lines, files, voice, who read it, and its members', async ({
  browser,
  server,
}) => {
  const zhangsan = await server.login('zhangsan');
  const lisi = await server.login('lisi');
  const group = await windowOf(server, zhangsan.token, '新版官网改版');
  const direct = (
    await server.api<{ data: { id: number } }>('POST', '/api/chat', zhangsan.token, { toId: lisi.user.id })
  ).data.id;
  const pdf = new TextEncoder().encode('%PDF-1.4 a small report');
  await sendAttachment(server, zhangsan.token, direct, { type: 'FILE', name: '三月报价单.pdf' }, pdf);
  const ogg = new Uint8Array([...new TextEncoder().encode('OggS'), ...new Uint8Array(60)]);
  await sendAttachment(server, zhangsan.token, direct, { type: 'VOICE', seconds: 7 }, ogg);
  await server.api('POST', `/api/chat/${group}/messages`, zhangsan.token, {
    type: 'TEXT',
    message: '@李四 周四的评审你来主持',
    clientMsgId: crypto.randomUUID(),
    mentions: [lisi.user.id],
  });

  const li = await reader(browser, server, 'lisi');
  // Who spoke, and that it mentions Li, before the group is opened.
  await expect(chat(li, /新版官网改版/)).toContainText('[有人@我] 张三：@李四 周四的评审你来主持');
  await chat(li, /新版官网改版/).click();
  await expect(row(li, '@李四 周四的评审你来主持').locator('.bubble.mentioned')).toBeVisible();
  await expect(chat(li, /新版官网改版/)).not.toContainText('[有人@我]');

  for (const look of [zhLight, enDark]) {
    const zh = look === zhLight;
    const zhang = await reader(browser, server, 'zhangsan', look);
    await chat(zhang, /^李四/).click();
    await expect(
      zhang.getByRole('link', { name: zh ? '下载 三月报价单.pdf' : 'Download 三月报价单.pdf' }),
    ).toHaveAttribute('download', '三月报价单.pdf');
    const voice = zhang.getByRole('group', { name: zh ? '语音消息，0:07' : 'Voice message, 0:07' });
    await expect(voice.getByRole('button', { name: zh ? '播放语音' : 'Play voice message' })).toBeVisible();
    await shot(zhang, `file-voice-${zh ? 'zh-light' : 'en-dark'}`);
    await expectAccessible(zhang, `file and voice, ${look.colorScheme}`);

    await chat(zhang, /新版官网改版/).click();
    // The group's history begins with who joined.
    await expect(zhang.getByText(zh ? '李四 加入了群聊' : '李四 joined the group')).toBeVisible();
    await shot(zhang, `system-line-${zh ? 'zh-light' : 'en-dark'}`);

    // Li read the mention (the group is open on his screen); Wang Wu has not.
    const unread = row(zhang, '@李四 周四的评审你来主持').getByRole('button', { name: zh ? '1 人未读' : '1 unread' });
    await expect(unread).toBeVisible();
    await unread.click();
    const receipts = zhang.getByRole('dialog', { name: zh ? '消息回执' : 'Read receipts' });
    await expect(receipts.getByRole('region', { name: zh ? '已读（1）' : 'Read (1)' })).toContainText('李四');
    await expect(receipts).toContainText('王五');
    await shot(zhang, `receipts-${zh ? 'zh-light' : 'en-dark'}`);
    await expectAccessible(zhang, `receipts, ${look.colorScheme}`);
    await zhang.keyboard.press('Escape');

    await zhang.getByRole('button', { name: zh ? '群成员' : 'Group members' }).click();
    const panel = zhang.getByRole('dialog', { name: zh ? '新版官网改版 的成员' : 'Members of 新版官网改版' });
    await expect(panel.getByRole('listitem').filter({ hasText: '张三' })).toContainText(zh ? '负责人' : 'Owner');
    await expect(panel.getByRole('button', { name: zh ? '邀请成员' : 'Invite' })).toBeVisible();
    await shot(zhang, `member-panel-${zh ? 'zh-light' : 'en-dark'}`);
    await expectAccessible(zhang, `member panel, ${look.colorScheme}`);
    await zhang.keyboard.press('Escape');

    await openMenu(zhang, '视觉稿初版已上传，欢迎提意见');
    await shot(zhang, `menu-${zh ? 'zh-light' : 'en-dark'}`);
    await zhang.keyboard.press('Escape');
    await zhang.context().close();
  }

  // A member leaves from the panel, after confirming.
  await li.getByRole('button', { name: '群成员' }).click();
  await li.getByRole('dialog', { name: '新版官网改版 的成员' }).getByRole('button', { name: '退出群聊' }).click();
  const confirm = li.getByRole('dialog', { name: /退出/ });
  await confirm.getByRole('button', { name: /退出/ }).click();
  await expect(chat(li, /新版官网改版/)).toHaveCount(0);
});

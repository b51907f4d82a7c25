import type { Page } from '@playwright/test';
import { expect, person, signIn, test } from './fixtures.js';

const chat = (page: Page, name: RegExp) => page.getByRole('option', { name });
const composer = (page: Page) => page.getByRole('textbox', { name: '消息', exact: true });
const history = (page: Page) => page.getByRole('region', { name: '消息记录' });
const ownMessage = (page: Page, text: string) => page.getByRole('article', { name: `我：${text}` });
const theirMessage = (page: Page, text: string) => page.locator('.message-row.theirs', { hasText: text });

async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** A small PNG drawn by the browser itself, as a real image file. */
async function pngBytes(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#2b6de8';
    context.fillRect(0, 0, 64, 48);
    context.fillStyle = '#f0a020';
    context.fillRect(16, 12, 32, 24);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

test('two people chat live both ways, and the ticks go from delivered to read when the other opens the chat', async ({
  browser,
  server,
}) => {
  const zhang = await person(browser, server, 'zhangsan');
  const wang = await person(browser, server, 'wangwu');

  await chat(zhang, /王五/).click();
  await expect(composer(zhang)).toBeFocused();
  await send(zhang, '王五，节目单定了吗？');
  // Wang Wu is online: his client acknowledges the push, which makes it delivered (not yet read).
  await expect(ownMessage(zhang, '王五，节目单定了吗？').getByRole('img', { name: '已送达' })).toBeVisible();
  await expect(chat(wang, /张三/)).toContainText('王五，节目单定了吗？');
  // Only the new one is unread: Wang Wu answered (and so read) Zhang San's earlier question.
  await expect(chat(wang, /张三/).getByLabel('1 条未读')).toBeVisible();

  await chat(wang, /张三/).click();
  await expect(theirMessage(wang, '王五，节目单定了吗？')).toBeVisible();
  await expect(wang.getByRole('separator', { name: '以下为新消息' })).toBeVisible();
  await expect(ownMessage(zhang, '王五，节目单定了吗？').getByRole('img', { name: '已读' })).toBeVisible();
  await expect(chat(wang, /张三/).getByLabel(/条未读/)).toHaveCount(0);

  await send(wang, '定了，周三发给你');
  await expect(theirMessage(zhang, '定了，周三发给你')).toBeVisible();
  // Zhang San has the chat open and in view: it is read straight away.
  await expect(ownMessage(wang, '定了，周三发给你').getByRole('img', { name: '已读' })).toBeVisible();
  await expect(chat(zhang, /王五/)).toContainText('定了，周三发给你');
});

test('an image sent by pasting it, and one picked from a file, arrive as images', async ({ browser, server }) => {
  const zhang = await person(browser, server, 'zhangsan');
  const li = await person(browser, server, 'lisi');
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();
  const png = await pngBytes(zhang);

  const uploaded = zhang.waitForResponse((r) => r.url().endsWith('/api/attachments') && r.status() === 201);
  await composer(zhang).evaluate(
    (field, bytes) => {
      const file = new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' });
      const clipboardData = new DataTransfer();
      clipboardData.items.add(file);
      field.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    },
    [...png],
  );
  await uploaded;
  await expect(li.locator('.message-row.theirs img')).toHaveCount(1);
  await expect(li.locator('.message-row.theirs img')).toHaveJSProperty('naturalWidth', 64);

  await zhang.locator('input[type="file"]').setInputFiles({ name: 'picked.png', mimeType: 'image/png', buffer: png });
  await expect(li.locator('.message-row.theirs img')).toHaveCount(2);
  await expect(li.locator('.message-row.theirs img').last()).toHaveJSProperty('naturalWidth', 64);
  await expect(chat(li, /^张三/)).toContainText('[图片]');

  // The thumbnail opens large in a dialog that Escape closes.
  await li.getByRole('button', { name: '查看大图' }).last().click();
  const viewer = li.getByRole('dialog', { name: '图片' });
  await expect(viewer.getByRole('img', { name: '图片' })).toBeVisible();
  await li.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
});

test('a 5,000-message history scrolls up without jumping, with only the visible rows in the page', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const chen = await server.login('chenqi');
  const zhao = await server.login('zhaoliu');
  const { data: window } = await server.api<{ data: { id: number } }>('POST', '/api/chat', chen.token, {
    toId: zhao.user.id,
  });
  const TOTAL = 5000;
  let next = 1;
  // Lines of different lengths, so rows have different heights (estimates are wrong, as in life).
  const text = (i: number) =>
    i % 7 === 0 ? `第 ${i} 条\n第二行` : i % 11 === 0 ? `第 ${i} 条：${'很长的一段话，'.repeat(30)}` : `第 ${i} 条`;
  const seed = async () => {
    for (let i = next++; i <= TOTAL; i = next++)
      await server.api('POST', `/api/chat/${window.id}/messages`, chen.token, {
        message: text(i),
        type: 'TEXT',
        clientMsgId: `seed-${i}`,
      });
  };
  await Promise.all(Array.from({ length: 8 }, seed));
  // Parallel seeding commits out of order; one last message, sent after all, is the newest for sure.
  const LAST = '这是最后一条消息';
  await server.api('POST', `/api/chat/${window.id}/messages`, chen.token, {
    message: LAST,
    type: 'TEXT',
    clientMsgId: 'seed-last',
  });

  await signIn(page, server, 'chenqi');
  await chat(page, /赵六/).click();
  const rows = page.locator('.virtual-row');
  await expect(page.locator(`[data-message-id]`).last()).toContainText(LAST);

  // Hold each older page until the reading position is noted, so the comparison is exact.
  let release: () => void = () => undefined;
  await page.route('**/messages?*before=*', async (route) => {
    await new Promise<void>((resolve) => (release = resolve));
    await route.continue();
  });

  const firstVisible = () =>
    history(page).evaluate((scroller) => {
      const top = scroller.getBoundingClientRect().top;
      const visible = [...scroller.querySelectorAll<HTMLElement>('[data-message-id]')]
        .map((row) => ({ id: row.dataset.messageId!, top: row.getBoundingClientRect().top - top }))
        .filter((row) => row.top >= 0)
        .sort((a, b) => a.top - b.top);
      return visible[0]!;
    });

  for (let round = 0; round < 4; round++) {
    const requested = page.waitForRequest(/before=/);
    await history(page).evaluate((scroller) => scroller.scrollTo({ top: 0 }));
    await requested;
    await expect(page.getByRole('status').filter({ hasText: '正在加载更早的消息' })).toBeVisible();
    const anchor = await firstVisible();
    const loaded = page.waitForResponse(/before=/);
    release();
    await loaded;
    await expect(page.getByRole('status').filter({ hasText: '正在加载更早的消息' })).toHaveCount(0);
    await expect
      .poll(async () => {
        const top = await history(page)
          .locator(`[data-message-id="${anchor.id}"]`)
          .evaluate(
            (row, scrollerTop) => row.getBoundingClientRect().top - scrollerTop,
            await history(page).evaluate((s) => s.getBoundingClientRect().top),
          );
        return Math.abs(top - anchor.top);
      })
      .toBeLessThanOrEqual(2);
    expect(await rows.count()).toBeLessThan(200);
  }
  // Five pages are loaded (500 messages), yet the page holds only what is on screen.
  expect(await page.locator('[data-message-id]').count()).toBeLessThan(200);
  await page.getByRole('button', { name: '回到最新消息' }).click();
  await expect(page.locator(`[data-message-id]`).last()).toContainText(LAST);
});

test('a message written as HTML is shown as text and runs nothing', async ({ browser, server }) => {
  const zhang = await person(browser, server, 'zhangsan');
  const li = await person(browser, server, 'lisi');
  const dialogs: string[] = [];
  for (const page of [zhang, li])
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();

  const hostile = '<img src=x onerror=alert(1)>';
  await send(zhang, hostile);
  await send(zhang, '<script>alert(2)</script>');
  await expect(theirMessage(li, hostile).locator('.message-text')).toHaveText(hostile);
  await expect(theirMessage(li, '<script>alert(2)</script>')).toBeVisible();
  await expect(ownMessage(zhang, hostile).getByRole('img', { name: '已读' })).toBeVisible();
  await expect(li.locator('img[src="x"]')).toHaveCount(0);
  await expect(chat(li, /^张三/)).toContainText('<script>alert(2)</script>');
  expect(dialogs).toEqual([]);
});

test('drafts are kept per chat across a reload', async ({ page, server }) => {
  await signIn(page, server, 'zhangsan');
  await chat(page, /^李四/).click();
  await composer(page).fill('给李四的草稿\n第二行');
  await chat(page, /赵六/).click();
  await expect(composer(page)).toHaveValue('');
  await composer(page).fill('给赵六的草稿');

  await page.reload();
  await expect(composer(page)).toHaveValue('给赵六的草稿');
  await chat(page, /^李四/).click();
  await expect(composer(page)).toHaveValue('给李四的草稿\n第二行');
  await composer(page).press('Enter');
  await expect(ownMessage(page, '给李四的草稿')).toBeVisible();
  await expect(composer(page)).toHaveValue('');
  await page.reload();
  await expect(composer(page)).toHaveValue('');
});

test('a message that could not be sent goes again by itself with the same client id, and arrives once', async ({
  page,
  server,
}) => {
  await signIn(page, server, 'zhangsan');
  await chat(page, /赵六/).click();
  const attempts: string[] = [];
  await page.route('**/api/chat/*/messages', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    attempts.push((route.request().postDataJSON() as { clientMsgId: string }).clientMsgId);
    if (attempts.length === 1) return route.abort('connectionrefused');
    return route.continue();
  });
  await send(page, '这周可以下单');
  const message = ownMessage(page, '这周可以下单');
  await expect(message.getByRole('img', { name: '已发送' })).toBeVisible();
  await expect(message.getByText('发送失败')).toHaveCount(0);
  expect(attempts).toHaveLength(2);
  expect(attempts[1]).toBe(attempts[0]);
  await expect(ownMessage(page, '这周可以下单')).toHaveCount(1);
});

test('the keyboard reaches everything: the list, a new chat from the directory, the composer', async ({
  page,
  server,
}) => {
  await signIn(page, server, 'zhangsan');
  await page.getByRole('searchbox', { name: '搜索聊天' }).fill('赵');
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(chat(page, /赵六/)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chat(page, /赵六/)).toHaveAttribute('aria-selected', 'true');
  await expect(composer(page)).toBeFocused();

  await page.getByRole('button', { name: '发起聊天' }).click();
  const dialog = page.getByRole('dialog', { name: '发起聊天' });
  await expect(dialog.getByRole('combobox', { name: '选择聊天对象' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.getByRole('button', { name: '发起聊天' }).click();
  await page.keyboard.type('chenqi');
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await expect(dialog.getByRole('option', { name: /陈七/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '陈七' })).toBeVisible();
  await expect(composer(page)).toBeFocused();
  await page.keyboard.type('陈七你好');
  await page.keyboard.press('Enter');
  await expect(ownMessage(page, '陈七你好')).toBeVisible();
  await page.getByRole('searchbox', { name: '搜索聊天' }).fill('');
  await expect(page.getByRole('option').first()).toContainText('陈七');
});

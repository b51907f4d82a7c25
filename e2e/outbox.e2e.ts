import type { Browser, Page } from '@playwright/test';
import { expect, person, startServer, test, type RunningServer } from './fixtures.js';

/**
 * Nothing sent is lost: messages written while the server is down or the network is cut
 * wait in the outbox on the device, survive reloads, and go by themselves, once each and in
 * order, when the server is back. The test that stops the server runs its own, and starts
 * it again at the same address (the browser's origin, and so its storage, stays the same).
 */

const chat = (page: Page, name: RegExp) => page.getByRole('option', { name });
const composer = (page: Page) => page.getByRole('textbox', { name: '消息', exact: true });
const banner = (page: Page) => page.locator('.connection-banner');
/** The texts of a chat's message rows, top to bottom (an image row reads as "[图片]"). */
const rowTexts = (page: Page, side: 'own' | 'theirs') =>
  page
    .locator(`.message-row.${side}`)
    .evaluateAll((rows) =>
      rows.map((row) =>
        row.querySelector('img') ? '[图片]' : (row.querySelector('.message-text')?.textContent ?? ''),
      ),
    );

/** Zhang San and Li Si signed in, each in a browser of their own, with their chat open. */
async function zhangAndLi(browser: Browser, server: RunningServer) {
  const zhang = await person(browser, server, 'zhangsan');
  const li = await person(browser, server, 'lisi');
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();
  return { zhang, li };
}

async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFklEQVR4nGNgGAWjYBSMglEwCkYBAAQIAAEyLbWbAAAAAElFTkSuQmCC',
  'base64',
);

test('messages sent while the server is down survive two reloads and arrive once, in order, by themselves', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  let running = await startServer();
  const { server } = running;
  // Started again on the same port: the same origin, so the same storage in the browser.
  const port = Number(new URL(server.url).port);
  try {
    const { zhang, li } = await zhangAndLi(browser, server);

    await running.stop({ keepData: true });
    await expect(banner(zhang)).toContainText('连接已断开');
    await send(zhang, '服务器停了 1');
    await send(zhang, '服务器停了 2');
    await zhang
      .locator('input[type="file"]')
      .setInputFiles({ name: 'offline.png', mimeType: 'image/png', buffer: PNG });
    await send(zhang, '服务器停了 3');
    await send(zhang, '服务器停了 4');
    // Each waits on the device, and says it goes by itself.
    await expect(zhang.locator('.message-queued')).toHaveCount(5);

    // The page goes twice (the server is down, so it cannot even load): only the device holds them.
    for (let i = 0; i < 2; i++) await zhang.reload().catch(() => undefined);

    running = await startServer({ port, dataDir: running.dataDir });
    await zhang.goto(server.url);
    // No click: they go by themselves, and the other side gets each once, in order.
    const expected = ['服务器停了 1', '服务器停了 2', '[图片]', '服务器停了 3', '服务器停了 4'];
    await expect(li.locator('.message-row.theirs').last()).toContainText('服务器停了 4');
    await expect.poll(async () => (await rowTexts(li, 'theirs')).slice(-5)).toEqual(expected);
    await expect
      .poll(async () => (await rowTexts(li, 'theirs')).filter((text) => text.startsWith('服务器停了')))
      .toHaveLength(4);
    await chat(zhang, /^李四/).click();
    await expect.poll(async () => (await rowTexts(zhang, 'own')).slice(-5)).toEqual(expected);
    await expect(zhang.locator('.message-queued')).toHaveCount(0);
    // And the server has each once.
    const { token } = await server.login('lisi');
    const window = (
      await server.api<{ data: { list: { id: number; user: { userName: string } | null }[] } }>(
        'GET',
        '/api/chat?type=all',
        token,
      )
    ).data.list.find((w) => w.user?.userName === 'zhangsan')!;
    const history = (
      await server.api<{ data: { message: string; type: string }[] }>(
        'GET',
        `/api/chat/${window.id}/messages?limit=10`,
        token,
      )
    ).data;
    expect(history.slice(-5).map((m) => (m.type === 'IMAGE' ? '[图片]' : m.message))).toEqual(expected);
  } finally {
    await running.stop();
  }
});

test('messages sent with the network cut go by themselves when it is back, with no reload and no click', async ({
  browser,
  server,
}) => {
  const { zhang, li } = await zhangAndLi(browser, server);

  await zhang.context().setOffline(true);
  await expect(banner(zhang)).toContainText('连接已断开');
  for (const text of ['断网 1', '断网 2', '断网 3']) await send(zhang, text);
  await expect(zhang.locator('.message-queued')).toHaveCount(3);
  await expect(li.getByText('断网 1')).toHaveCount(0);
  // The last one, with what it says and offers, is in full view above the composer.
  const last = zhang.locator('.message-row.own').last();
  await expect(last.getByRole('button', { name: '立即重试' })).toBeInViewport({ ratio: 1 });
  await expect(last).toBeInViewport({ ratio: 1 });

  await zhang.context().setOffline(false);
  await expect(banner(zhang)).toHaveCount(0);
  await expect.poll(async () => (await rowTexts(li, 'theirs')).slice(-3)).toEqual(['断网 1', '断网 2', '断网 3']);
  await expect(zhang.locator('.message-queued')).toHaveCount(0);
  // An answer arriving below keeps the list at its real bottom.
  await send(li, '收到三条');
  await expect(zhang.locator('.message-row.theirs').last()).toContainText('收到三条');
  await expect(zhang.locator('.message-row.theirs').last()).toBeInViewport({ ratio: 1 });
});

test('a message whose answer was lost on the way back is sent again and still appears once', async ({
  browser,
  server,
}) => {
  const zhang = await person(browser, server, 'zhangsan');
  const li = await person(browser, server, 'lisi');
  // Zhang's live channel stays down, so only the resend (not the server's push) can settle the message.
  await zhang.routeWebSocket(/\/api\/ws/, (socket) => socket.close());
  await zhang.reload();
  await chat(zhang, /^李四/).click();
  await chat(li, /^张三/).click();
  const attempts: string[] = [];
  await zhang.route('**/api/chat/*/messages', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    attempts.push((route.request().postDataJSON() as { clientMsgId: string }).clientMsgId);
    if (attempts.length > 1) return route.continue();
    // The server takes it; its answer never comes back.
    await route.fetch();
    await route.abort('connectionreset');
  });
  await send(zhang, '回答丢了');
  await expect(li.locator('.message-row.theirs', { hasText: '回答丢了' })).toBeVisible();
  await expect.poll(() => attempts.length).toBe(2);
  expect(attempts[1]).toBe(attempts[0]);
  await expect(zhang.locator('.message-row.own', { hasText: '回答丢了' })).toHaveCount(1);
  await expect(
    zhang.locator('.message-row.own', { hasText: '回答丢了' }).getByRole('img', { name: /已发送|已送达|已读/ }),
  ).toBeVisible();
  await expect(li.locator('.message-row.theirs', { hasText: '回答丢了' })).toHaveCount(1);
});

test('the app opens on what it last had, from this device, while the server cannot be reached', async ({
  browser,
  server,
}) => {
  const zhang = await person(browser, server, 'zhangsan');
  await chat(zhang, /^李四/).click();
  const lastSeen = await zhang.locator('.message-row').last().textContent();
  // Let the kept state be written (it is saved a moment after each change).
  await zhang.waitForTimeout(1500);

  await zhang.route('**/api/**', (route) => route.abort('connectionrefused'));
  await zhang.routeWebSocket(/\/api\/ws/, (socket) => socket.close());
  await zhang.reload();
  await expect(banner(zhang)).toContainText('可能不是最新的');
  await expect(chat(zhang, /^李四/)).toBeVisible();
  await chat(zhang, /^李四/).click();
  await expect(zhang.locator('.message-row').last()).toHaveText(lastSeen!);
});

test('another person signing in on the same browser finds nothing of the first one’s: no kept state, no outbox', async ({
  browser,
  server,
}) => {
  const zhang = await person(browser, server, 'zhangsan');
  await chat(zhang, /^李四/).click();
  // One message that cannot go, so the outbox holds something.
  await zhang.route('**/api/chat/*/messages', (route) =>
    route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue(),
  );
  await send(zhang, '张三的私事');
  await expect(zhang.locator('.message-queued')).toHaveCount(1);
  await zhang.waitForTimeout(1500);
  await zhang.getByRole('navigation', { name: '分区' }).getByRole('button', { name: /设置/ }).click();
  await zhang.getByRole('button', { name: '退出登录' }).click();

  await zhang.getByLabel(/用户名|Username/).fill('wangwu');
  await zhang.getByLabel(/^(密码|Password)$/).fill('demo1234');
  await zhang
    .getByRole('button', { name: /^(登录|Sign in)$/ })
    .last()
    .click();
  await expect(zhang.getByRole('navigation', { name: /分区|Sections/ })).toBeVisible();
  await expect(zhang.getByText('张三的私事')).toHaveCount(0);

  // What this browser keeps, by whose it is: the outbox by [user, message], the kept state by user.
  await zhang.waitForTimeout(1500);
  const kept = await zhang.evaluate(async () => {
    const keysOf = (name: string, store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const opened = indexedDB.open(name);
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const db = opened.result;
          if (!db.objectStoreNames.contains(store)) return resolve([]);
          const all = db.transaction(store).objectStore(store).getAllKeys();
          all.onsuccess = () => resolve(all.result);
        };
      });
    return { outbox: await keysOf('messenger-outbox', 'outgoing'), cache: await keysOf('messenger-cache', 'queries') };
  });
  const { user } = await server.login('wangwu');
  expect(kept.outbox).toEqual([]);
  expect(kept.cache).toEqual([user.id]);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { displayProblem, findElectronBinary } from '../electron/src/electron-binary.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const binary = findElectronBinary();
const cannotRun = 'missing' in binary ? binary.missing : displayProblem();
test.skip(cannotRun !== null, `Electron cannot run here: ${cannotRun}`);

async function api(url: string, method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as { data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads replies freely
}

test('the desktop app runs its own server, signs in, chats, notifies natively and badges', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'messenger-desktop-'));
  const app = await electron.launch({
    executablePath: 'path' in binary ? binary.path : undefined,
    args: [join(root, 'electron/dist/main.cjs')],
    env: { ...process.env, MESSENGER_USER_DATA: profile },
  });
  try {
    const page = await app.firstWindow();
    const url = new URL(page.url()).origin;
    // The page has the bridge, and nothing of Node.js.
    expect(await page.evaluate(() => typeof (window as { messenger?: unknown }).messenger)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');

    await page.getByRole('tab', { name: /注册|Register/ }).click();
    await page.getByLabel(/用户名|Username/).fill('desk');
    await page.getByLabel(/^(密码|Password)$/).fill('desktop-pass-1');
    await page.getByRole('button', { name: /创建账号|Create account/ }).click();
    await expect(page.getByRole('navigation')).toBeVisible();

    const friend = (
      await api(url, 'POST', '/api/auth/register', null, {
        username: 'friend',
        password: 'friend-pass-1',
        nickname: 'Friend',
      })
    ).data;
    const me = (await api(url, 'GET', '/api/users?q=desk', friend.token)).data[0];
    const window = (await api(url, 'POST', '/api/chat', friend.token, { toId: me.id })).data;

    // Watch native notifications from the main process, then take the window out of focus.
    await app.evaluate(({ Notification, BrowserWindow }) => {
      const shown: string[] = [];
      (globalThis as { shown?: string[] }).shown = shown;
      Notification.prototype.show = function (this: Electron.Notification) {
        shown.push(this.title);
      };
      BrowserWindow.getAllWindows()[0]!.blur();
    });
    await api(url, 'POST', `/api/chat/${window.id}/messages`, friend.token, {
      message: 'hello from a friend',
      type: 'TEXT',
      clientMsgId: 'desktop-1',
    });
    await expect.poll(() => app.evaluate(() => (globalThis as { shown?: string[] }).shown?.length ?? 0)).toBe(1);
    await expect.poll(() => app.evaluate(({ app: electronApp }) => electronApp.getBadgeCount())).toBe(1);
  } finally {
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

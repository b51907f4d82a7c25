import { test as base } from '@playwright/test';
import { expect, type RunningServer, signIn, startServer } from './fixtures.js';

// The desktop app runs the server from its bundle (dependencies inside), not from the
// TypeScript sources the other tests start: this checks that bundle serves the renderer,
// the API and the real-time channel.
const test = base.extend<{ server: RunningServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument
  server: async ({}, use) => {
    const { server, stop } = await startServer({ bundled: true });
    await use(server);
    await stop();
  },
});

test('the shipped server bundle serves the app, its API and live messages', async ({ page, server }) => {
  await signIn(page, server, 'zhangsan');
  const chat = page.getByRole('option', { name: /王五/ });
  await expect(chat).toBeVisible();

  // A message Wang Wu sends reaches the open app over the real-time channel.
  const wang = await server.login('wangwu');
  const zhang = await server.login('zhangsan');
  const { data: window } = await server.api<{ data: { id: number } }>('POST', '/api/chat', wang.token, {
    toId: zhang.user.id,
  });
  await server.api('POST', `/api/chat/${window.id}/messages`, wang.token, {
    message: '打包后的服务器也在线',
    type: 'TEXT',
    clientMsgId: 'bundled-1',
  });
  await expect(chat).toContainText('打包后的服务器也在线');
});

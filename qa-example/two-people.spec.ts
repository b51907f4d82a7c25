import { expect, test } from '../e2e/kit/index.js';

test('lisi sees what zhangsan sends, at the time the server says', async ({ server, person }) => {
  await server.clock({ now: Date.parse('2030-05-04T09:30:00+08:00'), frozen: true });
  const zhangsan = await person('zhangsan', { timezoneId: 'Asia/Shanghai' });
  const lisi = await person('lisi', { timezoneId: 'Asia/Shanghai' });
  await zhangsan.getByRole('option', { name: /^李四/ }).click();
  await zhangsan.getByRole('textbox', { name: '消息', exact: true }).fill('明天见');
  await zhangsan.keyboard.press('Enter');
  await lisi.getByRole('option', { name: /^张三/ }).click();
  await expect(lisi.getByRole('article', { name: '张三：明天见（09:30）' })).toBeVisible();
  await expect(zhangsan.getByRole('article', { name: '我：明天见' }).getByRole('img', { name: '已读' })).toBeVisible();
});

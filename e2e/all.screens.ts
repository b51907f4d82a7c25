import { expect, signIn, test } from './fixtures.js';

const SECTIONS = ['chats', 'inbox', 'invitations', 'projects', 'settings'];

for (const theme of ['light', 'dark'] as const) {
  for (const language of ['zh-CN', 'en'] as const) {
    test(`every screen in ${language}, ${theme}`, async ({ page, server }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.addInitScript((lang) => {
        const settings = { state: { language: lang, theme: 'system', notifications: true }, version: 0 };
        localStorage.setItem('messenger.settings', JSON.stringify(settings));
      }, language);
      await page.goto(server.url);
      await page.screenshot({ path: `test-results/screens/sign-in-${language}-${theme}.png` });
      await signIn(page, server, 'zhangsan');
      for (const [index, name] of SECTIONS.entries()) {
        await page.keyboard.press(`Control+${index + 1}`);
        await expect(page.locator('.rail [aria-current="page"]')).toHaveCount(1);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `test-results/screens/${name}-${language}-${theme}.png` });
      }
    });
  }
}

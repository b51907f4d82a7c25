import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.js';

/** The app in this language, following a system in this theme. */
async function showIn(page: Page, language: 'zh-CN' | 'en', theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((lang) => {
    const settings = { state: { language: lang, theme: 'system', notifications: true }, version: 0 };
    localStorage.setItem('messenger.settings', JSON.stringify(settings));
  }, language);
}

const SECTIONS = ['chats', 'inbox', 'invitations', 'projects', 'settings'];

for (const theme of ['light', 'dark'] as const) {
  for (const language of ['zh-CN', 'en'] as const) {
    test(`every screen in ${language}, ${theme}`, async ({ page, server }) => {
      await showIn(page, language, theme);
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

/** Message search: the chat list's results, and the search bar in an open chat. */
for (const [theme, language] of [
  ['light', 'zh-CN'],
  ['dark', 'en'],
] as const) {
  test(`message search in ${language}, ${theme}`, async ({ page, server }) => {
    await showIn(page, language, theme);
    await signIn(page, server, 'zhangsan');
    await page.getByRole('searchbox', { name: /^(搜索聊天|Search chats)$/ }).fill('错误码');
    const results = page.getByRole('listbox', { name: /^(消息|Messages)$/ });
    await expect(results.getByRole('option')).toHaveCount(3);
    await page.screenshot({ path: `test-results/screens/search-results-${language}-${theme}.png` });

    await results.getByRole('option').first().click();
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: /^(在此聊天中搜索|Search in this chat)$/ }).fill('错误码');
    await expect(page.getByRole('search').getByRole('status')).toContainText('1 / 3');
    await page.keyboard.press('Enter');
    await expect(page.locator('.virtual-row.found')).toHaveCount(1);
    await page.screenshot({ path: `test-results/screens/chat-search-${language}-${theme}.png` });
  });
}

/** Offline: the banner, and messages waiting in the outbox to go by themselves. */
for (const [theme, language] of [
  ['light', 'zh-CN'],
  ['dark', 'en'],
] as const) {
  test(`messages waiting for the connection in ${language}, ${theme}`, async ({ page, server }) => {
    await showIn(page, language, theme);
    await signIn(page, server, 'zhangsan');
    await page.getByRole('option', { name: /^(李四|Li Si)/ }).click();
    await page.context().setOffline(true);
    const composer = page.getByRole('textbox', { name: /^(消息|Message)$/, exact: true });
    for (const text of ['断网时写的第一条', 'Written while offline']) {
      await composer.fill(text);
      await composer.press('Enter');
    }
    await expect(page.locator('.message-queued')).toHaveCount(2);
    await page.screenshot({ path: `test-results/screens/outbox-waiting-${language}-${theme}.png` });
  });
}

/** The inbox's triage states: grouping and a multiple selection, search results, and the `?` map. */
for (const theme of ['light', 'dark'] as const) {
  for (const language of ['zh-CN', 'en'] as const) {
    test(`inbox triage in ${language}, ${theme}`, async ({ page, server }) => {
      await showIn(page, language, theme);
      await signIn(page, server, 'zhangsan');
      await page.keyboard.press('Control+2');
      const list = page.getByRole('listbox', { name: /^(未读通知|Unread notifications)$/ });
      await expect(list).toBeVisible();
      await page.keyboard.press('j');
      await page.keyboard.press('Shift+J');
      await page.keyboard.press('Shift+J');
      await expect(page.getByRole('toolbar')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/inbox-selection-${language}-${theme}.png` });

      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/inbox-shortcuts-${language}-${theme}.png` });
      await page.keyboard.press('Escape');

      await page.getByRole('searchbox', { name: /^(搜索通知|Search notifications)$/ }).fill('审批');
      const found = page.getByRole('listbox', { name: /^(搜索到的通知|Notifications found)$/ });
      await found.getByRole('option').first().click();
      await expect(page.getByRole('complementary')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/inbox-search-${language}-${theme}.png` });
    });
  }
}

import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.js';

/** The Chinese face the renderer ships (renderer/src/styles.css). */
const BUNDLED = 'Noto Sans SC Variable';
/** The system's Chinese fonts the renderer prefers to it, where the machine has them. */
const SYSTEM_CHINESE = ['PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC'];

/** True when fontconfig knows a font with Chinese glyphs (unknown, where there is no fontconfig: false). */
function systemHasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** The fonts that actually drew an element's text, as the browser reports them, with their glyph counts. */
async function fontsDrawing(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

/** The bundled face's pieces the page has, by status. */
const pieces = (page: Page) =>
  page.evaluate((family) => {
    const statuses = [...document.fonts]
      .filter((face) => face.family.replace(/"/g, '') === family)
      .map((f) => f.status);
    return { total: statuses.length, loaded: statuses.filter((status) => status === 'loaded').length };
  }, BUNDLED);

test('Chinese text is drawn in the bundled face on a machine without a Chinese font of its own', async ({
  page,
  server,
}) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await signIn(page, server, 'zhangsan');
  const label = page.getByRole('navigation', { name: '分区' }).getByText('聊天', { exact: true });
  await expect(label).toBeVisible();
  await page.evaluate(() => document.fonts.ready);

  // The pieces holding the characters on screen were loaded, and only those: it is split by unicode-range.
  expect(await page.evaluate((family) => document.fonts.check(`16px "${family}"`, '聊天'), BUNDLED)).toBe(true);
  const { total, loaded } = await pieces(page);
  expect(loaded).toBeGreaterThan(0);
  expect(loaded).toBeLessThan(total);

  const selector = '.rail-item[aria-current="page"] .rail-label';
  const drawing = await fontsDrawing(page, selector);
  const glyphs = drawing.reduce((sum, font) => sum + font.glyphCount, 0);
  expect(glyphs).toBe(2);
  if (systemHasChineseFont()) {
    // The system's own Chinese font may come first; whichever draws, it is one the stack names.
    for (const font of drawing)
      expect(font.isCustomFont || SYSTEM_CHINESE.includes(font.familyName), JSON.stringify(font)).toBe(true);
  } else {
    expect(drawing).toEqual([
      expect.objectContaining({ isCustomFont: true, familyName: expect.stringMatching(/Noto Sans SC/) }),
    ]);
  }

  // With the bundled face asked for by name, it draws the text whatever the machine has.
  await page.locator(selector).evaluate((element: HTMLElement, family) => {
    element.style.fontFamily = `"${family}"`;
  }, BUNDLED);
  await page.evaluate(() => document.fonts.ready);
  await expect
    .poll(async () => (await fontsDrawing(page, selector)).map((font) => [font.isCustomFont, font.glyphCount]))
    .toEqual([[true, 2]]);
  expect(refused).toEqual([]);
});

test('every piece of the bundled face is a file the page may load under its security policy', async ({
  page,
  server,
}) => {
  await page.goto(server.url);
  const statuses = await page.evaluate(async (family) => {
    const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, '') === family);
    await Promise.allSettled(faces.map((face) => face.load()));
    return faces.map((face) => face.status);
  }, BUNDLED);
  // Over a hundred pieces, each a file from the server: a data: URL would be refused (font-src 'self').
  expect(statuses.length).toBeGreaterThan(100);
  expect(statuses.filter((status) => status !== 'loaded')).toEqual([]);
});

test('Chinese text laid out while its pieces were loading shows them once they are there', async ({ page, server }) => {
  // In English the sign-in screen has no Chinese: the chat list is where every piece is first needed at once.
  await page.addInitScript(() => {
    const settings = { state: { language: 'en', theme: 'light', notifications: true }, version: 0 };
    localStorage.setItem('messenger.settings', JSON.stringify(settings));
  });
  await signIn(page, server, 'zhangsan');
  const list = page.getByRole('listbox', { name: 'Conversations' });
  await expect(list.getByRole('option')).not.toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  // The page shapes its text again two frames after the pieces arrived (main.tsx): three frames on, that is done.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))),
  );
  const drawn = await list.screenshot({ animations: 'disabled' });
  // Laid out from scratch, with every piece there from the start: it must look the same.
  await page.evaluate(() => {
    document.body.style.display = 'none';
    void document.body.offsetHeight;
    document.body.style.display = '';
  });
  expect((await list.screenshot({ animations: 'disabled' })).equals(drawn)).toBe(true);
});

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../../e2e/chromium.js';

/** A laptop screen; the app's own language for the people it is made for. */
export const VIEWPORT = { width: 1280, height: 800 };
const LOCALE = 'zh-CN';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/** page-probe.ts as one plain script, with `installProbe()` run at its end. */
async function bundleProbe(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import { installProbe } from './page-probe.ts';\ninstallProbe();",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}
let probe: Promise<string> | undefined;
const probeScript = () => (probe ??= bundleProbe());

/** How long the page must have had no request in flight for its start-up (lists, counts) to be over. */
const QUIET_MS = 500;
const SETTLE_LIMIT_MS = 30_000;

/**
 * CPU time the page's main thread has spent so far, in ms, from Chromium's own counters
 * (in thread time, so other work on the machine does not inflate it), and the part of
 * it spent running scripts, laying out and recalculating styles.
 */
export interface MainThreadTime {
  totalMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

export interface BenchPage {
  page: Page;
  /** Resolves once no HTTP request has been in flight for a while: what is measured next runs alone. */
  settled(): Promise<void>;
  mainThread(): Promise<MainThreadTime>;
  /** JavaScript heap in use after a full garbage collection, in MB (10^6 bytes). */
  heapMB(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A fresh browser profile (nothing cached, nobody signed in) with the probe installed,
 * signed in through the sign-in screen as a person would.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  user: { username: string; password: string },
): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: LOCALE });
  await context.addInitScript({ content: await probeScript() });
  const page = await context.newPage();
  const settled = watchRequests(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () =>
    new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value] as const));
  await page.goto(url);
  await page.getByLabel(/用户名|Username/).fill(user.username);
  await page.getByLabel(/^(密码|Password)$/).fill(user.password);
  await page
    .getByRole('button', { name: /^(登录|Sign in)$/ })
    .last()
    .click();
  await page.getByRole('navigation', { name: /分区|Sections/ }).waitFor();
  return {
    page,
    settled,
    async mainThread() {
      const now = await metrics();
      const ms = (name: string) => (now.get(name) ?? Number.NaN) * 1000;
      return {
        totalMs: ms('ThreadTime'),
        scriptMs: ms('ScriptDuration'),
        layoutMs: ms('LayoutDuration'),
        styleMs: ms('RecalcStyleDuration'),
      };
    },
    async heapMB() {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await metrics()).get('JSHeapUsedSize') ?? Number.NaN) / 1e6;
    },
    close: () => context.close(),
  };
}

/** Follows the page's HTTP requests; the function returned waits until none has been in flight for a while. */
function watchRequests(page: Page): () => Promise<void> {
  let inFlight = 0;
  let lastActivity = performance.now();
  const change = (by: number) => () => {
    inFlight += by;
    lastActivity = performance.now();
  };
  page.on('request', change(1));
  page.on('requestfinished', change(-1));
  page.on('requestfailed', change(-1));
  return async () => {
    const giveUpAt = performance.now() + SETTLE_LIMIT_MS;
    while ((inFlight > 0 || performance.now() - lastActivity < QUIET_MS) && performance.now() < giveUpAt)
      await page.waitForTimeout(50);
  };
}

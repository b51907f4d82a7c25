import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright';
import { DATABASE_FILE } from '../../embedded-server/src/server.js';
import type { BenchManifest } from '../dataset/manifest.js';
import { launchChromium, signedInPage, VIEWPORT, type BenchPage } from '../harness/browser.js';
import { INBOX_AT_START, KEPT_START, type LongTask, type Painted, type ProbeWindow } from '../harness/page-probe.js';
import { buildRenderer } from '../harness/renderer-bundle.js';
import { startServerChild } from '../harness/server-child.js';
import { median, percentile } from '../harness/stats.js';

/** About 6,000 px/s at 60 frames a second: a fast spin of the mouse wheel. */
const SCROLL_PX_PER_FRAME = 100;
const SCROLL_TIMEOUT_MS = 300_000;
/** The API's largest history page. */
const HISTORY_PAGE = 100;
/** Between two keystrokes of a term typed in the search box: a quick typist. */
const KEYSTROKE_GAP_MS = 60;
/**
 * The renderer's own (search-queries.ts): how many hits a search asks for, and the chat list's pause for typing
 * (none: each keystroke asks, and cancels the request before it).
 */
const SEARCH_LIMIT = 100;
const TYPING_PAUSE_MS = 0;

/** A click timed in every run: wall time, and the main thread's CPU time over the same span (steadier under load). */
export interface TimedOpen {
  openMs: number[];
  medianOpenMs: number;
  medianCpuMs: number;
  /** The longest task between click and paint in any run; 0 when none was over 50 ms (the shortest reported). */
  longestTaskMs: number;
}

export interface RendererFigures {
  chromium: string;
  viewport: { width: number; height: number };
  /** Each click was timed this many times, each in a fresh browser profile signed in anew. */
  runs: number;
  /** From the click on the chat in the chat list to the end of the first frame with its latest message in view. */
  window: TimedOpen & {
    id: number;
    messages: number;
    userId: number;
    /** In the chat's pane (header, messages, composer) once it opened: every element, and the message rows. */
    paneElements: number;
    messageRows: number;
    /** JavaScript heap after a full collection: with the chat list shown, after opening, after scrolling back. */
    heapMB: { listed: number; opened: number; scrolledBack: number };
  };
  scrollBack: {
    messages: number;
    pxPerFrame: number;
    durationMs: number;
    frames: number;
    longTasks: number;
    longestTaskMs: number;
    longestFrameMs: number;
    /** The main thread's CPU time per frame, and the script, layout and style parts of it. */
    cpuMsPerFrame: { total: number; script: number; layout: number; style: number };
    /** The most the pane held in any frame of the scroll. */
    maxPaneElements: number;
    maxMessageRows: number;
  };
  /**
   * Typing in the chat list's search box, every term of the dataset in every run: from the last keystroke to the end
   * of the first frame with the first message result, which includes the app's pause for typing (`debounceMs`), and
   * from the start of the search request to that frame, which does not. Absent (as is `jump`) from results written
   * before search was measured.
   */
  search?: {
    userId: number;
    terms: string[];
    debounceMs: number;
    typedMs: number[];
    fromRequestMs: number[];
    typed: { medianMs: number; p95Ms: number };
    fromRequest: { medianMs: number; p95Ms: number };
  };
  /** From the click on a search result to the end of the first frame with its message in view and highlighted. */
  jump?: TimedOpen & {
    term: string;
    windowId: number;
    messages: number;
    messageId: number;
    /** How deep the message lies: the window's messages newer than it. */
    newerMessages: number;
  };
  /**
   * The app started again (a page load) with the server out of reach, as after a restart offline: navigation to
   * the end of the first frame with the chat list, painted from what the device kept. Absent from earlier results.
   */
  keptStart?: KeptStarts & {
    userId: number;
    /** Opened in a new window of the same profile instead (absent from earlier results). */
    inNewWindow?: KeptStarts;
  };
  /**
   * The reader opens the ten of their chats with the most messages and scrolls each back `messagesEach` messages,
   * loading them all: the JavaScript heap (after a full collection) with all of them held. Absent from earlier results.
   */
  heldWindows?: {
    userId: number;
    /** Each chat's id, its messages, and how many of them were loaded (the reader sees them all, or `messagesEach`). */
    windows: { id: number; messages: number; held: number }[];
    messagesEach: number;
    /** After signing in, with the chat list shown. */
    listedHeapMB: number;
    heapMB: number;
    loadingMs: number;
  };
  /** From the click on the inbox in the navigation to the end of the first frame with a notification in view. */
  inbox: TimedOpen & {
    userId: number;
    unread: number;
    /** Loading the page with the app on the inbox (as it reopens after a restart): navigation to that frame. */
    pageLoadMs: number;
    /** Elements in the whole inbox section once it showed. */
    elements: number;
    heapMB: number;
  };
}

export interface RendererOptions {
  /** How many times each click is timed (the figures are medians). */
  runs: number;
  /** How far the chat is scrolled back, in messages. */
  scrollBack: number;
  logFile: string;
  progress: (line: string) => void;
}

/**
 * The renderer in Chromium, served by the server itself (web mode) on the dataset:
 * the reader opens their busiest chat (100,000+ messages at 1M) from the chat list and
 * scrolls back through its history; the inbox backlog (10,000 unread notifications at
 * 1M) opens the inbox. Times run from the click (the event's own time stamp) to the end
 * of the first frame that shows the result, both measured in the page.
 */
export async function measureRenderer(
  dataDir: string,
  manifest: BenchManifest,
  options: RendererOptions,
): Promise<RendererFigures> {
  const rendererDir = await buildRenderer();
  const server = await startServerChild({ dataDir, logFile: options.logFile, rendererDir });
  const browser = await launchChromium();
  try {
    const signIn = (userId: number) =>
      signedInPage(browser, server.url, {
        username: manifest.users[String(userId)]!.username,
        password: manifest.password,
      });
    const chat = await measureChat(server.url, manifest, options, () => signIn(manifest.reader.id));
    const search = await measureSearch(server.url, dataDir, manifest, options, () => signIn(manifest.reader.id));
    const keptStart = await measureKeptStart(server.url, manifest, options, () => signIn(manifest.reader.id));
    const inbox = await measureInbox(manifest, options, () => signIn(manifest.inboxBacklog.userId));
    // Last: it writes a message into each chat it holds, which moves those chats up the list.
    const heldWindows = await measureHeldWindows(server.url, dataDir, manifest, options, () =>
      signIn(manifest.reader.id),
    );
    return {
      chromium: browser.version(),
      viewport: VIEWPORT,
      runs: options.runs,
      ...chat,
      ...search,
      keptStart,
      inbox,
      heldWindows,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function measureChat(
  url: string,
  manifest: BenchManifest,
  options: RendererOptions,
  signIn: () => Promise<BenchPage>,
): Promise<Pick<RendererFigures, 'window' | 'scrollBack'>> {
  const busiest = manifest.busyWindows[0]!;
  const ids = await newestIds(url, manifest.reader.token, busiest.id, options.scrollBack + 1);
  // With unread messages the chat opens at the first of them, not at its latest; and the first open would mark
  // what it shows read, so the runs would differ. Read up to the latest first, as after a visit.
  await api(url, manifest.reader.token, 'POST', `/api/chat/${busiest.id}/read`, { upTo: ids[0] });
  const opens: Timed[] = [];
  /** Signs in afresh, waits for the chat list and opens the chat; `beforeClick` runs once all is quiet. */
  const open = async (beforeClick?: (tab: BenchPage) => Promise<void>) => {
    const tab = await signIn();
    const option = tab.page.locator(`[data-window-id="${busiest.id}"]`);
    await option.waitFor();
    await tab.settled();
    await beforeClick?.(tab);
    const timed = await timeClick(tab, option, () =>
      tab.page.evaluate((id) => (window as ProbeWindow).benchProbe.messagePainted(id), ids[0]!),
    );
    opens.push(timed);
    options.progress(`  opening a ${busiest.messages}-message chat: ${timed.ms.toFixed(0)} ms`);
    return tab;
  };
  for (let run = 1; run < options.runs; run++) await (await open()).close();
  let listed = 0;
  const tab = await open(async (opening) => {
    listed = await opening.heapMB();
  });
  await tab.settled();
  const pane = await tab.page.evaluate(() => (window as ProbeWindow).benchProbe.paneCounts());
  const opened = await tab.heapMB();
  const before = await tab.mainThread();
  const scroll = await tab.page.evaluate(
    ([toId, px, timeout]) => (window as ProbeWindow).benchProbe.scrollBack(toId, px, timeout),
    [ids.at(-1)!, SCROLL_PX_PER_FRAME, SCROLL_TIMEOUT_MS] as const,
  );
  const after = await tab.mainThread();
  const tasks = during(await longTasks(tab), scroll.startedAt, scroll.endedAt);
  const scrolledBack = await tab.heapMB();
  await tab.close();

  const perFrame = (key: keyof typeof after) => (after[key] - before[key]) / scroll.frames;
  const scrollBack = {
    messages: ids.length - 1,
    pxPerFrame: SCROLL_PX_PER_FRAME,
    durationMs: scroll.endedAt - scroll.startedAt,
    frames: scroll.frames,
    longTasks: tasks.length,
    longestTaskMs: longest(tasks),
    longestFrameMs: scroll.longestFrameMs,
    cpuMsPerFrame: {
      total: perFrame('totalMs'),
      script: perFrame('scriptMs'),
      layout: perFrame('layoutMs'),
      style: perFrame('styleMs'),
    },
    maxPaneElements: scroll.maxPaneElements,
    maxMessageRows: scroll.maxMessages,
  };
  options.progress(
    `  scrolling back ${scrollBack.messages} messages: ${scrollBack.longTasks} tasks over 50 ms, ` +
      `main thread ${scrollBack.cpuMsPerFrame.total.toFixed(1)} ms CPU a frame, ` +
      `at most ${scrollBack.maxPaneElements} elements in the pane`,
  );
  return {
    window: {
      id: busiest.id,
      messages: busiest.messages,
      userId: manifest.reader.id,
      ...summarizeOpens(opens),
      paneElements: pane.elements,
      messageRows: pane.messages,
      heapMB: { listed, opened, scrolledBack },
    },
    scrollBack,
  };
}

/**
 * The reader types each of the dataset's search terms in the chat list's search box (the field cleared and quiet
 * between terms), then clicks the result that lies deepest in their busiest chat. Every run signs in afresh, so no
 * term's results or chat's messages are cached from an earlier run.
 */
async function measureSearch(
  url: string,
  dataDir: string,
  manifest: BenchManifest,
  options: RendererOptions,
  signIn: () => Promise<BenchPage>,
): Promise<Pick<RendererFigures, 'search' | 'jump'>> {
  const busiest = manifest.busyWindows[0]!;
  const { finding, ...target } = await deepestResult(url, dataDir, manifest, busiest.id);
  // The jump's term goes last and stays typed: its results are the ones clicked.
  const terms = [...finding.filter((term) => term !== target.term), target.term];
  const typedMs: number[] = [];
  const fromRequestMs: number[] = [];
  const jumps: Timed[] = [];
  for (let run = 0; run < options.runs; run++) {
    const tab = await signIn();
    const field = tab.page.getByRole('searchbox', { name: '搜索聊天' });
    await tab.settled();
    for (const term of terms) {
      await field.fill('');
      await tab.settled();
      const painted = await typeSearch(tab, field, term);
      typedMs.push(painted.paintedAt - painted.typedAt);
      fromRequestMs.push(painted.paintedAt - painted.requestAt);
    }
    await tab.settled();
    const result = tab.page.locator(`[data-result-id="${target.messageId}"]`);
    const timed = await timeClick(tab, result, () =>
      tab.page.evaluate((id) => (window as ProbeWindow).benchProbe.foundPainted(id), target.messageId),
    );
    jumps.push(timed);
    options.progress(
      `  searching ${terms.length} terms: typed → first result ${median(typedMs.slice(-terms.length)).toFixed(0)} ms ` +
        `(median); jumping to a message ${target.newerMessages} back: ${timed.ms.toFixed(0)} ms`,
    );
    await tab.close();
  }
  const spread = (values: number[]) => ({ medianMs: median(values), p95Ms: p95(values) });
  return {
    search: {
      userId: manifest.reader.id,
      terms,
      debounceMs: TYPING_PAUSE_MS,
      typedMs,
      fromRequestMs,
      typed: spread(typedMs),
      fromRequest: spread(fromRequestMs),
    },
    jump: { ...target, windowId: busiest.id, messages: busiest.messages, ...summarizeOpens(jumps) },
  };
}

/** Types `term` into the focused search box a key at a time and waits for its first result to be painted. */
async function typeSearch(tab: BenchPage, field: Locator, term: string) {
  await field.focus();
  const watching = tab.page.evaluate((typed) => (window as ProbeWindow).benchProbe.searchPainted(typed), term);
  await tab.page.keyboard.type(term, { delay: KEYSTROKE_GAP_MS });
  return watching;
}

/**
 * Of every dataset term's results for the reader (as many as the app asks for), the one in window `windowId`
 * with the most of that window's messages after it: the deepest the search can take the reader. With it, the terms
 * that find any message of the reader's at all (a term rare in the dataset may find none in a small one, and then
 * no first result is ever painted to time).
 */
async function deepestResult(url: string, dataDir: string, manifest: BenchManifest, windowId: number) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const newer = db.prepare<[number, number], { n: number }>(
    'SELECT count(*) AS n FROM chat_messages WHERE window_id = ? AND id > ?',
  );
  try {
    let deepest: { term: string; messageId: number; newerMessages: number } | undefined;
    const finding: string[] = [];
    for (const { term } of manifest.searchTerms) {
      const query = new URLSearchParams({ q: term, limit: String(SEARCH_LIMIT) });
      const hits = await api<{ kind: string; id: number; cId: number }[]>(
        url,
        manifest.reader.token,
        'GET',
        `/api/search?${query}`,
      );
      if (hits.some((hit) => hit.kind === 'message')) finding.push(term);
      // Newest first: the last of the window's hits is its oldest.
      const oldest = hits.filter((hit) => hit.kind === 'message' && hit.cId === windowId).at(-1);
      if (!oldest) continue;
      const newerMessages = newer.get(windowId, oldest.id)!.n;
      if (!deepest || newerMessages > deepest.newerMessages) deepest = { term, messageId: oldest.id, newerMessages };
    }
    if (!deepest) throw new Error(`no search term finds a message in window ${windowId}`);
    return { ...deepest, finding };
  } finally {
    db.close();
  }
}

/** How long after a change the app's kept state is surely written (it saves a second after changes settle). */
const KEPT_SAVED_MS = 2500;

/** Starts timed from the navigation to the chat list painted, and from the app's own start. */
export interface KeptStarts {
  runsMs: number[];
  medianMs: number;
  /** The same, from the app's own start (its script loaded and running: main.tsx's `app-start` mark). */
  fromAppStartMs: number[];
  medianFromAppStartMs: number;
}

/**
 * The reader (the heaviest user) signs in and opens their busiest chat; then the server's API and live channel
 * become unreachable (the page itself still loads, as the desktop app's does from disk), and the app is started
 * again, timed from the navigation to the chat list painted: reloaded in its window, and opened in a new window
 * of the same profile (a renderer process of its own, as the desktop app's window has when it starts).
 */
async function measureKeptStart(
  url: string,
  manifest: BenchManifest,
  options: RendererOptions,
  signIn: () => Promise<BenchPage>,
): Promise<NonNullable<RendererFigures['keptStart']>> {
  const tab = await signIn();
  await tab.page.locator(`[data-window-id="${manifest.busyWindows[0]!.id}"]`).click();
  await tab.settled();
  await tab.page.waitForTimeout(KEPT_SAVED_MS);
  const unreachable = async (page: Page) => {
    // The API fails in Chromium's network stack, as an unreachable server's would. (Playwright's
    // request routing would stop every request of the page, scripts and fonts included, for a
    // round trip to this process: 100–150 ms a start that the app does not spend.) Blocking does
    // not reach WebSockets, which are routed instead: that routing touches nothing else.
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.setBlockedURLs', { urls: ['*/api/*'] });
    await page.routeWebSocket(/\/api\/ws/, (socket) => socket.close());
  };
  const timeStarts = async (how: string, start: () => Promise<Page>): Promise<KeptStarts> => {
    const runsMs: number[] = [];
    const fromAppStartMs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const page = await start();
      runsMs.push(await page.evaluate(() => (window as ProbeWindow).benchProbe.keptStart!));
      const appStart = await page.evaluate(() => performance.getEntriesByName('app-start')[0]?.startTime ?? NaN);
      fromAppStartMs.push(runsMs.at(-1)! - appStart);
      options.progress(
        `  starting ${how} with the server out of reach, the kept chat list: ${runsMs.at(-1)!.toFixed(0)} ms ` +
          `(${fromAppStartMs.at(-1)!.toFixed(0)} ms from the app's start)`,
      );
    }
    return { runsMs, medianMs: median(runsMs), fromAppStartMs, medianFromAppStartMs: median(fromAppStartMs) };
  };

  await unreachable(tab.page);
  const reloaded = await timeStarts('again', async () => {
    await tab.page.evaluate((flag) => sessionStorage.setItem(flag, '1'), KEPT_START);
    await tab.page.reload();
    return tab.page;
  });
  let opened: Page | null = null;
  const inNewWindow = await timeStarts('in a new window', async () => {
    await opened?.close();
    opened = await tab.page.context().newPage();
    await unreachable(opened);
    // A new window's session storage is empty: the probe takes the flag from the address.
    await opened.goto(`${url}/?${KEPT_START}`);
    return opened;
  });
  await tab.close();
  return { userId: manifest.reader.id, ...reloaded, inNewWindow };
}

async function measureInbox(
  manifest: BenchManifest,
  options: RendererOptions,
  signIn: () => Promise<BenchPage>,
): Promise<RendererFigures['inbox']> {
  const { userId, unread } = manifest.inboxBacklog;
  const opens: Timed[] = [];
  /** Signs in afresh (the app opens on the chats) and, once all is quiet, clicks the inbox in the navigation. */
  const open = async () => {
    const tab = await signIn();
    await tab.settled();
    const button = tab.page
      .getByRole('navigation', { name: /分区|Sections/ })
      .getByRole('button', { name: /^(通知|Inbox)/ });
    const timed = await timeClick(tab, button, () =>
      tab.page.evaluate(() => (window as ProbeWindow).benchProbe.inboxPainted()),
    );
    opens.push(timed);
    options.progress(`  opening an inbox of ${unread} unread: ${timed.ms.toFixed(0)} ms`);
    return tab;
  };
  for (let run = 1; run < options.runs; run++) await (await open()).close();
  const tab = await open();
  await tab.settled();
  const elements = await tab.page.evaluate(() => (window as ProbeWindow).benchProbe.sectionElements());
  const heap = await tab.heapMB();
  // The app reopens where it was left: on the inbox, timed from the navigation.
  await tab.page.evaluate((flag) => sessionStorage.setItem(flag, '1'), INBOX_AT_START);
  await tab.page.reload();
  const pageLoadMs = await tab.page.evaluate(() => (window as ProbeWindow).benchProbe.inboxAtStart!);
  options.progress(`  loading the page on that inbox: ${pageLoadMs.toFixed(0)} ms`);
  await tab.close();
  return { userId, unread, ...summarizeOpens(opens), pageLoadMs, elements, heapMB: heap };
}

/** The chats held at once, and how far back each is loaded (the target: ten chats of 10,000 messages). */
const HELD_WINDOWS = 10;
const HELD_MESSAGES = 10_000;
/** Scrolling as fast as the pages arrive: each frame jumps far past what one page holds. */
const HOLDING_PX_PER_FRAME = 20_000;

/**
 * The reader's ten chats with the most messages, each opened from the chat list and scrolled back
 * HELD_MESSAGES messages (or to its first, where it has fewer), one after another in one tab, then the heap.
 * A message from the reader first brings each chat to the top of the list, where it can be clicked.
 */
async function measureHeldWindows(
  url: string,
  dataDir: string,
  manifest: BenchManifest,
  options: RendererOptions,
  signIn: () => Promise<BenchPage>,
): Promise<NonNullable<RendererFigures['heldWindows']>> {
  const { token, id: userId } = manifest.reader;
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  let windows: { id: number; messages: number }[];
  try {
    windows = db
      .prepare<[number, number], { id: number; messages: number }>(
        `SELECT window_id AS id, count(*) AS messages FROM chat_messages
         WHERE window_id IN (SELECT window_id FROM window_members WHERE user_id = ?)
         GROUP BY window_id ORDER BY messages DESC LIMIT ?`,
      )
      .all(userId, HELD_WINDOWS);
  } finally {
    db.close();
  }
  const oldestHeld = new Map<number, number>();
  const held: { id: number; messages: number; held: number }[] = [];
  for (const [i, chat] of windows.entries()) {
    await api(url, token, 'POST', `/api/chat/${chat.id}/messages`, {
      message: `第 ${i + 1} 个窗口 held`,
      type: 'TEXT',
      clientMsgId: `held-${Date.now()}-${i}`,
    });
    const ids = await newestIds(url, token, chat.id, HELD_MESSAGES);
    oldestHeld.set(chat.id, ids.at(-1)!);
    held.push({ ...chat, held: ids.length });
  }
  const tab = await signIn();
  try {
    await tab.settled();
    const listedHeapMB = await tab.heapMB();
    const started = performance.now();
    for (const chat of held) {
      await tab.page.locator(`[data-window-id="${chat.id}"]`).click();
      await tab.settled();
      await tab.page.evaluate(([toId, px, timeout]) => (window as ProbeWindow).benchProbe.loadBack(toId, px, timeout), [
        oldestHeld.get(chat.id)!,
        HOLDING_PX_PER_FRAME,
        SCROLL_TIMEOUT_MS,
      ] as const);
    }
    const loadingMs = performance.now() - started;
    await tab.settled();
    const heapMB = await tab.heapMB();
    options.progress(
      `  ${held.length} chats held, ${held.map((c) => c.held).join(', ')} messages: heap ${heapMB.toFixed(1)} MB ` +
        `(${listedHeapMB.toFixed(1)} MB with the list alone)`,
    );
    return { userId, windows: held, messagesEach: HELD_MESSAGES, listedHeapMB, heapMB, loadingMs };
  } finally {
    await tab.close();
  }
}

interface Timed {
  ms: number;
  cpuMs: number;
  longestTaskMs: number;
}

/**
 * Clicks `target` and times it to the frame `painted` waits for (started before the
 * click), with the main thread's CPU time from the press until just after that frame and
 * the longest task in between. The pointer rests on the target first, as a hand's would.
 */
async function timeClick(tab: BenchPage, target: Locator, painted: () => Promise<Painted>): Promise<Timed> {
  await target.hover();
  const watching = painted();
  const before = await tab.mainThread();
  await tab.page.mouse.down();
  await tab.page.mouse.up();
  const { clickAt, paintedAt } = await watching;
  const after = await tab.mainThread();
  return {
    ms: paintedAt - clickAt,
    cpuMs: after.totalMs - before.totalMs,
    longestTaskMs: longest(during(await longTasks(tab), clickAt, paintedAt)),
  };
}

function summarizeOpens(opens: Timed[]): TimedOpen {
  return {
    openMs: opens.map((o) => o.ms),
    medianOpenMs: median(opens.map((o) => o.ms)),
    medianCpuMs: median(opens.map((o) => o.cpuMs)),
    longestTaskMs: Math.max(...opens.map((o) => o.longestTaskMs)),
  };
}

const p95 = (values: number[]) => percentile(Float64Array.from(values).sort(), 95);
const longTasks = (tab: BenchPage) => tab.page.evaluate(() => (window as ProbeWindow).benchProbe.longTasks);
const during = (tasks: LongTask[], from: number, to: number) =>
  tasks.filter((task) => task.start < to && task.start + task.duration > from);
const longest = (tasks: LongTask[]) => tasks.reduce((most, task) => Math.max(most, task.duration), 0);

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
  return ((await response.json()) as { data: T }).data;
}

/** The ids of a window's newest `count` messages, newest first, read through the API. */
async function newestIds(url: string, token: string, windowId: number, count: number): Promise<number[]> {
  const ids: number[] = [];
  let before = '';
  while (ids.length < count) {
    const page = await api<{ id: number }[]>(
      url,
      token,
      'GET',
      `/api/chat/${windowId}/messages?limit=${HISTORY_PAGE}${before}`,
    );
    ids.push(...page.map((message) => message.id).reverse());
    if (page.length < HISTORY_PAGE) break;
    before = `&before=${page[0]!.id}`;
  }
  return ids.slice(0, count);
}

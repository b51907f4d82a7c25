/**
 * What the renderer benchmark runs inside the page. browser.ts bundles `installProbe`
 * into a plain script that runs before the app's own (functions handed to
 * page.evaluate from the benchmark's TypeScript would carry tsx's name helpers, which
 * the page lacks); the benchmark then calls `window.benchProbe`. Every time is
 * performance.now(), counted from the page's navigation.
 */

/** Set in sessionStorage before a reload: the probe then times the inbox's first paint from the navigation. */
export const INBOX_AT_START = 'bench.inboxAtStart';
/**
 * Set in sessionStorage before a reload, or named in the address's query (a new window), to time the chat list
 * painted from what the device kept (see keptStart).
 */
export const KEPT_START = 'bench.keptStart';

export interface LongTask {
  start: number;
  duration: number;
}

/** The click that opened something, and the end of the first frame that painted it. */
export interface Painted {
  clickAt: number;
  paintedAt: number;
}

/** A search typed in the chat list: its last keystroke, the start of its request, the frame that painted its first result. */
export interface SearchPainted {
  typedAt: number;
  requestAt: number;
  paintedAt: number;
}

export interface ScrollRun {
  startedAt: number;
  endedAt: number;
  frames: number;
  /** The longest time between two frames: a long task, or a slow frame, shows here. */
  longestFrameMs: number;
  /** The most elements the message pane held in any frame, and the most message rows. */
  maxPaneElements: number;
  maxMessages: number;
}

export type BenchProbe = ReturnType<typeof createProbe>;
export type ProbeWindow = typeof window & { benchProbe: BenchProbe };

const PAINT_TIMEOUT_MS = 30_000;

/**
 * Resolves at the end of the first frame painted while `ready()` holds: after each
 * animation frame a message is posted, and its task runs once that frame is done.
 */
function afterPaintWhen(ready: () => boolean, what: string): Promise<number> {
  const started = performance.now();
  const channel = new MessageChannel();
  return new Promise((resolve, reject) => {
    channel.port1.onmessage = () => {
      if (ready()) {
        channel.port1.close();
        resolve(performance.now());
      } else if (performance.now() - started > PAINT_TIMEOUT_MS)
        reject(new Error(`${what} was not painted within ${PAINT_TIMEOUT_MS / 1000} s`));
      else requestAnimationFrame(() => channel.port2.postMessage(null));
    };
    requestAnimationFrame(() => channel.port2.postMessage(null));
  });
}

function inView(element: Element | null, container: Element | null): boolean {
  if (!element || !container) return false;
  const box = element.getBoundingClientRect();
  const view = container.getBoundingClientRect();
  return box.height > 0 && box.bottom > view.top && box.top < view.bottom;
}

const messageRow = (id: number) => document.querySelector(`[data-message-id="${id}"]`);
/** The message list's scroller: the region around the rows (MessageList.tsx). */
const scrollerOf = (row: Element | null) => row?.closest('[role="region"]') ?? null;
/** The open chat: MessagePane's section (header, message list, composer). */
const paneOf = (row: Element | null) => row?.closest('section') ?? null;

/** The oldest message on the page (rendered rows only). */
const oldestRow = () =>
  Math.min(
    ...[...document.querySelectorAll<HTMLElement>('[data-message-id]')].map((row) => Number(row.dataset.messageId)),
  );

/** Scrolls the open chat up by `pxPerFrame` every frame until `reached`, noting each frame. */
function scrollUp(
  reached: (scroller: Element) => boolean,
  what: string,
  pxPerFrame: number,
  timeoutMs: number,
): Promise<ScrollRun> {
  const first = document.querySelector('[data-message-id]');
  const scroller = scrollerOf(first);
  const pane = paneOf(first);
  if (!scroller || !pane) throw new Error('no chat is open');
  const startedAt = performance.now();
  let previous = startedAt;
  const run = { frames: 0, longestFrameMs: 0, maxPaneElements: 0, maxMessages: 0 };
  return new Promise((resolve, reject) => {
    const frame = (now: number) => {
      run.frames++;
      run.longestFrameMs = Math.max(run.longestFrameMs, now - previous);
      previous = now;
      run.maxPaneElements = Math.max(run.maxPaneElements, pane.querySelectorAll('*').length);
      run.maxMessages = Math.max(run.maxMessages, pane.querySelectorAll('[data-message-id]').length);
      if (reached(scroller)) resolve({ ...run, startedAt, endedAt: performance.now() });
      else if (now - startedAt > timeoutMs) reject(new Error(`${what} not reached in ${timeoutMs} ms`));
      else {
        scroller.scrollTop -= pxPerFrame;
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  });
}

/** The chat list's message results once they are the current term's (aria-busy stays set while earlier ones show). */
const firstResult = () => document.querySelector('.result-list[aria-busy="false"] [data-result-id]');
/** The request behind the results shown: the latest search started (entries come in the order they started). */
const lastSearchStart = () =>
  performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.includes('/api/search?'))
    .at(-1)?.startTime ?? Number.NaN;
const firstChat = () => document.querySelector('[data-window-id]');
const chatListPainted = () => inView(firstChat(), firstChat()?.closest('.window-scroll') ?? null);
const firstNotification = () => document.querySelector('[role="listbox"] [data-id]');
const inboxPainted = () => {
  const row = firstNotification();
  return inView(row, row?.closest('[role="listbox"]') ?? null);
};

function createProbe() {
  const longTasks: LongTask[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  let clickAt = Number.NaN;
  addEventListener('click', (event) => (clickAt = event.timeStamp), { capture: true });
  let typedAt = Number.NaN;
  addEventListener('input', (event) => (typedAt = event.timeStamp), { capture: true });
  const sinceClick = async (painted: Promise<number>): Promise<Painted> => {
    const paintedAt = await painted;
    return { clickAt, paintedAt };
  };

  return {
    longTasks,
    /** Set when the page was loaded to time the inbox from the navigation (see INBOX_AT_START). */
    inboxAtStart: null as Promise<number> | null,
    /** Set when the page was loaded to time the chat list from the navigation (see KEPT_START). */
    keptStart: null as Promise<number> | null,

    /** Waits, from before a click, until message `id` is painted in view in its list. */
    messagePainted: (id: number) =>
      sinceClick(afterPaintWhen(() => inView(messageRow(id), scrollerOf(messageRow(id))), `message ${id}`)),

    /** Waits, from before a click, until message `id` is painted in view and highlighted as found. */
    foundPainted: (id: number) =>
      sinceClick(
        afterPaintWhen(
          () => inView(messageRow(id), scrollerOf(messageRow(id))) && !!messageRow(id)?.closest('.found'),
          `found message ${id}`,
        ),
      ),

    /**
     * Waits, from before typing, until the chat list's first message result for `term` is painted in view: the
     * field holds all of it and no search is under way (results for the first letters show while typing goes on).
     */
    async searchPainted(term: string): Promise<SearchPainted> {
      const paintedAt = await afterPaintWhen(
        () =>
          (document.activeElement as HTMLInputElement | null)?.value === term &&
          inView(firstResult(), firstResult()?.closest('.window-scroll') ?? null),
        'the first search result',
      );
      return { typedAt, requestAt: lastSearchStart(), paintedAt };
    },

    /** Waits, from before a click, until the inbox's first notification is painted. */
    inboxPainted: () => sinceClick(afterPaintWhen(inboxPainted, 'the first notification')),

    /** What the open chat's pane holds now: every element, and the message rows among them. */
    paneCounts(): { elements: number; messages: number } {
      const pane = paneOf(document.querySelector('[data-message-id]'));
      if (!pane) throw new Error('no chat is open');
      return {
        elements: pane.querySelectorAll('*').length,
        messages: pane.querySelectorAll('[data-message-id]').length,
      };
    },

    /** Elements in the section the app shows (everything right of the navigation rail). */
    sectionElements: () => document.querySelector('main')?.querySelectorAll('*').length ?? 0,

    /**
     * Scrolls the open chat up by `pxPerFrame` every frame, as a fast wheel would, until
     * message `toId` is in view (older pages load on the way), noting each frame.
     */
    scrollBack: (toId: number, pxPerFrame: number, timeoutMs: number) =>
      scrollUp((scroller) => inView(messageRow(toId), scroller), `message ${toId}`, pxPerFrame, timeoutMs),

    /**
     * Scrolls the open chat up by `pxPerFrame` every frame until a message as old as `toId`
     * is on the page: with jumps taller than the pane, a row may pass without ever being in view.
     */
    loadBack: (toId: number, pxPerFrame: number, timeoutMs: number) =>
      scrollUp(() => oldestRow() <= toId, `message ${toId}`, pxPerFrame, timeoutMs),
  };
}

/** Runs before the app's scripts in every page the benchmark opens. */
export function installProbe(): void {
  if (!location.protocol.startsWith('http')) return;
  const probe = createProbe();
  if (sessionStorage.getItem(INBOX_AT_START)) {
    sessionStorage.removeItem(INBOX_AT_START);
    probe.inboxAtStart = afterPaintWhen(inboxPainted, 'the first notification');
  }
  if (sessionStorage.getItem(KEPT_START) || new URLSearchParams(location.search).has(KEPT_START)) {
    sessionStorage.removeItem(KEPT_START);
    probe.keptStart = afterPaintWhen(chatListPainted, 'the chat list');
  }
  (window as ProbeWindow).benchProbe = probe;
}

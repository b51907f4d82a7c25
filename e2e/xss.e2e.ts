import { randomUUID } from 'node:crypto';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { APP_TOKEN, DEMO_PASSWORD, expect, signIn, test as serverTest, type RunningServer } from './fixtures.js';
import {
  CANARY,
  corpus,
  displayNames,
  NAME_LENGTH,
  PROJECT_NAME_LENGTH,
  TEXT_LENGTH,
  TITLE_LENGTH,
} from './xss-corpus.js';
import type { OfflineMessageWire as OfflineMessage } from '../embedded-server/src/contract/wire.js';

/*
 * Script injection, end to end: payloads go in through the server's API as messages,
 * display names, project and task names, invitation remarks and notifications, and every
 * screen that shows them must show them as text. The server's Content-Security-Policy
 * would stop an injected script from running, which would hide a renderer that injects
 * markup; these tests turn it off, so that the renderer alone is under test (the first
 * test checks that the policy is there too).
 */

/** What the trap caught: canary calls (by payload number), dialogs, and markup no text can make. */
interface Caught {
  ran: number[];
  dialogs: string[];
  markup: string[];
}

interface Trap {
  /** Watches another browser context (a second person) as well. */
  watch(context: BrowserContext): Promise<void>;
  /** What was caught so far. */
  seen(): Caught;
  /** What was caught so far; forgets it. */
  take(): Caught;
}

/** The page-side function the markup watcher reports to. */
const MARKUP_REPORT = '__xssMarkup';

/**
 * Runs in every page before the app: reports each element or attribute that only parsed
 * markup would create, the moment it appears (even if it is gone by the time a test looks).
 */
function watchMarkup({ report }: { report: string }) {
  const send = (what: string) => (window as unknown as Record<string, (what: string) => void>)[report]?.(what);
  // Elements the app never renders itself; any of them in the page came from a payload.
  const foreign = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'math', 'marquee']);
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'srcset', 'xlink:href']);
  const scriptUrl = /^\s*(javascript|vbscript|data:text\/html)/i;
  const check = (element: Element) => {
    const tag = element.localName;
    if (foreign.has(tag)) send(`<${tag}>`);
    if (tag === 'script' && !(element as HTMLScriptElement).src.startsWith(`${location.origin}/`))
      send('<script> that is not the app’s');
    if (tag === 'meta' && element.hasAttribute('http-equiv')) send('<meta http-equiv>');
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on')) send(`<${tag} ${name}="${value}">`);
      else if (urlAttributes.has(name) && scriptUrl.test(value)) send(`<${tag} ${name}="${value}">`);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') check(record.target as Element);
      for (const node of record.addedNodes)
        if (node instanceof Element) [node, ...node.querySelectorAll('*')].forEach(check);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

const test = serverTest.extend<{ trap: Trap }>({
  // Every test of this file fails if a payload ran, a dialog opened or markup appeared.
  trap: [
    async ({ context }, use) => {
      let caught: Caught = { ran: [], dialogs: [], markup: [] };
      const watch = async (watched: BrowserContext) => {
        await watched.exposeFunction(CANARY, (n: number) => void caught.ran.push(n));
        await watched.exposeFunction(MARKUP_REPORT, (what: string) => void caught.markup.push(what));
        await watched.addInitScript(watchMarkup, { report: MARKUP_REPORT });
        watched.on('dialog', (dialog) => {
          caught.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss();
        });
      };
      await watch(context);
      await use({
        watch,
        seen: () => caught,
        take: () => {
          const taken = caught;
          caught = { ran: [], dialogs: [], markup: [] };
          return taken;
        },
      });
      expect(caught, 'no payload ran, no dialog opened, no markup appeared').toEqual({
        ran: [],
        dialogs: [],
        markup: [],
      });
    },
    { auto: true },
  ],
});
test.use({ bypassCSP: true });

/** Nothing has been caught yet (checked after a round trip, so that reports on their way arrive). */
async function expectNothingRan(page: Page, trap: Trap) {
  await page.evaluate(() => new Promise(requestAnimationFrame));
  expect(trap.take()).toEqual({ ran: [], dialogs: [], markup: [] });
}

/**
 * The text as a person reads it. The app may wrap someone's text in invisible isolation
 * marks (U+2068 … U+2069), so that direction controls in it cannot reorder the words around
 * it; they are left out here (no payload contains them).
 */
const readable = (text: string | null) => text?.replace(/[\u2068\u2069]/g, '') ?? null;

/** `locator` shows exactly `text`: every character as written, none of it taken as markup. */
async function expectText(locator: Locator, text: string) {
  await expect(locator).toBeVisible();
  await expect.poll(async () => readable(await locator.textContent())).toBe(text);
}

/** The readable text of every element `locator` matches. */
const textsOf = async (locator: Locator) => (await locator.allTextContents()).map(readable);

/**
 * In `locator`, the `words` that follow `value` are shown after it, to its right or on a
 * later line: direction controls in `value` did not drag them into it or reverse them.
 */
async function expectShownAfter(locator: Locator, value: string, words: string) {
  const { value: box, words: next } = await locator.evaluate(
    (element, [value, words]) => {
      const texts: { node: Text; start: number }[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        texts.push({ node: node as Text, start: text.length });
        text += (node as Text).data;
      }
      /** Where the characters from `start` to `end` of the element's text are drawn. */
      const drawn = (start: number, end: number) => {
        const range = document.createRange();
        const at = (offset: number) => texts.findLast((t) => t.start <= offset)!;
        range.setStart(at(start).node, start - at(start).start);
        range.setEnd(at(end).node, end - at(end).start);
        const { left, right, top, bottom } = range.getBoundingClientRect();
        return { left, right, top, bottom };
      };
      const valueStart = text.indexOf(value);
      const wordsStart = text.indexOf(words, valueStart + value.length);
      if (valueStart < 0 || wordsStart < 0) throw new Error(`“${value}” then “${words}” not in “${text}”`);
      return { value: drawn(valueStart, valueStart + value.length), words: drawn(wordsStart, wordsStart + 1) };
    },
    [value, words] as const,
  );
  expect(next.left >= box.right - 1 || next.top >= box.bottom - 1, `“${words}” after “${value}”`).toBe(true);
}

/** Long payloads wrap or are cut short: neither the page nor any scrolling pane scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const overflowing = await page.evaluate(() => {
    const wide = [...document.querySelectorAll<HTMLElement>('*')].filter((element) => {
      const { overflowX } = getComputedStyle(element);
      return (overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1;
    });
    if (document.documentElement.scrollWidth > window.innerWidth) wide.push(document.documentElement);
    return wide.map((element) => `${element.localName}.${element.className}`);
  });
  expect(overflowing).toEqual([]);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

// --- Set-up through the server's API -------------------------------------------------------

interface Person {
  token: string;
  user: { id: number; userName: string; nickname: string };
}

/** A new account whose display name is `nickname`, registered as anyone can. */
async function register(server: RunningServer, username: string, nickname: string): Promise<Person> {
  const { data } = await server.api<{ data: Person }>('POST', '/api/auth/register', null, {
    username,
    password: DEMO_PASSWORD,
    nickname,
  });
  return data;
}

async function openChat(server: RunningServer, from: Person, toId: number): Promise<number> {
  return (await server.api<{ data: { id: number } }>('POST', '/api/chat', from.token, { toId })).data.id;
}

async function send(server: RunningServer, from: Person, cId: number, message: string, attachmentId?: string) {
  await server.api('POST', `/api/chat/${cId}/messages`, from.token, {
    message,
    type: attachmentId ? 'IMAGE' : 'TEXT',
    clientMsgId: randomUUID(),
    ...(attachmentId ? { attachmentId } : {}),
  });
}

/** A 1×1 PNG, uploaded as a real image attachment. */
async function uploadImage(server: RunningServer, from: Person): Promise<string> {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const response = await fetch(`${server.url}/api/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${from.token}`, 'content-type': 'image/png' },
    body: png,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

async function createProject(server: RunningServer, owner: Person, name: string) {
  return (await server.api<{ data: { id: string } }>('POST', '/api/projects', owner.token, { name })).data.id;
}

async function inviteToProject(server: RunningServer, from: Person, projectId: string, to: Person, remark = '') {
  await server.api('POST', `/api/projects/${projectId}/invitations`, from.token, { userId: to.user.id, remark });
}

const history = async (server: RunningServer, person: Person) =>
  (await server.api<{ messages: OfflineMessage[] }>('GET', '/offlineMessages/history?limit=100', person.token))
    .messages;

/** Accepts, as `person`, the invitation to a project that waits for them. */
async function acceptProject(server: RunningServer, person: Person, projectId: string) {
  const invitation = (await history(server, person)).find(
    (m) => m.type === 4 && !m.dealt && m.extraInfo.projectId === projectId,
  )!;
  await server.api('POST', `/offlineMessages/${invitation.id}/accept`, person.token);
}

/** The chat in the list whose preview reads exactly `preview`. */
async function optionPreviewing(page: Page, preview: string): Promise<Locator> {
  const previews = page.getByRole('option').locator('.window-preview');
  let index = -1;
  await expect
    .poll(
      async () =>
        // A group's preview may say who spoke first ("name：text").
        (index = (await previews.allTextContents()).findIndex(
          (text) => text === preview || text.endsWith(`：${preview}`),
        )),
      { message: preview },
    )
    .toBeGreaterThanOrEqual(0);
  return page.getByRole('option').nth(index);
}

const rail = (page: Page, name: RegExp) => page.getByRole('navigation', { name: '分区' }).getByRole('button', { name });

// --- The tests -------------------------------------------------------------------------------

test('the trap catches a payload that runs, and the server’s policy would have stopped it anyway', async ({
  page,
  browser,
  server,
  trap,
}) => {
  // A <script> put in with innerHTML never runs, but is seen; the other two run at once.
  const html = corpus(NAME_LENGTH)
    .filter((payload) => /^<(script|img|details)/.test(payload))
    .join('');
  const inject = (target: Page, violations: number) =>
    target.evaluate(
      ([markup, expected]) =>
        new Promise<void>((resolve) => {
          let seen = 0;
          document.addEventListener('securitypolicyviolation', () => ++seen === expected && resolve());
          document.body.insertAdjacentHTML('beforeend', markup);
          if (expected === 0) resolve();
        }),
      [html, violations] as const,
    );

  // Without the policy (as in every other test here), injected markup runs and is caught.
  await page.goto(server.url);
  await inject(page, 0);
  await expect
    .poll(() => trap.seen())
    .toMatchObject({
      ran: expect.arrayContaining([2, 5]),
      markup: expect.arrayContaining(['<script> that is not the app’s', '<img onerror="__xss(2)">']),
    });
  trap.take();

  // With the policy the server sends, the same markup is still seen, but both handlers are refused.
  const guarded = await browser.newContext({ bypassCSP: false });
  await trap.watch(guarded);
  const policed = await guarded.newPage();
  await policed.goto(server.url);
  await inject(policed, 2);
  await policed.evaluate(() => new Promise(requestAnimationFrame));
  const caught = trap.take();
  expect(caught.ran).toEqual([]);
  expect(caught.markup).toContain('<details ontoggle="__xss(5)">');
  await guarded.close();
});

test('names, previews, captions and messages are text in the chat list, the message pane and the filter', async ({
  page,
  server,
  trap,
}) => {
  const zhangsan = await server.login('zhangsan');
  // The chat list puts only the chats in view in the page: a window tall enough for all of them.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await signIn(page, server, 'zhangsan');
  const names = displayNames(NAME_LENGTH);

  // One chat per payload, each from someone whose display name is a payload too, sent
  // while zhangsan is online: the new chats come in live.
  const chats: { sender: Person; message: string; preview: string }[] = [];
  for (const [i, message] of corpus(TEXT_LENGTH).entries()) {
    // Names and messages go round the corpus out of step, so no chat is named as its message reads.
    const sender = await register(server, `xss-chat-${i}`, names[(i + 1) % names.length]!);
    await send(server, sender, await openChat(server, sender, zhangsan.user.id), message);
    chats.push({ sender, message, preview: message });
  }
  // An image whose caption is a payload.
  const photographer = await register(server, 'xss-image', names[2]!);
  const caption = names[1]!;
  const attachment = await uploadImage(server, photographer);
  await send(server, photographer, await openChat(server, photographer, zhangsan.user.id), caption, attachment);
  chats.push({ sender: photographer, message: caption, preview: `[图片] ${caption}` });

  // The list takes the chats in as they come, reordering each time: look once all are in.
  await expect
    .poll(() => page.getByRole('option').locator('.window-preview').allTextContents())
    .toEqual(expect.arrayContaining(chats.map((chat) => chat.preview)));
  const pane = page.locator('.message-pane');
  for (const { sender, message, preview } of chats) {
    const chat = await optionPreviewing(page, preview);
    await expectText(chat.locator('.window-name'), sender.user.nickname);
    await expectText(chat.locator('.window-preview'), preview);
    await chat.click();
    await expectText(pane.getByRole('heading', { level: 2 }), sender.user.nickname);
    await expectText(pane.locator('.pane-title .muted'), `@${sender.user.userName}`);
    await expectText(pane.locator('.message-row.theirs .message-text').last(), message);
    await expectNoSidewaysScroll(page);
  }
  await expect(pane.getByRole('img', { name: '图片' })).toBeVisible();
  await expectNothingRan(page, trap);

  // A group chat (a project's), named with a payload, where the sender's name shows on each message.
  const groupName = corpus(PROJECT_NAME_LENGTH).find((name) => name.includes('iframe'))!;
  const owner = chats[0]!.sender;
  const projectId = await createProject(server, owner, groupName);
  await inviteToProject(server, owner, projectId, zhangsan);
  await acceptProject(server, zhangsan, projectId);
  const { cId } = (await server.api<{ data: { cId: number } }>('GET', `/api/projects/${projectId}`, owner.token)).data;
  const groupMessage = names.at(-1)!;
  await send(server, owner, cId, groupMessage);
  await (await optionPreviewing(page, groupMessage)).click();
  await expectText(pane.getByRole('heading', { level: 2 }), groupName);
  const received = pane.locator('.message-row.theirs').last();
  await expectText(received.locator('.message-sender'), owner.user.nickname);
  await expectText(received.locator('.message-text'), groupMessage);

  // Typed by zhangsan: the composer sends the payload itself, and his preview shows it.
  const longest = chats.find((chat) => chat.message.length === TEXT_LENGTH)!;
  await (await optionPreviewing(page, longest.preview)).click();
  const current = page.getByRole('option', { selected: true });
  const composer = page.getByRole('textbox', { name: '消息', exact: true });
  for (const typed of corpus(TEXT_LENGTH).filter((text) => /textarea|\n|iframe/.test(text))) {
    await composer.fill(typed);
    await composer.press('Enter');
    await expect(pane.locator('.message-row.own').last().getByRole('img', { name: '已发送' })).toBeVisible();
    await expectText(pane.locator('.message-row.own .message-text').last(), typed);
    await expectText(current.locator('.window-preview'), `我：${typed}`);
  }
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'chat');

  // The filter finds payloads as text among names and previews (the messages found show in a list of their own).
  const term = '<img src=x onerror=';
  const options = page.getByRole('listbox', { name: '聊天列表' }).getByRole('option');
  const matching = (await options.allTextContents()).filter((text) => text.toLowerCase().includes(term));
  expect(matching.length).toBeGreaterThan(1);
  await page.getByRole('searchbox', { name: '搜索聊天' }).fill(term);
  // A search shows five chats first, and the rest on request.
  if (matching.length > 5) await page.getByRole('button', { name: `显示全部 ${matching.length} 个聊天` }).click();
  await expect(options).toHaveCount(matching.length);
  expect(await options.allTextContents()).toEqual(matching);
  await expectNothingRan(page, trap);
});

interface FeedRow {
  title: string;
  content: string;
}

/**
 * Every row of an inbox tab, read one at a time as j moves the selection down it (only
 * the rows in view are in the page). Starts with the tab just chosen.
 */
async function readFeed(page: Page, feed: Locator, total: number): Promise<FeedRow[]> {
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const rows: FeedRow[] = [];
  for (let position = 1; position <= total; position++) {
    const row = feed.locator(`[role="option"][aria-posinset="${position}"]`);
    await expect(row).toBeFocused();
    await expect(row).toBeInViewport();
    rows.push(
      await row.evaluate((option) => ({
        title: option.querySelector('.inbox-row-title')!.textContent,
        content: option.querySelector('.inbox-row-content')!.textContent,
      })),
    );
    if (position < total) await page.keyboard.press('j');
  }
  return rows;
}

test('notification titles, contents and what they point at are text in every tab and in the details', async ({
  page,
  server,
  trap,
}) => {
  test.setTimeout(120_000);
  const zhangsan = await server.login('zhangsan');
  const titles = corpus(TITLE_LENGTH);
  const contents = corpus(TEXT_LENGTH);
  const names = corpus(NAME_LENGTH);
  const scriptUrl = titles.find((title) => title.startsWith('javascript:'))!;
  // A third point at a task, a third at an id (both named with payloads), the rest at nothing.
  const pointers = [
    (i: number) => ({
      params: JSON.stringify({ taskName: names[i % names.length], link: scriptUrl }),
      target: `任务“${names[i % names.length]}”`,
    }),
    (i: number) => ({
      params: JSON.stringify({ id: names[i % names.length] }),
      target: `#${names[i % names.length]}`,
    }),
    () => ({ params: null, target: null }),
  ];
  const expected = titles.map((title, i) => ({ title, content: contents[i]!, ...pointers[i % pointers.length]!(i) }));

  await signIn(page, server, 'zhangsan');
  for (const { title, content, params } of expected)
    await server.api('POST', '/message/create', APP_TOKEN, {
      title,
      content,
      type: 7,
      subtype: 0,
      params,
      user_id: zhangsan.user.id,
    });
  const ids = (
    await server.api<{ errdata: { data: { id: number; title: string }[] } }>(
      'GET',
      '/message/list?status=0&limit=100',
      zhangsan.token,
    )
  ).errdata.data
    .filter((notification) => titles.includes(notification.title))
    .map((notification) => notification.id);
  expect(ids).toHaveLength(titles.length);
  const count = async (status: 'unread' | 'todo' | 'read') =>
    (await server.api<{ errdata: { data: Record<string, number> } }>('GET', '/message/count', zhangsan.token)).errdata
      .data[status]!;
  const shown = expected.map(({ title, content }) => ({ title, content }));
  /** Chooses a tab once its count says the moves made elsewhere have reached the page. */
  const openTab = async (name: string, total: number) => {
    const tab = page.getByRole('tab', { name: new RegExp(`^${name}`) });
    await expect(tab).toHaveAccessibleName(`${name}，${total} 条`);
    await tab.click();
  };

  await rail(page, /通知/).click();
  const unread = page.getByRole('listbox', { name: '未读通知' });
  await expect(unread.getByRole('option').first()).toBeVisible();
  await screenshot(page, 'inbox');
  expect(await readFeed(page, unread, await count('unread'))).toEqual(expect.arrayContaining(shown));
  await expectNoSidewaysScroll(page);

  // Moved elsewhere, the same notifications show the same way in Todo…
  for (const id of ids) await server.api('POST', `/message/settodo/${id}`, zhangsan.token);
  await openTab('待办', await count('todo'));
  const todo = page.getByRole('listbox', { name: '待办通知' });
  expect(await readFeed(page, todo, await count('todo'))).toEqual(expect.arrayContaining(shown));

  // …and in Read, where one opened shows all it has, its params included, in the details.
  for (const id of ids) await server.api('POST', `/message/setread/${id}`, zhangsan.token);
  await openTab('已读', await count('read'));
  const read = page.getByRole('listbox', { name: '已读通知' });
  const rows = await readFeed(page, read, await count('read'));
  expect(rows).toEqual(expect.arrayContaining(shown));
  // The one opened points at a task whose name starts with RIGHT-TO-LEFT OVERRIDE.
  const overriding = names.find((name) => name.includes('\u202E'))!;
  const opened = expected.find((_, i) => i % 3 === 0 && names[i % names.length] === overriding)!;
  const back = rows.length - 1 - rows.findIndex((row) => row.title === opened.title);
  for (let i = 0; i < back; i++) await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: '通知详情' });
  await expectText(details.getByRole('heading', { level: 2 }), opened.title);
  await expectText(details.locator('.inbox-details-content'), opened.content);
  await expectText(details.locator('.inbox-target-ref'), opened.target!);
  expect(await details.locator('.inbox-target dd').allTextContents()).toEqual([overriding, scriptUrl]);
  await expectShownAfter(details.locator('.inbox-target-ref'), overriding, '”');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'inbox-details');
  await expectNothingRan(page, trap);
});

test('project, task and people’s names are text in invitations, the activity feed and projects', async ({
  page,
  server,
  trap,
}) => {
  test.setTimeout(120_000);
  const zhangsan = await server.login('zhangsan');
  const names = displayNames(NAME_LENGTH);
  const projectNames = corpus(PROJECT_NAME_LENGTH);
  // Taken from the end, so that the longest remarks are among those used.
  const remarks = corpus(500).reverse();
  const people: Person[] = [];
  for (const [i, nickname] of names.entries()) people.push(await register(server, `xss-team-${i}`, nickname));

  // A project per name, each owned by someone with a payload for a name, zhangsan invited to each.
  const projects: { id: string; name: string; owner: Person }[] = [];
  for (const [i, name] of projectNames.entries()) {
    const owner = people[i % people.length]!;
    const id = await createProject(server, owner, name);
    await inviteToProject(server, owner, id, zhangsan, remarks[i]);
    projects.push({ id, name, owner });
  }
  const invitations = (await history(server, zhangsan)).filter((m) =>
    projects.some((p) => p.id === m.extraInfo.projectId),
  );
  for (const { name, owner } of projects)
    expect(invitations.map((m) => m.msg)).toContain(`${owner.user.nickname}邀请你加入项目: ${name}`);

  await signIn(page, server, 'zhangsan');
  await rail(page, /邀请/).click();
  const messages = () => page.locator('.invitation-msg, .activity-msg').allTextContents();
  await expect.poll(messages).toEqual(expect.arrayContaining(invitations.map((m) => m.msg)));
  await expect
    .poll(() => textsOf(page.locator('.invitation-remark')))
    .toEqual(expect.arrayContaining(remarks.slice(0, projects.length).map((remark) => `附言：${remark}`)));
  await expectNoSidewaysScroll(page);
  await expectNothingRan(page, trap);

  // Accepted here, the first opens in Projects under its name.
  const [party] = projects;
  const card = page.getByRole('article', {
    name: invitations.find((m) => m.extraInfo.projectId === party!.id)!.msg,
    exact: true,
  });
  await card.getByRole('button', { name: '接受' }).click();
  await card.getByRole('button', { name: '打开项目', exact: true }).click();
  await expectText(page.locator('#project-title'), party!.name);
  for (const { id } of projects.slice(1)) await acceptProject(server, zhangsan, id);

  // Its owner brings everyone in and publishes a task per name: the others' names show in
  // the members, the tasks' names in the tasks, and the news in the activity feed.
  const owner = party!.owner;
  for (const person of people.filter((p) => p !== owner)) {
    await inviteToProject(server, owner, party!.id, person);
    await acceptProject(server, person, party!.id);
  }
  const tasks: string[] = [];
  for (const name of projectNames) {
    const task = await server.api<{ data: { id: string } }>('POST', `/api/projects/${party!.id}/tasks`, owner.token, {
      name,
    });
    tasks.push(task.data.id);
  }
  await server.api('POST', `/api/tasks/${tasks[0]}/invitations`, owner.token, {
    userId: zhangsan.user.id,
    remark: remarks.at(-1),
  });
  await page.reload();
  await expectText(page.locator('#project-title'), party!.name);
  expect(readable(await page.locator('.project-heading .muted').textContent())).toContain(
    `负责人：${owner.user.nickname} · `,
  );
  await expect
    .poll(() => textsOf(page.locator('.member-name')))
    .toEqual(expect.arrayContaining(people.map((p) => `${p.user.nickname}@${p.user.userName}`)));
  await expect.poll(() => page.locator('.task-name').allTextContents()).toEqual(projectNames);
  for (const initial of await page.locator('.member-list .avatar').allTextContents())
    expect(initial, 'every avatar shows a letter one can see').toMatch(/^[^\p{C}\p{Z}\p{M}]/u);
  for (const person of people)
    await expectShownAfter(
      page.locator('.member-name').filter({ hasText: new RegExp(`@${person.user.userName}$`) }),
      person.user.nickname,
      `@${person.user.userName}`,
    );
  for (const by of await textsOf(page.locator('.task-meta'))) expect(by).toBe(`由 ${owner.user.nickname} 发布`);
  await expect
    .poll(() => page.getByRole('navigation', { name: '我的项目' }).locator('.project-link-name').allTextContents())
    .toEqual(expect.arrayContaining(projectNames));
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'project');

  await rail(page, /邀请/).click();
  const latest = (await history(server, zhangsan)).slice(0, 50);
  await expect.poll(messages).toEqual(expect.arrayContaining(latest.map((m) => m.msg)));
  await expect(page.locator('.invitation-remark').filter({ hasText: `附言：${remarks.at(-1)}` })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'invitations');
  await expectNothingRan(page, trap);

  // A project zhangsan names himself: the dialogs and notices that quote names.
  const mine = projectNames.find((name) => name.includes('srcdoc'))!;
  const invitee = people.find((person) => person.user.nickname.includes('onerror'))!;
  await rail(page, /项目/).click();
  await page.getByLabel('新项目名称').fill(mine);
  await page.getByRole('button', { name: '创建项目' }).click();
  await expect(page.getByRole('navigation', { name: '我的项目' }).locator('[aria-current="page"]')).toBeVisible();
  await expectText(page.locator('#project-title'), mine);
  await page.getByRole('button', { name: '邀请成员' }).click();
  const dialog = page.getByRole('dialog');
  await expectText(dialog.getByRole('heading'), `邀请成员加入「${mine}」`);
  await dialog.getByRole('combobox', { name: '要邀请的人' }).fill('xss-team');
  await expect
    .poll(() => dialog.getByRole('option').locator('span:not(.avatar, .muted)').allTextContents())
    .toEqual(expect.arrayContaining(people.map((p) => p.user.nickname)));
  await dialog
    .getByRole('option')
    .filter({ hasText: new RegExp(`@${invitee.user.userName}$`) })
    .click();
  await dialog.getByLabel('附言（可选）').fill(remarks[0]!);
  await dialog.getByRole('button', { name: '发送邀请' }).click();
  await expectText(
    page.getByRole('main', { name: '项目' }).getByRole('status'),
    `已向 ${invitee.user.nickname} 发出邀请，对方接受后就会加入。`,
  );
  const created = (
    await server.api<{ data: { id: string; ownerId: number }[] }>('GET', '/api/projects', zhangsan.token)
  ).data.find((p) => p.ownerId === zhangsan.user.id)!;
  await acceptProject(server, invitee, created.id);
  await page
    .locator('.member-list li')
    .filter({ hasText: `@${invitee.user.userName}` })
    .getByRole('button', { name: /移出项目/ })
    .click();
  const confirm = page.getByRole('dialog');
  await expectText(confirm.getByRole('heading'), `将 ${invitee.user.nickname} 移出「${mine}」？`);
  await expectShownAfter(confirm.getByRole('heading'), invitee.user.nickname, '移出「');
  await confirm.getByRole('button', { name: '移出' }).click();
  await expectText(
    page.getByRole('main', { name: '项目' }).getByRole('status'),
    `已将 ${invitee.user.nickname} 移出项目。`,
  );
  await expectNothingRan(page, trap);
});

test('a display name is text in settings, for names given on the sign-in screen', async ({ page, server, trap }) => {
  for (const [i, nickname] of displayNames(NAME_LENGTH).entries()) {
    const username = `xss-self-${i}`;
    await page.goto(server.url);
    await page.getByRole('tab', { name: '注册' }).click();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('昵称').fill(nickname);
    await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '创建账号' }).click();
    await rail(page, /设置/).click();
    const account = page.getByRole('region', { name: '账号' }).locator('p');
    await expectText(account, `已登录：${nickname}（${username}）`);
    await expectShownAfter(account, nickname, `（${username}）`);
    if (nickname.includes('onerror')) await screenshot(page, 'settings');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page.getByRole('tab', { name: '注册' })).toBeVisible();
  }
  // A name that would turn the text around it backwards is refused, and the form says why.
  const overriding = corpus(NAME_LENGTH).find((name) => name.includes('\u202E'))!;
  await page.getByRole('tab', { name: '注册' }).click();
  await page.getByLabel('用户名').fill('xss-self-override');
  await page.getByLabel('昵称').fill(overriding);
  await page.getByLabel(/^密码$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByRole('alert')).toContainText('U+202E');
  await expectNothingRan(page, trap);
});

test('desktop notifications carry names, messages and titles exactly as written', async ({ page, server }) => {
  const shown: { title: string; body: string }[] = [];
  await page.exposeFunction('__notified', (title: string, body: string) => void shown.push({ title, body }));
  await page.addInitScript(() => {
    // The app notifies only when it is not in front; here it never is.
    Document.prototype.hasFocus = () => false;
    const notified = (window as unknown as { __notified(title: string, body: string): void }).__notified;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick = null;
      constructor(title: string, options?: NotificationOptions) {
        notified(title, options?.body ?? '');
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  });
  const zhangsan = await server.login('zhangsan');
  // Notifications are for what arrives live: the app's channel is ready before anything is sent.
  const live = new Promise<void>((resolve) =>
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => String(payload).includes('"ready"') && resolve()),
    ),
  );
  await signIn(page, server, 'zhangsan');
  await live;

  const expected: { title: string; body: string }[] = [];
  const sender = await register(server, 'xss-notify', displayNames(NAME_LENGTH)[1]!);
  const cId = await openChat(server, sender, zhangsan.user.id);
  for (const message of corpus(TEXT_LENGTH)) {
    await send(server, sender, cId, message);
    expected.push({ title: sender.user.nickname, body: message });
  }
  const contents = corpus(TEXT_LENGTH);
  for (const [i, title] of corpus(TITLE_LENGTH).entries()) {
    await server.api('POST', '/message/create', APP_TOKEN, {
      title,
      content: contents[i],
      type: 7,
      subtype: 0,
      params: null,
      user_id: zhangsan.user.id,
    });
    expected.push({ title, body: contents[i]! });
  }
  const projectId = await createProject(server, sender, corpus(PROJECT_NAME_LENGTH)[0]!);
  await inviteToProject(server, sender, projectId, zhangsan);
  const invitation = (await history(server, zhangsan)).find((m) => m.extraInfo.projectId === projectId)!;
  expected.push({ title: '新邀请', body: invitation.msg });

  await expect.poll(() => shown).toEqual(expect.arrayContaining(expected));
});

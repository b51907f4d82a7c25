import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import { createAccount } from '../domain/accounts.js';
import { markWindowRead, openDirectWindow, writeMessage } from '../domain/chat.js';
import { conflict, DomainError, invalid } from '../domain/errors.js';
import { createNotification, setNotificationStatus } from '../domain/inbox.js';
import { takeUndelivered } from '../domain/offline-messages.js';
import {
  answerInvitation,
  createProject,
  inviteToProject,
  inviteToTask,
  leaveProject,
  publishTask,
  removeMember,
} from '../domain/projects.js';
import { RELATIVE_TIME, type ScenarioResultWire, type ScenarioTime, type ScenarioWire } from '../contract/scenario.js';
import type { DomainContext } from '../domain/context.js';
import type { NotificationStatus, Project, Task, User } from '../domain/types.js';

/**
 * Builds a scenario (API.md §3c, `POST /api/admin/scenario`) through the domain's own
 * operations, so counters, offline messages, receipts and events come out exactly as if
 * its people had done it, in one transaction: a scenario that fails anywhere leaves
 * nothing behind.
 *
 * Users are registered first, at the scenario's earliest time; a one-to-one window is
 * opened just before its first message (or at that earliest time when it has none).
 * Everything else happens in the order of its time; at the same time, in the order
 * windows, projects, tasks, invitations, answers, messages, reads, departures, pick-ups,
 * notifications, status changes, and within a list as listed.
 */
export async function runScenario(ctx: DomainContext, scenario: ScenarioWire): Promise<ScenarioResultWire> {
  const users = scenario.users ?? [];
  const plan = planScenario(scenario, ctx.now());
  // Said before the slow part (hashing); checked again as each account is written.
  for (const [i, { username }] of users.entries())
    if (await ctx.store.users.byUsername(username)) throw conflict(`users[${i}]: username ${username} is taken`);
  const hashes = await Promise.all(users.map(({ password }) => hashPassword(password)));
  return await ctx.store.transaction(async () => {
    const built = new Built(ctx, plan.declared);
    const at = (time: number): DomainContext => ({ ...ctx, now: () => time });
    for (const [i, { username, nickname, role }] of users.entries())
      await located(`users[${i}]`, async () => {
        const user = await createAccount(at(plan.start), { username, nickname: nickname.trim(), role }, hashes[i]!);
        built.users.set(username, user);
      });
    const written = await rowsWritten(ctx);
    for (const step of plan.steps) {
      await located(step.where, () => step.run(at(step.at), built));
      if ((await written()) > MAX_SCENARIO_ROWS)
        throw invalid(`${step.where}: the scenario writes more than ${MAX_SCENARIO_ROWS} rows; make it smaller`);
    }
    return built.result();
  });
}

/** Counts the rows written from now on (by this server: a scenario's transaction is its only writer). */
async function rowsWritten(ctx: DomainContext): Promise<() => Promise<number>> {
  const before = await ctx.store.changesSoFar();
  return async () => (await ctx.store.changesSoFar()) - before;
}

/** What happens first when two things happen at the same time. */
const SAME_TIME_ORDER = [
  'window',
  'project',
  'task',
  'invitation',
  'answer',
  'message',
  'read',
  'departure',
  'pickup',
  'notification',
  'status',
] as const;

/** One thing a person did, at a time. */
interface Step {
  at: number;
  kind: (typeof SAME_TIME_ORDER)[number];
  /** Where in the scenario it comes from, for error messages. */
  where: string;
  run: (ctx: DomainContext, built: Built) => Promise<void>;
}

type KeyedList = 'windows' | 'projects' | 'tasks' | 'invitations' | 'messages' | 'notifications';

/** Every key the scenario declares, by list (to tell "unknown" from "not yet made"). */
type Declared = Record<KeyedList, Set<string>>;

/**
 * Rows one scenario may write. The lists' lengths alone do not bound the work: a message
 * in a group writes an offline copy for every member away, and a member joining tells
 * every member before them. This keeps one scenario's transaction to a few seconds.
 */
export const MAX_SCENARIO_ROWS = 100_000;

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** Epoch milliseconds of a scenario time: as given, or relative to `now` (`-1d-10h+6m`). */
export function resolveTime(time: ScenarioTime, now: number): number {
  if (typeof time === 'number') return time;
  if (!RELATIVE_TIME.test(time))
    throw invalid(`${time} is neither epoch milliseconds nor a relative time like -1d-10h`);
  let ms = now;
  for (const [, sign, amount, unit] of time.matchAll(/([+-])(\d+)([dhms])/g))
    ms += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return ms;
}

/** Checks what can be checked before anything is written, and puts the steps in time order. */
function planScenario(scenario: ScenarioWire, now: number): { start: number; steps: Step[]; declared: Declared } {
  const declared = {} as Declared;
  for (const list of ['windows', 'projects', 'tasks', 'invitations', 'messages', 'notifications'] as const) {
    declared[list] = new Set();
    for (const { key } of scenario[list] ?? []) {
      if (declared[list].has(key)) throw invalid(`${list}: the key ${key} is used twice`);
      declared[list].add(key);
    }
  }
  const usernames = new Set<string>();
  for (const { username } of scenario.users ?? []) {
    if (usernames.has(username)) throw invalid(`users: ${username} is listed twice`);
    usernames.add(username);
  }

  const steps: Step[] = [];
  const time = (where: string, at: ScenarioTime | undefined, after?: number) => {
    const ms = at === undefined ? (after ?? now) : resolveTime(at, now);
    if (ms > now) throw invalid(`${where}: ${at} is in the future`);
    if (ms < 0) throw invalid(`${where}: ${at} is before 1970`);
    if (after !== undefined && ms < after) throw invalid(`${where}: it cannot come before what it follows`);
    return ms;
  };
  const add = (where: string, kind: Step['kind'], at: number, run: Step['run']) => steps.push({ at, kind, where, run });
  // A place is named one of two ways (a window or a group chat, a project or a task), never both.
  const either = (where: string, a: unknown, b: unknown, names: string) => {
    if ((a === undefined) === (b === undefined)) throw invalid(`${where}: give either ${names}`);
  };

  // A window opens when its first message is written; one with none, at the scenario's
  // start (known once every other time is).
  const messageTimes = (scenario.messages ?? []).map((m, i) => time(`messages[${i}]`, m.at));
  const firstMessage = new Map<string, number>();
  (scenario.messages ?? []).forEach(({ window }, i) => {
    if (window !== undefined)
      firstMessage.set(window, Math.min(firstMessage.get(window) ?? Infinity, messageTimes[i]!));
  });
  (scenario.windows ?? []).forEach((w, i) => {
    const where = `windows[${i}]`;
    add(where, 'window', firstMessage.get(w.key) ?? Infinity, async (ctx, built) => {
      built.windows.set(w.key, (await openDirectWindow(ctx, await built.user(w.from), (await built.user(w.to)).id)).id);
    });
  });
  (scenario.projects ?? []).forEach((p, i) => {
    const where = `projects[${i}]`;
    add(where, 'project', time(where, p.at), async (ctx, built) => {
      const owner = await built.user(p.owner);
      const project = await createProject(ctx, owner, p.name);
      for (const name of p.members ?? []) {
        const member = await built.user(name);
        const invitation = await inviteToProject(ctx, owner, project.id, member.id, '');
        await answerInvitation(ctx, member, invitation.message.id, 'accept');
      }
      built.projects.set(p.key, project);
    });
  });
  (scenario.tasks ?? []).forEach((t, i) => {
    const where = `tasks[${i}]`;
    add(where, 'task', time(where, t.at), async (ctx, built) => {
      built.tasks.set(t.key, await publishTask(ctx, await built.user(t.by), built.project(t.project).id, t.name));
    });
  });
  (scenario.invitations ?? []).forEach((v, i) => {
    const where = `invitations[${i}]`;
    either(where, v.project, v.task, 'project or task');
    const sentAt = time(where, v.at);
    add(where, 'invitation', sentAt, async (ctx, built) => {
      const from = await built.user(v.from);
      const to = await built.user(v.to);
      const sent =
        v.project !== undefined
          ? await inviteToProject(ctx, from, built.project(v.project).id, to.id, v.remark ?? '')
          : await inviteToTask(ctx, from, built.task(v.task!).id, to.id, v.remark ?? '');
      built.invitations.set(v.key, sent.message.id);
    });
    const { answer } = v;
    if (answer === undefined) {
      if (v.answeredAt !== undefined) throw invalid(`${where}: answeredAt without an answer`);
      return;
    }
    add(where, 'answer', time(where, v.answeredAt, sentAt), async (ctx, built) => {
      await answerInvitation(ctx, await built.user(v.to), built.invitations.get(v.key)!, answer);
    });
  });
  (scenario.messages ?? []).forEach((m, i) => {
    const where = `messages[${i}]`;
    either(where, m.window, m.project, 'window or project');
    add(where, 'message', messageTimes[i]!, async (ctx, built) => {
      const windowId = m.window !== undefined ? built.window(m.window) : built.project(m.project!).windowId;
      const sent = await writeMessage(ctx, await built.user(m.from), windowId, {
        body: m.message,
        type: m.type ?? 'TEXT',
        clientMsgId: `scenario-${randomUUID()}`,
        channel: 'PC',
        // Nobody sent it from an address: the im dialect's `fromarea` stays empty.
        fromArea: '',
      });
      built.messages.set(m.key, sent.view.message.id);
    });
  });
  (scenario.reads ?? []).forEach((r, i) => {
    const where = `reads[${i}]`;
    either(where, r.window, r.project, 'window or project');
    add(where, 'read', time(where, r.at), async (ctx, built) => {
      const windowId = r.window !== undefined ? built.window(r.window) : built.project(r.project!).windowId;
      await markWindowRead(ctx, await built.user(r.user), windowId, Number.MAX_SAFE_INTEGER);
    });
  });
  (scenario.departures ?? []).forEach((d, i) => {
    const where = `departures[${i}]`;
    add(where, 'departure', time(where, d.at), async (ctx, built) => {
      const project = built.project(d.project);
      const user = await built.user(d.user);
      if (d.by === undefined) await leaveProject(ctx, user, project.id);
      else await removeMember(ctx, await built.user(d.by), project.id, user.id);
    });
  });
  (scenario.pickups ?? []).forEach((p, i) => {
    const where = `pickups[${i}]`;
    add(where, 'pickup', time(where, p.at), async (ctx, built) => {
      const user = await built.user(p.user);
      // A client asks again while there is more (a long queue comes in batches).
      while ((await takeUndelivered(ctx, user.id)).length > 0);
    });
  });
  (scenario.notifications ?? []).forEach((n, i) => {
    const where = `notifications[${i}]`;
    const createdAt = time(where, n.at);
    add(where, 'notification', createdAt, async (ctx, built) => {
      const user = await built.user(n.user);
      const { title, content, type, subtype } = n;
      const notification = await createNotification(ctx, 'app', {
        userId: user.id,
        title,
        content,
        type,
        subtype,
        params: n.params ?? null,
      });
      built.notifications.set(n.key, notification.id);
    });
    const status = Number(n.status ?? '0') as NotificationStatus;
    if (status === 0) {
      if (n.statusAt !== undefined) throw invalid(`${where}: statusAt for a notification left unread`);
      return;
    }
    add(where, 'status', time(where, n.statusAt, createdAt), async (ctx, built) => {
      await setNotificationStatus(ctx, (await built.user(n.user)).id, built.notifications.get(n.key)!, status);
    });
  });

  const start = Math.min(now, ...steps.flatMap((step) => (Number.isFinite(step.at) ? [step.at] : [])));
  for (const step of steps) if (!Number.isFinite(step.at)) step.at = start;
  const rank = (step: Step) => SAME_TIME_ORDER.indexOf(step.kind);
  // A stable sort: steps of one list at the same time stay in the order listed.
  steps.sort((a, b) => a.at - b.at || rank(a) - rank(b));
  return { start, steps, declared };
}

/**
 * Runs one step, saying where in the scenario a failure comes from. A rule the scenario
 * breaks is its own fault (422), except a state conflict (409: a taken username, someone
 * invited twice), as the endpoints the steps stand for would answer.
 */
async function located<T>(where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const message = error.message.startsWith(where) ? error.message : `${where}: ${error.message}`;
    throw error.kind === 'conflict' ? conflict(message) : invalid(message);
  }
}

/** What the scenario has made so far, by key. */
class Built {
  readonly users = new Map<string, User>();
  readonly windows = new Map<string, number>();
  readonly projects = new Map<string, Project>();
  readonly tasks = new Map<string, Task>();
  readonly invitations = new Map<string, string>();
  readonly messages = new Map<string, number>();
  readonly notifications = new Map<string, number>();

  constructor(
    private readonly ctx: DomainContext,
    private readonly declared: Declared,
  ) {}

  /** A user of the scenario, or an account that already exists. */
  async user(username: string): Promise<User> {
    let user = this.users.get(username);
    if (!user) {
      user = await this.ctx.store.users.byUsername(username);
      if (!user) throw invalid(`no user ${username}`);
      this.users.set(username, user);
    }
    return user;
  }

  window(key: string): number {
    return this.made('windows', 'window', this.windows, key);
  }

  project(key: string): Project {
    return this.made('projects', 'project', this.projects, key);
  }

  task(key: string): Task {
    return this.made('tasks', 'task', this.tasks, key);
  }

  private made<T>(list: KeyedList, kind: string, made: Map<string, T>, key: string): T {
    const item = made.get(key);
    if (item !== undefined) return item;
    if (this.declared[list].has(key)) throw invalid(`the ${kind} ${key} is made only later`);
    throw invalid(`no ${kind} ${key} in the scenario`);
  }

  result(): ScenarioResultWire {
    const ids = <T, U>(map: Map<string, T>, id: (item: T) => U) =>
      Object.fromEntries([...map].map(([key, item]) => [key, id(item)]));
    const same = <T>(item: T) => item;
    return {
      users: ids(this.users, (user) => user.id),
      windows: ids(this.windows, same),
      projects: ids(this.projects, (project) => project.id),
      tasks: ids(this.tasks, (task) => task.id),
      invitations: ids(this.invitations, same),
      messages: ids(this.messages, same),
      notifications: ids(this.notifications, same),
    };
  }
}

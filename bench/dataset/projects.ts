import { offlineContent, type OfflineContent } from '../../embedded-server/src/domain/offline-messages.js';
import type { Project, Task } from '../../embedded-server/src/domain/types.js';
import { hexId, offlineMessageId } from './ids.js';
import { between, chance, intBelow, pick, shuffle, type Random } from './random.js';
import { projectName, remark, taskName } from './text.js';
import {
  DAY,
  HOUR,
  MINUTE,
  type PlannedInvitation,
  type PlannedMember,
  type PlannedOffline,
  type PlannedProject,
  type PlannedUser,
  type PlannedWindow,
} from './model.js';

/** A member who joins a group window while people are already talking in it. */
export interface LateJoin {
  window: PlannedWindow;
  member: PlannedMember;
  at: number;
}

export interface ProjectPlan {
  projects: PlannedProject[];
  invitations: PlannedInvitation[];
  /** Offline messages of types 2..7 (joins, departures, invitations, tasks). */
  offline: PlannedOffline[];
  /** Joins during the timeline, oldest first: their `joinedAfter` depends on the messages before them. */
  lateJoins: LateJoin[];
}

interface ProjectScope {
  users: PlannedUser[];
  readerId: number;
  start: number;
  now: number;
  random: Random;
  ids: Random;
}

/** The largest project group; most are far smaller. */
const LARGEST_PROJECT = 60;
/** The reader belongs to this many projects (fewer in tiny datasets). */
const READER_PROJECTS = 8;

/**
 * Projects with their group windows, members, tasks and invitations, and the offline
 * messages (types 2..7) those events send, as the domain operations would have sent
 * them: each join tells the members already there, each task the other members, and so
 * on. A few people joined and left before the timeline; a fifth of the members join
 * during it; some invitations are still pending, the reader's among them.
 */
export function planProjects(scope: ProjectScope, count: number): ProjectPlan {
  const { users, readerId, start, now, random, ids } = scope;
  const plan: ProjectPlan = { projects: [], invitations: [], offline: [], lateJoins: [] };
  const user = (id: number) => users[id - 1]!;
  const maxSize = Math.min(LARGEST_PROJECT, users.length - 1);
  const readerProjects = Math.min(READER_PROJECTS, count - 1);

  const offline = (userId: number, content: OfflineContent, createdAt: number): PlannedOffline => {
    const message: PlannedOffline = {
      id: offlineMessageId(ids),
      userId,
      type: content.type,
      text: content.text,
      extraInfo: content.extraInfo,
      dealt: content.type !== 4 && content.type !== 7,
      chatMessageId: null,
      createdAt,
      deliveredAt: null,
    };
    plan.offline.push(message);
    return message;
  };

  for (let p = 0; p < count; p++) {
    // Founding members join an hour apart at most: all of them are in before the timeline.
    const createdAt = start - 30 * DAY + Math.floor(random() * 25 * DAY);
    const size = p === 0 ? Math.min(maxSize, 30) : 3 + Math.floor((maxSize - 3) * random() ** 3);
    const withReader = p < readerProjects;
    // Outside the reader's projects the reader is never drawn, so their pending invitations stay valid.
    const anyone = () => {
      for (;;) {
        const id = 1 + intBelow(random, users.length);
        if (withReader || id !== readerId) return id;
      }
    };
    const ownerId = p === 0 ? readerId : anyone();
    const chosen = new Set<number>([ownerId]);
    if (withReader) chosen.add(readerId);
    while (chosen.size < size) chosen.add(anyone());
    const window: PlannedWindow = {
      index: -1,
      id: 0,
      kind: 'group',
      openerId: ownerId,
      peerId: null,
      createdAt,
      members: [],
      weight: 0,
      lastMessageId: null,
      lastActivityAt: createdAt,
    };
    const project: PlannedProject = {
      id: hexId(ids),
      name: projectName(random, p + 1),
      ownerId,
      window,
      createdAt,
      members: [],
      tasks: [],
    };
    const asDomain: Project = { id: project.id, name: project.name, ownerId, windowId: 0, createdAt };
    plan.projects.push(project);

    // Who is in the project (and its window) at a given moment, in order of joining.
    const present: number[] = [];
    const join = (userId: number, at: number, role: 'owner' | 'member') => {
      for (const other of present) offline(other, offlineContent.memberJoined(user(userId), asDomain), at);
      present.push(userId);
      project.members.push({ userId, role, joinedAt: at });
      const member = blankMember(userId, at);
      window.members.push(member);
      return member;
    };
    const invite = (
      inviterId: number,
      inviteeId: number,
      at: number,
      state: PlannedInvitation['state'],
      task: Task | null = null,
    ) => {
      const note = remark(random);
      const content =
        task === null
          ? offlineContent.projectInvitation(user(inviterId), asDomain, note)
          : offlineContent.taskInvitation(user(inviterId), task, note);
      const message = offline(inviteeId, content, at);
      message.dealt = state !== 'pending';
      const answeredAt = state === 'pending' ? null : Math.min(now - MINUTE, at + between(random, 1, 180) * MINUTE);
      plan.invitations.push({
        kind: task === null ? 'project' : 'task',
        projectId: project.id,
        taskId: task?.id ?? null,
        inviterId,
        inviteeId,
        remark: note,
        state,
        offline: message,
        createdAt: at,
        answeredAt,
      });
      return answeredAt ?? at;
    };

    // Founding members join within a day of the project's creation; a fifth join later.
    join(ownerId, createdAt, 'owner');
    const others = shuffle(
      random,
      [...chosen].filter((id) => id !== ownerId),
    );
    const late = others.filter((id) => id !== readerId && chance(random, 0.2));
    let clock = createdAt;
    for (const memberId of others.filter((id) => !late.includes(id))) {
      clock += between(random, 5, 90) * MINUTE;
      join(memberId, invite(ownerId, memberId, clock, 'accepted'), 'member');
    }

    // Someone who joined and left (or was removed) before the timeline began; the second
    // and third projects always have one, so even a tiny dataset has both kinds.
    const outsider = () => {
      for (let tries = 0; tries < 50; tries++) {
        const id = anyone();
        if (!chosen.has(id)) return id;
      }
      return null;
    };
    const leaver = p === 1 || p === 2 || chance(random, 0.3) ? outsider() : null;
    if (leaver !== null) {
      chosen.add(leaver);
      clock += between(random, 1, 24) * HOUR;
      const joined = invite(ownerId, leaver, clock, 'accepted');
      join(leaver, joined, 'member');
      const leftAt = joined + Math.floor(random() * (start - joined - HOUR));
      project.members.pop();
      window.members.pop();
      present.pop();
      const removed = p === 1 || (p !== 2 && chance(random, 0.5));
      if (removed) offline(leaver, offlineContent.removedFromProject(user(leaver), asDomain, user(ownerId)), leftAt);
      for (const other of present) offline(other, offlineContent.memberLeft(user(leaver), asDomain, removed), leftAt);
    }

    // During the timeline: late joins, tasks and their invitations, in time order.
    const publishTask = (at: number) => {
      const publisherId = pick(random, present);
      const task: Task = {
        id: hexId(ids),
        projectId: project.id,
        name: taskName(random),
        publisherId,
        assigneeId: null,
        createdAt: at,
      };
      project.tasks.push(task);
      for (const other of present)
        if (other !== publisherId) offline(other, offlineContent.taskPublished(user(publisherId), task), at);
      const candidates = present.filter((id) => id !== publisherId);
      if (candidates.length === 0 || !chance(random, 0.6)) return;
      const inviteeId = pick(random, candidates);
      const roll = random();
      const state = roll < 0.55 ? 'accepted' : roll < 0.7 ? 'declined' : 'pending';
      invite(publisherId, inviteeId, Math.min(now - MINUTE, at + between(random, 1, 120) * MINUTE), state, task);
      if (state === 'accepted') task.assigneeId = inviteeId;
    };
    type Event = { at: number; run: () => void };
    const events: Event[] = [];
    for (const memberId of late) {
      const at = start + Math.floor(random() * (now - start - DAY));
      events.push({
        at,
        run: () => {
          const joined = invite(ownerId, memberId, at, 'accepted');
          plan.lateJoins.push({ window, member: join(memberId, joined, 'member'), at: joined });
        },
      });
    }
    const tasks = between(random, 1, 8);
    for (let t = 0; t < tasks; t++) {
      const at = start + Math.floor(random() * (now - start - HOUR));
      events.push({ at, run: () => publishTask(at) });
    }
    // Invitations still open, and some declined; the reader has a few waiting.
    const invitees: { id: number; state: 'pending' | 'declined' }[] = [];
    if (!withReader && p < readerProjects + 2) invitees.push({ id: readerId, state: 'pending' });
    for (const state of ['pending', 'declined'] as const) {
      if (!chance(random, state === 'pending' ? 0.5 : 0.3)) continue;
      const id = outsider();
      if (id !== null) {
        chosen.add(id);
        invitees.push({ id, state });
      }
    }
    for (const { id, state } of invitees) {
      const at = now - Math.floor(random() * 14 * DAY) - HOUR;
      events.push({ at, run: () => void invite(pick(random, present), id, at, state) });
    }
    events.sort((a, b) => a.at - b.at);
    for (const event of events) event.run();
  }
  plan.lateJoins.sort((a, b) => a.at - b.at);
  return plan;
}

function blankMember(userId: number, joinedAt: number): PlannedMember {
  return { userId, joinedAt, joinedAfter: 0, readUpTo: 0, seenUpTo: 0, unread: 0, lastActivityAt: joinedAt };
}

/** A one-to-one window's two members, opened at `createdAt`. */
export function directMembers(openerId: number, peerId: number, createdAt: number): PlannedMember[] {
  return [blankMember(openerId, createdAt), blankMember(peerId, createdAt)];
}

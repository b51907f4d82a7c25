import { DEMO_PASSWORD, DEMO_USERS } from '../src/seed/demo-scenario.js';
import type { TestServer } from './harness.js';
import type {
  ChatMessageWire,
  ChatWindowWire,
  InboxCounts,
  OfflineMessageWire,
  ProjectWire,
} from '../src/contract/wire.js';

/** Where a demo user starts, as the server reports it to them. */
export interface DemoUserState {
  username: string;
  nickname: string;
  token: string;
  userId: number;
  /** Every window of theirs, one-to-one then group, with its unread count. */
  windows: { name: string; cId: number; kind: 'direct' | 'group'; unread: number }[];
  inbox: InboxCounts;
  /** The sentences of the invitations waiting for their answer, oldest first. */
  pendingInvitations: string[];
  /** Their projects, the ones they own marked. */
  projects: { name: string; owner: boolean }[];
}

/** Each demo user's starting state, through the same endpoints the app reads. */
export async function demoStartingState(t: TestServer): Promise<DemoUserState[]> {
  const states: DemoUserState[] = [];
  for (const { username, nickname } of DEMO_USERS) {
    const { token, user } = (await t.post('/api/auth/login', { username, password: DEMO_PASSWORD })).body.data;
    const windows: DemoUserState['windows'] = [];
    for (const type of ['all', 'group'] as const) {
      const list: ChatWindowWire[] = (await t.get(`/api/chat?type=${type}&page=1&pageSize=100`, token)).body.data.list;
      for (const w of list)
        windows.push({
          name: w.group?.name ?? w.user!.nickname,
          cId: w.id,
          kind: w.group ? 'group' : 'direct',
          unread: w.unread,
        });
    }
    const history: OfflineMessageWire[] = (await t.get('/offlineMessages/history?limit=100', token)).body.messages;
    const projects: ProjectWire[] = (await t.get('/api/projects', token)).body.data;
    states.push({
      username,
      nickname,
      token,
      userId: user.id,
      windows,
      inbox: (await t.get('/message/count', token)).body.errdata.data,
      pendingInvitations: history
        .filter((m) => (m.type === 4 || m.type === 7) && !m.dealt)
        .map((m) => m.msg)
        .reverse(),
      projects: projects.map((p) => ({ name: p.name, owner: p.ownerId === user.id })),
    });
  }
  return states;
}

/** A window's whole history as its member sees it (the demo's windows are short). */
export async function windowHistory(t: TestServer, state: DemoUserState, cId: number): Promise<ChatMessageWire[]> {
  return (await t.get(`/api/chat/${cId}/messages?limit=100`, state.token)).body.data;
}

const cell = (items: string[]) => (items.length === 0 ? '—' : items.join('<br>'));

/** The table of docs/demo.md: one row per demo user. */
export function demoStateTable(states: DemoUserState[]): string {
  const rows = states.map((s) => {
    const windows = s.windows.map((w) => `${w.kind === 'group' ? '群 ' : ''}${w.name}: ${w.unread}`);
    const projects = s.projects.map((p) => (p.owner ? `${p.name} (owner)` : p.name));
    return `| \`${s.username}\` ${s.nickname} | ${cell(windows)} | ${s.inbox.unread} / ${s.inbox.todo} / ${s.inbox.read} | ${cell(s.pendingInvitations)} | ${cell(projects)} |`;
  });
  return [
    '| user | unread per chat | inbox unread / todo / read | invitations waiting | projects |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

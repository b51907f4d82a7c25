/** What a notification's `params` point at, read defensively: they come from other systems. */
export type TargetRef =
  | { kind: 'id'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'task'; name: string }
  | { kind: 'field'; key: string; value: string };

export interface Target {
  ref: TargetRef;
  /** Every simple field, for the details. */
  fields: { key: string; value: string }[];
}

const MAX_FIELDS = 12;
const MAX_VALUE = 200;

function simple(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.slice(0, MAX_VALUE);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function refOf(fields: Map<string, string>): TargetRef | null {
  const id = fields.get('id');
  if (id !== undefined) return { kind: 'id', id };
  const taskName = fields.get('taskName');
  if (taskName !== undefined) return { kind: 'task', name: taskName };
  const userId = fields.get('userId');
  if (userId !== undefined) return { kind: 'user', id: userId };
  const [first] = fields;
  return first ? { kind: 'field', key: first[0], value: first[1] } : null;
}

/**
 * `params` is a JSON string or null (seed 001). Anything else, or JSON that names nothing
 * we can point at, is "nothing to open" rather than an error: the notification still reads.
 */
export function parseTarget(params: string | null | undefined): Target | null {
  if (typeof params !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(params);
  } catch {
    return null;
  }
  const bare = simple(parsed);
  if (bare !== null) return { ref: { kind: 'id', id: bare }, fields: [] };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    const text = simple(value);
    if (text !== null && fields.size < MAX_FIELDS) fields.set(key.slice(0, MAX_VALUE), text);
  }
  const ref = refOf(fields);
  return ref && { ref, fields: [...fields].map(([key, value]) => ({ key, value })) };
}

/**
 * What in this app a notification's params lead to: a project, a task (by id or by name,
 * as the demo's task notifications name them), a chat window, or a chat with a person.
 * A bare `id` names something of another system (an approval, a schedule entry, an
 * organization): the app has no page for it, so it leads nowhere.
 */
export type Destination =
  | { kind: 'project'; projectId: string }
  | { kind: 'task'; taskId: string }
  | { kind: 'taskNamed'; name: string }
  | { kind: 'chat'; cId: number }
  | { kind: 'person'; userId: number };

const HEX_ID = /^[0-9a-f]{32}$/i;
const POSITIVE = /^[1-9]\d{0,15}$/;

export function destinationOf(target: Target | null): Destination | null {
  if (!target) return null;
  const field = (...keys: string[]) => target.fields.find(({ key }) => keys.includes(key))?.value;
  const task = field('missionId', 'taskId');
  if (task && HEX_ID.test(task)) return { kind: 'task', taskId: task.toLowerCase() };
  const name = field('taskName');
  if (name) return { kind: 'taskNamed', name };
  const project = field('projectId');
  if (project && HEX_ID.test(project)) return { kind: 'project', projectId: project.toLowerCase() };
  const chat = field('cId', 'chatId', 'windowId');
  if (chat && POSITIVE.test(chat)) return { kind: 'chat', cId: Number(chat) };
  const user = field('userId');
  if (user && POSITIVE.test(user)) return { kind: 'person', userId: Number(user) };
  return null;
}

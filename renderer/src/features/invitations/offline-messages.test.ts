// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { offlineMessage } from './offline-fixtures.js';
import { splitOffline, subjectOf } from './offline-messages.js';

describe('splitting offline messages', () => {
  const history = [
    offlineMessage('a', 4, false),
    offlineMessage('b', 0, true),
    offlineMessage('c', 7, false),
    offlineMessage('d', 4, true),
    offlineMessage('e', 1, true),
    offlineMessage('f', 2, true),
    offlineMessage('g', 3, true),
    offlineMessage('h', 5, true),
    offlineMessage('i', 6, true),
    offlineMessage('j', 7, true),
  ];
  const ids = (messages: { id: string }[]) => messages.map((m) => m.id);

  it('puts unanswered invitations in pending and the other project and task events in activity, in order', () => {
    const { pending, activity } = splitOffline(history);
    expect(ids(pending)).toEqual(['a', 'c']);
    // Direct and group messages (types 0 and 1) are the chats': read there, never activity rows.
    expect(ids(activity)).toEqual(['d', 'f', 'g', 'h', 'i', 'j']);
  });

  it('keeps invitations answered in the open section where they were answered', () => {
    const { pending, activity } = splitOffline(history, new Set(['d', 'b']));
    expect(ids(pending)).toEqual(['a', 'c', 'd']);
    // Only invitations are held back: other types never belong in pending.
    expect(ids(activity)).toEqual(['f', 'g', 'h', 'i', 'j']);
  });

  it('is empty on both sides for an empty history', () => {
    expect(splitOffline([])).toEqual({ pending: [], activity: [] });
  });
});

describe('what an offline message is about', () => {
  it('links messages to their chat window, project events to the project, task events to the task', () => {
    expect(subjectOf(offlineMessage('a', 0, true, { cId: '4' }))).toEqual({ kind: 'window', cId: 4 });
    expect(subjectOf(offlineMessage('b', 1, true, { cId: '12' }))).toEqual({ kind: 'window', cId: 12 });
    for (const type of [2, 3, 4])
      expect(subjectOf(offlineMessage('c', type, true, { projectId: 'p1' }))).toEqual({
        kind: 'project',
        projectId: 'p1',
      });
    for (const type of [6, 7])
      expect(subjectOf(offlineMessage('d', type, true, { missionId: 't1' }))).toEqual({ kind: 'task', taskId: 't1' });
  });

  it('links nowhere when extraInfo does not name what it is about', () => {
    for (const cId of ['', 'abc', '4.5', '-3', '0'])
      expect(subjectOf(offlineMessage('a', 0, true, { cId }))).toBeNull();
    expect(subjectOf(offlineMessage('b', 1, true))).toBeNull();
    expect(subjectOf(offlineMessage('c', 4, true, { projectId: '' }))).toBeNull();
    expect(subjectOf(offlineMessage('d', 7, true))).toBeNull();
  });

  it('links nowhere once the user was removed from the project', () => {
    expect(subjectOf(offlineMessage('e', 5, true, { projectId: 'p1' }))).toBeNull();
  });
});

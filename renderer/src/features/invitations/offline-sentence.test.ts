// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { OfflineType } from '../../api/contract.js';
import type { OfflineMessage, Project, ProjectDetail } from '../../api/wire.js';
import { offlineMessage } from './offline-fixtures.js';
import { offlineSentence, readSentence } from './offline-sentence.js';
import { knownProjects } from './task-projects.js';

const nothingLoaded = knownProjects([], []);

const party: Project = { id: 'p1', name: '年会筹备', ownerId: 3, cId: 12, created_at: '2024-05-01 09:00:00' };
const partyDetail: ProjectDetail = {
  ...party,
  members: [],
  tasks: [
    { id: 't1', projectId: 'p1', name: '订场地', publisherId: 3, assigneeId: null, created_at: '2024-05-02 09:00:00' },
  ],
};

/** An offline message as the server writes it: the Chinese sentence and its extraInfo. */
const written = (type: number, msg: string, extraInfo: OfflineMessage['extraInfo']) => ({
  ...offlineMessage('m1', type, true, extraInfo),
  msg,
});

const english = (message: OfflineMessage, known = nothingLoaded) => offlineSentence(message, 'en', known);

describe('readSentence', () => {
  it('reads the values of the placeholders out of a sentence of the template’s shape', () => {
    expect(readSentence('{name}邀请你加入项目: {project}', '王五邀请你加入项目: 年会: 2024')).toEqual({
      name: '王五',
      project: '年会: 2024',
    });
    expect(readSentence('{name}邀请你加入项目: {project}', '王五发布了一个任务: 订场地')).toBeNull();
  });

  it('puts known values in as they are, so words of the template inside a name do not split it', () => {
    const name = '邀请你加入项目: 小王';
    expect(readSentence('{name}邀请你加入项目: {project}', `${name}邀请你加入项目: 年会`, { name })).toEqual({
      name,
      project: '年会',
    });
    expect(readSentence('{name} (x)', 'a.b (x)', { name: 'a.b' })).toEqual({ name: 'a.b' });
    expect(readSentence('{name} (x)', 'aab (x)', { name: 'a.b' })).toBeNull();
  });
});

describe('an offline message in English', () => {
  it('shows the server’s sentence as it is in Chinese', () => {
    const message = written(OfflineType.memberJoined, '李四加入了项目: 年会筹备', {
      userName: '李四',
      projectName: '年会筹备',
    });
    expect(offlineSentence(message, 'zh-CN', nothingLoaded)).toBe('李四加入了项目: 年会筹备');
  });

  it('says who joined, left or was removed from which project, from extraInfo', () => {
    const about = { userId: '4', userName: '李四', projectId: 'p1', projectName: '年会筹备' };
    expect(english(written(OfflineType.memberJoined, '李四加入了项目: 年会筹备', about))).toBe(
      '李四 joined the project “年会筹备”',
    );
    expect(english(written(OfflineType.memberLeft, '李四离开了项目: 年会筹备', about))).toBe(
      '李四 left the project “年会筹备”',
    );
    expect(english(written(OfflineType.memberLeft, '李四被移出了项目: 年会筹备', about))).toBe(
      '李四 was removed from the project “年会筹备”',
    );
  });

  it('names who removed the user, which only the sentence says', () => {
    const message = written(OfflineType.removedFromProject, '王五将你移出了项目: 年会筹备', {
      userName: '张三',
      projectName: '年会筹备',
    });
    expect(english(message)).toBe('王五 removed you from the project “年会筹备”');
  });

  it('quotes a private message, its markers in English', () => {
    const from = { fromId: '2', fromName: '李四', cId: '5', messageId: '40' };
    expect(english(written(OfflineType.privateMessage, '李四给你发来一条私信: 在吗？', from))).toBe(
      '李四 sent you a message: 在吗？',
    );
    expect(english(written(OfflineType.privateMessage, '李四给你发来一条私信: [图片] 看看这个', from))).toBe(
      '李四 sent you a message: [Image] 看看这个',
    );
    expect(english(written(OfflineType.privateMessage, '李四撤回了一条消息', from))).toBe('李四 recalled a message');
  });

  it('names a group chat by its project, as loaded, else as the sentence has it', () => {
    const from = { fromId: '2', fromName: '李四', cId: '12', messageId: '41' };
    const message = written(OfflineType.groupMessage, '李四在群聊「年会」中发言: 明天见', from);
    expect(english(message)).toBe('李四 wrote in the group chat “年会”: 明天见');
    expect(english(message, knownProjects([party], []))).toBe('李四 wrote in the group chat “年会筹备”: 明天见');
  });

  it('names the project of an invitation and the task of task activity, as loaded, else from the sentence', () => {
    const invitor = { invitor: '3', invitorName: '王五', invitorAvatar: '' };
    const invitation = written(OfflineType.projectInvitation, '王五邀请你加入项目: 年会', {
      ...invitor,
      projectId: 'p1',
      remark: '',
    });
    expect(english(invitation)).toBe('王五 invited you to join the project “年会”');
    expect(english(invitation, knownProjects([party], []))).toBe('王五 invited you to join the project “年会筹备”');

    const published = written(OfflineType.taskPublished, '王五发布了一个任务: 订场', { ...invitor, missionId: 't1' });
    expect(english(published)).toBe('王五 published a task: “订场”');
    expect(english(published, knownProjects([party], [partyDetail]))).toBe('王五 published a task: “订场地”');

    const taskInvitation = written(OfflineType.taskInvitation, '王五邀请你接受任务: 订场地', {
      ...invitor,
      missionId: 't1',
      remark: '',
    });
    expect(english(taskInvitation)).toBe('王五 invited you to take on the task “订场地”');
  });

  it('shows a sentence of no known shape as the server wrote it', () => {
    expect(english(written(OfflineType.memberJoined, '系统维护通知', { userName: '李四', projectName: '年会' }))).toBe(
      '系统维护通知',
    );
    expect(english(written(42, '未知的消息', {}))).toBe('未知的消息');
  });
});

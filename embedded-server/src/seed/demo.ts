import { register } from '../domain/accounts.js';
import { markWindowRead, openDirectWindow, sendMessage } from '../domain/chat.js';
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
import type { DomainContext } from '../domain/context.js';
import type { NotificationStatus, User } from '../domain/types.js';

/** Every demo account has this password; the README lists the log-ins. */
export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS = [
  { username: 'zhangsan', nickname: '张三', role: 'MEMBER' },
  { username: 'lisi', nickname: '李四', role: 'MEMBER' },
  { username: 'wangwu', nickname: '王五', role: 'MEMBER' },
  { username: 'zhaoliu', nickname: '赵六', role: 'SALER' },
  { username: 'chenqi', nickname: '陈七', role: 'MEMBER' },
] as const;

type DemoName = (typeof DEMO_USERS)[number]['username'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** [type, subtype, title, content, params]: every type of seed 001 with its usual subtypes. */
const NOTIFICATIONS: [number, number, string, string, string | null][] = [
  [
    1,
    1,
    '新任务提醒：首页视觉稿评审',
    '张三给你分配了任务「首页视觉稿评审」，请在周五前完成',
    '{"taskName": "首页视觉稿评审"}',
  ],
  [1, 2, '任务待审核：接口联调', '李四提交了任务「接口联调」，等待你审核', '{"taskName": "接口联调"}'],
  [1, 3, '任务审核结果', '你提交的任务「竞品分析报告」已通过审核', null],
  [1, 6, '任务到期提醒', '任务「整理三月回访名单」将于明天到期', null],
  [2, 0, '办公室网络升级通知', '本周六 9:00–12:00 办公室网络升级，届时将暂停服务', null],
  [2, 1, '流转审批待审核', '王五提交的「差旅报销单」等待你审批', '{"id": 3}'],
  [2, 2, '流转审批审核结果', '你提交的「采购申请」已审批通过', '{"id": 4}'],
  [3, 1, '待处理请示', '关于采购设计软件正版授权的请示，请尽快处理', '{"id": 7}'],
  [3, 2, '已处理请示', '你提交的「年会场地预算」请示已处理', null],
  [4, 1, '新增日程提醒', '周五 14:00 项目周会（三楼大会议室）', '{"id": 12}'],
  [4, 2, '日程到期提醒', '「客户回访电话」将在 30 分钟后开始', null],
  [5, 1, '机构注册审核未通过', '您的机构注册申请未通过，点击查看详情', '{"id": 3}'],
  [5, 2, '机构对接申请', '星河科技申请与你的机构对接', null],
  [5, 3, '机构对接结果', '与云帆传媒的机构对接已完成', null],
  [5, 4, '机构转移申请', '赵六申请将「华东分部」转移到你的机构', null],
  [5, 5, '机构转移结果', '「华南分部」已成功转移', null],
  [6, 1, '加入机构申请', '陈七申请加入你的机构', '{"userId": 5}'],
  [6, 2, '加入机构结果', '你加入「星河科技」的申请已通过', null],
  [6, 3, '加入群组申请', '李四申请加入群组「设计评审组」', null],
  [6, 4, '加入群组结果', '你已加入群组「前端技术交流」', null],
  [6, 5, '交换名片申请', '王五想和你交换名片', null],
  [6, 6, '名片交换结果', '赵六已同意和你交换名片', null],
  [7, 0, '系统维护通知', '系统将于今晚 23:00 进行例行维护，预计 30 分钟', null],
];

/**
 * Fills an empty store with a small, realistic Chinese-language workspace: five
 * people (one SALER), three projects with group chats, tasks, invitations in every
 * state, one-to-one chats with read and unread messages, offline messages of every
 * type and notifications of every type in every state. Everything goes through the
 * domain operations, on a clock that walks through the past three days.
 */
export async function seedDemoWorkspace(ctx: DomainContext): Promise<void> {
  const end = ctx.now();
  let clock = end - 3 * DAY;
  const at: DomainContext = { ...ctx, now: () => clock };
  const pass = (ms: number) => {
    clock = Math.min(clock + ms, end);
  };

  const users = {} as Record<DemoName, User>;
  for (const { username, nickname, role } of DEMO_USERS) {
    users[username] = (await register(at, { username, nickname, role, password: DEMO_PASSWORD })).user;
    pass(MINUTE);
  }
  const { zhangsan, lisi, wangwu, zhaoliu, chenqi } = users;

  // Each message is awaited before the clock moves on: it is stamped when its commit runs.
  const chat = async (from: User, to: User, lines: string[]) => {
    const window = openDirectWindow(at, from, to.id);
    for (const [i, line] of lines.entries()) {
      const sender = i % 2 === 0 ? from : to;
      await sendMessage(at, sender, window.id, {
        body: line,
        type: 'TEXT',
        clientMsgId: `demo-${clock}-${i}`,
        channel: 'PC',
        fromArea: '192.',
      });
      pass(3 * MINUTE);
    }
    return window.id;
  };
  const say = async (from: User, windowId: number, line: string) => {
    await sendMessage(at, from, windowId, {
      body: line,
      type: 'TEXT',
      clientMsgId: `demo-${clock}`,
      channel: 'PC',
      fromArea: '192.',
    });
    pass(2 * MINUTE);
  };

  // Day one: projects, members, tasks.
  const website = createProject(at, zhangsan, '新版官网改版');
  pass(10 * MINUTE);
  for (const member of [lisi, wangwu]) {
    const invite = inviteToProject(at, zhangsan, website.id, member.id, '一起把官网做好');
    pass(20 * MINUTE);
    answerInvitation(at, member, invite.message.id, 'accept');
    pass(5 * MINUTE);
  }
  const review = publishTask(at, zhangsan, website.id, '首页视觉稿评审');
  pass(HOUR);
  const integration = publishTask(at, lisi, website.id, '接口联调');
  pass(30 * MINUTE);
  const reviewInvite = inviteToTask(at, zhangsan, review.id, wangwu.id, '你对视觉最熟');
  pass(HOUR);
  answerInvitation(at, wangwu, reviewInvite.message.id, 'accept');

  const followUp = createProject(at, zhaoliu, '客户回访计划');
  pass(15 * MINUTE);
  for (const member of [zhangsan, chenqi]) {
    const invite = inviteToProject(at, zhaoliu, followUp.id, member.id, '');
    pass(30 * MINUTE);
    answerInvitation(at, member, invite.message.id, 'accept');
  }
  const callList = publishTask(at, zhaoliu, followUp.id, '整理三月回访名单');
  pass(20 * MINUTE);
  const callListInvite = inviteToTask(at, zhaoliu, callList.id, zhangsan.id, '这周能做吗？');
  pass(2 * HOUR);
  answerInvitation(at, zhangsan, callListInvite.message.id, 'decline');
  removeMember(at, zhaoliu, followUp.id, chenqi.id);

  const party = createProject(at, wangwu, '年会筹备');
  pass(HOUR);
  const lisiParty = inviteToProject(at, wangwu, party.id, lisi.id, '');
  answerInvitation(at, lisi, lisiParty.message.id, 'accept');
  pass(3 * HOUR);
  leaveProject(at, lisi, party.id);

  // Yesterday: conversations.
  clock = Math.max(clock, end - DAY - 10 * HOUR);
  const withLisi = await chat(zhangsan, lisi, [
    '李四，首页的接口文档更新了吗？',
    '更新了，在项目空间里，今天下午我再补一下错误码',
    '好的，错误码那部分前端很需要',
    '明白，三点前给你',
  ]);
  const withZhaoliu = await chat(zhangsan, zhaoliu, [
    '你好，想咨询一下企业版的报价',
    '您好！企业版按人数计费，50 人以内每人每月 30 元',
    '有年付优惠吗？',
    '年付可以打八五折，另外赠送两个月',
    '好的，我和团队商量一下',
  ]);
  await chat(zhangsan, wangwu, ['年会节目报名截止到什么时候？', '下周三，你们组报了吗？']);
  await chat(lisi, chenqi, ['陈七，回访名单的模板发我一份？', '已发到你邮箱了']);
  await say(zhangsan, website.windowId, '大家好，官网改版项目群建好了');
  await say(lisi, website.windowId, '收到！接口文档已经放在项目空间');
  await say(wangwu, website.windowId, '视觉稿周四给大家过一遍');

  // Everyone opened the app in the evening: what was waiting got delivered, and read.
  for (const user of Object.values(users)) takeUndelivered(at, user.id);
  markWindowRead(at, zhangsan, withZhaoliu, Number.MAX_SAFE_INTEGER);
  markWindowRead(at, zhaoliu, withZhaoliu, Number.MAX_SAFE_INTEGER);
  markWindowRead(at, lisi, withLisi, Number.MAX_SAFE_INTEGER);
  markWindowRead(at, zhangsan, website.windowId, Number.MAX_SAFE_INTEGER);

  // The last two hours: new messages and invitations still waiting.
  clock = Math.max(clock, end - 2 * HOUR);
  await say(lisi, withLisi, '错误码表已经补上了，你看看');
  await say(lisi, withLisi, '另外登录接口的返回格式有调整');
  await say(zhaoliu, withZhaoliu, '张总，考虑得怎么样了？这周下单还有额外优惠');
  await say(wangwu, website.windowId, '视觉稿初版已上传，欢迎提意见');
  await say(lisi, website.windowId, '👍 看起来很清爽');
  inviteToProject(at, zhangsan, website.id, chenqi.id, '需要你来帮忙做内容');
  pass(30 * MINUTE);
  inviteToTask(at, lisi, integration.id, zhangsan.id, '前端这边需要你一起联调');
  pass(30 * MINUTE);
  inviteToProject(at, zhaoliu, followUp.id, lisi.id, '');
  pass(30 * MINUTE);
  inviteToProject(at, wangwu, party.id, zhangsan.id, '一起来策划年会吧');

  // Notifications: every type for every user, spread over the three states.
  const statuses: NotificationStatus[] = [0, 1, 2];
  for (const [u, user] of Object.values(users).entries()) {
    for (const [i, [type, subtype, title, content, params]] of NOTIFICATIONS.entries()) {
      clock = end - (NOTIFICATIONS.length - i) * 47 * MINUTE - u * MINUTE;
      const notification = createNotification(at, user, { userId: user.id, title, content, type, subtype, params });
      const status = statuses[(i + u) % 3]!;
      if (status !== 0) {
        clock += 13 * MINUTE;
        setNotificationStatus(at, user.id, notification.id, status);
      }
    }
  }
}

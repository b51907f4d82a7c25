import type { Role } from '../contract/enums.js';
import type { ScenarioNotification, ScenarioWire } from '../contract/scenario.js';

/**
 * The demo workspace as a QA scenario (`POST /api/admin/scenario`, docs/api.md): five people
 * (one SALER), three projects with group chats, tasks, invitations in every state, one-to-one
 * chats with read and unread messages, offline messages of every type and notifications of
 * every type in every state. Its times are relative to the moment it is seeded (`-1d-10h+3m`),
 * so the demo never ages: day one is three days ago, the conversations yesterday, the latest
 * messages and invitations in the last two hours. docs/demo.md shows where each user starts.
 */

/** Every demo account has this password; the README lists the log-ins. */
export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS = [
  { username: 'zhangsan', nickname: '张三', role: 'MEMBER' },
  { username: 'lisi', nickname: '李四', role: 'MEMBER' },
  { username: 'wangwu', nickname: '王五', role: 'MEMBER' },
  { username: 'zhaoliu', nickname: '赵六', role: 'SALER' },
  { username: 'chenqi', nickname: '陈七', role: 'MEMBER' },
] as const satisfies readonly { username: string; nickname: string; role: Role }[];

/** Minutes into day one (three days ago), into yesterday's conversations, and before now. */
const dayOne = (minutes: number) => `-3d+${minutes}m`;
const yesterday = (minutes: number) => `-1d-10h+${minutes}m`;
const ago = (minutes: number) => `-${minutes}m`;

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
 * Every type for every user, one every 47 minutes until now, spread over the three states
 * (unread, read, to do) so that each user has each state; a status was set 13 minutes in.
 */
const notifications: ScenarioNotification[] = DEMO_USERS.flatMap(({ username }, u) =>
  NOTIFICATIONS.map(([type, subtype, title, content, params], i) => {
    const at = (NOTIFICATIONS.length - i) * 47 + u;
    const status = (['0', '1', '2'] as const)[(i + u) % 3]!;
    return {
      key: `${username}-${i + 1}`,
      user: username,
      title,
      content,
      type,
      subtype,
      params,
      at: ago(at),
      ...(status === '0' ? {} : { status, statusAt: ago(at - 13) }),
    };
  }),
);

/** A one-to-one conversation: lines taking turns, the opener first, three minutes apart. */
function conversation(window: string, opener: string, other: string, from: number, lines: string[]) {
  return lines.map((message, i) => ({
    key: `${window}-${i + 1}`,
    window,
    from: i % 2 === 0 ? opener : other,
    message,
    at: yesterday(from + 3 * i),
  }));
}

export const DEMO_SCENARIO: ScenarioWire = {
  users: DEMO_USERS.map((user) => ({ ...user, password: DEMO_PASSWORD })),
  windows: [
    { key: 'zhangsan-lisi', from: 'zhangsan', to: 'lisi' },
    { key: 'zhangsan-zhaoliu', from: 'zhangsan', to: 'zhaoliu' },
    { key: 'zhangsan-wangwu', from: 'zhangsan', to: 'wangwu' },
    { key: 'lisi-chenqi', from: 'lisi', to: 'chenqi' },
  ],
  // Day one: projects, members, tasks.
  projects: [
    { key: 'website', name: '新版官网改版', owner: 'zhangsan', at: dayOne(5) },
    { key: 'follow-up', name: '客户回访计划', owner: 'zhaoliu', at: dayOne(215) },
    { key: 'party', name: '年会筹备', owner: 'wangwu', at: dayOne(430) },
  ],
  tasks: [
    { key: 'review', project: 'website', name: '首页视觉稿评审', by: 'zhangsan', at: dayOne(65) },
    { key: 'integration', project: 'website', name: '接口联调', by: 'lisi', at: dayOne(125) },
    { key: 'call-list', project: 'follow-up', name: '整理三月回访名单', by: 'zhaoliu', at: dayOne(290) },
  ],
  invitations: [
    {
      key: 'website-lisi',
      project: 'website',
      from: 'zhangsan',
      to: 'lisi',
      remark: '一起把官网做好',
      at: dayOne(15),
      answer: 'accept',
      answeredAt: dayOne(35),
    },
    {
      key: 'website-wangwu',
      project: 'website',
      from: 'zhangsan',
      to: 'wangwu',
      remark: '一起把官网做好',
      at: dayOne(40),
      answer: 'accept',
      answeredAt: dayOne(60),
    },
    {
      key: 'review-wangwu',
      task: 'review',
      from: 'zhangsan',
      to: 'wangwu',
      remark: '你对视觉最熟',
      at: dayOne(155),
      answer: 'accept',
      answeredAt: dayOne(215),
    },
    {
      key: 'follow-up-zhangsan',
      project: 'follow-up',
      from: 'zhaoliu',
      to: 'zhangsan',
      at: dayOne(230),
      answer: 'accept',
      answeredAt: dayOne(260),
    },
    {
      key: 'follow-up-chenqi',
      project: 'follow-up',
      from: 'zhaoliu',
      to: 'chenqi',
      at: dayOne(260),
      answer: 'accept',
      answeredAt: dayOne(290),
    },
    {
      key: 'call-list-zhangsan',
      task: 'call-list',
      from: 'zhaoliu',
      to: 'zhangsan',
      remark: '这周能做吗？',
      at: dayOne(310),
      answer: 'decline',
      answeredAt: dayOne(430),
    },
    { key: 'party-lisi', project: 'party', from: 'wangwu', to: 'lisi', at: dayOne(490), answer: 'accept' },
    // Still waiting, sent in the last two hours.
    {
      key: 'website-chenqi',
      project: 'website',
      from: 'zhangsan',
      to: 'chenqi',
      remark: '需要你来帮忙做内容',
      at: ago(110),
    },
    {
      key: 'integration-zhangsan',
      task: 'integration',
      from: 'lisi',
      to: 'zhangsan',
      remark: '前端这边需要你一起联调',
      at: ago(80),
    },
    { key: 'follow-up-lisi', project: 'follow-up', from: 'zhaoliu', to: 'lisi', at: ago(50) },
    {
      key: 'party-zhangsan',
      project: 'party',
      from: 'wangwu',
      to: 'zhangsan',
      remark: '一起来策划年会吧',
      at: ago(20),
    },
  ],
  departures: [
    { user: 'chenqi', project: 'follow-up', by: 'zhaoliu', at: dayOne(430) },
    { user: 'lisi', project: 'party', at: dayOne(670) },
  ],
  messages: [
    // Yesterday: conversations.
    ...conversation('zhangsan-lisi', 'zhangsan', 'lisi', 0, [
      '李四，首页的接口文档更新了吗？',
      '更新了，在项目空间里，今天下午我再补一下错误码',
      '好的，错误码那部分前端很需要',
      '明白，三点前给你',
    ]),
    ...conversation('zhangsan-zhaoliu', 'zhangsan', 'zhaoliu', 12, [
      '你好，想咨询一下企业版的报价',
      '您好！企业版按人数计费，50 人以内每人每月 30 元',
      '有年付优惠吗？',
      '年付可以打八五折，另外赠送两个月',
      '好的，我和团队商量一下',
    ]),
    ...conversation('zhangsan-wangwu', 'zhangsan', 'wangwu', 27, [
      '年会节目报名截止到什么时候？',
      '下周三，你们组报了吗？',
    ]),
    ...conversation('lisi-chenqi', 'lisi', 'chenqi', 33, ['陈七，回访名单的模板发我一份？', '已发到你邮箱了']),
    {
      key: 'website-1',
      project: 'website',
      from: 'zhangsan',
      message: '大家好，官网改版项目群建好了',
      at: yesterday(39),
    },
    {
      key: 'website-2',
      project: 'website',
      from: 'lisi',
      message: '收到！接口文档已经放在项目空间',
      at: yesterday(41),
    },
    { key: 'website-3', project: 'website', from: 'wangwu', message: '视觉稿周四给大家过一遍', at: yesterday(43) },
    // The last two hours.
    {
      key: 'zhangsan-lisi-5',
      window: 'zhangsan-lisi',
      from: 'lisi',
      message: '错误码表已经补上了，你看看',
      at: ago(120),
    },
    {
      key: 'zhangsan-lisi-6',
      window: 'zhangsan-lisi',
      from: 'lisi',
      message: '另外登录接口的返回格式有调整',
      at: ago(118),
    },
    {
      key: 'zhangsan-zhaoliu-6',
      window: 'zhangsan-zhaoliu',
      from: 'zhaoliu',
      message: '张总，考虑得怎么样了？这周下单还有额外优惠',
      at: ago(116),
    },
    { key: 'website-4', project: 'website', from: 'wangwu', message: '视觉稿初版已上传，欢迎提意见', at: ago(114) },
    { key: 'website-5', project: 'website', from: 'lisi', message: '👍 看起来很清爽', at: ago(112) },
  ],
  // Everyone opened the app yesterday evening: what was waiting got delivered, and some of it read.
  pickups: DEMO_USERS.map(({ username }) => ({ user: username, at: yesterday(45) })),
  reads: [
    { user: 'zhangsan', window: 'zhangsan-zhaoliu', at: yesterday(45) },
    { user: 'zhaoliu', window: 'zhangsan-zhaoliu', at: yesterday(45) },
    { user: 'lisi', window: 'zhangsan-lisi', at: yesterday(45) },
    { user: 'zhangsan', project: 'website', at: yesterday(45) },
  ],
  notifications,
};

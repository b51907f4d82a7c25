import { chance, pick, type Random } from './random.js';

/**
 * The words of the dataset: people, projects, tasks, chat lines and notifications, in
 * Chinese (most of it) and English, so that search, the trigram index and the JSON
 * payloads see the mix a real team writes.
 */

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华慧建文玲鹏辉晨宇欣婷浩思雨佳子然'];
const ENGLISH_FIRST = [
  'Alice',
  'Ben',
  'Chloe',
  'David',
  'Emma',
  'Frank',
  'Grace',
  'Henry',
  'Iris',
  'Jack',
  'Kate',
  'Leo',
];
const ENGLISH_LAST = ['Wang', 'Li', 'Smith', 'Chen', 'Brown', 'Zhang', 'Taylor', 'Liu', 'Martin', 'Lee'];

/** A display name: mostly Chinese (two or three characters), some English. */
export function personName(random: Random): string {
  if (chance(random, 0.12)) return `${pick(random, ENGLISH_FIRST)} ${pick(random, ENGLISH_LAST)}`;
  const given = chance(random, 0.6) ? pick(random, GIVEN) + pick(random, GIVEN) : pick(random, GIVEN);
  return pick(random, SURNAMES) + given;
}

const PROJECT_HEADS = [
  '新版官网',
  '客户回访',
  '年会筹备',
  '移动端',
  '数据平台',
  'Q3 营销',
  '供应链',
  '品牌升级',
  'Onboarding',
  'Payments',
  '智能客服',
  '渠道拓展',
];
const PROJECT_TAILS = ['改版', '计划', '项目', '二期', ' v2', '专项', '攻坚', ' revamp'];
export const projectName = (random: Random, n: number) =>
  `${pick(random, PROJECT_HEADS)}${pick(random, PROJECT_TAILS)} ${n}`;

const TASKS = [
  '首页视觉稿评审',
  '接口联调',
  '整理三月回访名单',
  '准备季度总结',
  '更新报价单模板',
  '编写上线检查清单',
  '压测登录接口',
  'Write release notes',
  'Review the onboarding flow',
  'Fix the invoice export',
  'Draft the pricing page',
  'Plan the demo day',
];
export const taskName = (random: Random) => pick(random, TASKS);

const REMARKS = ['', '', '一起把这个做好', '你对这块最熟', '这周能做吗？', 'Could you help with this?', '需要你来帮忙'];
export const remark = (random: Random) => pick(random, REMARKS);

// Chat lines. Some words recur (会议纪要, 项目进度, 报价, review), some are rare (量子计算,
// flamingo): the search benchmark looks for both kinds.
const SHORT_REPLIES = [
  '好的',
  '收到',
  '没问题',
  '好的，马上处理',
  '稍等',
  '谢谢',
  '明白了',
  'OK',
  '哈哈',
  '在吗？',
  '可以',
  '我看看',
  '👍',
  '辛苦了',
  'ok',
  'Thanks!',
  'Sure',
  'On it',
  'LGTM',
  'np',
];
const SUBJECTS = [
  '我',
  '你',
  '我们',
  '大家',
  '张总',
  '老王',
  '产品组',
  '设计这边',
  '测试同学',
  '客户',
  '财务',
  '运营',
  '小李',
];
const WHEN = ['今天', '明天上午', '下午三点', '周五之前', '下周一', '晚上', '月底前', '刚才', '等会儿', ''];
const ACTIONS = [
  '把接口文档更新一下',
  '确认一下需求',
  '看看这个报价单',
  '发一下会议纪要',
  '提交了测试报告',
  '更新了项目进度',
  '整理回访名单',
  '过一遍视觉稿',
  '上线新版本',
  '修复登录的问题',
  '对一下合同条款',
  '准备季度总结',
  '开个短会',
  '跟进客户反馈',
  '预订会议室',
  '审批报销单',
  '同步一下项目进度',
  '核对报价和折扣',
  '补充会议纪要里的待办',
  '处理线上告警',
];
const TAILS = ['', '吧', '。', '，辛苦了', '，谢谢！', '？', '，收到请回复', ' 👍', '，有问题随时说', '～'];
const EN_SUBJECTS = ['I', 'We', 'The team', 'QA', 'Design', 'Sales', 'Ops', 'Marketing'];
const EN_ACTIONS = [
  'will update the release notes',
  'just pushed the fix for the login bug',
  'need to review the PR',
  'finished the onboarding flow',
  'are blocked on the kubernetes config',
  'can demo the pricing page',
  'will review the Q3 roadmap',
  'deployed to staging',
  'sent the invoice to the client',
  'moved the meeting to 3pm',
  'reviewed the design mockups',
  'updated the sprint backlog',
];
const EN_TAILS = ['', ' today', ' tomorrow', ' by Friday', '.', '!', ', thanks', '?', ' — can you take a look?'];
const RARE_CHINESE = '顺便聊聊量子计算的新进展';
const RARE_ENGLISH = 'the flamingo campaign is live';

/** One chat line: mostly Chinese, a third English, short replies between longer ones. */
export function chatLine(random: Random): string {
  const roll = random();
  if (roll < 0.22) return pick(random, SHORT_REPLIES);
  if (roll < 0.66) {
    const line = `${pick(random, SUBJECTS)}${pick(random, WHEN)}${pick(random, ACTIONS)}${pick(random, TAILS)}`;
    if (chance(random, 0.0004)) return `${line}，${RARE_CHINESE}`;
    return chance(random, 0.2) ? `${line}，${pick(random, WHEN)}${pick(random, ACTIONS)}` : line;
  }
  if (roll < 0.96) {
    const line = `${pick(random, EN_SUBJECTS)} ${pick(random, EN_ACTIONS)}${pick(random, EN_TAILS)}`;
    return chance(random, 0.0004) ? `${line} Also, ${RARE_ENGLISH}.` : line;
  }
  return `${pick(random, SUBJECTS)}${pick(random, ACTIONS)}, ${pick(random, EN_SUBJECTS)} ${pick(random, EN_ACTIONS)}`;
}

/** Terms the search benchmark looks for: common and rare, Chinese and English, short and long. */
export const SEARCH_TERMS = [
  { term: '会议纪要', note: 'Chinese, common across the store (LIKE over the caller’s rows)' },
  { term: '量子计算', note: 'Chinese, rare (trigram index)' },
  { term: '报价', note: 'Chinese, two characters (LIKE over the caller’s rows)' },
  { term: 'review', note: 'English, common across the store (LIKE over the caller’s rows)' },
  { term: 'flamingo', note: 'English, rare (trigram index)' },
  { term: 'ok', note: 'English, two letters (LIKE over the caller’s rows)' },
] as const;

/** [type, subtype, title, content] of seed 001's notification kinds, a few per subtype. */
type NotificationTemplate = [number, number, string, string];
const NOTIFICATIONS: NotificationTemplate[] = [
  [1, 1, '新任务提醒：{task}', '{name}给你分配了任务「{task}」，请在周五前完成'],
  [1, 2, '任务待审核：{task}', '{name}提交了任务「{task}」，等待你审核'],
  [1, 3, '任务审核结果', '你提交的任务「{task}」已通过审核'],
  [1, 4, '任务被驳回', '你提交的任务「{task}」被驳回，请根据意见修改'],
  [1, 5, 'Task reassigned', '{name} reassigned "{task}" to you'],
  [1, 6, '任务到期提醒', '任务「{task}」将于明天到期'],
  [2, 0, '办公室网络升级通知', '本周六 9:00–12:00 办公室网络升级，届时将暂停服务'],
  [2, 1, '流转审批待审核', '{name}提交的「差旅报销单」等待你审批'],
  [2, 2, '流转审批审核结果', '你提交的「采购申请」已审批通过'],
  [3, 1, '待处理请示', '关于采购设计软件正版授权的请示，请尽快处理'],
  [3, 2, '已处理请示', '你提交的「年会场地预算」请示已处理'],
  [4, 1, '新增日程提醒', '周五 14:00 项目周会（三楼大会议室），请带上会议纪要'],
  [4, 2, '日程到期提醒', '「客户回访电话」将在 30 分钟后开始'],
  [5, 1, '机构注册审核未通过', '您的机构注册申请未通过，点击查看详情'],
  [5, 2, '机构对接申请', '星河科技申请与你的机构对接'],
  [5, 3, '机构对接结果', '与云帆传媒的机构对接已完成'],
  [5, 4, '机构转移申请', '{name}申请将「华东分部」转移到你的机构'],
  [5, 5, '机构转移结果', '「华南分部」已成功转移'],
  [6, 1, '加入机构申请', '{name}申请加入你的机构'],
  [6, 2, '加入机构结果', '你加入「星河科技」的申请已通过'],
  [6, 3, '加入群组申请', '{name}申请加入群组「设计评审组」'],
  [6, 4, '加入群组结果', '你已加入群组「前端技术交流」'],
  [6, 5, '交换名片申请', '{name}想和你交换名片'],
  [6, 6, '名片交换结果', '{name}已同意和你交换名片'],
  [7, 0, '系统维护通知', '系统将于今晚 23:00 进行例行维护，预计 30 分钟'],
  [7, 0, 'Scheduled maintenance', 'The service will be down for maintenance tonight at 23:00 for about 30 minutes'],
];

export interface NotificationText {
  type: number;
  subtype: number;
  title: string;
  content: string;
  params: string | null;
}

/** A notification of a kind seed 001 lists; `params` a JSON string or null, as the inbox stores it. */
export function notificationText(random: Random, name: string): NotificationText {
  const [type, subtype, title, content] = pick(random, NOTIFICATIONS);
  const task = taskName(random);
  const fill = (text: string) => text.replaceAll('{task}', task).replaceAll('{name}', name);
  const params = chance(random, 0.5) ? JSON.stringify({ id: Math.floor(random() * 10_000) + 1 }) : null;
  return { type, subtype, title: fill(title), content: fill(content), params };
}

/** Every (type, subtype) pair the templates cover: the test checks all of seed 001's appear. */
export const NOTIFICATION_KINDS = NOTIFICATIONS.map(([type, subtype]) => [type, subtype] as const);

import { NOTIFICATION_SUBTYPES } from '../../api/contract.js';
import { defineText, type Translate } from '../../i18n/text.js';
import type { TargetRef } from './params.js';

export const inboxText = defineText({
  'zh-CN': {
    title: '通知',
    tabs: '通知状态',
    tab0: '未读',
    tab1: '已读',
    tab2: '待办',
    tabWithCount: '{name}，{count} 条',
    list0: '未读通知',
    list1: '已读通知',
    list2: '待办通知',
    empty0: '没有未读通知',
    empty1: '没有已读通知',
    empty2: '没有待办通知',
    emptyHint0: '都看完了，新的通知会出现在这里。',
    emptyHint1: '读过的通知会出现在这里。',
    emptyHint2: '按 t 或“标为待办”，把要稍后处理的通知留在这里。',
    emptyFiltered0: '没有符合筛选条件的未读通知',
    emptyFiltered1: '没有符合筛选条件的已读通知',
    emptyFiltered2: '没有符合筛选条件的待办通知',
    filters: '筛选',
    typeFilter: '类型',
    subtypeFilter: '子类型',
    allTypes: '全部类型',
    allSubtypes: '全部子类型',
    typeOption: '{name}（{count} 条未读）',
    markRead: '标为已读',
    markTodo: '标为待办',
    markUnread: '标为未读',
    open: '打开 {target}',
    markAllRead: '全部标为已读',
    markAllReadOfType: '将“{type}”全部标为已读',
    markedAllRead: '已将 {count} 条通知标为已读',
    statusFailed: '没能更改“{title}”的状态：{reason}',
    readAllFailed: '没能全部标为已读：{reason}',
    dismiss: '知道了',
    loadingMore: '正在加载更多…',
    loadMoreFailed: '没能加载更多：{reason}',
    details: '通知详情',
    received: '收到',
    changed: '状态更新',
    state: '状态',
    refersTo: '关联',
    targetId: '#{id}',
    targetUser: '用户 #{id}',
    targetTask: '任务“{name}”',
    fieldId: '编号',
    fieldUserId: '用户编号',
    fieldTaskName: '任务名称',
    shortcuts: '快捷键',
    keyMove: '上下移动',
    keyRead: '已读',
    keyUnread: '未读',
    keyTodo: '待办',
    keyOpen: '打开',
  },
  en: {
    title: 'Inbox',
    tabs: 'Notification status',
    tab0: 'Unread',
    tab1: 'Read',
    tab2: 'Todo',
    tabWithCount: '{name}, {count}',
    list0: 'Unread notifications',
    list1: 'Read notifications',
    list2: 'Notifications to do',
    empty0: 'No unread notifications',
    empty1: 'No read notifications',
    empty2: 'Nothing to do',
    emptyHint0: 'You are all caught up. New notifications appear here.',
    emptyHint1: 'Notifications you have read appear here.',
    emptyHint2: 'Press t or “Mark todo” to keep a notification here for later.',
    emptyFiltered0: 'No unread notifications match the filter',
    emptyFiltered1: 'No read notifications match the filter',
    emptyFiltered2: 'No notifications to do match the filter',
    filters: 'Filter',
    typeFilter: 'Type',
    subtypeFilter: 'Subtype',
    allTypes: 'All types',
    allSubtypes: 'All subtypes',
    typeOption: '{name} ({count} unread)',
    markRead: 'Mark read',
    markTodo: 'Mark todo',
    markUnread: 'Mark unread',
    open: 'Open {target}',
    markAllRead: 'Mark all read',
    markAllReadOfType: 'Mark all “{type}” read',
    markedAllRead: 'Marked {count} notifications read',
    statusFailed: 'Could not change “{title}”: {reason}',
    readAllFailed: 'Could not mark all read: {reason}',
    dismiss: 'Dismiss',
    loadingMore: 'Loading more…',
    loadMoreFailed: 'Could not load more: {reason}',
    details: 'Notification details',
    received: 'Received',
    changed: 'Status changed',
    state: 'Status',
    refersTo: 'Refers to',
    targetId: '#{id}',
    targetUser: 'user #{id}',
    targetTask: 'task “{name}”',
    fieldId: 'ID',
    fieldUserId: 'User ID',
    fieldTaskName: 'Task name',
    shortcuts: 'Shortcuts',
    keyMove: 'move',
    keyRead: 'read',
    keyUnread: 'unread',
    keyTodo: 'todo',
    keyOpen: 'open',
  },
});

export type InboxTextKey = keyof (typeof inboxText)['en'];

/** Seed 001's type and subtype names, and their English. */
export const kindText = defineText({
  'zh-CN': {
    type1: '工作（任务）',
    type2: '工作（通知）',
    type3: '工作（请示）',
    type4: '日程',
    type5: '组织',
    type6: '用户',
    type7: '系统',
    sub1_1: '新任务提醒',
    sub1_2: '任务待审核',
    sub1_3: '任务审核结果',
    sub1_4: '任务流转审批待审核',
    sub1_5: '任务流转审批审核结果',
    sub1_6: '任务到期提醒',
    sub2_0: '默认',
    sub2_1: '流转审批待审核',
    sub2_2: '流转审批审核结果',
    sub3_1: '待处理请示',
    sub3_2: '已处理请示',
    sub4_1: '新增日程提醒',
    sub4_2: '日程到期提醒',
    sub5_1: '机构申请结果消息',
    sub5_2: '机构对接申请消息',
    sub5_3: '机构对接结果消息',
    sub5_4: '机构转移申请消息',
    sub5_5: '机构转移结果消息',
    sub6_1: '加入机构申请',
    sub6_2: '加入机构结果',
    sub6_3: '加入群组申请',
    sub6_4: '加入群组结果',
    sub6_5: '交换名片申请',
    sub6_6: '名片交换结果',
    sub7_0: '默认',
    typeUnknown: '类型 {type}',
    subtypeUnknown: '子类型 {subtype}',
  },
  en: {
    type1: 'Work (task)',
    type2: 'Work (notice)',
    type3: 'Work (request)',
    type4: 'Schedule',
    type5: 'Organization',
    type6: 'User',
    type7: 'System',
    sub1_1: 'New task',
    sub1_2: 'Task awaiting review',
    sub1_3: 'Task review result',
    sub1_4: 'Task transfer awaiting approval',
    sub1_5: 'Task transfer approval result',
    sub1_6: 'Task due reminder',
    sub2_0: 'Default',
    sub2_1: 'Approval awaiting review',
    sub2_2: 'Approval result',
    sub3_1: 'Request to handle',
    sub3_2: 'Request handled',
    sub4_1: 'New event reminder',
    sub4_2: 'Event due reminder',
    sub5_1: 'Organization application result',
    sub5_2: 'Organization link request',
    sub5_3: 'Organization link result',
    sub5_4: 'Organization transfer request',
    sub5_5: 'Organization transfer result',
    sub6_1: 'Request to join an organization',
    sub6_2: 'Organization join result',
    sub6_3: 'Request to join a group',
    sub6_4: 'Group join result',
    sub6_5: 'Business card exchange request',
    sub6_6: 'Business card exchange result',
    sub7_0: 'Default',
    typeUnknown: 'Type {type}',
    subtypeUnknown: 'Subtype {subtype}',
  },
});

type KindKey = keyof (typeof kindText)['en'];

export function typeName(t: Translate<KindKey>, type: number): string {
  return NOTIFICATION_SUBTYPES[type] ? t(`type${type}` as KindKey) : t('typeUnknown', { type });
}

export function subtypeName(t: Translate<KindKey>, type: number, subtype: number): string {
  return NOTIFICATION_SUBTYPES[type]?.includes(subtype)
    ? t(`sub${type}_${subtype}` as KindKey)
    : t('subtypeUnknown', { subtype });
}

/**
 * What a row says about its kind: the type, and the subtype unless it is the seed's
 * unnamed default (type 7 has nothing else, and "Work (notice) · Default" says nothing more).
 */
export function kindLabel(t: Translate<KindKey>, type: number, subtype: number): string {
  const name = typeName(t, type);
  return subtype === 0 ? name : `${name} · ${subtypeName(t, type, subtype)}`;
}

/** What an "open" button says it opens: "#3", "user #5", "task “…”". */
export function targetLabel(t: Translate<InboxTextKey>, ref: TargetRef): string {
  switch (ref.kind) {
    case 'id':
      return t('targetId', { id: ref.id });
    case 'user':
      return t('targetUser', { id: ref.id });
    case 'task':
      return t('targetTask', { name: ref.name });
    case 'field':
      return `${ref.key} ${ref.value}`;
  }
}

const FIELD_NAMES: Record<string, InboxTextKey> = { id: 'fieldId', userId: 'fieldUserId', taskName: 'fieldTaskName' };

/** A params key as the details show it: named when we know it, as sent otherwise. */
export const fieldName = (t: Translate<InboxTextKey>, key: string): string =>
  Object.hasOwn(FIELD_NAMES, key) ? t(FIELD_NAMES[key]!) : key;

import { defineText } from '../../i18n/text.js';

export const shellText = defineText({
  'zh-CN': {
    sections: '分区',
    chats: '聊天',
    inbox: '通知',
    invitations: '邀请',
    projects: '项目',
    settings: '设置',
    unreadCount: '{count} 条未处理',
    titleWaiting: '({count}) {section}',
    shortcutMap: '键盘快捷键',
    or: '或',
    goTo: '前往“{section}”',
    showMap: '显示键盘快捷键',
  },
  en: {
    sections: 'Sections',
    chats: 'Chats',
    inbox: 'Inbox',
    invitations: 'Invitations',
    projects: 'Projects',
    settings: 'Settings',
    unreadCount: '{count} waiting',
    titleWaiting: '({count}) {section}',
    shortcutMap: 'Keyboard shortcuts',
    or: 'or',
    goTo: 'Go to {section}',
    showMap: 'Show keyboard shortcuts',
  },
});

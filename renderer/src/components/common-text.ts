import { defineText } from '../i18n/text.js';

/** Text shared by several screens. */
export const commonText = defineText({
  'zh-CN': {
    appName: '消息',
    crashTitle: '界面出错了',
    crashDetail: '你的数据都在服务器上，没有丢失。重新加载即可继续。',
    reload: '重新加载',
    loading: '加载中…',
    retry: '重试',
    cancel: '取消',
    save: '保存',
    close: '关闭',
    offline: '连接已断开，正在重新连接…',
    offlineIn: '连接已断开，{seconds} 秒后重试',
    reconnectNow: '立即重连',
    stale: '显示的是最后同步的内容，可能不是最新的。',
    loadFailed: '加载失败：{reason}',
  },
  en: {
    appName: 'Messenger',
    crashTitle: 'Something went wrong',
    crashDetail: 'Your data is safe on the server. Reload to carry on.',
    reload: 'Reload',
    loading: 'Loading…',
    retry: 'Retry',
    cancel: 'Cancel',
    save: 'Save',
    close: 'Close',
    offline: 'Disconnected. Reconnecting…',
    offlineIn: 'Disconnected. Retrying in {seconds} s',
    reconnectNow: 'Reconnect now',
    stale: 'What is shown was last synced before; it may be out of date.',
    loadFailed: 'Could not load: {reason}',
  },
});

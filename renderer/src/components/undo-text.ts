import { defineText } from '../i18n/text.js';

export const undoText = defineText({
  'zh-CN': {
    undo: '撤销',
    undoing: '正在撤销…',
    undone: '已撤销',
    undoFailed: '没能撤销：{reason}',
    dismiss: '关闭',
  },
  en: {
    undo: 'Undo',
    undoing: 'Undoing…',
    undone: 'Undone',
    undoFailed: 'Could not undo: {reason}',
    dismiss: 'Dismiss',
  },
});

import { describe, expect, it } from 'vitest';
import { insertMention, matching, mentionQuery, mentionsIn, type Mentionable } from './mentions.js';

const zhang: Mentionable = { id: 2, name: '张三', alias: 'zhangsan' };
const zhangFeng: Mentionable = { id: 3, name: '张三丰', alias: 'zsf' };
const li: Mentionable = { id: 4, name: '李四', alias: 'lisi' };
const everyone: Mentionable = { id: 'all', name: '所有人' };

describe('mentions', () => {
  it('notices an @ being typed, not one inside an e-mail address', () => {
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('你好 @张', 5)).toEqual({ start: 3, query: '张' });
    expect(mentionQuery('请@', 2)).toEqual({ start: 1, query: '' });
    expect(mentionQuery('mail a@b', 8)).toBeNull();
    expect(mentionQuery('@张三 好的', 7)).toBeNull();
    // Only what is before the caret counts.
    expect(mentionQuery('@li 后面', 3)).toEqual({ start: 0, query: 'li' });
  });

  it('lists the members whose name or user name holds what was typed, ignoring case', () => {
    const all = [everyone, zhang, zhangFeng, li];
    expect(matching(all, '')).toEqual(all);
    expect(matching(all, '张三')).toEqual([zhang, zhangFeng]);
    expect(matching(all, 'LI')).toEqual([li]);
    expect(matching(all, '所有')).toEqual([everyone]);
  });

  it('replaces the @query with the name and a space, the caret after it', () => {
    expect(insertMention('请 @zh 看一下', { start: 2, query: 'zh' }, '张三')).toEqual({
      text: '请 @张三  看一下',
      caret: 6,
    });
  });

  it('keeps only the chosen names still in the text, each as a whole name', () => {
    expect(mentionsIn('@张三丰 你好', [zhang, zhangFeng])).toEqual([3]);
    expect(mentionsIn('@张三，@李四 你们好', [zhang, li])).toEqual([2, 4]);
    expect(mentionsIn('你好', [zhang])).toEqual([]);
    expect(mentionsIn('@所有人 开会 @张三', [zhang, everyone])).toEqual(['all']);
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { defineText, format, isolated, translator } from './text.js';
import { systemLanguage } from '../state/settings.js';

describe('UI text', () => {
  const table = defineText({
    'zh-CN': { greeting: '你好，{name}！你有 {count} 条消息' },
    en: { greeting: 'Hello, {name}! You have {count} messages' },
  });

  it('fills placeholders in the chosen language', () => {
    expect(translator(table, 'zh-CN')('greeting', { name: '张三', count: 3 })).toBe('你好，张三！你有 3 条消息');
    expect(translator(table, 'en')('greeting', { name: 'Ann', count: 0 })).toBe('Hello, Ann! You have 0 messages');
  });

  it('leaves an unknown placeholder visible rather than inventing a value', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('keeps a value with direction controls from turning the rest of the sentence around', () => {
    const overriding = '\u202Eexe.txt';
    expect(format('{name} 发布', { name: overriding })).toBe('\u2068\u202Eexe.txt\u2069 发布');
    // Its own isolate ends cannot close the isolate early, nor its own starts keep it open.
    expect(isolated('\u2069\u2069\u202Ex')).toBe('\u2068\u2068\u2068\u2069\u2069\u202Ex\u2069');
    expect(isolated('\u2067\u2067x')).toBe('\u2068\u2067\u2067x\u2069\u2069\u2069');
    expect(format('{name}：{text}', { name: '李四', text: 'مرحبا' })).toBe('李四：مرحبا');
  });

  it('starts in Chinese for a Chinese system and in English otherwise', () => {
    expect(systemLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(systemLanguage(['en-GB', 'zh-TW'])).toBe('zh-CN');
    expect(systemLanguage(['en-US', 'fr'])).toBe('en');
  });
});

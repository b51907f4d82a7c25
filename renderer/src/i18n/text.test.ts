// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { defineText, format, translator } from './text.js';
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

  it('starts in Chinese for a Chinese system and in English otherwise', () => {
    expect(systemLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(systemLanguage(['en-GB', 'zh-TW'])).toBe('zh-CN');
    expect(systemLanguage(['en-US', 'fr'])).toBe('en');
  });
});

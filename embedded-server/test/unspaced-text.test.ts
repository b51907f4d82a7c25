import { describe, expect, it } from 'vitest';
import { isUnspaced, unspacedCharacters } from '../src/db/unspaced-text.js';

describe('the one-character form of a text', () => {
  it('writes Han and kana one character a token, and each run of anything else as one "0"', () => {
    expect(unspacedCharacters('量子计算')).toBe('量 子 计 算');
    expect(unspacedCharacters('看看 PR #12，好的')).toBe('看 看 0 好 的');
    expect(unspacedCharacters('カタカナとひらがな')).toBe('カ タ カ ナ と ひ ら が な');
    expect(unspacedCharacters('𠀀字')).toBe('𠀀 字');
  });

  it('is null for a text without any', () => {
    expect(unspacedCharacters('hello, world')).toBeNull();
    expect(unspacedCharacters('')).toBeNull();
  });

  it('tells which terms the index can look up', () => {
    expect(isUnspaced('报价')).toBe(true);
    expect(isUnspaced('量')).toBe(true);
    expect(isUnspaced('ok')).toBe(false);
    expect(isUnspaced('报a')).toBe(false);
    expect(isUnspaced('')).toBe(false);
  });
});

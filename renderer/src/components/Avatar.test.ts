import { describe, expect, it } from 'vitest';
import { initialOf } from './Avatar.js';

describe('an avatar’s initial', () => {
  it('is the first character of the name, as a capital', () => {
    expect(initialOf('张三')).toBe('张');
    expect(initialOf('ann')).toBe('A');
    expect(initialOf('👩‍💻 Dev')).toBe('👩');
  });

  it('is the first visible one when the name starts with invisible characters', () => {
    expect(initialOf('\u202Eexe.txt')).toBe('E');
    expect(initialOf('\u200B\u0301 li')).toBe('L');
  });

  it('is a question mark when nothing in the name can be seen', () => {
    expect(initialOf('')).toBe('?');
    expect(initialOf('\u202E\u200B')).toBe('?');
  });
});

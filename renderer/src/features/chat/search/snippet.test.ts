import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet.js';

const marked = (snippet: string, highlights: { start: number; length: number }[]) =>
  snippetParts(snippet, highlights).map((part) => (part.marked ? `[${part.text}]` : part.text));

describe('highlighting a snippet from the server’s offsets', () => {
  it('marks every occurrence and keeps the text around them', () => {
    expect(
      marked('…会议在三点，三点前到', [
        { start: 4, length: 2 },
        { start: 7, length: 2 },
      ]),
    ).toEqual(['…会议在', '[三点]', '，', '[三点]', '前到']);
  });

  it('counts UTF-16 units: an emoji before the match takes two', () => {
    const snippet = '😀 看蓝鲸';
    expect(marked(snippet, [{ start: 4, length: 2 }])).toEqual(['😀 看', '[蓝鲸]']);
  });

  it('never splits a surrogate pair: a range ending or starting inside one takes the whole character', () => {
    const snippet = 'a😀b𠮷c';
    // 😀 is units 1–2, 𠮷 units 4–5.
    expect(marked(snippet, [{ start: 2, length: 1 }])).toEqual(['a', '[😀]', 'b𠮷c']);
    expect(marked(snippet, [{ start: 3, length: 2 }])).toEqual(['a😀', '[b𠮷]', 'c']);
    expect(marked(snippet, [{ start: 5, length: 1 }])).toEqual(['a😀b', '[𠮷]', 'c']);
  });

  it('joins overlapping and touching ranges, in any order', () => {
    expect(
      marked('abcdefgh', [
        { start: 4, length: 2 },
        { start: 1, length: 2 },
        { start: 2, length: 1 },
        { start: 3, length: 1 },
      ]),
    ).toEqual(['a', '[bcdef]', 'gh']);
  });

  it('clamps ranges to the snippet and ignores empty or nonsensical ones', () => {
    expect(
      marked('hello', [
        { start: -3, length: 5 },
        { start: 4, length: 10 },
        { start: 2, length: 0 },
        { start: Number.NaN, length: 2 },
      ]),
    ).toEqual(['[he]', 'll', '[o]']);
    expect(marked('', [{ start: 0, length: 3 }])).toEqual([]);
  });

  it('keeps markup as text', () => {
    expect(marked('<b>蓝鲸</b>', [{ start: 3, length: 2 }])).toEqual(['<b>', '[蓝鲸]', '</b>']);
  });
});

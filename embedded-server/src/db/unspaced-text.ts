import type { Database } from 'better-sqlite3';

/**
 * Chinese and Japanese are written without spaces between words, so a word-based full-text
 * index sees a whole sentence as one token, and the trigram index cannot look up a term of
 * one or two characters. Written out one character a token, such text is found by a phrase
 * query of the term's characters, of any length, through an ordinary (unicode61) index.
 */
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const UNSPACED_CHARACTER = new RegExp(`^[${UNSPACED}]$`, 'u');
const RUNS = new RegExp(`([${UNSPACED}])|[^${UNSPACED}]+`, 'gu');

/**
 * `text`'s characters of unspaced scripts, separated by spaces; every run of anything else
 * becomes one "0", so characters that other text stands between are not found as adjacent.
 * Null when `text` has none of them (nothing to index).
 */
export function unspacedCharacters(text: string): string | null {
  const tokens: string[] = [];
  let found = false;
  for (const [, character] of text.matchAll(RUNS)) {
    if (character) found = true;
    tokens.push(character ?? '0');
  }
  return found ? tokens.join(' ') : null;
}

/** Whether every character of `term` is of an unspaced script. */
export const isUnspaced = (term: string) => term.length > 0 && [...term].every((c) => UNSPACED_CHARACTER.test(c));

/**
 * Makes `unspaced_characters(text)` callable from SQL: the triggers that keep the
 * one-character index call it on every write of a message's text, so every connection that
 * writes to the store registers it.
 */
export function registerUnspacedCharacters(db: Database): void {
  db.function('unspaced_characters', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? unspacedCharacters(text) : null,
  );
}

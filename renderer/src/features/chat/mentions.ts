import type { Mention } from './outbox.js';

/** Someone the composer can mention: a member, or everyone (`'all'`). */
export interface Mentionable {
  id: Mention;
  /** What goes into the text after the `@`. */
  name: string;
  /** Also matched while typing (a member's user name). */
  alias?: string;
}

/** The `@…` being typed right before the caret: where its `@` is, and what follows it. */
export interface MentionQuery {
  start: number;
  query: string;
}

/**
 * An `@` not right after a Latin letter or digit (`请@张三` is a mention, `a@b.com` an
 * e-mail address), then no space yet.
 */
const TYPING_MENTION = /(?:^|[^A-Za-z0-9_.])@([^\s@]*)$/u;

export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const match = TYPING_MENTION.exec(text.slice(0, caret));
  return match ? { start: caret - match[1]!.length - 1, query: match[1]! } : null;
}

/** Those whose name (or user name) contains what was typed, ignoring case; in the order given. */
export function matching(candidates: readonly Mentionable[], query: string): Mentionable[] {
  const wanted = query.toLocaleLowerCase();
  return candidates.filter((c) => [c.name, c.alias ?? ''].some((name) => name.toLocaleLowerCase().includes(wanted)));
}

/** The text with the `@query` replaced by `@name ` , and where the caret goes: after it. */
export function insertMention(text: string, at: MentionQuery, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + inserted + text.slice(end), caret: at.start + inserted.length };
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The mentions the text still makes: of those chosen, each whose `@name` is still there as
 * a whole name, followed by a space, a punctuation mark or the end (`@张三` is not in `@张三丰`). An `'all'` among them stands alone.
 */
export function mentionsIn(text: string, chosen: readonly Mentionable[]): Mention[] {
  const present = chosen.filter(({ name }) =>
    new RegExp(`(?<![A-Za-z0-9_.])@${escaped(name)}(?=[\\s\\p{P}]|$)`, 'u').test(text),
  );
  const ids = [...new Set(present.map((c) => c.id))];
  return ids.includes('all') ? ['all'] : ids;
}

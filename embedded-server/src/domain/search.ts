import { invalid } from './errors.js';
import type { DomainContext } from './context.js';
import type { User } from './types.js';
import type { MessageMatch, NotificationMatch } from '../db/repositories/search.js';

/** The longest search term, in characters (code points), once trimmed. */
export const SEARCH_TERM_MAX_LENGTH = 100;
/** About how many characters of context a snippet shows around the first match. */
const SNIPPET_CONTEXT = 40;
/** Of that context, at most this much comes before the match; the rest follows it. */
const SNIPPET_CONTEXT_BEFORE = 20;
const ELLIPSIS = '…';

/** A stretch of a snippet to highlight, in UTF-16 code units (JavaScript string offsets). */
export interface Highlight {
  start: number;
  length: number;
}

/** A short plain-text excerpt around the first match, and where the term occurs in it. */
export interface Excerpt {
  snippet: string;
  highlights: Highlight[];
}

export type SearchHit =
  | { kind: 'message'; message: MessageMatch; excerpt: Excerpt }
  | { kind: 'notification'; notification: NotificationMatch; excerpt: Excerpt };

/**
 * The term to look for: trimmed, 1..100 characters. Its characters are taken literally;
 * only NUL is refused, because SQLite reads a LIKE pattern or an FTS string only up to it.
 */
function searchTerm(query: string): string {
  const term = query.trim();
  const length = [...term].length;
  if (length === 0) throw invalid('the search term must not be empty');
  if (length > SEARCH_TERM_MAX_LENGTH)
    throw invalid(`the search term must be at most ${SEARCH_TERM_MAX_LENGTH} characters`);
  if (term.includes('\0')) throw invalid('the search term must not contain NUL');
  return term;
}

/**
 * The caller's chat messages (in the windows they belong to) and notifications containing
 * `query`, newest first, at most `limit`.
 */
export async function search(ctx: DomainContext, caller: User, query: string, limit: number): Promise<SearchHit[]> {
  const term = searchTerm(query);
  const { store } = ctx;
  const hits = [
    ...(await store.search.messages(caller.id, term, limit)).map((message) => messageHit(message, term)),
    ...(await store.search.notifications(caller.id, term, limit)).map((notification) =>
      notificationHit(notification, term),
    ),
  ];
  // Each list is already newest first and the sort is stable, so hits of the same
  // millisecond keep that order, messages ahead of notifications.
  return hits.sort((a, b) => timeOf(b) - timeOf(a)).slice(0, limit);
}

/** A notification without a time (none is written without one) sorts last. */
const timeOf = (hit: SearchHit) => (hit.kind === 'message' ? hit.message.createdAt : hit.notification.createdAt) ?? 0;

const messageHit = (message: MessageMatch, term: string): SearchHit => ({
  kind: 'message',
  message,
  excerpt: excerptAroundMatch(message.body, term) ?? openingExcerpt(message.body),
});

/** A notification matches in its content or its title: the snippet comes from whichever matched, content first. */
const notificationHit = (notification: NotificationMatch, term: string): SearchHit => ({
  kind: 'notification',
  notification,
  excerpt:
    excerptAroundMatch(notification.content, term) ??
    excerptAroundMatch(notification.title, term) ??
    openingExcerpt(notification.content),
});

function excerptAroundMatch(text: string, term: string): Excerpt | null {
  const found = occurrences(text, term);
  const first = found[0];
  if (!first) return null;
  const start = codePointStart(text, Math.max(0, first.start - SNIPPET_CONTEXT_BEFORE));
  const after = SNIPPET_CONTEXT - (first.start - start);
  const end = codePointEnd(text, Math.min(text.length, first.start + first.length + after));
  const prefix = start > 0 ? ELLIPSIS : '';
  const highlights = found
    .filter((h) => h.start >= start && h.start + h.length <= end)
    .map((h) => ({ start: h.start - start + prefix.length, length: h.length }));
  return { snippet: prefix + text.slice(start, end) + (end < text.length ? ELLIPSIS : ''), highlights };
}

/**
 * The text's opening, without highlights: for a row the store matched but where the term is
 * not found again, as SQLite and JavaScript fold letter case a little differently beyond ASCII.
 */
function openingExcerpt(text: string): Excerpt {
  const end = codePointEnd(text, Math.min(text.length, SNIPPET_CONTEXT));
  return { snippet: text.slice(0, end) + (end < text.length ? ELLIPSIS : ''), highlights: [] };
}

/**
 * Every occurrence of `term` in `text`, left to right and not overlapping, ignoring
 * letter case, as UTF-16 offsets into `text`.
 */
function occurrences(text: string, term: string): Highlight[] {
  const haystack = foldCase(text);
  const needle = foldCase(term);
  const found: Highlight[] = [];
  if (needle === '') return found; // it would match everywhere, and the loop would never advance
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length))
    found.push({ start: at, length: needle.length });
  return found;
}

/**
 * Lower-cases character by character, keeping each one's UTF-16 length (a character whose
 * lower case is longer, like 'İ', stays as it is), so offsets into the folded text are
 * offsets into the original.
 */
function foldCase(text: string): string {
  let folded = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    folded += lower.length === char.length ? lower : char;
  }
  return folded;
}

const isLowSurrogate = (text: string, at: number) => {
  const unit = text.charCodeAt(at);
  return unit >= 0xdc00 && unit <= 0xdfff;
};

/** Moves a cut back so it does not split a surrogate pair (an emoji, say). */
const codePointStart = (text: string, at: number) => (at > 0 && isLowSurrogate(text, at) ? at - 1 : at);
/** Moves a cut forward so it does not split a surrogate pair. */
const codePointEnd = (text: string, at: number) => (at < text.length && isLowSurrogate(text, at) ? at + 1 : at);

import type { Highlight } from '../../../api/search.js';

/** A stretch of a snippet, highlighted where the search term occurs. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** An offset off the middle of a surrogate pair (an emoji, a rare character), moved `by` one unit. */
function wholeCharacter(text: string, offset: number, by: -1 | 1): number {
  const splitsPair = isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
  return splitsPair ? offset + by : offset;
}

/**
 * A snippet cut into plain and highlighted stretches by the server's UTF-16 offsets:
 * ranges are clamped to the snippet, widened to whole characters, and overlapping or
 * touching ones joined. The text itself is never read as markup.
 */
export function snippetParts(snippet: string, highlights: readonly Highlight[]): SnippetPart[] {
  const clamp = (offset: number) => Math.min(Math.max(offset, 0), snippet.length);
  const ranges = highlights
    .map(({ start, length }): [number, number] => [
      wholeCharacter(snippet, clamp(start), -1),
      wholeCharacter(snippet, clamp(start + length), 1),
    ])
    .filter(([from, to]) => to > from)
    .sort(([a], [b]) => a - b);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [from, to] of ranges) {
    if (to <= at) continue; // inside the one before
    const previous = parts.at(-1);
    if (from > at) parts.push({ text: snippet.slice(at, from), marked: false });
    if (from <= at && previous?.marked) previous.text += snippet.slice(at, to);
    else parts.push({ text: snippet.slice(Math.max(from, at), to), marked: true });
    at = to;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}

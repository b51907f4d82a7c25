/**
 * Characters a name others see may not hold: controls (C0, DEL, C1: NUL, escapes, new
 * lines), format characters (bidi overrides and isolates like U+202E, which reverse the
 * text after them; invisible marks, zero-width spaces, tag characters that hide text), line
 * and paragraph separators, and lone surrogates. The zero-width joiner and non-joiner stay:
 * emoji sequences and several scripts need them. The server refuses such a name; the app
 * says so before sending it.
 */
const SPOOFING = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;

/** The first character of `name` that could hide or disguise text, as "U+202E"; null when there is none. */
export function spoofingCharacter(name: string): string | null {
  const found = SPOOFING.exec(name);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

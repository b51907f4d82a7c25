import { useSettings, type Language } from '../state/settings.js';

/**
 * UI text lives next to the feature that shows it, in both languages. `defineText`
 * makes the compiler check that English has every key Chinese has (and no other).
 */
export type TextTable<K extends string> = Record<Language, Record<K, string>>;

export function defineText<K extends string>(table: {
  'zh-CN': Record<K, string>;
  en: Record<K, string>;
}): TextTable<K> {
  return table;
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

const ISOLATE_START = '\u2068'; // FIRST STRONG ISOLATE
const ISOLATE_END = '\u2069'; // POP DIRECTIONAL ISOLATE
/** Explicit direction controls: embeddings, overrides, isolates and their ends. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const count = (text: string, characters: RegExp) => text.match(characters)?.length ?? 0;

/**
 * Someone else's text, safe to put into a sentence. Text with direction controls of its own
 * (a name that starts with RIGHT-TO-LEFT OVERRIDE, say) would otherwise turn the rest of the
 * sentence around, so it goes into an isolate, with more starts than the text has ends and
 * more ends than it has starts, so that nothing in it closes the isolate early or keeps it
 * open. Ordinary text comes back unchanged.
 */
export function isolated(text: string): string {
  if (!DIRECTION_CONTROLS.test(text)) return text;
  const starts = count(text, /\u2069/g) + 1;
  const ends = count(text, /[\u2066-\u2068]/g) + 1;
  return ISOLATE_START.repeat(starts) + text + ISOLATE_END.repeat(ends);
}

/** Fills `{name}` placeholders; each value is isolated, so it cannot reorder the words around it. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? isolated(String(vars[name])) : whole));
}

export function translator<K extends string>(table: TextTable<K>, language: Language): Translate<K> {
  return (key, vars) => format(table[language][key], vars);
}

/** The feature's text in the user's language. */
export function useText<K extends string>(table: TextTable<K>): Translate<K> {
  const language = useSettings((s) => s.language);
  return translator(table, language);
}

// Building an Intl formatter is costly; a long list formats every row, so each is made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) formatters.set(key, (cached = new Intl.DateTimeFormat(language, options)));
  return cached;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' };
const MONTH_DAY: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric' };

/** Dates and times the way the user's language writes them. */
export function useFormats() {
  const language = useSettings((s) => s.language);
  return {
    time: (iso: string) => formatter(language, TIME).format(new Date(iso)),
    day: (iso: string) => formatter(language, DAY).format(new Date(iso)),
    /** Today: the time; this year: month and day; else the date. */
    when: (iso: string) => {
      const date = new Date(iso);
      const now = new Date();
      if (date.toDateString() === now.toDateString()) return formatter(language, TIME).format(date);
      if (date.getFullYear() === now.getFullYear()) return formatter(language, MONTH_DAY).format(date);
      return formatter(language, DATE).format(date);
    },
  };
}

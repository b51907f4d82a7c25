/**
 * Classic script-injection payloads, for putting into every field the app shows. Each one,
 * if it were ever parsed as markup or run as code, calls `window.__xss(n)`: the test
 * installs that canary and fails if anything calls it. Shown as intended, each is just text.
 */

/** The function every payload calls if it runs. */
export const CANARY = '__xss';

/** A call to the canary that says which payload ran. */
const call = (n: number) => `${CANARY}(${n})`;

/** Every payload: the first ones are short enough for a display name (32 characters). */
const CLASSIC = [
  (n: number) => `<script>${call(n)}</script>`,
  (n: number) => `<img src=x onerror=${call(n)}>`,
  (n: number) => `<svg onload=${call(n)}>`,
  (n: number) => `javascript:${call(n)}`,
  (n: number) => `<details open ontoggle=${call(n)}>`,
  (n: number) => `\${${call(n)}}{name}{text}`,
  (n: number) => `[点我](javascript:${call(n)})`,
  (n: number) => `&lt;b&gt;${call(n)}&lt;/b&gt;`,
  (n: number) => `\u202E<b onclick=${call(n)}>exe.txt`,
  (n: number) => `＜script＞${call(n)}＜/script＞`,
  (n: number) => `![x](x" onerror="${call(n)})`,
  (n: number) => `"><iframe srcdoc="<script>parent.${call(n)}</script>">`,
  (n: number) => `' autofocus onfocus=${call(n)} x='`,
  (n: number) => `" onmouseover="${call(n)}" style="position:fixed;inset:0`,
  (n: number) => `{{constructor.constructor('${call(n)}')()}}`,
  (n: number) => `<a href="javascript:${call(n)}">打开链接</a> www.example.com/"onclick="${call(n)}`,
  (n: number) => `<math><mtext><table><mglyph><style><img src=x onerror=${call(n)}>`,
  (n: number) => `</textarea></title><script>${call(n)}</script>`,
  (n: number) => `<object data="javascript:${call(n)}"></object><embed src="javascript:${call(n)}">`,
  (n: number) =>
    `<base href="javascript:${call(n)}//"><meta http-equiv="refresh" content="0;url=javascript:${call(n)}">`,
  (n: number) => `<style>*{display:none}</style><video><source onerror=${call(n)}></video>`,
  (n: number) => `data:text/html,<script>opener.${call(n)}</script>`,
  (n: number) => `第一行\n<input autofocus onfocus=${call(n)}>\n第三行 Z̷̢̛a̴̡l̸̨g̵̢o̶̧ 👨‍👩‍👧‍👦 scr\u200Bipt`,
];

/** A word of the long sentence; it ends in a space, so that sentence wraps between words. */
const LONG_WORD = `<b onmouseover=${call(0)}>很长的消息</b> `;

/**
 * The payloads that fit a field of `maxLength` characters, numbered from 1 in the order
 * above, then two that fill the field: one long word without a break (which must not push
 * the layout wider than the window) and one long sentence of words.
 */
export function corpus(maxLength: number): string[] {
  const classic = CLASSIC.map((payload, index) => payload(index + 1)).filter((text) => text.length <= maxLength);
  const unbroken = `<img src=x onerror=${call(CLASSIC.length + 1)}>`.padEnd(maxLength, 'W');
  const words = `${call(CLASSIC.length + 2)} ${LONG_WORD.repeat(Math.ceil(maxLength / LONG_WORD.length))}`;
  // Servers trim names, so a payload never ends in a space.
  return [...classic, unbroken, words.slice(0, maxLength).trimEnd()];
}

/**
 * The payloads a display name may be: the server refuses control and format characters in
 * names (a right-to-left override, a zero-width space, a line break), saying which, so
 * those are tried as names only to see them refused.
 */
export function displayNames(maxLength: number): string[] {
  return corpus(maxLength).filter((name) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(name.replace(/[\u200C\u200D]/g, '')));
}

/** The longest display name the server accepts. */
export const NAME_LENGTH = 32;
/** The longest project or task name. */
export const PROJECT_NAME_LENGTH = 64;
/** The longest notification title. */
export const TITLE_LENGTH = 200;
/** A long message or notification content (the server takes more; this is long enough to test wrapping). */
export const TEXT_LENGTH = 4000;

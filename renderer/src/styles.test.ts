import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

/** The custom properties a rule block declares, by name (without the dashes). */
function tokensOf(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} rule in styles.css`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)].map(([, name, value]) => [name!, value!]),
  );
}

const light = tokensOf(':root');
/** The dark theme overrides the light one's tokens; those it leaves alone stay as they are. */
const dark = { ...light, ...tokensOf(":root[data-theme='dark']") };

/** WCAG 2 relative luminance of an sRGB colour written #rrggbb. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => {
    const value = parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * channels[0]! + 0.7152 * channels[1]! + 0.0722 * channels[2]!;
}

function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/** Text (and icon) colours, and every background each is drawn on. */
const TEXT_ON: Record<string, string[]> = {
  text: ['bg', 'surface', 'surface-2', 'accent-soft'],
  'text-muted': ['bg', 'surface', 'surface-2', 'accent-soft'],
  accent: ['bg', 'surface', 'surface-2', 'accent-soft'],
  danger: ['bg', 'surface', 'surface-2'],
  success: ['bg', 'surface', 'surface-2'],
  'accent-text': ['accent', 'accent-hover'],
  'bubble-own-text': ['bubble-own'],
  'badge-text': ['badge'],
};
const FOCUS_ON = ['bg', 'surface', 'surface-2', 'accent-soft'];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, tokens) => {
  const color = (name: string) => {
    const value = tokens[name];
    if (!value) throw new Error(`--${name} is not a #rrggbb colour`);
    return value;
  };

  it.each(Object.entries(TEXT_ON).flatMap(([text, backgrounds]) => backgrounds.map((bg) => [text, bg])))(
    'draws --%s on --%s at 4.5:1 at least',
    (text, bg) => {
      expect(contrast(color(text), color(bg))).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(FOCUS_ON)('shows the focus ring on --%s at 3:1 at least', (bg) => {
    expect(contrast(color('focus'), color(bg))).toBeGreaterThanOrEqual(3);
  });
});

describe('contrast', () => {
  it('is 21:1 for black on white, and the same either way round', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrast('#ffffff', '#777777')).toBeCloseTo(contrast('#777777', '#ffffff'));
    expect(contrast('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
  });
});

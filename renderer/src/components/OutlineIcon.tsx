/**
 * An outline icon on a 24-unit grid, drawn in the text colour so themes apply. Drawn rather
 * than an emoji: a machine without an emoji font would show a box.
 */
export function OutlineIcon({ d, size = 18 }: { d: string; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

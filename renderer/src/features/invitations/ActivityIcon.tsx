import { OutlineIcon } from '../../components/OutlineIcon.js';
// Outline icons on a 24-unit grid, in the text colour so both themes apply.
const PATHS: Record<number, string> = {
  0: 'M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  1: 'M9 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM3 20a6 6 0 0 1 12 0M16 8a2.5 2.5 0 1 1 0 5M17 15a5 5 0 0 1 4 5',
  2: 'M10 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM4 20a6 6 0 0 1 12 0M19 8v6M16 11h6',
  3: 'M10 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM4 20a6 6 0 0 1 12 0M16 11h6',
  4: 'M3 6h18v12H3zM3 7l9 6 9-6',
  5: 'M10 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM4 20a6 6 0 0 1 12 0M17 8l4 4M21 8l-4 4',
  6: 'M6 4h12v16H6zM9 9h6M9 13h6M9 17h3',
  7: 'M6 4h12v16H6zM9 12l2 2 4-4',
};

/** The picture for an offline message's type; the type's name is always written next to it. */
export function ActivityIcon({ type }: { type: number }) {
  return (
    <span className={`activity-icon activity-icon-${type}`} aria-hidden="true">
      <OutlineIcon d={PATHS[type] ?? PATHS[4]!} />
    </span>
  );
}

import { describe, expect, it } from 'vitest';
import { NOTHING_SELECTED, pickedIn, selectAll, selectAt, toggleAt } from './selection.js';

const ids = [50, 40, 30, 20, 10];
const picked = (s: { picked: ReadonlySet<number> }) => [...s.picked].sort((a, b) => b - a);

describe('the selection', () => {
  it('a move selects one; a Shift move or click selects from the anchor to there, either way', () => {
    const one = selectAt(NOTHING_SELECTED, ids, 1, false);
    expect(one).toMatchObject({ focusId: 40, anchorId: 40, index: 1 });
    expect(picked(selectAt(one, ids, 3, true))).toEqual([40, 30, 20]);
    expect(picked(selectAt(selectAt(one, ids, 3, true), ids, 0, true))).toEqual([50, 40]);
  });

  it('Ctrl/⌘+click adds or removes one, the focused one included', () => {
    const one = selectAt(NOTHING_SELECTED, ids, 0, false);
    const two = toggleAt(one, ids, 2);
    expect(picked(two)).toEqual([50, 30]);
    expect(picked(toggleAt(two, ids, 0))).toEqual([30]);
  });

  it('select all takes every loaded id; those that left the list are no longer selected', () => {
    const all = selectAll(NOTHING_SELECTED, ids);
    expect(pickedIn(all, ids)).toEqual(ids);
    expect(pickedIn(all, [50, 10])).toEqual([50, 10]);
  });
});

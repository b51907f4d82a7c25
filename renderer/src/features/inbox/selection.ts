/**
 * Which notifications of a list are selected. `focusId` is the one the keys act on and the
 * details pane shows; `picked` is every selected one (the focused one included), for the
 * bulk actions; `anchorId` is where a Shift range starts. `index` remembers where the
 * focused one was, so when it leaves the list the one that takes its place is next.
 */
export interface Selection {
  focusId: number | null;
  index: number;
  anchorId: number | null;
  picked: ReadonlySet<number>;
}

export const NOTHING_SELECTED: Selection = { focusId: null, index: 0, anchorId: null, picked: new Set() };

/** Focus moves to `ids[at]`: alone, or (`extend`) with every row from the anchor to it. */
export function selectAt(selection: Selection, ids: readonly number[], at: number, extend: boolean): Selection {
  const id = ids[at];
  if (id === undefined) return selection;
  if (!extend) return { focusId: id, index: at, anchorId: id, picked: new Set([id]) };
  const anchorAt = selection.anchorId === null ? -1 : ids.indexOf(selection.anchorId);
  const from = anchorAt < 0 ? at : anchorAt;
  const [low, high] = from < at ? [from, at] : [at, from];
  return { focusId: id, index: at, anchorId: ids[from]!, picked: new Set(ids.slice(low, high + 1)) };
}

/**
 * j/k and the arrows: with several selected, only the focus moves (so X can add rows that are
 * not next to each other); otherwise the selection moves with it.
 */
export function moveFocus(selection: Selection, ids: readonly number[], at: number): Selection {
  const id = ids[at];
  if (id === undefined || pickedIn(selection, ids).length < 2) return selectAt(selection, ids, at, false);
  return { ...selection, focusId: id, index: at, anchorId: id };
}

/** Ctrl/⌘+click: that row joins or leaves the selection, and focus goes to it. */
export function toggleAt(selection: Selection, ids: readonly number[], at: number): Selection {
  const id = ids[at];
  if (id === undefined) return selection;
  const picked = new Set(selection.picked);
  if (selection.focusId !== null && picked.size === 0) picked.add(selection.focusId);
  if (picked.has(id)) picked.delete(id);
  else picked.add(id);
  return { focusId: id, index: at, anchorId: id, picked };
}

/** Ctrl/⌘+A: every loaded row; focus stays where it is. */
export function selectAll(selection: Selection, ids: readonly number[]): Selection {
  return { ...selection, picked: new Set(ids) };
}

/** The selected ones still in the list, in its order (ones that left it are no longer selected). */
export function pickedIn(selection: Selection, ids: readonly number[]): number[] {
  return ids.filter((id) => selection.picked.has(id));
}

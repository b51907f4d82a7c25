import { create } from 'zustand';
import { useSession } from '../state/session.js';
import type { Language } from '../state/settings.js';

/** What was just done, in the user's language, and how to take it back. */
export interface UndoableAction {
  done: (language: Language) => string;
  undo: () => Promise<unknown>;
}

/** `offered` until the user decides; `undoing` while the undo runs; then `undone` or `failed` (with why). */
export type UndoPhase = 'offered' | 'undoing' | 'undone' | 'failed';

interface UndoOfferState {
  /** The last undoable action; a newer one replaces it. `key` tells one offer from the next. */
  offer: (UndoableAction & { key: number; phase: UndoPhase; reason: string | null }) | null;
  offerUndo(action: UndoableAction): void;
  undoNow(): Promise<void>;
  dismiss(): void;
}

let nextKey = 1;

/** The one undo on offer: actions put it here, the toast shows it and runs it. */
export const useUndoOffer = create<UndoOfferState>()((set, get) => ({
  offer: null,
  offerUndo: (action) => set({ offer: { ...action, key: nextKey++, phase: 'offered', reason: null } }),
  undoNow: async () => {
    const offer = get().offer;
    if (offer?.phase !== 'offered') return;
    // Only the offer that is still shown changes: a newer action may have replaced it meanwhile.
    const settle = (phase: UndoPhase, reason: string | null = null) =>
      set((s) => (s.offer?.key === offer.key ? { offer: { ...offer, phase, reason } } : s));
    settle('undoing');
    try {
      await offer.undo();
      settle('undone');
    } catch (error) {
      settle('failed', error instanceof Error ? error.message : String(error));
    }
  },
  dismiss: () => set({ offer: null }),
}));

/** Offers to take back what was just done (replacing any earlier offer). */
export const offerUndo = (action: UndoableAction) => useUndoOffer.getState().offerUndo(action);

// Another account must not be offered to undo what the previous one did.
useSession.subscribe((session, previous) => {
  if (session.token !== previous.token) useUndoOffer.getState().dismiss();
});

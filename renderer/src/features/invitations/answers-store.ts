import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Answer = 'accept' | 'decline';

interface AnswersState {
  /** Offline message id → the answer given on this device. */
  answers: Record<string, Answer>;
  record(id: string, answer: Answer): void;
}

/**
 * The wire only says an invitation was dealt with, not how; the answers given here are
 * remembered so the item can say "accepted" or "declined" instead of just "answered".
 */
export const useAnswers = create<AnswersState>()(
  persist(
    (set) => ({
      answers: {},
      record: (id, answer) => set((s) => ({ answers: { ...s.answers, [id]: answer } })),
    }),
    { name: 'messenger.invitation-answers' },
  ),
);

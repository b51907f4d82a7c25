import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

interface ConnectionState {
  status: ConnectionStatus;
  /** When the next reconnect attempt is due, while offline. */
  retryAt: number | null;
  /** Tries again at once (set by the live connection). */
  reconnect: () => void;
  set(status: ConnectionStatus, retryAt?: number | null): void;
}

/** The real-time channel's state, for the disconnected banner. */
export const useConnection = create<ConnectionState>()((set) => ({
  status: 'connecting',
  retryAt: null,
  reconnect: () => undefined,
  set: (status, retryAt = null) => set({ status, retryAt }),
}));

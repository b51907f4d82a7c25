// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../desktop-bridge.js';
import type { SignedIn } from '../api/wire.js';

const signedIn: SignedIn = {
  token: 'a3f9c2e1b7d04f6e8a1c3b5d7f9e0a2c',
  user: { id: 7, userName: 'zhangsan', nickname: '张三', image: '', role: 'MEMBER' },
};

/**
 * The main process's side of the bridge, as the preload hands it to the page: it keeps what
 * it is given (in the app, encrypted on disk) and hands it back, answering asynchronously.
 */
class MainProcessSessions {
  kept: SignedIn | null = null;
  readonly handedOver: (SignedIn | null)[] = [];
  failing = false;
  readonly bridge = {
    loadSession: () => (this.failing ? Promise.reject(new Error('no handler')) : Promise.resolve(this.kept)),
    saveSession: (session: SignedIn | null) => {
      this.handedOver.push(session);
      this.kept = session;
      return Promise.resolve();
    },
  } satisfies Pick<DesktopApi, 'loadSession' | 'saveSession'>;
}

/** The page as it starts: the preload's bridge in place (desktop) or not (browser), then the modules load. */
async function startPage(main?: MainProcessSessions) {
  vi.resetModules();
  (window as { messenger?: unknown }).messenger = main?.bridge;
  const session = await import('./session.js');
  await vi.waitFor(() => expect(session.useSession.persist.hasHydrated()).toBe(true));
  return session;
}

const stored = () => localStorage.getItem('messenger.session');

beforeEach(() => localStorage.clear());
afterEach(() => delete (window as { messenger?: unknown }).messenger);

describe('the session in the desktop app', () => {
  it('is handed to the main process on sign-in and sign-out, never to the page’s storage', async () => {
    const main = new MainProcessSessions();
    const { useSession } = await startPage(main);
    useSession.getState().signIn(signedIn.token, signedIn.user);
    expect(main.kept).toEqual(signedIn);
    expect(stored()).toBeNull();
    useSession.getState().signOut();
    expect(main.handedOver).toEqual([signedIn, null]);
    expect(stored()).toBeNull();
  });

  it('comes back from the main process at start, the app waiting for it', async () => {
    const main = new MainProcessSessions();
    main.kept = signedIn;
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    vi.resetModules();
    (window as { messenger?: unknown }).messenger = {
      ...main.bridge,
      loadSession: () => answered.then(main.bridge.loadSession),
    };
    const { useSession, useSessionRestored } = await import('./session.js');
    const restored = renderHook(() => useSessionRestored());
    expect(restored.result.current).toBe(false);
    expect(useSession.getState().token).toBeNull();
    await act(async () => answer());
    await vi.waitFor(() => expect(restored.result.current).toBe(true));
    expect(useSession.getState()).toMatchObject(signedIn);
  });

  it('moves a session an older version left in the page’s storage to the main process, and erases it there', async () => {
    localStorage.setItem('messenger.session', JSON.stringify({ state: signedIn, version: 0 }));
    const main = new MainProcessSessions();
    const { useSession } = await startPage(main);
    expect(useSession.getState()).toMatchObject(signedIn);
    expect(main.kept).toEqual(signedIn);
    expect(stored()).toBeNull();
  });

  it('starts signed out when the main process cannot answer, rather than never starting', async () => {
    const main = new MainProcessSessions();
    main.failing = true;
    const { useSession } = await startPage(main);
    expect(useSession.getState().token).toBeNull();
  });
});

describe('the session in a browser', () => {
  it('stays in the page’s storage across reloads', async () => {
    const first = await startPage();
    first.useSession.getState().signIn(signedIn.token, signedIn.user);
    expect(stored()).toContain(signedIn.token);
    const reloaded = await startPage();
    expect(reloaded.useSession.getState()).toMatchObject(signedIn);
  });
});

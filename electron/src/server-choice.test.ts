import type { MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { checkServerUrl, serverChangeDialog, ServerSwitch, SWITCH_BUTTON } from './server-choice.js';

describe('which team server addresses are taken', () => {
  it('takes https, and plain http only on this computer', () => {
    expect(checkServerUrl(' https://chat.example.com/path?x#y ')).toEqual({ url: 'https://chat.example.com' });
    expect(checkServerUrl('https://user:secret@chat.example.com:8443')).toEqual({
      url: 'https://chat.example.com:8443',
    });
    for (const [loopback, origin] of [
      ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
      ['http://127.9.8.7', 'http://127.9.8.7'],
      ['http://127.1:4000', 'http://127.0.0.1:4000'],
      ['http://[::1]:4000/', 'http://[::1]:4000'],
      ['http://LOCALHOST:4000', 'http://localhost:4000'],
    ])
      expect(checkServerUrl(loopback), loopback).toEqual({ url: origin });
  });

  it('refuses plain http beyond this computer, saying so', () => {
    for (const insecure of [
      'http://10.0.0.5:8080',
      'http://chat.example.com',
      'http://127.0.0.1.example.com',
      'http://localhost.example.com',
      'http://[::ffff:127.0.0.1]',
      'http://0.0.0.0:4000',
      'http://128.0.0.1',
    ])
      expect(checkServerUrl(insecure), insecure).toEqual({ refused: 'insecure' });
  });

  it('refuses what is not a web address', () => {
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ws://chat.example.com',
      'chat.example.com',
      42,
      {},
    ])
      expect(checkServerUrl(bad), String(bad)).toEqual({ refused: 'invalid' });
  });
});

describe('the confirmation', () => {
  it('shows the new address, with Cancel as the default and as Esc', () => {
    const dialog = serverChangeDialog('https://chat.example.com');
    expect(dialog.detail).toContain('https://chat.example.com');
    expect(dialog.buttons![dialog.defaultId!]).toBe('Cancel');
    expect(dialog.cancelId).toBe(dialog.defaultId);
    expect(dialog.buttons![SWITCH_BUTTON]).not.toBe('Cancel');
    expect(serverChangeDialog(null).message).toMatch(/built-in server/);
  });
});

/** The main process's side, driven by the test: the dialogs asked, and the switch made. */
function harness() {
  const asked: { dialog: MessageBoxOptions; answer(button: number): void }[] = [];
  const switched: (string | null)[] = [];
  const serverSwitch = new ServerSwitch({
    ask: (dialog) => new Promise((resolve) => asked.push({ dialog, answer: resolve })),
    switchTo: (url) => switched.push(url),
  });
  return { serverSwitch, asked, switched };
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a request from the page to change the server', () => {
  it('changes nothing until the user confirms in the dialog', async () => {
    const { serverSwitch, asked, switched } = harness();
    const cancelled = serverSwitch.request('https://chat.example.com');
    await nextTurn();
    expect(asked).toHaveLength(1);
    expect(switched).toEqual([]);
    asked[0]!.answer(0);
    expect(await cancelled).toBe('cancelled');
    expect(switched).toEqual([]);

    const confirmed = serverSwitch.request('https://chat.example.com');
    await nextTurn();
    asked[1]!.answer(SWITCH_BUTTON);
    expect(await confirmed).toBe('restarting');
    expect(switched).toEqual(['https://chat.example.com']);
  });

  it('answers a refused address at once, with no dialog', async () => {
    const { serverSwitch, asked, switched } = harness();
    expect(await serverSwitch.request('http://10.0.0.5:8080')).toBe('insecure');
    expect(await serverSwitch.request('file:///etc/passwd')).toBe('invalid');
    expect(asked).toHaveLength(0);
    expect(switched).toEqual([]);
  });

  it('confirms going back to the built-in server too', async () => {
    const { serverSwitch, asked, switched } = harness();
    const answer = serverSwitch.request(null);
    await nextTurn();
    expect(asked[0]!.dialog.message).toMatch(/built-in server/);
    asked[0]!.answer(SWITCH_BUTTON);
    expect(await answer).toBe('restarting');
    expect(switched).toEqual([null]);
  });

  it('shows one dialog at a time and restarts at most once', async () => {
    const { serverSwitch, asked, switched } = harness();
    const first = serverSwitch.request('https://chat.example.com');
    await nextTurn();
    expect(await serverSwitch.request('https://evil.example.com')).toBe('cancelled');
    expect(asked).toHaveLength(1);
    asked[0]!.answer(SWITCH_BUTTON);
    expect(await first).toBe('restarting');
    expect(await serverSwitch.request('https://chat.example.com')).toBe('cancelled');
    expect(asked).toHaveLength(1);
    expect(switched).toEqual(['https://chat.example.com']);
  });
});

import { beforeAll, vi } from 'vitest';

/**
 * jsdom has <dialog> but not its modal methods: these do what the components rely on, the
 * `open` state (and can be asked whether they were called).
 */
export function openDialogsInJsdom(): void {
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = vi.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
    HTMLDialogElement.prototype.close = vi.fn(function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    });
  });
}

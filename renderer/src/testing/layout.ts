import { afterAll, beforeAll } from 'vitest';

/**
 * jsdom lays nothing out, so a virtualized list sees a scroller of height 0 and shows no
 * rows. Gives every element this height for the test file's duration.
 */
export function giveElementsAHeight(px: number): void {
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => px });
  });
  afterAll(() => {
    if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  });
}

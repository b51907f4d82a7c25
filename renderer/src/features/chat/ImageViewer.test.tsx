// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSettings } from '../../state/settings.js';
import { ImageViewer } from './ImageViewer.js';

const STAGE = { width: 1000, height: 800 };
const src = '/api/attachments/abc?u=1&exp=2&sig=3';

// jsdom lays nothing out and has no pointer events: the stage gets a size, and the dialog,
// pointer events and the resize observer what the viewer needs of them.
const layout = HTMLElement.prototype.getBoundingClientRect;
beforeAll(() => {
  const isStage = (element: HTMLElement) => element.classList.contains('viewer-stage');
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return isStage(this) ? STAGE.width : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isStage(this) ? STAGE.height : 0;
    },
  });
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    return isStage(this) ? new DOMRect(0, 0, STAGE.width, STAGE.height) : new DOMRect();
  };
  HTMLElement.prototype.setPointerCapture = vi.fn();
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  globalThis.PointerEvent = class extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  } as typeof PointerEvent;
});
afterAll(() => {
  // Element.prototype's own sizes show through again.
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  HTMLElement.prototype.getBoundingClientRect = layout;
});
beforeEach(() => useSettings.setState({ language: 'en' }));
afterEach(cleanup);

/** Opens the viewer on an image of the given natural size, once it has loaded. */
function open(width: number, height: number) {
  const onClose = vi.fn();
  render(<ImageViewer src={src} alt="Image" onClose={onClose} />);
  const image = screen.getByRole('img', { name: 'Image' }) as HTMLImageElement;
  Object.defineProperty(image, 'naturalWidth', { value: width });
  Object.defineProperty(image, 'naturalHeight', { value: height });
  fireEvent.load(image);
  const stage = screen.getByRole('group', { name: 'Image' });
  const level = () => screen.getByRole('status', { name: 'Zoom level' }).textContent;
  /** Where the image is drawn: its size, and its offset from the stage's centre. */
  const placed = () => {
    const { width: w, height: h, transform } = image.style;
    const [, dx, dy] = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(transform)!;
    return {
      width: parseFloat(w),
      height: parseFloat(h),
      x: Number(dx) + parseFloat(w) / 2,
      y: Number(dy) + parseFloat(h) / 2,
    };
  };
  return { onClose, image, stage, level, placed };
}

describe('the image viewer', () => {
  it('opens a large image fitted to the window, with labelled tools and a link to save it', () => {
    const { level, placed } = open(4000, 3000);
    expect(level()).toBe('25%');
    expect(placed()).toEqual({ width: 1000, height: 750, x: 0, y: 0 });
    expect(screen.getByRole('button', { name: 'Zoom out' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('button', { name: 'Reset zoom' }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('button', { name: 'Zoom in' }).getAttribute('aria-keyshortcuts')).toBe('+');
    const save = screen.getByRole('link', { name: 'Save' });
    expect(save.getAttribute('href')).toBe(src);
    expect(save.hasAttribute('download')).toBe(true);
  });

  it('shows a small image no smaller than its thumbnail, and one that fits at its own size', () => {
    expect(open(40, 40).level()).toBe('450%');
    cleanup();
    expect(open(600, 400).placed()).toEqual({ width: 600, height: 400, x: 0, y: 0 });
  });

  it('zooms around the centre with the keys and the buttons, and 0 resets', () => {
    const { stage, level } = open(4000, 3000);
    fireEvent.keyDown(stage, { key: '+' });
    expect(level()).toBe('31%');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(level()).toBe('39%');
    expect(screen.getByRole('button', { name: 'Reset zoom' }).getAttribute('aria-disabled')).toBe('false');
    fireEvent.keyDown(stage, { key: '-' });
    expect(level()).toBe('31%');
    fireEvent.keyDown(stage, { key: '0' });
    expect(level()).toBe('25%');
    fireEvent.keyDown(stage, { key: '=' });
    fireEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(level()).toBe('25%');
  });

  it('zooms with the wheel around the pointer, instead of scrolling', () => {
    const { stage, level, placed } = open(4000, 3000);
    const scrolled = fireEvent.wheel(stage, { deltaY: -100, clientX: 800, clientY: 400 });
    expect(scrolled).toBe(false);
    expect(level()).toBe('31%');
    // The pointer is 300 px right of the centre: the image point under it stays under it.
    expect(placed().x).toBeCloseTo(300 - 300 * 1.25);
    fireEvent.wheel(stage, { deltaY: 100, clientX: 800, clientY: 400 });
    expect(placed()).toEqual({ width: 1000, height: 750, x: 0, y: 0 });
  });

  it('moves a zoomed image by dragging and with the arrow keys, never past its edges', () => {
    const { stage, placed } = open(4000, 3000);
    fireEvent.pointerDown(stage, { clientX: 500, clientY: 400, pointerId: 1 });
    fireEvent.pointerMove(stage, { clientX: 600, clientY: 450, pointerId: 1 });
    expect(placed()).toMatchObject({ x: 0, y: 0 }); // fitted: nothing to move
    fireEvent.pointerUp(stage, { pointerId: 1 });

    fireEvent.keyDown(stage, { key: '+' });
    fireEvent.keyDown(stage, { key: '+' }); // 1562.5 × 1171.875
    fireEvent.pointerDown(stage, { clientX: 500, clientY: 400, pointerId: 1 });
    expect(stage.className).toContain('dragging');
    fireEvent.pointerMove(stage, { clientX: 600, clientY: 450, pointerId: 1 });
    expect(placed()).toMatchObject({ x: 100, y: 50 });
    fireEvent.pointerMove(stage, { clientX: 2600, clientY: 450, pointerId: 1 });
    expect(placed().x).toBeCloseTo((1562.5 - 1000) / 2);
    fireEvent.pointerUp(stage, { pointerId: 1 });
    expect(stage.className).not.toContain('dragging');

    fireEvent.keyDown(stage, { key: 'ArrowRight' });
    expect(placed().x).toBeCloseTo((1562.5 - 1000) / 2 - 48);
  });

  it('zooms in on a double click, and a second one goes back to the fitted view', () => {
    const { stage, level } = open(4000, 3000);
    fireEvent.doubleClick(stage, { clientX: 500, clientY: 400 });
    expect(level()).toBe('50%');
    fireEvent.doubleClick(stage, { clientX: 500, clientY: 400 });
    expect(level()).toBe('25%');
  });

  it('closes with Escape and with its Close button', () => {
    const { stage, onClose } = open(4000, 3000);
    fireEvent.keyDown(stage, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('speaks Chinese, and says so when the image cannot be shown', () => {
    useSettings.setState({ language: 'zh-CN' });
    render(<ImageViewer src={src} alt="图片" onClose={vi.fn()} />);
    expect(screen.getByRole('dialog', { name: '查看图片' })).toBeTruthy();
    for (const name of ['放大', '缩小', '还原', '关闭']) expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.getByRole('link', { name: '保存' })).toBeTruthy();
    fireEvent.error(screen.getByRole('img', { name: '图片' }));
    expect(screen.getByText('图片无法显示')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '放大' })).toBeNull();
    expect(screen.getByRole('button', { name: '关闭' })).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import {
  canPan,
  clampView,
  fittedScale,
  fittedView,
  isZoomed,
  nextZoom,
  panBy,
  scaleLimits,
  thumbnailScale,
  wheelFactor,
  zoomAt,
  ZOOM_STEP,
  type Size,
} from './image-zoom.js';

const stage: Size = { width: 1000, height: 800 };
const photo: Size = { width: 4000, height: 3000 };
const screenshot: Size = { width: 600, height: 400 };
const icon: Size = { width: 40, height: 40 };

describe('the fitted view', () => {
  it('shrinks a large image to fit the stage', () => {
    expect(fittedScale(photo, stage)).toBe(0.25);
    expect(fittedView(photo, stage)).toEqual({ scale: 0.25, x: 0, y: 0 });
  });

  it('shows an image that fits at its natural size, not blown up', () => {
    expect(fittedScale(screenshot, stage)).toBe(1);
  });

  it('never shows a small image smaller than its thumbnail', () => {
    expect(thumbnailScale(icon)).toBe(4.5);
    expect(fittedScale(icon, stage)).toBe(4.5);
    // A narrow image: its thumbnail is at least 90 px wide.
    expect(fittedScale({ width: 10, height: 150 }, stage)).toBe(5.333333333333333);
  });

  it('still fits the whole image when the stage is smaller than the thumbnail would be', () => {
    expect(fittedScale(icon, { width: 100, height: 100 })).toBe(2.5);
  });
});

describe('zooming', () => {
  it('goes from the fitted view to eight times the natural size, or four times the fitted view', () => {
    expect(scaleLimits(photo, stage)).toEqual({ min: 0.25, max: 8 });
    expect(scaleLimits(icon, stage)).toEqual({ min: 4.5, max: 18 });
    const fitted = fittedView(photo, stage);
    expect(zoomAt(fitted, 1 / ZOOM_STEP, { x: 0, y: 0 }, photo, stage)).toEqual(fitted);
    expect(zoomAt({ scale: 7, x: 0, y: 0 }, 2, { x: 0, y: 0 }, photo, stage).scale).toBe(8);
  });

  it('keeps the point under the pointer where it is', () => {
    const fitted = fittedView(photo, stage);
    const pointer = { x: 200, y: -100 };
    const zoomed = zoomAt(fitted, 2, pointer, photo, stage);
    expect(zoomed.scale).toBe(0.5);
    // The image point under the pointer, before and after: (pointer − centre) / scale.
    expect((pointer.x - zoomed.x) / zoomed.scale).toBeCloseTo((pointer.x - fitted.x) / fitted.scale);
    expect((pointer.y - zoomed.y) / zoomed.scale).toBeCloseTo((pointer.y - fitted.y) / fitted.scale);
  });

  it('zooms around the centre with the keys and buttons', () => {
    expect(zoomAt(fittedView(photo, stage), ZOOM_STEP, { x: 0, y: 0 }, photo, stage)).toEqual({
      scale: 0.25 * ZOOM_STEP,
      x: 0,
      y: 0,
    });
  });

  it('turns a wheel notch into about one key press, down to zoom out', () => {
    expect(wheelFactor(-100, 0)).toBeCloseTo(ZOOM_STEP);
    expect(wheelFactor(100, 0)).toBeCloseTo(1 / ZOOM_STEP);
    expect(wheelFactor(-3, 1)).toBeCloseTo(wheelFactor(-48, 0));
  });
});

describe('panning', () => {
  const zoomed = { scale: 0.5, x: 0, y: 0 }; // 2000 × 1500 on a 1000 × 800 stage

  it('moves a zoomed image, but not past its edges', () => {
    expect(canPan(zoomed, photo, stage)).toBe(true);
    expect(panBy(zoomed, 300, -200, photo, stage)).toEqual({ scale: 0.5, x: 300, y: -200 });
    expect(panBy(zoomed, 5000, -5000, photo, stage)).toEqual({ scale: 0.5, x: 500, y: -350 });
  });

  it('keeps an image centred along a side where it is smaller than the stage', () => {
    const wide = { width: 4000, height: 1000 };
    const view = clampView({ scale: 0.5, x: 0, y: 0 }, wide, stage); // 2000 × 500
    expect(panBy(view, -100, 150, wide, stage)).toEqual({ scale: 0.5, x: -100, y: 0 });
  });

  it('does not move a fitted image', () => {
    const fitted = fittedView(photo, stage);
    expect(canPan(fitted, photo, stage)).toBe(false);
    expect(panBy(fitted, 40, 40, photo, stage)).toEqual(fitted);
  });
});

describe('the user’s view', () => {
  it('starts from the fitted view, and is fitted again (null) once back at its scale', () => {
    const zoomIn = (view: { scale: number; x: number; y: number }) => zoomAt(view, 2, { x: 0, y: 0 }, photo, stage);
    const zoomOut = (view: { scale: number; x: number; y: number }) => zoomAt(view, 0.5, { x: 0, y: 0 }, photo, stage);
    const zoomed = nextZoom(null, zoomIn, photo, stage);
    expect(zoomed).toEqual({ scale: 0.5, x: 0, y: 0 });
    expect(isZoomed(zoomed!, photo, stage)).toBe(true);
    expect(nextZoom(zoomed, zoomOut, photo, stage)).toBeNull();
  });

  it('keeps a zoomed view in bounds when the stage changes size', () => {
    const view = { scale: 0.5, x: 500, y: 350 };
    expect(clampView(view, photo, { width: 1800, height: 1400 })).toEqual({ scale: 0.5, x: 100, y: 50 });
  });
});

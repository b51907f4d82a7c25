/**
 * The image viewer's geometry, in CSS pixels. A view is the image's scale (1 = its natural
 * size) and where its centre is, measured from the centre of the stage that shows it.
 */
export interface Size {
  width: number;
  height: number;
}

export interface View {
  scale: number;
  x: number;
  y: number;
}

/** A point on the stage, measured from its centre. */
export interface Point {
  x: number;
  y: number;
}

/**
 * The thumbnail in a message is 180 px tall and at least 90 px wide, covering its box
 * (chat.css, `.image-thumb img`): the viewer never shows an image smaller than that.
 */
const THUMBNAIL_HEIGHT = 180;
const THUMBNAIL_MIN_WIDTH = 90;

/** How far one can zoom in: eight times the natural size, or four times the fitted view if that is more. */
const MAX_NATURAL_ZOOM = 8;
const MAX_FITTED_ZOOM = 4;

/** One press of a zoom key or button. */
export const ZOOM_STEP = 1.25;

/** The scale at which the image covers the thumbnail's box, as the thumbnail shows it. */
export function thumbnailScale(image: Size): number {
  return Math.max(THUMBNAIL_HEIGHT / image.height, THUMBNAIL_MIN_WIDTH / image.width);
}

/**
 * The scale the viewer opens at: the natural size, shrunk to fit the stage if it is larger,
 * and never below the thumbnail's (a small image, blown up there, would otherwise shrink on
 * opening), unless the whole image would then not fit the stage.
 */
export function fittedScale(image: Size, stage: Size): number {
  const fit = Math.min(stage.width / image.width, stage.height / image.height);
  return Math.min(fit, Math.max(1, thumbnailScale(image)));
}

/** The range of scales: from the fitted view (smaller shows nothing more) to well past it. */
export function scaleLimits(image: Size, stage: Size): { min: number; max: number } {
  const min = fittedScale(image, stage);
  return { min, max: Math.max(MAX_NATURAL_ZOOM, min * MAX_FITTED_ZOOM) };
}

export function fittedView(image: Size, stage: Size): View {
  return { scale: fittedScale(image, stage), x: 0, y: 0 };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Keeps the image where it can be seen: centred along a side where it is smaller than the
 * stage, and with no gap at the stage's edge along a side where it is larger.
 */
export function clampView(view: View, image: Size, stage: Size): View {
  const { min, max } = scaleLimits(image, stage);
  const scale = clamp(view.scale, min, max);
  const slackX = Math.max(0, (image.width * scale - stage.width) / 2);
  const slackY = Math.max(0, (image.height * scale - stage.height) / 2);
  // `+ 0` turns -0 into 0, so a centred view compares equal to the fitted one.
  return { scale, x: clamp(view.x, -slackX, slackX) + 0, y: clamp(view.y, -slackY, slackY) + 0 };
}

/** Zooms by `factor`, keeping the image point under `at` (the pointer, or the centre) where it is. */
export function zoomAt(view: View, factor: number, at: Point, image: Size, stage: Size): View {
  const { min, max } = scaleLimits(image, stage);
  const scale = clamp(view.scale * factor, min, max);
  const ratio = scale / view.scale;
  return clampView({ scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio }, image, stage);
}

export function panBy(view: View, dx: number, dy: number, image: Size, stage: Size): View {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, image, stage);
}

/** True when the image is larger than the stage along some side, so dragging moves it. */
export function canPan(view: View, image: Size, stage: Size): boolean {
  return image.width * view.scale > stage.width + 0.5 || image.height * view.scale > stage.height + 0.5;
}

/** True when the view is zoomed in from the fitted one. */
export function isZoomed(view: View, image: Size, stage: Size): boolean {
  return view.scale > fittedScale(image, stage) * 1.001;
}

/** How much a wheel turn zooms: a notch (about 100 px of scroll) is about one key press. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp((-pixels / 100) * Math.log(ZOOM_STEP));
}

/**
 * Applies a change to the user's view, where `null` stands for the fitted view (kept as
 * null so that it stays fitted when the stage changes size). A change that lands back on
 * the fitted scale is fitted again.
 */
export function nextZoom(current: View | null, change: (view: View) => View, image: Size, stage: Size): View | null {
  const next = change(current ? clampView(current, image, stage) : fittedView(image, stage));
  return isZoomed(next, image, stage) ? next : null;
}

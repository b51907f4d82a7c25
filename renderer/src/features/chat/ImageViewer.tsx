import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { Dialog } from '../../components/Dialog.js';
import { defineText, useText } from '../../i18n/text.js';
import {
  canPan,
  clampView,
  fittedView,
  nextZoom,
  panBy,
  scaleLimits,
  wheelFactor,
  zoomAt,
  ZOOM_STEP,
  type Point,
  type Size,
  type View,
} from './image-zoom.js';
import './image-viewer.css';

const viewerText = defineText({
  'zh-CN': {
    title: '查看图片',
    keys: '滚轮或 + − 键缩放，0 键或双击还原；放大后可拖动或用方向键移动。',
    zoomIn: '放大',
    zoomOut: '缩小',
    zoomLevel: '缩放比例',
    reset: '还原',
    save: '保存',
    close: '关闭',
    unavailable: '图片无法显示',
  },
  en: {
    title: 'Image viewer',
    keys: 'Zoom with the wheel or the + and − keys; 0 or a double click resets. Drag or use the arrow keys to move a zoomed image.',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    zoomLevel: 'Zoom level',
    reset: 'Reset zoom',
    save: 'Save',
    close: 'Close',
    unavailable: 'The image cannot be shown',
  },
});

/** How far an arrow key moves a zoomed image. */
const PAN_STEP = 48;
const CENTRE: Point = { x: 0, y: 0 };

/** The element's inner size, kept up to date as the window changes. */
function useSize(ref: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const element = ref.current!;
    const measure = () =>
      setSize((old) =>
        old?.width === element.clientWidth && old.height === element.clientHeight
          ? old
          : { width: element.clientWidth, height: element.clientHeight },
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Where an event happened on the element, from its centre. */
function pointOn(element: HTMLElement, event: { clientX: number; clientY: number }): Point {
  const box = element.getBoundingClientRect();
  return { x: event.clientX - box.left - box.width / 2, y: event.clientY - box.top - box.height / 2 };
}

/**
 * An image at full size, in a modal dialog: it opens fitted to the window (a small image at
 * its own size, never smaller than its thumbnail), zooms with the wheel (around the pointer),
 * the + and − keys and buttons (around the centre), moves by dragging or with the arrow keys
 * once zoomed, and goes back to the fitted view with 0 or a double click. Escape closes it.
 */
export function ImageViewer({ src, alt, onClose }: { src: string; alt: string; onClose: () => void }) {
  const t = useText(viewerText);
  const keysId = useId();
  const stageRef = useRef<HTMLDivElement>(null);
  const stage = useSize(stageRef);
  const [image, setImage] = useState<Size | null>(null);
  const [broken, setBroken] = useState(false);
  // The view the user zoomed or moved to; null while the image is fitted, so that it stays
  // fitted when the window changes size.
  const [zoomed, setZoomed] = useState<View | null>(null);
  const drag = useRef<{ pointer: number; x: number; y: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  const view = image && stage ? (zoomed ? clampView(zoomed, image, stage) : fittedView(image, stage)) : null;

  function update(change: (view: View, image: Size, stage: Size) => View) {
    if (image && stage) setZoomed((current) => nextZoom(current, (v) => change(v, image, stage), image, stage));
  }
  const zoomBy = (factor: number, at = CENTRE) => update((v, i, s) => zoomAt(v, factor, at, i, s));
  const reset = () => setZoomed(null);

  // The wheel zooms instead of scrolling the page (or zooming it, with Ctrl): only a
  // listener that is not passive may prevent that.
  useEffect(() => {
    const element = stageRef.current!;
    if (!image || !stage) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const at = pointOn(element, event);
      const factor = wheelFactor(event.deltaY, event.deltaMode);
      setZoomed((current) => nextZoom(current, (v) => zoomAt(v, factor, at, image, stage), image, stage));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [image, stage]);

  const pannable = image !== null && stage !== null && view !== null && canPan(view, image, stage);
  const limits = image && stage && scaleLimits(image, stage);

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [PAN_STEP, 0],
      ArrowRight: [-PAN_STEP, 0],
      ArrowUp: [0, PAN_STEP],
      ArrowDown: [0, -PAN_STEP],
    };
    if (event.key === '+' || event.key === '=') zoomBy(ZOOM_STEP);
    else if (event.key === '-' || event.key === '_') zoomBy(1 / ZOOM_STEP);
    else if (event.key === '0') reset();
    else if (event.key in arrows && pannable) update((v, i, s) => panBy(v, ...arrows[event.key]!, i, s));
    else return;
    event.preventDefault();
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 || !pannable) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
    setDragging(true);
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const from = drag.current;
    if (!from || from.pointer !== event.pointerId) return;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    drag.current = { ...from, x: event.clientX, y: event.clientY };
    update((v, i, s) => panBy(v, dx, dy, i, s));
  }

  function endDrag() {
    drag.current = null;
    setDragging(false);
  }

  /** A double click goes back to the fitted view, or from it zooms in on the point clicked. */
  function onDoubleClick(event: { clientX: number; clientY: number }) {
    if (zoomed) reset();
    else zoomBy(2, pointOn(stageRef.current!, event));
  }

  const stageClasses = ['viewer-stage', pannable ? 'pannable' : '', dragging ? 'dragging' : ''];
  const atMin = !view || !limits || view.scale <= limits.min * 1.001;
  const atMax = !view || !limits || view.scale >= limits.max * 0.999;

  return (
    <Dialog title={t('title')} hideTitle className="viewer" onClose={onClose}>
      <div className="viewer-frame" onKeyDown={onKeyDown}>
        {/* First in the dialog, so it takes the focus when the dialog opens: the keys work at once. */}
        <div
          ref={stageRef}
          className={stageClasses.join(' ').trim()}
          role="group"
          aria-label={alt}
          aria-describedby={keysId}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onDoubleClick={onDoubleClick}
        >
          {broken ? (
            <p className="viewer-unavailable">{t('unavailable')}</p>
          ) : (
            <img
              className={view ? 'viewer-image' : 'viewer-image loading'}
              src={src}
              alt={alt}
              draggable={false}
              onLoad={(event) => {
                const { naturalWidth, naturalHeight } = event.currentTarget;
                if (naturalWidth > 0 && naturalHeight > 0) setImage({ width: naturalWidth, height: naturalHeight });
              }}
              onError={() => setBroken(true)}
              style={
                view && image
                  ? {
                      width: image.width * view.scale,
                      height: image.height * view.scale,
                      transform: `translate(${view.x - (image.width * view.scale) / 2}px, ${view.y - (image.height * view.scale) / 2}px)`,
                    }
                  : undefined
              }
            />
          )}
        </div>
        <p id={keysId} className="visually-hidden">
          {t('keys')}
        </p>
        <div className="viewer-toolbar">
          {!broken && (
            <>
              <button
                type="button"
                aria-label={t('zoomOut')}
                title={`${t('zoomOut')} (−)`}
                aria-keyshortcuts="-"
                aria-disabled={atMin}
                onClick={() => zoomBy(1 / ZOOM_STEP)}
              >
                <span aria-hidden="true">−</span>
              </button>
              <output className="viewer-level" aria-label={t('zoomLevel')}>
                {view ? `${Math.round(view.scale * 100)}%` : ''}
              </output>
              <button
                type="button"
                aria-label={t('zoomIn')}
                title={`${t('zoomIn')} (+)`}
                aria-keyshortcuts="+"
                aria-disabled={atMax}
                onClick={() => zoomBy(ZOOM_STEP)}
              >
                <span aria-hidden="true">+</span>
              </button>
              <button
                type="button"
                title={`${t('reset')} (0)`}
                aria-keyshortcuts="0"
                aria-disabled={!zoomed}
                onClick={reset}
              >
                {t('reset')}
              </button>
              <a className="viewer-save" href={src} download>
                {t('save')}
              </a>
            </>
          )}
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

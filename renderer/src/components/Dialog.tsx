import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useText } from '../i18n/text.js';
import { commonText } from './common-text.js';

const FIELDS = 'input:not([type=hidden]):not(:disabled), textarea:not(:disabled), select:not(:disabled)';

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside it and makes the
 * rest of the page inert. It opens on its first field and gives focus back to what opened
 * it; Escape and a click on the backdrop close it. Its name is its title, shown as its
 * heading unless `hideTitle` (an image viewer, say, has no room for one).
 */
export function Dialog({
  title,
  hideTitle = false,
  closeButton = false,
  describedBy,
  className,
  onClose,
  children,
}: {
  title: string;
  hideTitle?: boolean;
  /** A ✕ beside the title, for dialogs without a cancel button of their own. */
  closeButton?: boolean;
  /** The id of the element that says what the dialog is about. */
  describedBy?: string;
  className?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const common = useText(commonText);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // The browser would focus the first button (often "close"); a field to type in is what people want.
    dialog.querySelector<HTMLElement>(FIELDS)?.focus();
    return () => {
      dialog.close();
      // Given back by hand: browsers differ on whether close() restores it.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const header = (!hideTitle || closeButton) && (
    <div className="dialog-header">
      {!hideTitle && <h2 id={titleId}>{title}</h2>}
      {closeButton && (
        <button type="button" className="dialog-close" aria-label={common('close')} onClick={onClose}>
          ✕
        </button>
      )}
    </div>
  );

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={hideTitle ? undefined : titleId}
      aria-label={hideTitle ? title : undefined}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        // A search field would otherwise take Escape for itself (clearing its text).
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // The body fills the dialog, so a click on the dialog itself is one on the backdrop.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="dialog-body">
        {header}
        {children}
      </div>
    </dialog>
  );
}

/** The foot of a dialog that does something: why its last try failed, Cancel, then its own buttons. */
export function DialogActions({
  error,
  onCancel,
  children,
}: {
  error: string | null;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const common = useText(commonText);
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {common('cancel')}
        </button>
        {children}
      </div>
    </>
  );
}

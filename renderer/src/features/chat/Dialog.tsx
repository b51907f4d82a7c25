import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside it, makes the
 * rest of the page inert and gives focus back where it was when it closes. Escape and a
 * click on the backdrop (outside the body) close it.
 */
export function Dialog({
  title,
  onClose,
  className,
  children,
}: {
  title: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current!;
    dialog.showModal();
    // The browser would focus the first button (often "close"); a field to type in is what people want.
    dialog.querySelector<HTMLElement>('input, textarea')?.focus();
    // Closed while still in the page, so the browser restores the focus it saved.
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `chat-dialog ${className}` : 'chat-dialog'}
      aria-label={title}
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
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="chat-dialog-body">{children}</div>
    </dialog>
  );
}

// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSettings } from '../state/settings.js';
import { Dialog } from './Dialog.js';
import { openDialogsInJsdom } from '../testing/dialogs.js';

openDialogsInJsdom();
beforeEach(() => useSettings.setState({ language: 'en' }));
afterEach(cleanup);

/** A page with a button that opens a dialog holding a field, as the app's dialogs do. */
function Page({ onClose = () => undefined }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  const close = () => {
    onClose();
    setOpen(false);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Rename
      </button>
      {open && (
        <Dialog title="Rename the project" describedBy="why" onClose={close}>
          <p id="why">Everyone in it sees the new name.</p>
          <button type="button">Help</button>
          <input aria-label="Name" />
          <button type="button" onClick={close}>
            Cancel
          </button>
        </Dialog>
      )}
    </>
  );
}

function openDialog(onClose?: () => void) {
  render(<Page onClose={onClose} />);
  const opener = screen.getByRole('button', { name: 'Rename' });
  opener.focus();
  fireEvent.click(opener);
  return { opener, dialog: screen.getByRole('dialog', { name: 'Rename the project' }) };
}

describe('the dialog', () => {
  it('opens modally, named by its heading and described by the given text', () => {
    const { dialog } = openDialog();
    expect(HTMLDialogElement.prototype.showModal).toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'Rename the project' })).toBeTruthy();
    expect(dialog.getAttribute('aria-describedby')).toBe('why');
  });

  it('puts focus on its first field, not its first button, and gives it back to the opener on close', () => {
    const { opener } = openDialog();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Escape, even from a field that would keep the key for itself', () => {
    const onClose = vi.fn();
    const { opener } = openDialog(onClose);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Name' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes when the browser cancels it, without closing itself behind the page’s back', () => {
    const onClose = vi.fn();
    const { dialog } = openDialog(onClose);
    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(dialog, cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes on a click on the backdrop, not on one inside', () => {
    const onClose = vi.fn();
    const { dialog } = openDialog(onClose);
    fireEvent.click(screen.getByRole('button', { name: 'Help' }));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(dialog);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('can be named without a visible title, and offer a close button of its own', () => {
    const onClose = vi.fn();
    render(
      <Dialog title="Image" hideTitle closeButton className="image-viewer" onClose={onClose}>
        <img alt="A photo" src="data:," />
      </Dialog>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Image' });
    expect(dialog.className).toBe('dialog image-viewer');
    expect(screen.queryByRole('heading')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

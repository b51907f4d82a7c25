import { useEffect, useRef, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useText } from '../../i18n/text.js';
import { chatText } from './chat-text.js';
import { useDraft, useDrafts } from './drafts.js';
import { IMAGE_TYPES } from './upload.js';

/** The server's limit on a message's text. */
const MAX_TEXT = 10_000;

/** A framed picture, drawn: an emoji would be a box on a machine without an emoji font. */
function PictureIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM3 16l5-5 5 5 3-3 5 5M17 9a1.5 1.5 0 1 1-3 0a1.5 1.5 0 1 1 3 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line (and Enter while an
 * input method is composing picks the candidate, it does not send). The text is kept as
 * a draft per window until it is sent. A pasted image is sent as an image.
 */
export function Composer({
  cId,
  me,
  onSend,
  onFiles,
}: {
  cId: number;
  me: number;
  onSend: (text: string) => void;
  onFiles: (files: File[]) => void;
}) {
  const t = useText(chatText);
  const draft = useDraft(me, cId);
  const setDraft = useDrafts((s) => s.setDraft);
  const field = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  // Opening a window is a request to write in it.
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, [cId]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) return;
    onSend(text);
    setDraft(me, cId, '');
    field.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...event.clipboardData.files].filter((file) => file.type.startsWith('image/'));
    if (files.length === 0) return;
    event.preventDefault();
    onFiles(files);
  }

  return (
    <form className="composer" onSubmit={submit}>
      <button
        type="button"
        className="icon-button composer-attach"
        aria-label={t('attachImage')}
        title={t('attachImage')}
        onClick={() => picker.current?.click()}
      >
        <PictureIcon />
      </button>
      <input
        ref={picker}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        multiple
        hidden
        aria-label={t('attachImage')}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <textarea
        ref={field}
        className="composer-field"
        aria-label={t('message')}
        placeholder={t('placeholder')}
        rows={1}
        maxLength={MAX_TEXT}
        value={draft}
        onChange={(event) => setDraft(me, cId, event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      <button type="submit" className="primary" disabled={draft.trim() === ''}>
        {t('send')}
      </button>
    </form>
  );
}

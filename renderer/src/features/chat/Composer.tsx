import { useEffect, useRef, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useText } from '../../i18n/text.js';
import { chatText } from './chat-text.js';
import { useDraft, useDrafts } from './drafts.js';
import { IMAGE_TYPES } from './upload.js';

/** The server's limit on a message's text. */
const MAX_TEXT = 10_000;

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
        <span aria-hidden="true">🖼</span>
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

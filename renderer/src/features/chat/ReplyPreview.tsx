import type { ChatMessage } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { chatText } from './chat-text.js';
import { composerText } from './composer-text.js';
import { summary } from './summary.js';

export function CloseIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="m4 4 8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** The message a reply answers, quoted above the composer: who wrote it, one line of it, and ✕ to not reply after all. */
export function ReplyPreview({ target, name, onCancel }: { target: ChatMessage; name: string; onCancel: () => void }) {
  const t = useText(composerText);
  const tc = useText(chatText);
  const heading = t('replyingTo', { name });
  return (
    <div className="reply-preview" role="group" aria-label={heading}>
      <div className="reply-preview-text">
        <span className="reply-preview-name">{heading}</span>
        <span className="reply-preview-summary">{summary(target, tc)}</span>
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={t('cancelReply')}
        title={t('cancelReply')}
        aria-keyshortcuts="Escape"
        onClick={onCancel}
      >
        <CloseIcon />
      </button>
    </div>
  );
}

import { OutlineIcon } from '../../components/OutlineIcon.js';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useText } from '../../i18n/text.js';
import { attachFiles, megabytes, useRefusedFiles, type Refusal } from './attachments.js';
import type { ListedWindow } from './chat-cache.js';
import { chatText } from './chat-text.js';
import { composerText } from './composer-text.js';
import './composer.css';
import { useDraft, useDrafts } from './drafts.js';
import { MentionList, useMentionPicker } from './MentionPicker.js';
import { mentionsIn, type Mentionable } from './mentions.js';
import { sendText, sendVoice, type Extras } from './outbox.js';
import { useGroupProject, usePeople } from './people.js';
import { ReplyPreview, CloseIcon } from './ReplyPreview.js';
import { takeReplyTarget, useReplyTarget, useReplyTargets } from './reply-target.js';
import { UploadTray } from './UploadTray.js';
import type { RecordingOutcome } from './voice-recorder.js';
import { VoiceButton } from './VoiceButton.js';

/** The server's limit on a message's text. */
const MAX_TEXT = 10_000;

/** A paper clip. */
const PAPER_CLIP =
  'm20 11.5-7.8 7.8a5 5 0 0 1-7.1-7.1l8.1-8.1a3.3 3.3 0 0 1 4.7 4.7l-8.1 8.1a1.7 1.7 0 0 1-2.4-2.4l7.5-7.5';

/**
 * Who can be mentioned in a group window: its project's members but me, and everyone at
 * once for the project's owner. Nobody in a one-to-one window.
 */
function useMentionables(window: ListedWindow | undefined, me: number, everyone: string): Mentionable[] {
  const project = useGroupProject(window).data;
  return useMemo(() => {
    if (!project) return [];
    const members: Mentionable[] = project.members
      .filter(({ user }) => user.id !== me)
      .map(({ user }) => ({ id: user.id, name: user.nickname, alias: user.userName }));
    return project.ownerId === me ? [{ id: 'all', name: everyone }, ...members] : members;
  }, [project, me, everyone]);
}

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line (and Enter while an input
 * method is composing picks the candidate, it does not send). The text is kept as a draft
 * per window until it is sent. It also sends files (picked or pasted; dropped on the pane),
 * voice messages, replies to the message chosen in a message's menu, and, in a group,
 * mentions picked after an `@`. `onSent`: something was queued, the pane shows the latest.
 */
export function Composer({
  cId,
  me,
  window,
  onSent,
}: {
  cId: number;
  me: number;
  window: ListedWindow | undefined;
  onSent: () => void;
}) {
  const t = useText(chatText);
  const tc = useText(composerText);
  const queryClient = useQueryClient();
  const draft = useDraft(me, cId);
  const setDraft = useDrafts((s) => s.setDraft);
  const field = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const replyTarget = useReplyTarget(cId);
  const people = usePeople(window);
  const [caret, setCaret] = useState(draft.length);
  const mention = useMentionPicker(useMentionables(window, me, tc('everyone')), draft, caret);
  const refused = useRefusedFiles((s) => s.byWindow[cId]);
  const [voiceNotice, setVoiceNotice] = useState<string | null>(null);
  /** Where the caret goes once the text it belongs to is in the field. */
  const pendingCaret = useRef<number | null>(null);

  // Opening a window is a request to write in it, and so is choosing a message to reply to.
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, [cId, replyTarget]);

  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    field.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [draft]);

  /** The reply being written goes with whatever is sent next. */
  const withReply = (): Extras => {
    const replyTo = takeReplyTarget(cId);
    return replyTo ? { replyTo } : {};
  };

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) return;
    const mentions = mentionsIn(text, mention.chosen);
    sendText(queryClient, cId, me, text, { ...withReply(), ...(mentions.length > 0 ? { mentions } : {}) });
    mention.forget();
    setDraft(me, cId, '');
    onSent();
    field.current?.focus();
  }

  function attach(files: readonly File[]) {
    setVoiceNotice(null);
    if (attachFiles(queryClient, cId, me, files) > 0) onSent();
  }

  function onVoice(outcome: RecordingOutcome) {
    if (outcome.kind === 'clip') {
      setVoiceNotice(null);
      sendVoice(queryClient, cId, me, outcome.clip.blob, outcome.clip.seconds, withReply());
      onSent();
    } else
      setVoiceNotice(
        outcome.kind === 'too-short' ? tc('tooShort') : tc('microphoneUnavailable', { reason: outcome.reason }),
      );
  }

  function write(text: string, at: number) {
    pendingCaret.current = at;
    setCaret(at);
    setDraft(me, cId, text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const picked = mention.onKeyDown(event);
    if (typeof picked === 'object') return write(picked.text, picked.caret);
    if (picked) return;
    if (event.key === 'Escape' && replyTarget) {
      event.preventDefault();
      useReplyTargets.getState().clear(cId);
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    attach(files);
  }

  const refusalText = (refusal: Refusal) =>
    tc(refusal.reason === 'empty' ? 'empty' : 'tooLarge', { name: refusal.name, limit: megabytes(refusal.limit) });
  const notices = [...(refused ?? []).map(refusalText), ...(voiceNotice ? [voiceNotice] : [])];
  const replyName = replyTarget
    ? replyTarget.fromId === me
      ? tc('you')
      : (people.get(replyTarget.fromId)?.nickname ?? tc('someone'))
    : '';

  return (
    <div className="composer-area">
      <UploadTray cId={cId} />
      {notices.length > 0 && (
        <div className="composer-notices" role="alert">
          <ul>
            {notices.map((notice) => (
              <li key={notice}>{notice}</li>
            ))}
          </ul>
          <button
            type="button"
            className="icon-button"
            aria-label={tc('dismiss')}
            title={tc('dismiss')}
            onClick={() => {
              useRefusedFiles.getState().show(cId, []);
              setVoiceNotice(null);
            }}
          >
            <CloseIcon />
          </button>
        </div>
      )}
      {replyTarget && (
        <ReplyPreview
          target={replyTarget}
          name={replyName}
          onCancel={() => {
            useReplyTargets.getState().clear(cId);
            field.current?.focus();
          }}
        />
      )}
      {mention.open && (
        <MentionList
          picker={mention}
          label={tc('mentionList')}
          onChoose={(option) => {
            const { text, caret: at } = mention.choose(option);
            write(text, at);
          }}
        />
      )}
      <form className="composer" onSubmit={submit}>
        <button
          type="button"
          className="icon-button composer-attach"
          aria-label={tc('attach')}
          title={tc('attach')}
          onClick={() => picker.current?.click()}
        >
          <OutlineIcon d={PAPER_CLIP} />
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label={tc('attach')}
          onChange={(event) => {
            attach([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <VoiceButton onOutcome={onVoice} />
        <textarea
          ref={field}
          className="composer-field"
          aria-label={t('message')}
          placeholder={t('placeholder')}
          rows={1}
          maxLength={MAX_TEXT}
          value={draft}
          aria-autocomplete={window?.group ? 'list' : undefined}
          aria-controls={mention.open ? mention.listId : undefined}
          aria-activedescendant={mention.activeId}
          onChange={(event) => {
            setCaret(event.target.selectionStart);
            setDraft(me, cId, event.target.value);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="submit" className="primary" disabled={draft.trim() === ''}>
          {t('send')}
        </button>
      </form>
    </div>
  );
}

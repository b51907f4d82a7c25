import { useId, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { messageActionsApi } from '../../api/message-actions.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatMessage, UserCard } from '../../api/wire.js';
import { Avatar } from '../../components/Avatar.js';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useText } from '../../i18n/text.js';
import { useSession } from '../../state/session.js';
import { windowName } from './chat-cache.js';
import { chatText } from './chat-text.js';
import { actionsText } from './message-actions-text.js';
import './message-actions.css';
import { useEditMessage } from './message-mutations.js';
import type { MessageDialog } from './MessageMenu.js';
import { sendForward } from './outbox.js';
import { useWindowList } from './queries.js';

/**
 * Pick one or several chats and send each a copy of the message. Each copy goes through the
 * outbox like any message: shown at once in its chat, kept until the server has it, and one
 * chat refusing it does not stop the others.
 */
function ForwardDialog({ message, onClose }: { message: ChatMessage; onClose: () => void }) {
  const t = useText(actionsText);
  const queryClient = useQueryClient();
  const me = useSession((s) => s.user?.id);
  const { windows } = useWindowList();
  const [term, setTerm] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const wanted = term.trim().toLowerCase();
  const shown = wanted ? windows.filter((w) => windowName(w).toLowerCase().includes(wanted)) : windows;

  function toggle(id: number) {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setChosen(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (me === undefined) return;
    for (const w of windows) if (chosen.has(w.id)) sendForward(queryClient, w.id, me, message);
    onClose();
  }

  return (
    <Dialog title={t('forwardTitle')} className="forward-dialog" onClose={onClose}>
      <form onSubmit={submit}>
        <input
          type="search"
          aria-label={t('forwardFilter')}
          placeholder={t('forwardFilter')}
          value={term}
          onChange={(e) => setTerm(e.target.value)}
        />
        <fieldset className="forward-targets">
          <legend className="visually-hidden">{t('forwardTo')}</legend>
          {shown.map((w) => (
            <label key={w.id} className="forward-target">
              <input type="checkbox" checked={chosen.has(w.id)} onChange={() => toggle(w.id)} />
              <Avatar name={windowName(w)} image={w.user?.image} id={w.user?.id ?? w.id} size={28} />
              <span>{windowName(w)}</span>
            </label>
          ))}
        </fieldset>
        <DialogActions error={null} onCancel={onClose}>
          <button type="submit" className="primary" disabled={chosen.size === 0}>
            {chosen.size > 0 ? t('forwardSendCount', { count: chosen.size }) : t('forwardSend')}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** A text message changed in place; the same text changes nothing. */
function EditDialog({ message, onClose }: { message: ChatMessage; onClose: () => void }) {
  const t = useText(actionsText);
  const [text, setText] = useState(message.message);
  const edit = useEditMessage(message);
  const unchanged = text.trim() === '' || text === message.message;
  return (
    <Dialog title={t('editTitle')} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          edit.mutate(text, { onSuccess: onClose });
        }}
      >
        <textarea
          className="edit-field"
          aria-label={t('editField')}
          value={text}
          rows={4}
          maxLength={10_000}
          onChange={(e) => setText(e.target.value)}
        />
        <DialogActions
          error={edit.isError ? t('actionFailed', { reason: edit.error.message }) : null}
          onCancel={onClose}
        >
          <button type="submit" className="primary" disabled={unchanged || edit.isPending}>
            {t('save')}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function PersonList({
  heading,
  ids,
  people,
}: {
  heading: string;
  ids: readonly number[];
  people: Map<number, UserCard>;
}) {
  const t = useText(actionsText);
  const tc = useText(chatText);
  const headingId = useId();
  return (
    <section className="receipts-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {ids.length === 0 ? (
        <p className="muted">{t('nobody')}</p>
      ) : (
        <ul className="receipts-people">
          {ids.map((id) => {
            const name = people.get(id)?.nickname ?? tc('unknownSender', { id });
            return (
              <li key={id}>
                <Avatar name={name} image={people.get(id)?.image} id={id} size={24} />
                <bdi>{name}</bdi>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Who read the user's group message, who got it without reading, and who has yet to get it. */
function ReceiptsDialog({
  message,
  people,
  onClose,
}: {
  message: ChatMessage;
  people: Map<number, UserCard>;
  onClose: () => void;
}) {
  const t = useText(actionsText);
  const receipts = useQuery({
    queryKey: queryKeys.receipts(message.cId, message.id),
    queryFn: () => messageActionsApi.receipts(message.cId, message.id),
    staleTime: 0,
  });
  const data = receipts.data;
  return (
    <Dialog title={t('receiptsTitle')} className="receipts-dialog" closeButton onClose={onClose}>
      {receipts.error && (
        <p className="form-error" role="alert">
          {t('receiptsFailed', { reason: receipts.error.message })}
        </p>
      )}
      {data && (
        <>
          <PersonList
            heading={t('receiptsRead', { count: data.read.length })}
            ids={data.read.map((r) => r.userId)}
            people={people}
          />
          <PersonList
            heading={t('receiptsDelivered', { count: data.delivered.length })}
            ids={data.delivered.map((r) => r.userId)}
            people={people}
          />
          <PersonList
            heading={t('receiptsPending', { count: data.pending.length })}
            ids={data.pending}
            people={people}
          />
        </>
      )}
    </Dialog>
  );
}

/** The one dialog a message's menu (or its receipts) opened. */
export function MessageDialogView({
  dialog,
  people,
  onClose,
}: {
  dialog: MessageDialog;
  people: Map<number, UserCard>;
  onClose: () => void;
}) {
  switch (dialog.kind) {
    case 'forward':
      return <ForwardDialog message={dialog.message} onClose={onClose} />;
    case 'edit':
      return <EditDialog message={dialog.message} onClose={onClose} />;
    case 'receipts':
      return <ReceiptsDialog message={dialog.message} people={people} onClose={onClose} />;
  }
}

import { useId } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog.js';
import { useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { explainProjectError, type ProjectAction } from './project-errors.js';
import { projectsText } from './projects-text.js';

/** Asks before a destructive action; runs it, and says why if the server refuses. */
export function ConfirmDialog({
  title,
  detail,
  confirmLabel,
  action,
  run,
  onDone,
  onClose,
}: {
  title: string;
  detail: string;
  confirmLabel: string;
  action: ProjectAction;
  run: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
}) {
  const t = useText(projectsText);
  const detailId = useId();
  const mutation = useGuardedMutation({ mutationFn: run, onSuccess: onDone });
  return (
    <Dialog title={title} onClose={onClose} describedBy={detailId}>
      <p id={detailId}>{detail}</p>
      <DialogActions
        error={mutation.isError ? explainProjectError(mutation.error, action, t) : null}
        onCancel={onClose}
      >
        <button
          type="button"
          className="primary danger-fill"
          disabled={mutation.isPending}
          onClick={() => mutation.run()}
        >
          {mutation.isPending ? t('working') : confirmLabel}
        </button>
      </DialogActions>
    </Dialog>
  );
}

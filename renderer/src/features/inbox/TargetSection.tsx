import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useText } from '../../i18n/text.js';
import { fieldName, inboxText, targetLabel } from './inbox-text.js';
import { NotFound, openDestination } from './open-destination.js';
import { destinationOf, type Destination, type Target } from './params.js';

const GO_LABEL = {
  project: 'goProject',
  task: 'goTask',
  taskNamed: 'goTaskNamed',
  chat: 'goChat',
  person: 'goPerson',
} as const;

function goVars(destination: Destination): Record<string, string | number> {
  if (destination.kind === 'taskNamed') return { name: destination.name };
  if (destination.kind === 'person') return { id: destination.userId };
  return {};
}

/**
 * What a notification refers to: a way there when it is something of this app (a project,
 * a task, a chat), else a plain line saying the app has nothing to open for it.
 */
export function TargetSection({ target }: { target: Target }) {
  const t = useText(inboxText);
  const queryClient = useQueryClient();
  const id = useId();
  const destination = destinationOf(target);
  const [state, setState] = useState<'idle' | 'going' | 'notFound' | { failed: string }>('idle');

  function go(destination: Destination) {
    setState('going');
    openDestination(queryClient, destination).then(
      () => setState('idle'),
      (error: unknown) =>
        setState(
          error instanceof NotFound ? 'notFound' : { failed: error instanceof Error ? error.message : String(error) },
        ),
    );
  }

  return (
    <section aria-labelledby={`${id}-target`} className="inbox-target">
      <h3 id={`${id}-target`}>{t('refersTo')}</h3>
      <p className="inbox-target-ref">{targetLabel(t, target.ref)}</p>
      {target.fields.length > 1 && (
        <dl>
          {target.fields.map(({ key, value }) => (
            <div key={key}>
              <dt>{fieldName(t, key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {destination ? (
        <button type="button" className="inbox-go" disabled={state === 'going'} onClick={() => go(destination)}>
          {t(GO_LABEL[destination.kind], goVars(destination))}
        </button>
      ) : (
        <p className="inbox-target-note">{t('nothingToOpen')}</p>
      )}
      {state === 'notFound' && (
        <p className="form-error" role="alert">
          {t('targetNotFound')}
        </p>
      )}
      {typeof state === 'object' && (
        <p className="form-error" role="alert">
          {t('targetFailed', { reason: state.failed })}
        </p>
      )}
    </section>
  );
}

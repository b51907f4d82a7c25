import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import { useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { explainProjectError } from './project-errors.js';
import { refreshProject } from './project-queries.js';
import { projectsText } from './projects-text.js';

/** Publishing a task tells the other members (a type 6 offline message each). */
export function PublishTaskForm({
  projectId,
  onPublished,
}: {
  projectId: string;
  onPublished: (name: string) => void;
}) {
  const t = useText(projectsText);
  const inputId = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const publish = useGuardedMutation({
    mutationFn: (taskName: string) => projectsApi.publishTask(projectId, taskName),
    onSuccess: (task) => {
      refreshProject(queryClient, projectId);
      setName('');
      onPublished(task.name);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) publish.run(name.trim());
  }

  return (
    <form className="publish-task" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('taskName')}
      </label>
      <input
        id={inputId}
        value={name}
        maxLength={64}
        placeholder={t('taskName')}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" disabled={publish.isPending || !name.trim()}>
        {publish.isPending ? t('publishing') : t('publishTask')}
      </button>
      {publish.isError && (
        <p className="form-error" role="alert">
          {explainProjectError(publish.error, 'publish', t)}
        </p>
      )}
    </form>
  );
}

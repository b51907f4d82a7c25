import { useQueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import { SingleFieldForm } from '../../components/SingleFieldForm.js';
import { useText } from '../../i18n/text.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { explainProjectError } from './project-errors.js';
import { refreshProject } from './project-queries.js';
import { NAME_MAX_LENGTH } from './limits.js';
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
  const queryClient = useQueryClient();
  const publish = useGuardedMutation({
    mutationFn: (taskName: string) => projectsApi.publishTask(projectId, taskName),
    onSuccess: (task) => {
      refreshProject(queryClient, projectId);
      onPublished(task.name);
    },
  });

  return (
    <SingleFieldForm
      className="publish-task"
      label={t('taskName')}
      submitLabel={t('publishTask')}
      pendingLabel={t('publishing')}
      maxLength={NAME_MAX_LENGTH}
      pending={publish.isPending}
      error={publish.isError ? explainProjectError(publish.error, 'publish', t) : null}
      onSubmit={publish.run}
    />
  );
}

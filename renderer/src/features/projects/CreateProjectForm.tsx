import { useQueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Project } from '../../api/wire.js';
import { SingleFieldForm } from '../../components/SingleFieldForm.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { NAME_MAX_LENGTH } from './limits.js';
import { explainProjectError } from './project-errors.js';
import { projectsText } from './projects-text.js';

/** A name, and the project (with its group chat) exists. */
export function CreateProjectForm() {
  const t = useText(projectsText);
  const queryClient = useQueryClient();
  const openProject = useNavigation((s) => s.openProject);
  const create = useGuardedMutation({
    mutationFn: (projectName: string) => projectsApi.create(projectName),
    onSuccess: (project) => {
      queryClient.setQueryData<Project[]>(queryKeys.projects, (list) => list && [project, ...list]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.allWindows });
      openProject(project.id);
    },
  });

  return (
    <SingleFieldForm
      className="create-project"
      label={t('newProject')}
      submitLabel={t('create')}
      pendingLabel={t('creating')}
      primary
      maxLength={NAME_MAX_LENGTH}
      pending={create.isPending}
      error={create.isError ? explainProjectError(create.error, 'create', t) : null}
      onSubmit={create.run}
    />
  );
}

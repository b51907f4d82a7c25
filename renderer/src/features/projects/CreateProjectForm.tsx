import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { projectsApi } from '../../api/projects.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Project } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { useGuardedMutation } from './guarded-mutation.js';
import { explainProjectError } from './project-errors.js';
import { projectsText } from './projects-text.js';

/** A name, and the project (with its group chat) exists. */
export function CreateProjectForm() {
  const t = useText(projectsText);
  const inputId = useId();
  const queryClient = useQueryClient();
  const openProject = useNavigation((s) => s.openProject);
  const [name, setName] = useState('');
  const create = useGuardedMutation({
    mutationFn: (projectName: string) => projectsApi.create(projectName),
    onSuccess: (project) => {
      queryClient.setQueryData<Project[]>(queryKeys.projects, (list) => list && [project, ...list]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.allWindows });
      setName('');
      openProject(project.id);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.run(name.trim());
  }

  return (
    <form className="create-project" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('newProject')}
      </label>
      <input
        id={inputId}
        value={name}
        maxLength={64}
        placeholder={t('newProject')}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
        {create.isPending ? t('creating') : t('create')}
      </button>
      {create.isError && (
        <p className="form-error" role="alert">
          {explainProjectError(create.error, 'create', t)}
        </p>
      )}
    </form>
  );
}

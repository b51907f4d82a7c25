// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { projectsApi } from '../../api/projects.js';
import { useNavigation } from '../../state/navigation.js';
import { useSettings } from '../../state/settings.js';
import { parseTarget } from './params.js';
import { TargetSection } from './TargetSection.js';

const PROJECT = 'a'.repeat(32);
const TASK = 'b'.repeat(32);

// The project queries hold the client's functions from the start: the module is replaced whole.
vi.mock('../../api/projects.js', () => ({
  projectsApi: {
    list: vi.fn(async () => [{ id: 'a'.repeat(32), name: '官网改版' }]),
    detail: vi.fn(async (id: string) => ({
      id,
      tasks: [{ id: 'b'.repeat(32), projectId: id, name: '接口联调' }],
    })),
  },
}));

function show(params: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <TargetSection target={parseTarget(params)!} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  useSettings.setState({ language: 'zh-CN' });
  useNavigation.setState({ section: 'inbox', windowId: null, projectId: null });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('what a notification refers to', () => {
  it('a task named in the params opens in its project', async () => {
    show('{"taskName": "接口联调"}');
    fireEvent.click(screen.getByRole('button', { name: '在项目中打开任务“接口联调”' }));
    await waitFor(() => expect(useNavigation.getState()).toMatchObject({ section: 'projects', projectId: PROJECT }));
  });

  it('a task that is not in the user’s projects says so', async () => {
    show('{"taskName": "不存在的任务"}');
    fireEvent.click(screen.getByRole('button', { name: /不存在的任务/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/找不到这个任务/);
    expect(useNavigation.getState().section).toBe('inbox');
  });

  it('a task named by its id opens in its project too', async () => {
    show(`{"missionId": "${TASK}"}`);
    fireEvent.click(screen.getByRole('button', { name: '在项目中打开任务' }));
    await waitFor(() => expect(useNavigation.getState()).toMatchObject({ section: 'projects', projectId: PROJECT }));
    expect(projectsApi.detail).toHaveBeenCalledWith(PROJECT);
  });

  it('a project opens the project; a chat its window; a person the chat with them', async () => {
    show(`{"projectId": "${PROJECT}"}`);
    fireEvent.click(screen.getByRole('button', { name: '打开项目' }));
    await waitFor(() => expect(useNavigation.getState()).toMatchObject({ section: 'projects', projectId: PROJECT }));
    cleanup();
    show('{"cId": 7}');
    fireEvent.click(screen.getByRole('button', { name: '打开聊天' }));
    await waitFor(() => expect(useNavigation.getState()).toMatchObject({ section: 'chats', windowId: 7 }));
    cleanup();
    vi.spyOn(chatApi, 'open').mockResolvedValue({ id: 31 } as never);
    show('{"userId": 5}');
    fireEvent.click(screen.getByRole('button', { name: '与用户 #5 聊天' }));
    await waitFor(() => expect(useNavigation.getState()).toMatchObject({ section: 'chats', windowId: 31 }));
    expect(chatApi.open).toHaveBeenCalledWith(5);
  });

  it('an id of another system is shown, with a line saying the app cannot open it (no dead button)', () => {
    show('{"id": 12}');
    expect(screen.getByText('#12')).toBeDefined();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('它属于其他系统，本应用中没有可以打开它的页面。')).toBeDefined();
  });
});

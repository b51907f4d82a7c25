import { Type } from '@sinclair/typebox';
import { callerOf } from '../http/access.js';
import { dialectPlugin, extOk } from '../http/dialect.js';
import { HexId, IntegerId, OfflineId, PageLimit, Remark } from '../http/schemas.js';
import {
  candidateWire,
  invitationSentWire,
  invitationWire,
  projectDetailWire,
  projectWire,
  taskWire,
} from '../wire/present.js';
import {
  createProject,
  inviteToProject,
  inviteToTask,
  leaveProject,
  projectDetail,
  projectsOf,
  publishTask,
  reassignTask,
  removeMember,
} from '../domain/projects.js';
import { cancelInvitation, invitationFor, projectCandidates, projectInvitations } from '../domain/invitations.js';

const tags = ['projects'];
const ProjectParams = Type.Object({ pid: HexId('the project id') });
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });
const TaskParams = Type.Object({ mid: HexId('the task (mission) id') });
const InvitationBody = Type.Object({ userId: IntegerId('who is invited'), remark: Remark });
const InvitationParams = Type.Object({ id: OfflineId });

/** Projects, tasks and invitations (API.md §3). */
export const projectRoutes = dialectPlugin('ext', [], (app, { ctx }) => {
  app.post('/api/projects', { schema: { tags, body: Type.Object({ name: Name }) } }, async (request, reply) =>
    reply.code(201).send(extOk(projectWire(await createProject(ctx, callerOf(request), request.body.name.trim())))),
  );

  app.get('/api/projects', { schema: { tags } }, async (request) =>
    extOk((await projectsOf(ctx, callerOf(request))).map(projectWire)),
  );

  app.get('/api/projects/:pid', { schema: { tags, params: ProjectParams } }, async (request) => {
    const { project, members, tasks } = await projectDetail(ctx, callerOf(request), request.params.pid);
    return extOk(projectDetailWire(project, members, tasks));
  });

  app.post(
    '/api/projects/:pid/invitations',
    { schema: { tags, params: ProjectParams, body: InvitationBody } },
    async (request, reply) => {
      const { userId, remark } = request.body;
      const { invitation } = await inviteToProject(ctx, callerOf(request), request.params.pid, userId, remark);
      return reply.code(201).send(extOk(invitationSentWire(invitation)));
    },
  );

  app.delete(
    '/api/projects/:pid/members/:uid',
    { schema: { tags, params: Type.Object({ pid: HexId('the project id'), uid: IntegerId('the member') }) } },
    async (request) => {
      await removeMember(ctx, callerOf(request), request.params.pid, request.params.uid);
      return extOk(null);
    },
  );

  app.post('/api/projects/:pid/leave', { schema: { tags, params: ProjectParams } }, async (request) => {
    await leaveProject(ctx, callerOf(request), request.params.pid);
    return extOk(null);
  });

  app.post(
    '/api/projects/:pid/tasks',
    { schema: { tags, params: ProjectParams, body: Type.Object({ name: Name }) } },
    async (request, reply) =>
      reply
        .code(201)
        .send(extOk(taskWire(await publishTask(ctx, callerOf(request), request.params.pid, request.body.name.trim())))),
  );

  app.get('/api/projects/:pid/invitations', { schema: { tags, params: ProjectParams } }, async (request) =>
    extOk((await projectInvitations(ctx, callerOf(request), request.params.pid)).map(invitationWire)),
  );

  app.get(
    '/api/projects/:pid/candidates',
    {
      schema: {
        tags,
        params: ProjectParams,
        querystring: Type.Object({ q: Type.String({ maxLength: 64, default: '' }), limit: PageLimit(20) }),
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      return extOk((await projectCandidates(ctx, callerOf(request), request.params.pid, q, limit)).map(candidateWire));
    },
  );

  app.get('/api/invitations/:id', { schema: { tags, params: InvitationParams } }, async (request) =>
    extOk(invitationWire(await invitationFor(ctx, callerOf(request), request.params.id))),
  );

  app.post('/api/invitations/:id/cancel', { schema: { tags, params: InvitationParams } }, async (request) =>
    extOk(invitationWire(await cancelInvitation(ctx, callerOf(request), request.params.id))),
  );

  app.post(
    '/api/tasks/:mid/assignee',
    { schema: { tags, params: TaskParams, body: Type.Object({ userId: IntegerId('the new assignee') }) } },
    async (request) =>
      extOk(taskWire(await reassignTask(ctx, callerOf(request), request.params.mid, request.body.userId))),
  );

  app.post(
    '/api/tasks/:mid/invitations',
    { schema: { tags, params: TaskParams, body: InvitationBody } },
    async (request, reply) => {
      const { userId, remark } = request.body;
      const { invitation } = await inviteToTask(ctx, callerOf(request), request.params.mid, userId, remark);
      return reply.code(201).send(extOk(invitationSentWire(invitation)));
    },
  );
});

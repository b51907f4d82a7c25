import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { callerOf } from '../http/access.js';
import { extOk } from '../http/dialects.js';
import { HexId, IntegerId, Remark } from '../http/schemas.js';
import { isoTime } from '../http/time-format.js';
import { projectWire, taskWire, userCard } from '../http/wire.js';
import {
  createProject,
  inviteToProject,
  inviteToTask,
  leaveProject,
  projectDetail,
  projectsOf,
  publishTask,
  removeMember,
} from '../domain/projects.js';
import type { DomainContext } from '../domain/context.js';
import type { OfflineMessage } from '../domain/types.js';
import { typed, type RouteDeps } from './deps.js';

const tags = ['projects'];
const ProjectParams = Type.Object({ pid: HexId('the project id') });
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });
const InvitationBody = Type.Object({ userId: IntegerId('who is invited'), remark: Remark });

/** What the inviter sees of an invitation it sent: the invitee answers its offline message. */
function invitationSent(ctx: DomainContext, reply: FastifyReply, message: OfflineMessage) {
  const invitation = ctx.store.invitations.byOfflineMessage(message.id)!;
  return reply.code(201).send(
    extOk({
      kind: invitation.kind,
      projectId: invitation.projectId,
      taskId: invitation.taskId,
      inviteeId: invitation.inviteeId,
      remark: invitation.remark,
      state: invitation.state,
      created_at: isoTime(invitation.createdAt),
    }),
  );
}

/** Projects, tasks and invitations (API.md §3). */
export function registerProjectRoutes(server: FastifyInstance, { ctx }: RouteDeps) {
  const app = typed(server);

  app.post('/api/projects', { schema: { tags, body: Type.Object({ name: Name }) } }, async (request, reply) =>
    reply.code(201).send(extOk(projectWire(createProject(ctx, callerOf(request), request.body.name.trim())))),
  );

  app.get('/api/projects', { schema: { tags } }, async (request) =>
    extOk(projectsOf(ctx, callerOf(request)).map(projectWire)),
  );

  app.get('/api/projects/:pid', { schema: { tags, params: ProjectParams } }, async (request) => {
    const { project, members, tasks } = projectDetail(ctx, callerOf(request), request.params.pid);
    return extOk({
      ...projectWire(project),
      members: members.map((m) => ({ user: userCard(m.user), role: m.role, joined_at: isoTime(m.joinedAt) })),
      tasks: tasks.map(taskWire),
    });
  });

  app.post(
    '/api/projects/:pid/invitations',
    { schema: { tags, params: ProjectParams, body: InvitationBody } },
    async (request, reply) => {
      const { userId, remark } = request.body;
      return invitationSent(ctx, reply, inviteToProject(ctx, callerOf(request), request.params.pid, userId, remark));
    },
  );

  app.delete(
    '/api/projects/:pid/members/:uid',
    { schema: { tags, params: Type.Object({ pid: HexId('the project id'), uid: IntegerId('the member') }) } },
    async (request) => {
      removeMember(ctx, callerOf(request), request.params.pid, request.params.uid);
      return extOk(null);
    },
  );

  app.post('/api/projects/:pid/leave', { schema: { tags, params: ProjectParams } }, async (request) => {
    leaveProject(ctx, callerOf(request), request.params.pid);
    return extOk(null);
  });

  app.post(
    '/api/projects/:pid/tasks',
    { schema: { tags, params: ProjectParams, body: Type.Object({ name: Name }) } },
    async (request, reply) =>
      reply
        .code(201)
        .send(extOk(taskWire(publishTask(ctx, callerOf(request), request.params.pid, request.body.name.trim())))),
  );

  app.post(
    '/api/tasks/:mid/invitations',
    { schema: { tags, params: Type.Object({ mid: HexId('the task (mission) id') }), body: InvitationBody } },
    async (request, reply) => {
      const { userId, remark } = request.body;
      return invitationSent(ctx, reply, inviteToTask(ctx, callerOf(request), request.params.mid, userId, remark));
    },
  );
}

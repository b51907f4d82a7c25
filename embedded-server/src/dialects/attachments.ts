import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AttachmentWire } from '../contract/wire.js';
import { callerOf } from '../http/access.js';
import { dialectPlugin, extOk, httpFailure } from '../http/dialect.js';
import { attachmentUrl, signedViewer, type SignedQuery } from '../wire/signed-urls.js';
import { userOfToken } from '../domain/accounts.js';
import { attachmentBytes, readableAttachment, saveAttachment } from '../domain/attachments.js';
import type { Attachment } from '../domain/types.js';
import { invalid, unauthenticated } from '../domain/errors.js';
import { ATTACHMENT_MIMES, EXTENSION_OF, judgeFileType } from '../domain/file-types.js';
import type { DomainContext } from '../domain/context.js';

const tags = ['attachments'];

/** An upload may be this large; every other body keeps the server's 1 MiB limit. */
const ATTACHMENT_BODY_LIMIT = 10 * 1024 * 1024;

/** An attachment's bytes never change under its id, so the client may keep them. */
const CACHE_FOREVER = 'private, max-age=31536000, immutable';

const AttachmentParams = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{24}$', description: 'the attachment id (24 hex)' }),
});

const SignedUrlQuery = Type.Object({
  u: Type.Optional(Type.String({ description: 'signed URL: the viewer’s user id' })),
  exp: Type.Optional(Type.String({ description: 'signed URL: when it expires (epoch ms)' })),
  sig: Type.Optional(Type.String({ description: 'signed URL: HMAC-SHA256 of the above, hex' })),
});

const attachmentWire = (attachment: Attachment): AttachmentWire => ({
  id: attachment.id,
  url: attachmentUrl(attachment.id),
  size: attachment.size,
  mime: attachment.mime,
});

/**
 * The viewer of a download: the bearer token's user, or else the user a signed URL was
 * issued to. A token that is present decides on its own, so a bad one is never rescued
 * by a signature.
 */
function viewerOf(ctx: DomainContext, request: FastifyRequest, id: string, query: SignedQuery): number {
  if (request.bearer !== null) {
    const user = userOfToken(ctx, request.bearer);
    if (!user) throw unauthenticated('invalid or expired token');
    return user.id;
  }
  const viewerId = signedViewer(id, query, ctx.now());
  if (viewerId === null) throw unauthenticated('missing bearer token, or a signed URL that is wrong or expired');
  return viewerId;
}

/** True when `If-None-Match` names this entity tag (weak or strong) or is `*`. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** Attachments (API.md §3): upload a raw image or voice clip, download it with a token or a signed URL. */
export const attachmentRoutes = dialectPlugin('ext', [], async (app, { ctx }) => {
  // A scope of its own: the raw-body parser below must not reach the JSON routes.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const scope = raw.withTypeProvider<TypeBoxTypeProvider>();

    scope.post(
      '/api/attachments',
      {
        bodyLimit: ATTACHMENT_BODY_LIMIT,
        schema: {
          tags,
          description: 'The body is the file itself (not JSON, not multipart); its type is checked from its bytes.',
          consumes: [...ATTACHMENT_MIMES, 'application/octet-stream'],
          body: Type.Unknown({ description: 'the file, at most 10 MiB' }),
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (bytes.length === 0) throw invalid('the body is empty: send the file itself as the body');
        const verdict = judgeFileType(bytes, request.headers['content-type']);
        if ('refused' in verdict) throw httpFailure(415, verdict.refused);
        const attachment = await saveAttachment(ctx, caller.id, bytes, verdict.mime);
        return reply.code(201).send(extOk(attachmentWire(attachment)));
      },
    );

    scope.get(
      '/api/attachments/:id',
      {
        // Public to the access hook only: the handler takes a bearer token or a signed URL itself.
        config: { access: 'public' },
        schema: { tags, params: AttachmentParams, querystring: SignedUrlQuery },
        // The server marks every API reply `no-store` before this runs; a served file may be kept.
        onSend: async (_request, reply) => {
          if (reply.statusCode === 200 || reply.statusCode === 304) reply.header('Cache-Control', CACHE_FOREVER);
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const attachment = readableAttachment(ctx, viewerOf(ctx, request, id, request.query), id);
        const etag = `"${attachment.sha256}"`;
        reply.header('ETag', etag);
        if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
        const bytes = await attachmentBytes(ctx, attachment);
        // X-Content-Type-Options: nosniff is on every reply of the server (app.ts).
        return reply
          .type(attachment.mime)
          .header('Content-Disposition', `inline; filename="${attachment.id}.${EXTENSION_OF[attachment.mime]}"`)
          .send(bytes);
      },
    );
  });
});

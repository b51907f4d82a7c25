import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AttachmentWire } from '../contract/wire.js';
import { callerOf } from '../http/access.js';
import { dialectPlugin, extOk } from '../http/dialect.js';
import { attachmentUrl, signedViewer, type SignedQuery } from '../wire/signed-urls.js';
import { isSignedIn, sessionOfToken } from '../domain/sessions.js';
import { attachmentBytes, readableAttachment, saveAttachment } from '../domain/attachments.js';
import type { Attachment } from '../domain/types.js';
import { unauthenticated } from '../domain/errors.js';
import { EXTENSION_OF, FILE_MIME, MEDIA_MIMES } from '../domain/file-types.js';
import type { DomainContext } from '../domain/context.js';
import { CACHE_FOREVER } from '../http/caching.js';

const tags = ['attachments'];

/** An attachment's bytes never change under its id, so the client may keep them. */

const AttachmentParams = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{24}$', description: 'the attachment id (24 hex)' }),
});

const SignedUrlQuery = Type.Object({
  u: Type.Optional(Type.String({ description: 'signed URL: the viewer’s user id' })),
  s: Type.Optional(Type.String({ description: 'signed URL: the viewer’s session id' })),
  exp: Type.Optional(Type.String({ description: 'signed URL: when it expires (epoch ms)' })),
  sig: Type.Optional(Type.String({ description: 'signed URL: HMAC-SHA256 of the above, hex' })),
});

const attachmentWire = (attachment: Attachment): AttachmentWire => ({
  id: attachment.id,
  url: attachmentUrl(attachment.id),
  size: attachment.size,
  mime: attachment.mime,
  name: attachment.fileName,
});

/**
 * The viewer of a download: the bearer token's user, or else the user a signed URL was
 * issued to. A token that is present decides on its own, so a bad one is never rescued
 * by a signature.
 */
async function viewerOf(ctx: DomainContext, request: FastifyRequest, id: string, query: SignedQuery): Promise<number> {
  if (request.bearer !== null) {
    const signedIn = await sessionOfToken(ctx, request.bearer);
    if (!signedIn) throw unauthenticated('invalid or expired token');
    return signedIn.user.id;
  }
  const viewer = signedViewer(id, query, ctx.now());
  if (viewer === null || !(await isSignedIn(ctx, viewer.userId, viewer.sessionId)))
    throw unauthenticated('missing bearer token, or a signed URL that is wrong, expired or signed out');
  return viewer.userId;
}

/**
 * How the browser takes a download: shown (images, audio) or saved. The given name travels
 * only in the RFC 5987 form, percent-encoded, so no character of it can break the header.
 */
function contentDisposition(attachment: Attachment): string {
  const kind = attachment.mime === FILE_MIME ? 'attachment' : 'inline';
  const fallback = `${attachment.id}.${EXTENSION_OF[attachment.mime]}`;
  const named = attachment.fileName ? `; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}` : '';
  return `${kind}; filename="${fallback}"${named}`;
}

/** True when `If-None-Match` names this entity tag (weak or strong) or is `*`. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * Attachments (API.md §3, §3b): upload a raw image, voice clip or any other file, download
 * it with a token or a signed URL.
 */
export const attachmentRoutes = dialectPlugin('ext', [], async (app, { ctx, uploadBytesPerDay }) => {
  // A scope of its own: the body of an upload is not parsed but streamed to disk, and that
  // must not reach the JSON routes.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const scope = raw.withTypeProvider<TypeBoxTypeProvider>();

    scope.post(
      '/api/attachments',
      {
        schema: {
          tags,
          description:
            'The body is the file itself (not JSON, not multipart). Its type is checked from its bytes: an image or ' +
            'audio type (at most 10 MiB) is served as itself, anything else (at most 50 MiB) only as a download.',
          consumes: [...MEDIA_MIMES, FILE_MIME],
          querystring: Type.Object({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'the file’s name' })),
          }),
          body: Type.Unknown({ description: 'the file' }),
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const length = Number(request.headers['content-length']);
        try {
          const upload = {
            body: request.raw,
            contentType: request.headers['content-type'],
            declaredLength: Number.isFinite(length) ? length : null,
            name: request.query.name?.trim() || null,
          };
          const attachment = await saveAttachment(ctx, caller.id, upload, uploadBytesPerDay);
          return reply.code(201).send(extOk(attachmentWire(attachment)));
        } catch (error) {
          // What is left of a refused body is not read: the connection ends with the answer.
          if (!request.raw.complete) reply.header('Connection', 'close');
          throw error;
        }
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
        const attachment = await readableAttachment(ctx, await viewerOf(ctx, request, id, request.query), id);
        const etag = `"${attachment.sha256}"`;
        reply.header('ETag', etag);
        if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
        const bytes = await attachmentBytes(ctx, attachment);
        // X-Content-Type-Options: nosniff is on every reply of the server (app.ts). A plain file
        // is only ever a download; an image or a voice clip is shown.
        return reply.type(attachment.mime).header('Content-Disposition', contentDisposition(attachment)).send(bytes);
      },
    );
  });
});

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../http/access.js';
import { extOk } from '../http/dialects.js';
import { PageLimit } from '../http/schemas.js';
import { isoTime } from '../http/time-format.js';
import type { NotificationWire } from '../http/wire.js';
import { search, SEARCH_TERM_MAX_LENGTH, type Highlight, type SearchHit } from '../domain/search.js';
import { typed, type RouteDeps } from './deps.js';

const tags = ['search'];

interface SearchResultCommon {
  id: number;
  /** The whole plain text: a message's body, a notification's content. */
  text: string;
  /** A plain-text excerpt around the first match, with '…' where it was cut. */
  snippet: string;
  /** Every occurrence of the term in `snippet`, as UTF-16 offsets: the client highlights without parsing HTML. */
  highlights: Highlight[];
  created_at: string | null;
}

export interface MessageSearchResultWire extends SearchResultCommon {
  kind: 'message';
  cId: number;
  fromId: number;
}

export interface NotificationSearchResultWire extends SearchResultCommon {
  kind: 'notification';
  title: string;
  type: number;
  status: NotificationWire['status'];
}

export type SearchResultWire = MessageSearchResultWire | NotificationSearchResultWire;

function searchResultWire(hit: SearchHit): SearchResultWire {
  const { snippet, highlights } = hit.excerpt;
  if (hit.kind === 'message') {
    const { message } = hit;
    return {
      kind: 'message',
      id: message.id,
      text: message.body,
      snippet,
      highlights,
      created_at: isoTime(message.createdAt),
      cId: message.windowId,
      fromId: message.fromId,
    };
  }
  const { notification } = hit;
  return {
    kind: 'notification',
    id: notification.id,
    text: notification.content,
    snippet,
    highlights,
    created_at: notification.createdAt === null ? null : isoTime(notification.createdAt),
    title: notification.title,
    type: notification.type,
    status: String(notification.status) as NotificationWire['status'],
  };
}

/** Search over the caller's chat messages and notifications (API.md §3 Search). */
export function registerSearchRoutes(server: FastifyInstance, { ctx }: RouteDeps) {
  const app = typed(server);

  app.get(
    '/api/search',
    {
      schema: {
        tags,
        querystring: Type.Object({
          // Trimming comes first, so the length rule is the domain's, not the schema's.
          q: Type.String({
            description: `the text to find, 1..${SEARCH_TERM_MAX_LENGTH} characters once trimmed, taken literally`,
          }),
          limit: PageLimit(20),
        }),
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      return extOk(search(ctx, callerOf(request), q, limit).map(searchResultWire));
    },
  );
}

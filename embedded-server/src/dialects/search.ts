import { Type } from '@sinclair/typebox';
import { callerOf } from '../http/access.js';
import { dialectPlugin, extOk } from '../http/dialect.js';
import { PageLimit } from '../http/schemas.js';
import { searchResultWire } from '../wire/present.js';
import { search, SEARCH_TERM_MAX_LENGTH } from '../domain/search.js';

const tags = ['search'];

/** Search over the caller's chat messages and notifications (API.md §3 Search). */
export const searchRoutes = dialectPlugin('ext', [], (app, { ctx }) => {
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
      return extOk((await search(ctx, callerOf(request), q, limit)).map(searchResultWire));
    },
  );
});

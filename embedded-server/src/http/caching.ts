/** For a response whose URL names its content (a hash): it never changes, so it is never asked for again. */
export const CACHE_FOREVER = 'private, max-age=31536000, immutable';

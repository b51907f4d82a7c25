import { call } from './http.js';
import type { BadgeCounts, SignedIn, UserProfile } from './wire.js';

/** Accounts and the user directory (API.md §3). */
export const accountsApi = {
  login: (username: string, password: string) =>
    call<SignedIn>('ext', 'POST', '/api/auth/login', { body: { username, password }, anonymous: true }),
  register: (username: string, password: string, nickname: string) =>
    call<SignedIn>('ext', 'POST', '/api/auth/register', { body: { username, password, nickname }, anonymous: true }),
  logout: () => call<null>('ext', 'POST', '/api/auth/logout'),
  directory: (q: string, limit = 20) =>
    call<UserProfile[]>('ext', 'GET', `/api/users?q=${encodeURIComponent(q)}&limit=${limit}`),
  counts: () => call<BadgeCounts>('ext', 'GET', '/api/counts'),
};

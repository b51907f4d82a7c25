import { Type } from '@sinclair/typebox';
import { ROLES } from '../contract/enums.js';

/** Pieces of request schema shared by the dialects. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;
export const IntegerId = (description = 'an integer id') => Type.Integer({ minimum: 1, maximum: MAX_ID, description });
export const PageLimit = (defaultValue: number) =>
  Type.Integer({ minimum: 1, maximum: 100, default: defaultValue, description: 'how many items, 1..100' });
export const HexId = (description: string) => Type.String({ pattern: '^[0-9a-f]{32}$', description });
export const OfflineId = Type.String({ pattern: '^[a-z][a-z0-9]{11}$', description: 'an offline message id' });
export const Remark = Type.String({ maxLength: 500, default: '' });

/** An account as `POST /api/auth/register` takes it (and a QA scenario's users). */
export const Username = Type.String({ pattern: '^[A-Za-z0-9_.-]{3,32}$', description: '3..32 letters, digits, _ . -' });
export const Password = Type.String({ minLength: 8, maxLength: 128 });
export const Nickname = Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' });
export const Role = Type.Union(ROLES.map((role) => Type.Literal(role)));

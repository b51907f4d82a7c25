import type { Db } from '../open.js';

export function createTokenRepository(db: Db) {
  const insert = db.prepare<[Buffer, number, number]>(
    'INSERT INTO tokens (hash, user_id, created_at) VALUES (?, ?, ?)',
  );
  const owner = db.prepare<[Buffer], { userId: number }>('SELECT user_id AS userId FROM tokens WHERE hash = ?');
  const remove = db.prepare<[Buffer]>('DELETE FROM tokens WHERE hash = ?');

  return {
    insert: (hash: Buffer, userId: number, createdAt: number) => void insert.run(hash, userId, createdAt),
    ownerOf: (hash: Buffer) => owner.get(hash)?.userId,
    remove: (hash: Buffer) => void remove.run(hash),
  };
}

export type TokenRepository = ReturnType<typeof createTokenRepository>;

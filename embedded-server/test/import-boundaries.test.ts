import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The rooms of docs/architecture.md are enforced by the lint run (`eslint.config.js`).
 * Each case plants one import in a file of a room and checks the verdict, so a rule that
 * stops matching (a renamed folder, a broken pattern) fails here and not silently.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
// The planted files are in no TypeScript project, so the rules that need types are left out.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: `${root}${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

type Case = [file: string, source: string];

const refused: Case[] = [
  ['renderer/src/features/chat/planted.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer/src/features/chat/planted.ts', "import { join } from 'path';"],
  ['renderer/src/features/chat/planted.ts', "import { startServer } from '../../../../embedded-server/src/server.js';"],
  [
    'renderer/src/features/chat/planted.ts',
    "import type { User } from '../../../../embedded-server/src/domain/types.js';",
  ],
  ['renderer/src/planted.ts', "import { Channel } from '../../electron/src/ipc-channels.js';"],
  ['embedded-server/src/contract/planted.ts', "import type { User } from '../domain/types.js';"],
  ['embedded-server/src/contract/planted.ts', "import { Type } from '@sinclair/typebox';"],
  ['embedded-server/src/domain/planted.ts', "import { extOk } from '../http/dialect.js';"],
  ['embedded-server/src/domain/planted.ts', "import { chatDialect } from '../dialects/chat.js';"],
  ['embedded-server/src/domain/planted.ts', "import { ConnectionHub } from '../realtime/hub.js';"],
  ['embedded-server/src/domain/planted.ts', "import { userCard } from '../wire/present.js';"],
  ['embedded-server/src/domain/planted.ts', "import Fastify from 'fastify';"],
  ['embedded-server/src/db/repositories/planted.ts', "import { sendMessage } from '../../domain/chat.js';"],
  ['embedded-server/src/realtime/planted.ts', "import { extOk } from '../http/dialect.js';"],
  ['embedded-server/src/wire/planted.ts', "import { chatDialect } from '../dialects/chat.js';"],
  ['embedded-server/src/dialects/planted.ts', "import { App } from '../../../renderer/src/App.js';"],
  ['embedded-server/src/planted.ts', "import { Channel } from '../../electron/src/ipc-channels.js';"],
  ['electron/src/planted.ts', "import { startServer } from '../../embedded-server/src/server.js';"],
  ['electron/src/planted.ts', "import { openDatabase } from '../../embedded-server/src/db/open.js';"],
  ['electron/src/planted.ts', "import { App } from '../../renderer/src/App.js';"],
];

const allowed: Case[] = [
  [
    'renderer/src/features/chat/planted.ts',
    "import type { ChatMessageWire } from '../../../../embedded-server/src/contract/wire.js';",
  ],
  [
    'renderer/src/features/chat/planted.ts',
    "import { OfflineType } from '../../../../embedded-server/src/contract/enums.js';",
  ],
  ['embedded-server/src/contract/planted.ts', "import type { MessageType } from './enums.js';"],
  ['embedded-server/src/domain/planted.ts', "import { OfflineType } from '../contract/enums.js';"],
  ['embedded-server/src/domain/planted.ts', "import type { Store } from '../db/store.js';"],
  ['embedded-server/src/db/repositories/planted.ts', "import type { User } from '../../domain/types.js';"],
  ['embedded-server/src/realtime/planted.ts', "import { chatMessageWire } from '../wire/present.js';"],
  ['embedded-server/src/dialects/planted.ts', "import { extOk } from '../http/dialect.js';"],
  ['electron/src/planted.ts', "import { startServer } from '../../embedded-server/src/index.js';"],
  ['electron/src/planted.ts', "import type { DesktopApi } from '../../embedded-server/src/contract/desktop.js';"],
];

describe('import boundaries', () => {
  it.each(refused)('refuses in %s: %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toHaveLength(1);
  });

  it.each(allowed)('allows in %s: %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([]);
  });
});

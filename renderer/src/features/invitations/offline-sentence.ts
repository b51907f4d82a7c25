import { OfflineType } from '../../api/contract.js';
import type { OfflineMessage } from '../../api/wire.js';
import { translator } from '../../i18n/text.js';
import type { Language } from '../../state/settings.js';
import { chatText } from '../chat/chat-text.js';
import { invitationsText, type InvitationsTextKey } from './invitations-text.js';
import type { KnownProjects } from './task-projects.js';

type SentenceKey = Extract<InvitationsTextKey, `sentence${string}`>;

/** The sentences an offline message of each type can be, in the order they are tried. */
const SENTENCES: Partial<Record<number, readonly SentenceKey[]>> = {
  [OfflineType.privateMessage]: ['sentenceRecalled', 'sentence0'],
  [OfflineType.groupMessage]: ['sentenceRecalled', 'sentence1'],
  [OfflineType.memberJoined]: ['sentence2'],
  [OfflineType.memberLeft]: ['sentence3Removed', 'sentence3Left'],
  [OfflineType.projectInvitation]: ['sentence4'],
  [OfflineType.removedFromProject]: ['sentence5'],
  [OfflineType.taskPublished]: ['sentence6'],
  [OfflineType.taskInvitation]: ['sentence7'],
};

/** Who the sentence names first, by the `extraInfo` key each type keeps it under. */
const NAME_KEYS: Partial<Record<number, string>> = {
  [OfflineType.privateMessage]: 'fromName',
  [OfflineType.groupMessage]: 'fromName',
  [OfflineType.memberJoined]: 'userName',
  [OfflineType.memberLeft]: 'userName',
  [OfflineType.projectInvitation]: 'invitorName',
  [OfflineType.taskPublished]: 'invitorName',
  [OfflineType.taskInvitation]: 'invitorName',
  // Removed from a project: `userName` is the user; who removed them is only in the sentence.
};

type Facts = Record<string, string>;

const defined = (entries: [string, string | undefined][]): Facts =>
  Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));

/** What `extraInfo` says, written by the server together with the sentence. */
function writtenFacts(message: OfflineMessage): Facts {
  const nameKey = NAME_KEYS[message.type];
  return defined([
    ['name', nameKey && message.extraInfo[nameKey]],
    ['project', message.extraInfo.projectName],
  ]);
}

/** What the UI knows by the ids in `extraInfo`: current names, which may differ from the sentence's. */
function lookedUpFacts(message: OfflineMessage, known: KnownProjects): Facts {
  const { projectId, cId, missionId } = message.extraInfo;
  return defined([
    ['project', projectId && known.projectName(projectId)],
    ['group', cId && known.groupName(cId)],
    ['task', missionId && known.task(missionId)?.name],
  ]);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads the values of a template's `{placeholders}` out of a sentence made from it, with the
 * values already known put in as they are (so a name that contains the template's own words
 * cannot shift the others). Null when the sentence is not of the template's shape.
 */
export function readSentence(template: string, sentence: string, known: Readonly<Facts> = {}): Facts | null {
  const unknown: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      if (Object.hasOwn(known, name)) return escapeRegExp(known[name]!);
      unknown.push(name);
      return '([\\s\\S]*?)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(sentence);
  if (!match) return null;
  return { ...known, ...Object.fromEntries(unknown.map((name, index) => [name, match[index + 1]!])) };
}

/** A chat preview in the server's words ("[图片] …") in the user's language's. */
function localPreview(preview: string, language: Language): string {
  for (const marker of ['image', 'voice'] as const) {
    const server = chatText['zh-CN'][marker];
    if (preview.startsWith(server)) return chatText[language][marker] + preview.slice(server.length);
  }
  return preview;
}

/**
 * An offline message as a sentence in the user's language. The server writes `msg` in
 * Chinese: Chinese shows it as it is. Other languages build the sentence from `extraInfo`;
 * what that leaves out (a chat message's preview, who removed the user, the name of a
 * project the user is invited to, of a task, of a group chat) comes first from what the UI
 * has loaded of the user's projects, else from `msg` itself, read with the Chinese template
 * of the same sentence. A `msg` of no known shape is shown as it is: better Chinese than a
 * sentence with holes.
 */
export function offlineSentence(message: OfflineMessage, language: Language, known: KnownProjects): string {
  if (language === 'zh-CN') return message.msg;
  const written = writtenFacts(message);
  const lookedUp = lookedUpFacts(message, known);
  for (const key of SENTENCES[message.type] ?? []) {
    const read = readSentence(invitationsText['zh-CN'][key], message.msg, written);
    if (!read) continue;
    const facts = { ...read, ...lookedUp, ...written };
    if (facts.preview !== undefined) facts.preview = localPreview(facts.preview, language);
    return translator(invitationsText, language)(key, facts);
  }
  return message.msg;
}

import { spoofingCharacter } from '../contract/display-names.js';
import { invalid } from './errors.js';

/** Refuses a display name that holds a character that could hide or disguise text (the contract's rule). */
export function checkDisplayName(name: string): string {
  const found = spoofingCharacter(name);
  if (found) throw invalid(`a nickname may not contain control or formatting characters (found ${found})`);
  return name;
}

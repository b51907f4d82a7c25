import { OutlineIcon } from './OutlineIcon.js';
import type { Section } from '../state/navigation.js';

// Outline icons drawn on a 24-unit grid; they take the text colour so themes apply.
const PATHS: Record<Section, string> = {
  chats: 'M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  inbox: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 20a2 2 0 0 0 4 0',
  invitations: 'M3 6h18v12H3zM3 7l9 6 9-6',
  projects: 'M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z',
  settings:
    'M4 7h10M18 7h2M4 12h4M12 12h8M4 17h12M20 17h0M14 7a2 2 0 1 0 4 0a2 2 0 1 0-4 0M8 12a2 2 0 1 0 4 0a2 2 0 1 0-4 0M16 17a2 2 0 1 0 4 0a2 2 0 1 0-4 0',
};

/** The icon of a section of the app. */
export function SectionIcon({ section }: { section: Section }) {
  return <OutlineIcon d={PATHS[section]} size={22} />;
}

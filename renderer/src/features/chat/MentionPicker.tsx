import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { Avatar } from '../../components/Avatar.js';
import { insertMention, matching, mentionQuery, type Mentionable } from './mentions.js';

/** The text after a mention was chosen, and where the caret goes. */
export interface Inserted {
  text: string;
  caret: number;
}

/**
 * The member picker of a text field: it opens while an `@name` is being typed before the
 * caret, lists the members whose name matches, and is driven from the field itself (the
 * field keeps focus; `aria-activedescendant` points at the highlighted member). Arrows
 * move, Enter or Tab chooses, Escape closes it for this `@`. Those chosen are kept, to
 * tell on sending which of them the text still mentions.
 */
export function useMentionPicker(candidates: readonly Mentionable[], text: string, caret: number) {
  const listId = useId();
  const at = candidates.length > 0 ? mentionQuery(text, caret) : null;
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<Mentionable[]>([]);
  const options = at ? matching(candidates, at.query) : [];
  const open = at !== null && at.start !== dismissedAt && options.length > 0;

  // Typing narrows the list: the highlight starts again at its top.
  const typed = at ? `${at.start}:${at.query}` : null;
  const [highlightFor, setHighlightFor] = useState(typed);
  if (typed !== highlightFor) {
    setHighlightFor(typed);
    setActive(0);
    // A new `@` somewhere else opens again after an Escape.
    if (at?.start !== dismissedAt) setDismissedAt(null);
  }
  const activeIndex = Math.min(active, options.length - 1);

  function choose(option: Mentionable): Inserted {
    setChosen((previous) => (previous.some((c) => c.id === option.id) ? previous : [...previous, option]));
    return insertMention(text, at!, option.name);
  }

  /** Handles the picker's keys; returns the new text when one was chosen, else whether the key was taken. */
  function onKeyDown(event: KeyboardEvent): Inserted | boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    const move = (step: number) => setActive((activeIndex + step + options.length) % options.length);
    switch (event.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'Enter':
      case 'Tab':
        event.preventDefault();
        return choose(options[activeIndex]!);
      case 'Escape':
        setDismissedAt(at!.start);
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  const optionId = (index: number) => `${listId}-${index}`;
  return {
    open,
    options,
    activeIndex,
    listId,
    activeId: open ? optionId(activeIndex) : undefined,
    optionId,
    chosen,
    choose,
    onKeyDown,
    /** After sending: the next message starts with nobody chosen. */
    forget: () => setChosen([]),
  };
}

export function MentionList({
  picker,
  label,
  onChoose,
}: {
  picker: ReturnType<typeof useMentionPicker>;
  label: string;
  onChoose: (option: Mentionable) => void;
}) {
  const { listId, options, activeIndex, activeId, optionId } = picker;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  return (
    <ul className="mention-list" role="listbox" id={listId} aria-label={label}>
      {options.map((option, index) => (
        <li
          key={option.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === activeIndex}
          className="mention-option"
          // The field keeps focus (and its caret) while a member is clicked.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(option)}
        >
          {option.id === 'all' ? (
            <span className="mention-everyone" aria-hidden="true">
              @
            </span>
          ) : (
            <Avatar name={option.name} id={option.id} size={24} />
          )}
          <span className="mention-name">{option.name}</span>
          {option.alias && <span className="mention-alias muted">@{option.alias}</span>}
        </li>
      ))}
    </ul>
  );
}

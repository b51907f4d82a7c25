import { useState, type ComponentType, type KeyboardEvent, type ReactNode } from 'react';
import * as ContextMenu from '@radix-ui/react-context-menu';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ChatMessage } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { actionsText } from './message-actions-text.js';
import './message-actions.css';
import type { MessageActions } from './message-mutations.js';
import { canAct, canEdit, canRecall, COMMON_EMOJI, hasReacted } from './message-rules.js';

/** A dialog a message's menu opens (one at a time, held by the list). */
export type MessageDialog = { kind: 'forward' | 'edit' | 'receipts'; message: ChatMessage };

/** The parts both menus are made of: a right-click menu and a button's menu share their items. */
interface MenuKit {
  Item: ComponentType<DropdownMenu.DropdownMenuItemProps>;
  Group: ComponentType<DropdownMenu.DropdownMenuGroupProps>;
  Separator: ComponentType<DropdownMenu.DropdownMenuSeparatorProps>;
}
const contextKit: MenuKit = { Item: ContextMenu.Item, Group: ContextMenu.Group, Separator: ContextMenu.Separator };
const buttonKit: MenuKit = { Item: DropdownMenu.Item, Group: DropdownMenu.Group, Separator: DropdownMenu.Separator };

interface ItemsProps {
  kit: MenuKit;
  message: ChatMessage;
  me: number;
  actions: MessageActions;
  onDialog: (dialog: MessageDialog) => void;
}

/** What can be done to this message now: recall and edit only while their time lasts (read as the menu opens). */
function MenuItems({ kit: { Item, Group, Separator }, message, me, actions, onDialog }: ItemsProps) {
  const t = useText(actionsText);
  const now = Date.now();
  const active = canAct(message);
  return (
    <>
      {active && (
        <>
          <Group className="menu-reactions" aria-label={t('reactions')}>
            {COMMON_EMOJI.map((emoji) => (
              <Item
                key={emoji}
                className={hasReacted(message, emoji, me) ? 'menu-emoji mine' : 'menu-emoji'}
                aria-label={t('react', { emoji })}
                onSelect={() => actions.toggleReaction(emoji)}
              >
                {emoji}
              </Item>
            ))}
          </Group>
          <Separator className="menu-separator" />
          <Item className="menu-item" onSelect={actions.reply}>
            {t('reply')}
          </Item>
          <Item className="menu-item" onSelect={() => onDialog({ kind: 'forward', message })}>
            {t('forward')}
          </Item>
          {message.message !== '' && (
            <Item className="menu-item" onSelect={() => void actions.copy()}>
              {t('copy')}
            </Item>
          )}
          {canEdit(message, me, now) && (
            <Item className="menu-item" onSelect={() => onDialog({ kind: 'edit', message })}>
              {t('edit')}
            </Item>
          )}
          {canRecall(message, me, now) && (
            <Item className="menu-item" onSelect={actions.recall}>
              {t('recall')}
            </Item>
          )}
        </>
      )}
      <Item className="menu-item danger" onSelect={actions.deleteForMe}>
        {t('deleteForMe')}
      </Item>
    </>
  );
}

/** The keys that open a focused element's context menu. */
const opensMenu = (event: KeyboardEvent) => event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');

/**
 * A message's actions, three ways to the same menu: a right-click on it, the Menu key or
 * Shift+F10 while it has the focus, and its "⋯" button (shown on hover and focus). The
 * message itself is the focusable element the menu belongs to. Menus are not modal:
 * the rest of the chat stays as it is, and Escape or a click outside closes them.
 */
export function MessageMenu({
  className,
  label,
  offerButton,
  children,
  ...items
}: Omit<ItemsProps, 'kit'> & {
  className: string;
  label: string;
  /**
   * The message is hovered or has the focus: its "⋯" button is in the page. Only then (or
   * while its menu is open), so a pane of messages holds one such button, not one each.
   */
  offerButton: boolean;
  children: ReactNode;
}) {
  const t = useText(actionsText);
  const [buttonMenu, setButtonMenu] = useState(false);
  return (
    <ContextMenu.Root modal={false}>
      <ContextMenu.Trigger asChild>
        <div
          className={className}
          role="article"
          tabIndex={0}
          aria-label={label}
          aria-keyshortcuts="Shift+F10 ContextMenu"
          onKeyDown={(event) => {
            if (event.target !== event.currentTarget || !opensMenu(event)) return;
            event.preventDefault();
            setButtonMenu(true);
          }}
        >
          {children}
        </div>
      </ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content className="message-menu" aria-label={t('actions')}>
          <MenuItems kit={contextKit} {...items} />
        </ContextMenu.Content>
      </ContextMenu.Portal>
      {(offerButton || buttonMenu) && (
        <DropdownMenu.Root modal={false} open={buttonMenu} onOpenChange={setButtonMenu}>
          <DropdownMenu.Trigger asChild>
            <button type="button" className="message-more" tabIndex={-1} aria-label={t('moreActions')}>
              ⋯
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="message-menu" align="start" sideOffset={4}>
              <MenuItems kit={buttonKit} {...items} />
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      )}
    </ContextMenu.Root>
  );
}

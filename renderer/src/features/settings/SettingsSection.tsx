import { useQueryClient } from '@tanstack/react-query';
import { accountsApi } from '../../api/accounts.js';
import { defineText, useText } from '../../i18n/text.js';
import { useSession } from '../../state/session.js';
import { useSettings, type Language, type ThemeChoice } from '../../state/settings.js';

const text = defineText({
  'zh-CN': {
    title: '设置',
    account: '账号',
    signedInAs: '已登录：{name}（{username}）',
    signOut: '退出登录',
    language: '语言',
    theme: '主题',
    system: '跟随系统',
    light: '浅色',
    dark: '深色',
    notifications: '桌面通知',
    notificationsOn: '有新消息、通知和邀请时提醒我',
  },
  en: {
    title: 'Settings',
    account: 'Account',
    signedInAs: 'Signed in as {name} ({username})',
    signOut: 'Sign out',
    language: 'Language',
    theme: 'Theme',
    system: 'Follow the system',
    light: 'Light',
    dark: 'Dark',
    notifications: 'Desktop notifications',
    notificationsOn: 'Tell me about new messages, notifications and invitations',
  },
});

const LANGUAGES: { id: Language; name: string }[] = [
  { id: 'zh-CN', name: '简体中文' },
  { id: 'en', name: 'English' },
];
const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];

/** Language, theme and notifications (kept on this device), and signing out. */
export function SettingsSection() {
  const t = useText(text);
  const settings = useSettings();
  const { user, signOut } = useSession();
  const queryClient = useQueryClient();

  async function leave() {
    await accountsApi.logout().catch(() => undefined); // signed out locally even if the server is gone
    signOut();
    queryClient.clear();
  }

  return (
    <div className="settings">
      <h1>{t('title')}</h1>
      <section aria-labelledby="settings-account">
        <h2 id="settings-account">{t('account')}</h2>
        {user && <p>{t('signedInAs', { name: user.nickname, username: user.userName })}</p>}
        <button type="button" onClick={leave}>
          {t('signOut')}
        </button>
      </section>
      <fieldset>
        <legend>{t('language')}</legend>
        {LANGUAGES.map(({ id, name }) => (
          <label key={id} className="choice">
            <input
              type="radio"
              name="language"
              checked={settings.language === id}
              onChange={() => settings.setLanguage(id)}
            />
            {name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('theme')}</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="choice">
            <input
              type="radio"
              name="theme"
              checked={settings.theme === theme}
              onChange={() => settings.setTheme(theme)}
            />
            {t(theme)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('notifications')}</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={settings.notifications}
            onChange={(e) => settings.setNotifications(e.target.checked)}
          />
          {t('notificationsOn')}
        </label>
      </fieldset>
    </div>
  );
}

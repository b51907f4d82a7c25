import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ServerChangeAnswer } from '../../../../embedded-server/src/contract/desktop.js';
import { desktop, type DesktopApi } from '../../desktop-bridge.js';
import { accountsApi } from '../../api/accounts.js';
import { defineText, useText, type Translate } from '../../i18n/text.js';
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
    server: '服务器',
    builtIn: '使用内置服务器（数据保存在本机）',
    team: '连接团队服务器',
    serverUrl: '团队服务器地址',
    apply: '应用并重启',
    invalid: '请输入 https:// 开头的地址',
    insecure: '只能用 https:// 连接其他电脑上的服务器（http:// 仅限本机）',
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
    server: 'Server',
    builtIn: 'Use the built-in server (data stays on this computer)',
    team: 'Connect to a team server',
    serverUrl: 'Team server address',
    apply: 'Apply and restart',
    invalid: 'Enter an address starting with https://',
    insecure: 'A server on another computer needs https:// (http:// only on this computer)',
  },
});

const SERVER_MODES = ['builtIn', 'team'] as const;
type ServerMode = (typeof SERVER_MODES)[number];

/** Radio buttons under a legend, one of them the current choice; `children` follow them. */
function ChoiceGroup<Choice extends string>({
  legend,
  name,
  choices,
  current,
  onChoose,
  children,
}: {
  legend: string;
  name: string;
  choices: readonly { id: Choice; label: string }[];
  current: Choice;
  onChoose: (choice: Choice) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map(({ id, label }) => (
        <label key={id} className="choice">
          <input type="radio" name={name} checked={current === id} onChange={() => onChoose(id)} />
          {label}
        </label>
      ))}
      {children}
    </fieldset>
  );
}

/**
 * Desktop only: the built-in server, or a team server elsewhere (the same server,
 * started alone on a team machine). Changing it restarts the app, once the user has
 * confirmed in the desktop's own dialog.
 */
function ServerChoice({ t, api }: { t: Translate<keyof (typeof text)['en']>; api: DesktopApi }) {
  const [mode, setMode] = useState<ServerMode>('builtIn');
  const [url, setUrl] = useState('');
  const [answer, setAnswer] = useState<ServerChangeAnswer | null>(null);
  useEffect(() => {
    void api.getServerUrl().then((current) => {
      if (!current) return;
      setMode('team');
      setUrl(current);
    });
  }, [api]);

  async function apply(event: FormEvent) {
    event.preventDefault();
    setAnswer(await api.setServerUrl(mode === 'team' ? url : null));
  }

  return (
    <form onSubmit={apply}>
      <ChoiceGroup
        legend={t('server')}
        name="server"
        choices={SERVER_MODES.map((id) => ({ id, label: t(id) }))}
        current={mode}
        onChoose={setMode}
      >
        {mode === 'team' && (
          <label>
            {t('serverUrl')}
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" required />
          </label>
        )}
        {(answer === 'invalid' || answer === 'insecure') && (
          <p className="form-error" role="alert">
            {t(answer)}
          </p>
        )}
        <button type="submit">{t('apply')}</button>
      </ChoiceGroup>
    </form>
  );
}

// Each language by its own name, so that it can be found whatever the current one is.
const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'zh-CN', label: '简体中文' },
  { id: 'en', label: 'English' },
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
      <ChoiceGroup
        legend={t('language')}
        name="language"
        choices={LANGUAGES}
        current={settings.language}
        onChoose={settings.setLanguage}
      />
      <ChoiceGroup
        legend={t('theme')}
        name="theme"
        choices={THEMES.map((id) => ({ id, label: t(id) }))}
        current={settings.theme}
        onChoose={settings.setTheme}
      />
      {desktop && <ServerChoice t={t} api={desktop} />}
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

import { useState, type FormEvent } from 'react';
import { accountsApi } from '../../api/accounts.js';
import { spoofingCharacter } from '../../api/contract.js';
import { ApiError } from '../../api/http.js';
import { defineText, useText } from '../../i18n/text.js';
import { useSession } from '../../state/session.js';

const text = defineText({
  'zh-CN': {
    signIn: '登录',
    register: '注册',
    username: '用户名',
    password: '密码',
    nickname: '昵称',
    submitSignIn: '登录',
    submitRegister: '创建账号',
    working: '请稍候…',
    wrongCredentials: '用户名或密码错误',
    throttled: '失败次数过多，请稍后再试',
    taken: '该用户名已被占用',
    invalid: '请检查输入：用户名 3–32 位字母、数字或 _.-，密码至少 8 位',
    spoofingName: '昵称不能含有控制字符或格式字符（{character}），它们会隐藏或颠倒文字',
    unreachable: '无法连接服务器',
    modes: '登录或注册',
  },
  en: {
    signIn: 'Sign in',
    register: 'Register',
    username: 'Username',
    password: 'Password',
    nickname: 'Display name',
    submitSignIn: 'Sign in',
    submitRegister: 'Create account',
    working: 'One moment…',
    wrongCredentials: 'Wrong username or password',
    throttled: 'Too many failed attempts. Try again later.',
    taken: 'That username is taken',
    invalid: 'Check the form: username 3–32 letters, digits or _.-; password at least 8 characters',
    spoofingName:
      'A display name may not contain control or formatting characters ({character}): they hide or reverse text',
    unreachable: 'Cannot reach the server',
    modes: 'Sign in or register',
  },
});

type Mode = 'signIn' | 'register';

/** Signing in, or creating an account; the session then persists across reloads. */
export function SignInScreen() {
  const t = useText(text);
  const signIn = useSession((s) => s.signIn);
  const [mode, setMode] = useState<Mode>('signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function explain(failure: unknown): string {
    if (!(failure instanceof ApiError)) return t('unreachable');
    if (failure.status === 401) return t('wrongCredentials');
    if (failure.status === 429) return t('throttled');
    if (failure.status === 409) return t('taken');
    if (failure.status === 422) return t('invalid');
    return t('unreachable');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const character = mode === 'register' ? spoofingCharacter(nickname) : null;
    if (character) return setError(t('spoofingName', { character }));
    setBusy(true);
    setError(null);
    try {
      const session =
        mode === 'signIn'
          ? await accountsApi.login(username.trim(), password)
          : await accountsApi.register(username.trim(), password, nickname.trim() || username.trim());
      signIn(session.token, session.user);
    } catch (failure) {
      setError(explain(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{mode === 'signIn' ? t('signIn') : t('register')}</h1>
        <div className="segmented" role="tablist" aria-label={t('modes')}>
          {(['signIn', 'register'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              className={mode === m ? 'selected' : ''}
              onClick={() => setMode(m)}
            >
              {t(m)}
            </button>
          ))}
        </div>
        <label>
          {t('username')}
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            required
            autoFocus
          />
        </label>
        {mode === 'register' && (
          <label>
            {t('nickname')}
            <input
              value={nickname}
              onChange={(e) => setNickname(e.target.value)}
              autoComplete="nickname"
              maxLength={32}
            />
          </label>
        )}
        <label>
          {t('password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
            required
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('working') : mode === 'signIn' ? t('submitSignIn') : t('submitRegister')}
        </button>
      </form>
    </main>
  );
}

import { useSettings } from './state/settings.js';

export interface DesktopNotification {
  title: string;
  body: string;
  /** Called when the user clicks it: open what it is about. */
  onClick?: () => void;
}

/** Where notifications go: the browser's in web mode; the desktop shell may plug in native ones. */
export interface NotifyPort {
  show(notification: DesktopNotification): void;
}

const browserNotifications: NotifyPort = {
  show({ title, body, onClick }) {
    if (typeof Notification === 'undefined') return;
    const post = () => {
      const shown = new Notification(title, { body });
      shown.onclick = () => {
        window.focus();
        onClick?.();
      };
    };
    if (Notification.permission === 'granted') post();
    else if (Notification.permission === 'default')
      void Notification.requestPermission().then((permission) => permission === 'granted' && post());
  },
};

let port: NotifyPort = browserNotifications;

/** Lets the desktop shell replace the browser's notifications with native ones. */
export function setNotifyPort(replacement: NotifyPort) {
  port = replacement;
}

/** Shows a desktop notification when notifications are on and the app is not in front. */
export function notify(notification: DesktopNotification) {
  if (!useSettings.getState().notifications) return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  port.show(notification);
}

import { useFormats } from '../../i18n/text.js';
import { useSettings } from '../../state/settings.js';

/** When an offline message came: short in the list, the full date on hover and for machines. */
export function OfflineTime({ time }: { time: number }) {
  const { when } = useFormats();
  const language = useSettings((s) => s.language);
  const date = new Date(time);
  return (
    <time className="offline-time" dateTime={date.toISOString()} title={date.toLocaleString(language)}>
      {when(date.toISOString())}
    </time>
  );
}

import { useRef, useState } from 'react';
import { useText } from '../../i18n/text.js';
import { chatText } from './chat-text.js';
import { clipLength } from './clip-length.js';
import { actionsText } from './message-actions-text.js';
import './message-actions.css';

/**
 * A voice clip: play/pause, how far it has played, and its length. The browser's own
 * controls look different everywhere and do not fit a bubble; the audio element stays
 * hidden and is driven from here. The clip's stated length is shown until the file says.
 */
export function VoicePlayer({ url, length }: { url: string | null; length: number }) {
  const t = useText(actionsText);
  const tc = useText(chatText);
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(length > 0 ? length : 0);

  function toggle() {
    const element = audio.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => setPlaying(false));
    else element.pause();
  }

  return (
    <span className="voice-player" role="group" aria-label={tc('voiceMessage', { length: clipLength(duration) })}>
      <button
        type="button"
        className="voice-toggle"
        aria-label={playing ? t('pause') : t('play')}
        disabled={!url}
        onClick={toggle}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <progress
        className="voice-progress"
        aria-label={t('voicePosition')}
        max={duration || 1}
        value={Math.min(position, duration || 1)}
      />
      <span className="voice-length">{clipLength(playing || position > 0 ? position : duration)}</span>
      {url && (
        <audio
          ref={audio}
          preload="none"
          src={url}
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => {
            setPlaying(false);
            setPosition(0);
          }}
          onTimeUpdate={(event) => setPosition(event.currentTarget.currentTime)}
          onLoadedMetadata={(event) => {
            const seconds = event.currentTarget.duration;
            if (Number.isFinite(seconds) && seconds > 0) setDuration(seconds);
          }}
        />
      )}
    </span>
  );
}

import { useEffect, useState, type MouseEvent, type PointerEvent } from 'react';
import { useText } from '../../i18n/text.js';
import { composerText } from './composer-text.js';
import { OutlineIcon } from '../../components/OutlineIcon.js';
import { clipLength } from './clip-length.js';
import { useVoiceRecorder, type AudioDevices, type RecordingOutcome } from './voice-recorder.js';

/** A press held at least this long is hold-to-talk (release sends); a shorter one is a click (click again sends). */
export const HOLD_MS = 400;

const MICROPHONE = 'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7';

/**
 * The microphone button. Held down, it records until released (moving off it cancels);
 * clicked, or pressed from the keyboard, it records until clicked again. Escape cancels
 * either way. The elapsed time shows beside it while it records.
 */
export function VoiceButton({
  onOutcome,
  devices,
}: {
  onOutcome: (outcome: RecordingOutcome) => void;
  devices?: AudioDevices;
}) {
  const t = useText(composerText);
  const recorder = useVoiceRecorder(onOutcome, devices);
  /** When the pointer that started this recording went down; null for a click-to-record. */
  const [pressedAt, setPressedAt] = useState<number | null>(null);
  const active = recorder.state !== 'idle';
  const { cancel } = recorder;

  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setPressedAt(null);
      cancel();
    };
    // Capturing: Escape here means "drop the recording", not whatever else listens for it.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active, cancel]);

  function onPointerDown(event: PointerEvent<HTMLButtonElement>) {
    if (event.button !== 0 || active) return;
    // A touch holds on to its pointer; let go, so moving off the button is noticed.
    if (event.currentTarget.hasPointerCapture?.(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId);
    setPressedAt(Date.now());
    void recorder.start();
  }

  function onPointerUp(event: PointerEvent<HTMLButtonElement>) {
    if (event.button !== 0) return;
    setPressedAt(null);
    if (pressedAt === null) {
      if (active) recorder.finish();
    } else if (Date.now() - pressedAt >= HOLD_MS) recorder.finish();
  }

  function onPointerLeave() {
    if (pressedAt === null) return;
    setPressedAt(null);
    recorder.cancel();
  }

  // Pointer presses are handled above; a click with no pointer behind it comes from the keyboard.
  function onClick(event: MouseEvent<HTMLButtonElement>) {
    if (event.detail !== 0) return;
    if (active) recorder.finish();
    else void recorder.start();
  }

  const label = active ? t('sendRecording') : t('record');
  return (
    <span className={`voice-recorder${active ? ' is-recording' : ''}`}>
      <button
        type="button"
        className="icon-button composer-voice"
        aria-label={label}
        title={label}
        aria-pressed={active}
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerLeave={onPointerLeave}
        onPointerCancel={() => {
          setPressedAt(null);
          recorder.cancel();
        }}
        onClick={onClick}
        onContextMenu={(event) => event.preventDefault()}
      >
        <OutlineIcon d={MICROPHONE} />
      </button>
      {/* After the button: the button must stay under the pointer that holds it. */}
      {active && (
        <span className="voice-recording" role="status">
          <span className="recording-dot" aria-hidden="true" />
          <span className="visually-hidden">{t('recording')}</span>
          <span role="timer" className="recording-time">
            {clipLength(recorder.elapsed)}
          </span>
          <span className="recording-hint">{pressedAt === null ? t('clickHint') : t('holdHint')}</span>
        </span>
      )}
    </span>
  );
}

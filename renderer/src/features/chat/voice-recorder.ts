import { useCallback, useEffect, useRef, useState } from 'react';

/** A voice message is at most this long: recording stops by itself there. */
export const MAX_CLIP_SECONDS = 60;
/** Opus in WebM: small, and a type the server recognises from its bytes. */
const PREFERRED_TYPE = 'audio/webm;codecs=opus';
/** How often the elapsed time shown is brought up to date. */
const TICK_MS = 250;

export interface Clip {
  blob: Blob;
  /** Whole seconds, 1..MAX_CLIP_SECONDS. */
  seconds: number;
}

/** How a recording ended, if not cancelled: a clip to send, one too short to, or no microphone. */
export type RecordingOutcome =
  { kind: 'clip'; clip: Clip } | { kind: 'too-short' } | { kind: 'unavailable'; reason: string };

/** What the recorder needs of the browser (a test hands in stand-ins). */
export interface AudioDevices {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  MediaRecorder: Pick<typeof MediaRecorder, 'isTypeSupported'> &
    (new (stream: MediaStream, options?: MediaRecorderOptions) => MediaRecorder);
  now(): number;
}

const browserDevices: AudioDevices = {
  getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
  get MediaRecorder() {
    return globalThis.MediaRecorder;
  },
  now: () => performance.now(),
};

export type RecorderState = 'idle' | 'starting' | 'recording';

/** One recording, from asking for the microphone to the clip. */
interface Session {
  /** Ended before the microphone answered: cancelled, or let go of. */
  ended: 'cancel' | 'finish' | null;
  recorder: MediaRecorder | null;
  startedAt: number;
  /** How long it ran, set when it is stopped. */
  length: number;
  ticker?: ReturnType<typeof setInterval>;
  cap?: ReturnType<typeof setTimeout>;
}

/** A refusal's own words ("Permission denied"), whatever kind of error carries them. */
function describe(error: unknown): string {
  const { message, name } = (error ?? {}) as { message?: unknown; name?: unknown };
  return String(message || name || error);
}

const stopTracks = (stream: MediaStream) => stream.getTracks().forEach((track) => track.stop());

/**
 * Records a voice message with the microphone. The microphone is asked for only when a
 * recording starts, and let go of (its tracks stopped) as soon as it ends. `finish` stops
 * and hands over the clip; `cancel` drops it; at MAX_CLIP_SECONDS it finishes by itself.
 * A clip under a second is not worth sending: the outcome says so instead.
 */
export function useVoiceRecorder(onOutcome: (outcome: RecordingOutcome) => void, devices = browserDevices) {
  const [state, setState] = useState<RecorderState>('idle');
  const [elapsed, setElapsed] = useState(0);
  const session = useRef<Session | null>(null);
  const report = useRef(onOutcome);
  useEffect(() => {
    report.current = onOutcome;
  });

  const end = useCallback(
    (how: 'cancel' | 'finish') => {
      const current = session.current;
      if (!current) return;
      if (!current.recorder) {
        current.ended = how;
        return;
      }
      if (current.recorder.state === 'inactive') return;
      current.ended = how;
      current.length = devices.now() - current.startedAt;
      current.recorder.stop();
    },
    [devices],
  );

  const start = useCallback(async () => {
    if (session.current) return;
    const current: Session = { ended: null, recorder: null, startedAt: 0, length: 0 };
    session.current = current;
    setState('starting');
    setElapsed(0);
    const done = () => {
      clearInterval(current.ticker);
      clearTimeout(current.cap);
      session.current = null;
      setState('idle');
    };
    let stream: MediaStream;
    try {
      stream = await devices.getUserMedia({ audio: true });
    } catch (error) {
      done();
      if (current.ended !== 'cancel') report.current({ kind: 'unavailable', reason: describe(error) });
      return;
    }
    if (current.ended) {
      // Let go of before the microphone answered: too short to be a message.
      stopTracks(stream);
      done();
      if (current.ended === 'finish') report.current({ kind: 'too-short' });
      return;
    }
    const Recorder = devices.MediaRecorder;
    const recorder = new Recorder(
      stream,
      Recorder.isTypeSupported(PREFERRED_TYPE) ? { mimeType: PREFERRED_TYPE } : undefined,
    );
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      stopTracks(stream);
      done();
      if (current.ended === 'cancel') return;
      if (current.length < 1000) return report.current({ kind: 'too-short' });
      const blob = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
      const seconds = Math.min(MAX_CLIP_SECONDS, Math.round(current.length / 1000));
      report.current({ kind: 'clip', clip: { blob, seconds } });
    };
    current.recorder = recorder;
    current.startedAt = devices.now();
    recorder.start();
    setState('recording');
    current.ticker = setInterval(() => setElapsed(Math.floor((devices.now() - current.startedAt) / 1000)), TICK_MS);
    current.cap = setTimeout(() => end('finish'), MAX_CLIP_SECONDS * 1000);
  }, [devices, end]);

  const finish = useCallback(() => end('finish'), [end]);
  const cancel = useCallback(() => end('cancel'), [end]);

  // Leaving the window mid-recording drops the clip and lets go of the microphone.
  useEffect(() => cancel, [cancel]);

  return { state, elapsed, start, finish, cancel };
}

// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { useSettings } from '../../state/settings.js';
import { VoiceButton } from './VoiceButton.js';
import { MAX_CLIP_SECONDS, useVoiceRecorder, type AudioDevices, type RecordingOutcome } from './voice-recorder.js';

/** Stands in for the browser's MediaRecorder: records nothing, hands over one chunk on stop. */
class FakeRecorder {
  static last: FakeRecorder | null = null;
  static supported = true;
  static isTypeSupported = () => FakeRecorder.supported;
  state: RecordingState = 'inactive';
  mimeType: string;
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor(
    readonly stream: MediaStream,
    readonly options?: MediaRecorderOptions,
  ) {
    this.mimeType = options?.mimeType ?? 'audio/webm';
    FakeRecorder.last = this;
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob(['opus'], { type: this.mimeType }) });
    this.onstop?.();
  }
}

let track: { stop: ReturnType<typeof vi.fn> };
let devices: AudioDevices;
let outcomes: RecordingOutcome[];
const onOutcome = (outcome: RecordingOutcome) => outcomes.push(outcome);

// jsdom has no pointer events: a mouse event with a pointer id stands in.
if (typeof globalThis.PointerEvent === 'undefined')
  globalThis.PointerEvent = class extends MouseEvent {
    readonly pointerId = 1;
  } as unknown as typeof PointerEvent;

beforeEach(() => {
  vi.useFakeTimers();
  useSettings.setState({ language: 'zh-CN' });
  FakeRecorder.last = null;
  FakeRecorder.supported = true;
  track = { stop: vi.fn() };
  outcomes = [];
  devices = {
    getUserMedia: vi.fn(async () => ({ getTracks: () => [track] }) as unknown as MediaStream),
    MediaRecorder: FakeRecorder as unknown as AudioDevices['MediaRecorder'],
    now: () => Date.now(),
  };
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Lets the microphone's promise settle. */
const microphoneAnswers = () => act(async () => undefined);
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('the recorder', () => {
  it('asks for the microphone only when recording starts, in Opus when the browser has it', async () => {
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    expect(devices.getUserMedia).not.toHaveBeenCalled();
    await act(() => result.current.start());
    expect(devices.getUserMedia).toHaveBeenCalledWith({ audio: true });
    expect(FakeRecorder.last!.options).toEqual({ mimeType: 'audio/webm;codecs=opus' });
    expect(result.current.state).toBe('recording');
  });

  it('leaves the type to the browser when Opus is not supported', async () => {
    FakeRecorder.supported = false;
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    await act(() => result.current.start());
    expect(FakeRecorder.last!.options).toBeUndefined();
  });

  it('hands over the clip in whole seconds, with the elapsed time shown meanwhile, and lets go of the microphone', async () => {
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    await act(() => result.current.start());
    await wait(3_400);
    expect(result.current.elapsed).toBe(3);
    act(() => result.current.finish());
    expect(outcomes).toEqual([{ kind: 'clip', clip: { blob: expect.any(Blob), seconds: 3 } }]);
    expect((outcomes[0] as { clip: { blob: Blob } }).clip.blob.type).toBe('audio/webm;codecs=opus');
    expect(track.stop).toHaveBeenCalled();
    expect(result.current.state).toBe('idle');
  });

  it('stops by itself at 60 seconds', async () => {
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    await act(() => result.current.start());
    await wait(MAX_CLIP_SECONDS * 1000);
    expect(outcomes).toEqual([{ kind: 'clip', clip: { blob: expect.any(Blob), seconds: 60 } }]);
    expect(result.current.state).toBe('idle');
  });

  it('discards a clip under a second, saying so', async () => {
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    await act(() => result.current.start());
    await wait(900);
    act(() => result.current.finish());
    expect(outcomes).toEqual([{ kind: 'too-short' }]);
    expect(track.stop).toHaveBeenCalled();
  });

  it('drops a cancelled clip without a word', async () => {
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    await act(() => result.current.start());
    await wait(5_000);
    act(() => result.current.cancel());
    expect(outcomes).toEqual([]);
    expect(track.stop).toHaveBeenCalled();
  });

  it('lets go of the microphone at once when the recording ended before it answered', async () => {
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    let started!: Promise<void>;
    act(() => {
      started = result.current.start();
    });
    act(() => result.current.cancel());
    await act(() => started);
    expect(FakeRecorder.last).toBeNull();
    expect(track.stop).toHaveBeenCalled();
    expect(outcomes).toEqual([]);
  });

  it('says why when there is no microphone to use', async () => {
    devices.getUserMedia = vi.fn(async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    });
    const { result } = renderHook(() => useVoiceRecorder(onOutcome, devices));
    await act(() => result.current.start());
    expect(outcomes).toEqual([{ kind: 'unavailable', reason: 'Permission denied' }]);
    expect(result.current.state).toBe('idle');
  });
});

describe('the microphone button', () => {
  const button = () => screen.getByRole('button', { name: /录音|发送语音/ });

  it('records while held, and sends on release', async () => {
    render(<VoiceButton onOutcome={onOutcome} devices={devices} />);
    fireEvent.pointerDown(button(), { button: 0 });
    await microphoneAnswers();
    expect(screen.getByRole('status').textContent).toContain('正在录音');
    await wait(2_000);
    expect(screen.getByRole('timer').textContent).toBe('0:02');
    fireEvent.pointerUp(button(), { button: 0 });
    expect(outcomes).toMatchObject([{ kind: 'clip', clip: { seconds: 2 } }]);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('records from a click until the next click', async () => {
    render(<VoiceButton onOutcome={onOutcome} devices={devices} />);
    fireEvent.pointerDown(button(), { button: 0 });
    fireEvent.pointerUp(button(), { button: 0 });
    await microphoneAnswers();
    await wait(4_000);
    expect(outcomes).toEqual([]);
    expect(screen.getByRole('button', { name: '发送语音', pressed: true })).toBeTruthy();
    fireEvent.pointerDown(button(), { button: 0 });
    fireEvent.pointerUp(button(), { button: 0 });
    expect(outcomes).toMatchObject([{ kind: 'clip', clip: { seconds: 4 } }]);
  });

  it('records from the keyboard: a click with no pointer starts, the next one sends', async () => {
    render(<VoiceButton onOutcome={onOutcome} devices={devices} />);
    fireEvent.click(button(), { detail: 0 });
    await microphoneAnswers();
    await wait(1_500);
    fireEvent.click(button(), { detail: 0 });
    expect(outcomes).toMatchObject([{ kind: 'clip', clip: { seconds: 2 } }]);
  });

  it('cancels when the held pointer moves off the button', async () => {
    render(<VoiceButton onOutcome={onOutcome} devices={devices} />);
    fireEvent.pointerDown(button(), { button: 0 });
    await microphoneAnswers();
    await wait(3_000);
    // React learns of a pointer leaving from the pointerout it gets.
    fireEvent.pointerOut(button(), { relatedTarget: document.body });
    fireEvent.pointerUp(document.body, { button: 0 });
    expect(outcomes).toEqual([]);
    expect(track.stop).toHaveBeenCalled();
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });

  it('cancels on Escape', async () => {
    render(<VoiceButton onOutcome={onOutcome} devices={devices} />);
    fireEvent.click(button(), { detail: 0 });
    await microphoneAnswers();
    await wait(3_000);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(outcomes).toEqual([]);
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });
});

import { useId, useState, type FormEvent } from 'react';

/**
 * One text field and its button, for what needs only a name. The text is sent trimmed, a
 * blank one not at all, and the field empties once `onSubmit` says it went through.
 */
export function SingleFieldForm({
  label,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  maxLength,
  primary = false,
  className,
}: {
  /** Names the field for screen readers and shows in it while it is empty. */
  label: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** Why the last attempt failed, in words for the user. */
  error: string | null;
  onSubmit: (value: string) => Promise<boolean>;
  maxLength?: number;
  primary?: boolean;
  className?: string;
}) {
  const inputId = useId();
  const [value, setValue] = useState('');
  const text = value.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text) return;
    void onSubmit(text).then((done) => {
      if (done) setValue('');
    });
  }

  return (
    <form className={className} onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <input
        id={inputId}
        value={value}
        maxLength={maxLength}
        placeholder={label}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className={primary ? 'primary' : undefined} disabled={pending || !text}>
        {pending ? pendingLabel : submitLabel}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

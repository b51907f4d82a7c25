/** Why a database cannot be used as it is. Restarting the server cannot change any of these: a person must act. */
export type StorageFailure =
  'newer-schema' | 'not-a-database' | 'corrupt' | 'inaccessible' | 'disk-full' | 'no-backup' | 'in-use';

export class StorageError extends Error {
  /** The exit code of a server process it stops: EX_CONFIG of sysexits.h, "fix the set-up, then try again". */
  static readonly exitCode = 78;

  constructor(
    readonly kind: StorageFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }

  /** The one line the server process reports it with to whoever started it, like its ready line. */
  toEvent() {
    return { event: 'fatal', kind: this.kind, message: this.message };
  }
}

/**
 * The ways a domain operation can fail. Each dialect maps these kinds to its own
 * status code and error envelope; the domain never knows about HTTP.
 */
export type FailureKind =
  | 'invalid' // the input breaks a rule (bad value, unknown referenced id)
  | 'unauthenticated' // no identity, or a wrong one
  | 'forbidden' // the caller is known but may not do this
  | 'not-found' // the named resource does not exist for this caller
  | 'conflict' // the resource is in a state that rules this out
  | 'too-many' // the caller must slow down
  | 'too-large' // the input is bigger than allowed
  | 'unsupported'; // the input is of a kind that is not taken

export class DomainError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** For `too-many`: how long the caller should wait before trying again, when known. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string) => new DomainError('invalid', message);
export const unauthenticated = (message = 'unauthorized') => new DomainError('unauthenticated', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not-found', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const tooMany = (message: string, retryAfterMs: number | null = null) =>
  new DomainError('too-many', message, retryAfterMs);
export const tooLarge = (message: string) => new DomainError('too-large', message);
export const unsupported = (message: string) => new DomainError('unsupported', message);

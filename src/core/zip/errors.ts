export type ZipErrorCode = 'corrupt' | 'unsupported' | 'encrypted' | 'too-large' | 'unsafe-path' | 'not-found';

/** A one-line, user-facing error about an archive or one of its entries. */
export class ZipError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
    readonly entry?: string,
  ) {
    super(entry === undefined ? message : `${entry}: ${message}`);
    this.name = 'ZipError';
  }
}

export function corrupt(message: string, entry?: string): ZipError {
  return new ZipError('corrupt', message, entry);
}

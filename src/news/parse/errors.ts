export type ParseErrorCode = 'empty' | 'malformed' | 'no_items' | 'unknown_format';

/** A source whose body cannot be read as news: reported for that source, never fatal. */
export class ParseError extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

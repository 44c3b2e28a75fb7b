import { REDACTED } from './redact';

/**
 * An access token that cannot leak by accident: JSON, string conversion and inspection all show it redacted.
 * Only `authorization()` reveals it, to build the one header that needs it.
 */
export class AccessToken {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  authorization(): string {
    return `Bearer ${this.#value}`;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AccessToken(${REDACTED})`;
  }
}

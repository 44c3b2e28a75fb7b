import { createRedactor, type Redactor } from '../kiva';

/**
 * One scrubber for everything the server writes: its own secrets (client secrets) plus every
 * token service's redactor, which learns each Kiva token as it is issued.
 */
export interface Scrubber {
  addSecret(secret: string | undefined): void;
  include(redactor: Redactor): void;
  text(input: string): string;
  value<T>(input: T): T;
}

export function createScrubber(): Scrubber {
  const own = createRedactor();
  const others: Redactor[] = [];
  const text = (input: string): string => others.reduce((out, redactor) => redactor.text(out), own.text(input));
  return {
    addSecret: (secret) => own.addSecret(secret),
    include: (redactor) => void others.push(redactor),
    text,
    value: <T>(input: T): T => others.reduce((out, redactor) => redactor.value(out), own.value(input)),
  };
}

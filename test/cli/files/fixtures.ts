/** The fixture corpus made by test/fixtures/files/make.py, and what each file holds (expected.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '../../fixtures/files');

export interface Expected {
  sheet?: string;
  cells?: Record<string, unknown>;
  date1904?: boolean;
  damaged?: string;
  part?: string;
  encoding?: string;
  delimiter?: string;
  records?: string[][];
}

export const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;

import type { PathPart } from '../errors';

/** A loosely-typed document of some older version, as read from JSON. */
export type RawDocument = Record<string, unknown>;

/**
 * One upgrade step, as in tldraw's store migrations: ordered, each takes version `from` to
 * `from + 1`. `up` must not mutate its input and must throw MigrationError (with a path in the
 * old document) for anything it cannot read, so an old file is never silently misread.
 */
export interface MigrationStep {
  from: number;
  to: number;
  description: string;
  up(doc: RawDocument): RawDocument;
}

export class MigrationError extends Error {
  readonly path: PathPart[];
  constructor(path: PathPart[], detail: string) {
    super(detail);
    this.name = 'MigrationError';
    this.path = path;
  }
}

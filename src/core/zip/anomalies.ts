import type { ZipEntry } from './entry';

/**
 * What the reader noticed about an archive's layout that a reviewer should know: the reader stays pure and
 * says what it saw; the review turns each kind into a finding of the rule of the same name.
 */
export type AnomalyKind = 'hidden-content' | 'trailing' | 'prefix' | 'split' | 'overlapping-entries' | 'header-mismatch' | 'unreadable-header';

export interface ArchiveAnomaly {
  kind: AnomalyKind;
  message: string;
  entry?: ZipEntry;
}

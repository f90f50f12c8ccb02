import * as semver from 'semver';

const LOOSE_WORDS = new Set(['latest', '*', 'x', 'X', '']);

/** A range is loose when some alternative of it has no upper bound. */
export function isLooseRange(range: string): boolean {
  const trimmed = range.trim();
  if (LOOSE_WORDS.has(trimmed)) {
    return true;
  }
  const parsed = new semver.Range(trimmed);
  return parsed.set.some(
    (comparators) =>
      !comparators.some((c) => c.operator === '<' || c.operator === '<=' || (c.operator === '' && c.value !== '')),
  );
}

export function isValidRange(range: string): boolean {
  return range.trim() === 'latest' || semver.validRange(range) !== null;
}

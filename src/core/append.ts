/**
 * Appends `items` to `target` one by one. Spreading them into `push` passes every item as an argument, and
 * past about 120,000 of them it throws "Maximum call stack size exceeded": a package of 200,000 unlisted
 * files, or a script of 200,000 commands, crashed the review that way.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) {
    target.push(items[i]);
  }
  return target;
}


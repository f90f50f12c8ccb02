import { append } from './append';

/**
 * `fn` over `items`, `atOnce` at a time, the answers in the items' order. For work through Node's thread pool
 * (a stat, a read), where each call is a round trip and one at a time leaves the pool idle.
 */
export async function inTurns<T, R>(items: readonly T[], atOnce: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += atOnce) {
    append(out, await Promise.all(items.slice(i, i + atOnce).map(fn)));
  }
  return out;
}

import { NestedTooDeep, type ScriptModel } from './model';

/**
 * A script with more statements than this (counted as its lines and `;` and `&` separators) is not parsed:
 * its model takes ~35 µs and ~3.5 KB per statement (700,000 trivial commands: 24 s and 1.9 GB), and 8 MiB
 * of text can hold 1.6 million. script/unparsed names it.
 */
export const MAX_STATEMENTS = 100_000;

/** Whether a script may hold more than MAX_STATEMENTS statements: counting stops past it. */
export function tooManyStatements(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length && n <= MAX_STATEMENTS; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 59 || c === 38) {
      n++;
    }
  }
  return n > MAX_STATEMENTS;
}

const notParsedModel = (path: string, text: string, notParsed: string): ScriptModel => ({ path, text, commands: [], assignments: [], notParsed, dispose: () => undefined });

/** The model of a script too long to parse: no commands, and the reason. */
export function unparsedModel(path: string, text: string): ScriptModel | undefined {
  return tooManyStatements(text) ? notParsedModel(path, text, `holds more than ${MAX_STATEMENTS} statements (its lines and ; and & separators)`) : undefined;
}

/** The model of a script nested too deep to model (`e` a NestedTooDeep); any other error is thrown again. */
export function tooDeepModel(path: string, text: string, e: unknown): ScriptModel {
  if (e instanceof NestedTooDeep) {
    return notParsedModel(path, text, e.message);
  }
  throw e;
}

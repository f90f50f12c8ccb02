import { NestedTooDeep, type ScriptModel } from './model';

/**
 * A script with more statements than this (counted as its lines and its `;`, `&` and `|` separators) is not
 * parsed: its model takes ~35 µs and ~3.5 KB per statement (700,000 trivial commands: 24 s and 1.9 GB; a
 * pipeline of 300,000 stages: 14 s and 1.3 GB), and 8 MiB of text can hold 1.6 million. script/unparsed
 * names it.
 */
export const MAX_STATEMENTS = 100_000;
/** Nor is a script with more words than this: one command of 3,000,000 words took 56 s and 3.5 GB. */
export const MAX_WORDS = 250_000;

/** Characters that end a word: blanks, and what separates commands or opens and closes them. */
const ENDS_WORD = new Uint8Array(128);
[9, 10, 13, 32, 0x3b, 0x26, 0x7c, 0x28, 0x29, 0x3c, 0x3e, 0x60].forEach((c) => (ENDS_WORD[c] = 1));

/**
 * Why a script is too large to model (more than MAX_STATEMENTS statements or MAX_WORDS words), or undefined.
 * One pass that stops at the first limit passed. Real scripts are far below both: a 141 KB configure script
 * holds 7,800 statements and 17,000 words.
 */
export function tooLargeToModel(text: string): string | undefined {
  let statements = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x3b || c === 0x26 || c === 0x7c) {
      if (++statements > MAX_STATEMENTS) {
        return `holds more than ${MAX_STATEMENTS} statements (its lines and ; & | separators)`;
      }
    }
    const ends = c < 128 && ENDS_WORD[c] === 1;
    if (!ends && !inWord && ++words > MAX_WORDS) {
      return `holds more than ${MAX_WORDS} words`;
    }
    inWord = !ends;
  }
  return undefined;
}

const notParsedModel = (path: string, text: string, notParsed: string): ScriptModel => ({ path, text, commands: [], assignments: [], notParsed, dispose: () => undefined });

/** The model of a script too long to parse: no commands, and the reason. */
export function unparsedModel(path: string, text: string): ScriptModel | undefined {
  const why = tooLargeToModel(text);
  return why === undefined ? undefined : notParsedModel(path, text, why);
}

/** The model of a script nested too deep to model (`e` a NestedTooDeep); any other error is thrown again. */
export function tooDeepModel(path: string, text: string, e: unknown): ScriptModel {
  if (e instanceof NestedTooDeep) {
    return notParsedModel(path, text, e.message);
  }
  throw e;
}

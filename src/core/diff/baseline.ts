import type { Finding } from '../finding';
import { append } from '../append';
import { MISSING as NO_MANIFEST } from '../manifest/parseRules';

export type Baseline = 'new' | 'unchanged' | 'absent';

/** A finding of a comparison; `was` is its counterpart in the old release when it is unchanged. */
export type DiffFinding = Finding & { baseline: Baseline; was?: Finding };

/** The text a finding stands on: the trimmed line of its file ('' when the file has no text). */
export type StatementOf = (f: Finding) => string;

/**
 * A finding's key. One on the package itself is keyed as such: its `file` is the release's own name, which each
 * release has its own of, or, for `manifest/missing`, a folder's `manifest.json` (where a ZIP's names the ZIP).
 */
const keyOf = (f: Finding, statement: StatementOf, packageName: string): string =>
  `${f.rule}\u0000${f.origin}\u0000${f.file === packageName || f.rule === NO_MANIFEST.id ? '\u0000package' : f.file}\u0000${statement(f)}`;

/**
 * Every finding of the new release labelled against the old one: `unchanged` when the same rule fires on the
 * same file at a statement with the same text (wherever its line moved), `new` otherwise; findings of the
 * old release that no longer fire are `absent`. Equal statements are paired in order. A finding on a release
 * itself (the package has no manifest) is named by the release's file, `dten-5.0.1.zip` and `dten-5.0.2.zip`:
 * the two are the same file here.
 */
export function labelFindings(oldFindings: readonly Finding[], newFindings: readonly Finding[], oldStatement: StatementOf, newStatement: StatementOf, names: { old: string; new: string } = { old: '', new: '' }): DiffFinding[] {
  const waiting = new Map<string, Finding[]>();
  for (const f of oldFindings) {
    const k = keyOf(f, oldStatement, names.old);
    (waiting.get(k) ?? waiting.set(k, []).get(k)!).push(f);
  }
  const out: DiffFinding[] = newFindings.map((f) => {
    const match = waiting.get(keyOf(f, newStatement, names.new))?.shift();
    return match ? { ...f, baseline: 'unchanged', was: match } : { ...f, baseline: 'new' };
  });
  for (const left of waiting.values()) {
    append(out, left.map((f) => ({ ...f, baseline: 'absent' as const })));
  }
  return out;
}

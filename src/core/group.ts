import { capMessage, type Finding } from './finding';
import type { Ledger } from './ledger';
import { finding, type RuleMeta } from './rule';

/** More findings of one rule about whole files than this become one finding (see groupRepeated). */
export const GROUP_AT = 20;
const EXAMPLES = 5;

const wholeFile = (f: Finding): boolean => f.origin === 'package' && f.range.start.line === 0 && f.range.start.character === 0 && f.range.end.line === 0 && f.range.end.character === 0;

/**
 * A rule's findings about many whole files, for a check that may find thousands (a package of 100,000 unlisted
 * or stale files): past GROUP_AT they are made as one finding that stands for them all (`group`, which
 * groupRepeated names), not one each for the grouping to fold (100,000 findings made and folded were a tenth
 * of such a review). Files a ledger entry names are kept out of it, one finding each, for the ledger to accept.
 */
export function repeatedFindings<F extends { path: string }>(rule: RuleMeta, files: readonly F[], message: (file: F) => string, ledger: Ledger | undefined): Finding[] {
  const named = new Set(ledger?.entries.filter((e) => e.rule === rule.id && (e.line === undefined || e.line === 1)).map((e) => e.file));
  const single = (f: F): Finding => finding(rule, f.path, message(f));
  const rest = named.size > 0 ? files.filter((f) => !named.has(f.path)) : files;
  if (rest.length <= GROUP_AT) {
    return files.map(single);
  }
  const alone = files.filter((f) => named.has(f.path)).map(single);
  return [...alone, { ...single(rest[0]), group: { count: rest.length, files: rest.map((f) => f.path) } }];
}

/**
 * A package of 100,000 unlisted files should not bury its few real problems under 100,000 lines: findings of
 * one rule about whole files (not a line in them) past GROUP_AT become one finding at the first file, with
 * the count and the first examples in its message and in `group`; a finding that stands for a group already
 * (repeatedFindings) counts as its files. Input order is kept: a review groups in the order its checks found
 * them (a ZIP's own order, a folder's sorted walk) and sorts afterwards.
 */
export function groupRepeated(findings: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  // forEach, not for…of, over lists as long as a package: a first-run for…of allocates a result per step.
  findings.forEach((f) => {
    if (wholeFile(f)) {
      counts.set(f.rule, (counts.get(f.rule) ?? 0) + (f.group?.count ?? 1));
    }
  });
  const grouped = (f: Finding): boolean => wholeFile(f) && counts.get(f.rule)! > GROUP_AT;
  if (![...counts.values()].some((n) => n > GROUP_AT)) {
    return [...findings];
  }
  // One pass: a group takes the place of its first finding; the others are left out.
  const out: Finding[] = [];
  const groups = new Map<string, { at: number; first: Finding; files: string[] }>();
  findings.forEach((f) => {
    if (!grouped(f)) {
      out.push(f);
      return;
    }
    let g = groups.get(f.rule);
    if (!g) {
      g = { at: out.length, first: f, files: [] };
      groups.set(f.rule, g);
      out.push(f);
    }
    if (f.group) {
      f.group.files.forEach((file) => g.files.push(file));
    } else {
      g.files.push(f.file);
    }
  });
  for (const { at, first, files } of groups.values()) {
    const examples = files.slice(0, EXAMPLES);
    const more = files.length - examples.length;
    const message = `${files.length} files: ${first.message}; the same holds for ${examples.slice(1).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    out[at] = { ...first, message: capMessage(message), group: { count: files.length, files } };
  }
  return out;
}

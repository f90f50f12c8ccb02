import type { ReleaseDiff } from '../../core/diff/compare';
import type { DiffFinding } from '../../core/diff/baseline';
import type { FileChange } from '../../core/diff/files';
import { escapeControls as safe } from '../../core/text';
import { findingJson } from './json';
import { append } from '../../core/append';

const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));
const where = (f: DiffFinding): string => `${f.file}:${f.range.start.line + 1}`;

/** The `diff --format json` of the contract, with each modified text file's hunks and the proposed entries. */
export function diffJson(d: ReleaseDiff): string {
  return (
    JSON.stringify(
      {
        old: d.old,
        new: d.new,
        files: d.files,
        manifest: d.manifest,
        findings: d.findings.map((f) => ({ ...findingJson(f), baseline: f.baseline })),
        summary: d.summary,
        ...(d.accepted.length ? { carriedAcceptances: d.accepted.map((f) => ({ rule: f.rule, file: f.file, line: f.range.start.line + 1, reason: f.accepted?.reason })) } : {}),
        ...(d.proposals.length ? { proposedDeprecations: d.proposals } : {}),
        ...(d.notes.length ? { notes: d.notes } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Text whose line changes say nothing to a reviewer here: the manifest (compared by key), keys and signatures. */
const QUIET_HUNKS = /^manifest\.json$|\.(pem|crt|cer|sig|asc|gpg|p7s)$/;

function fileLine(c: FileChange): string {
  return `  ${c.change.padEnd(8)} ${safe(c.path)}${c.from ? ` (from ${safe(c.from)})` : ''}`;
}

function counts(d: ReleaseDiff): string {
  const kinds = ['added', 'removed', 'modified', 'moved'] as const;
  return kinds.map((k) => `${d.files.filter((f) => f.change === k).length} ${k}`).join(', ');
}

function findingCounts(d: ReleaseDiff): string {
  const n = d.summary.new;
  const unchanged = d.findings.filter((f) => f.baseline === 'unchanged').length;
  const carried = d.accepted.length ? `, ${d.accepted.length} accepted before and still accepted` : '';
  return `${n.error + n.warning + n.info} new (${n.error} error, ${n.warning} warning, ${n.info} info), ${unchanged} unchanged, ${d.summary.absent} absent${carried}`;
}

/** What a reviewer reads first: files that changed (script hunks inline), manifest values, new findings. */
export function diffText(d: ReleaseDiff): string {
  const out = [`${safe(d.old)} → ${safe(d.new)}`, '', `Files: ${counts(d)}`];
  for (const c of d.files) {
    out.push(fileLine(c));
    if (c.hunks && !QUIET_HUNKS.test(c.path)) {
      for (const h of c.hunks) {
        out.push(`      @@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
        append(out, h.lines.map((l) => `      ${safe(l)}`));
      }
    }
  }
  // The files list of the manifest follows the files: counted here, each file listed above.
  const listed = d.manifest.filter((m) => m.key.startsWith('files['));
  out.push('', `Manifest: ${d.manifest.length} value${d.manifest.length === 1 ? '' : 's'} changed`);
  append(out, d.manifest.filter((m) => !listed.includes(m)).map((m) => `  ${safe(m.key)}: ${safe(show(m.old))} → ${safe(show(m.new))}`));
  if (listed.length) {
    out.push(`  files: ${listed.length} entr${listed.length === 1 ? 'y' : 'ies'} of the list changed with the files above`);
  }
  out.push('', `Findings: ${findingCounts(d)}`);
  for (const f of d.findings.filter((x) => x.baseline !== 'unchanged')) {
    out.push(`  ${f.baseline.padEnd(6)} ${f.severity.padEnd(7)} ${safe(where(f))} ${safe(f.message)} [${f.rule}]`);
  }
  if (d.proposals.length) {
    out.push('', 'Config keys the new release no longer ships (entries for .upgrade-inspector/deprecations.json):');
    append(out, d.proposals.map((p) => `  ${safe(JSON.stringify(p))}`));
  }
  append(out, d.notes.map((n) => `note: ${safe(n)}`));
  return out.join('\n') + '\n';
}

/** The same comparison as a Markdown page for a change ticket. */
export function diffMarkdown(d: ReleaseDiff): string {
  const cell = (s: string): string => safe(s).replace(/\|/g, '\\|');
  const out = [`# ${cell(d.old)} → ${cell(d.new)}`, '', `## Files (${counts(d)})`, '', '| change | path |', '| --- | --- |'];
  append(out, d.files.map((c) => `| ${c.change} | \`${cell(c.path)}\`${c.from ? ` (from \`${cell(c.from)}\`)` : ''} |`));
  out.push('', '## Manifest', '', '| key | old | new |', '| --- | --- | --- |');
  append(out, d.manifest.map((m) => `| \`${cell(m.key)}\` | ${cell(show(m.old))} | ${cell(show(m.new))} |`));
  out.push('', `## Findings: ${findingCounts(d)}`, '', '| | severity | where | finding | rule |', '| --- | --- | --- | --- | --- |');
  append(out, d.findings.filter((f) => f.baseline !== 'unchanged').map((f) => `| ${f.baseline} | ${f.severity} | \`${cell(where(f))}\` | ${cell(f.message)} | \`${f.rule}\` |`));
  if (d.proposals.length) {
    out.push('', '## Config keys no longer shipped', '', '```json', JSON.stringify(d.proposals, null, 2), '```');
  }
  return out.join('\n') + '\n';
}

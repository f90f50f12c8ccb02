import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REGISTRY, RULES } from '../../src/core/rules';
import { ruleIndex } from '../../src/core/ruleIndex';
import { repoRoot } from '../helpers/paths';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Each source file's relative imports (type-only ones too), resolved to files. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(root).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].map((m) => {
      const base = resolve(dirname(file), m[1]);
      return [`${base}.ts`, join(base, 'index.ts')].find((c) => graph.has(c) || files(dirname(c)).includes(c)) ?? `${base}.ts`;
    });
    graph.set(file, targets);
  }
  return graph;
}

/** The import cycles of a graph, each as the files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        found.push(stack.slice(stack.indexOf(next)));
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  [...graph.keys()].forEach((f) => state.has(f) || visit(f));
  return found;
}

describe('architecture', () => {
  const src = join(repoRoot, 'src');

  it('has no import cycles under src/', () => {
    assert.deepEqual(cycles(importGraph(src)).map((c) => c.map((f) => relative(src, f)).join(' > ')), []);
  });

  it('the ZIP reader (src/core/zip) imports nothing from the rest of the engine', () => {
    const zip = join(src, 'core', 'zip');
    const outside = [...importGraph(zip)].flatMap(([file, targets]) => targets.filter((t) => !t.startsWith(zip + '/')).map((t) => `${relative(src, file)} → ${relative(src, t)}`));
    assert.deepEqual(outside, []);
  });

  it('every script rule module is registered, and no two rules share an id', () => {
    const dir = join(src, 'core', 'scripts', 'rules');
    const registered = new Set(REGISTRY.flatMap((m) => ('meta' in m ? [m.meta.id] : [])));
    const declared = readdirSync(dir).map((f) => /id: '([^']+)'/.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? f);
    assert.deepEqual(declared.filter((id) => !registered.has(id)), []);
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
  });

  it('the engine (src/core) never imports vscode', () => {
    const offenders = files(join(repoRoot, 'src', 'core')).filter((f) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('every rule has its doc page', () => {
    const missing = RULES.filter((r) => {
      try {
        return !readFileSync(join(repoRoot, 'docs', 'rules', `${r.id}.md`), 'utf8').includes(r.id);
      } catch {
        return true;
      }
    });
    assert.deepEqual(missing.map((r) => r.id), []);
  });

  it('the rule index in docs/rules/README.md is the rule list (npm run docs:rules)', () => {
    assert.equal(readFileSync(join(repoRoot, 'docs', 'rules', 'README.md'), 'utf8'), ruleIndex());
  });
});

import type { ZipEntry } from './entry';

export interface TreeNode {
  name: string;
  /** Path inside the package, '' for the root. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** The central-directory entry; absent for implied folders. */
  entry?: ZipEntry;
  children?: Map<string, TreeNode>;
}

/**
 * The package as a folder tree with implied folders. Entries whose names are unsafe are not in it, and a
 * later entry with the same path does not replace the first (the duplicate is a finding, not a file).
 */
export function buildTree(entries: readonly ZipEntry[]): TreeNode {
  const root: TreeNode = { name: '', path: '', type: 'directory', children: new Map() };
  for (const entry of entries) {
    if (entry.path === undefined || entry.path === '') {
      continue;
    }
    const parts = entry.path.split('/');
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const children = node.children!;
      let child = children.get(parts[i]);
      if (!child) {
        const path = parts.slice(0, i + 1).join('/');
        child = last
          ? { name: parts[i], path, type: entry.type, entry }
          : { name: parts[i], path, type: 'directory' };
        if (child.type === 'directory') {
          child.children = new Map();
        }
        children.set(parts[i], child);
      } else if (last && child.type === 'directory' && entry.type === 'directory' && !child.entry) {
        child.entry = entry;
      }
      if (!last && child.type !== 'directory') {
        break; // a file stands where a folder is implied: keep the file, drop what would hang below it
      }
      node = child;
    }
  }
  return root;
}

export function findNode(root: TreeNode, path: string): TreeNode | undefined {
  if (path === '' || path === '/') {
    return root;
  }
  let node: TreeNode | undefined = root;
  for (const part of path.split('/')) {
    if (part === '') {
      continue;
    }
    node = node?.children?.get(part);
    if (!node) {
      return undefined;
    }
  }
  return node;
}

import type { PackageFile } from './file';

/** A node of a package's folder tree: a file, or a folder (written in the package or implied by paths). */
export interface PackageNode {
  name: string;
  /** Path inside the package, '' for the root. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** The package file; absent for implied folders. */
  file?: PackageFile;
  children?: Map<string, PackageNode>;
}

/**
 * The package as a folder tree with implied folders, from its files (one per path: the package decides which
 * when a ZIP names a path twice). A file standing where a folder is implied keeps its place; what would hang
 * below it is dropped.
 */
export function buildTree(files: readonly PackageFile[]): PackageNode {
  const root: PackageNode = { name: '', path: '', type: 'directory', children: new Map() };
  for (const file of files) {
    const parts = file.path.split('/');
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const children = node.children!;
      let child = children.get(parts[i]);
      if (!child) {
        const path = last ? file.path : parts.slice(0, i + 1).join('/');
        child = last ? { name: parts[i], path, type: file.type, file } : { name: parts[i], path, type: 'directory' };
        if (child.type === 'directory') {
          child.children = new Map();
        }
        children.set(parts[i], child);
      } else if (last && child.type === 'directory' && file.type === 'directory' && !child.file) {
        child.file = file;
      }
      if (!last && child.type !== 'directory') {
        break;
      }
      node = child;
    }
  }
  return root;
}

export function findNode(root: PackageNode, path: string): PackageNode | undefined {
  let node: PackageNode | undefined = root;
  for (const part of path.split('/')) {
    if (part !== '') {
      node = node?.children?.get(part);
    }
  }
  return node;
}

import type { PackageFile } from './file';

/** A node of a package's folder tree: a file, or a folder (written in the package or implied by paths). */
export interface PackageNode {
  name: string;
  /** Path inside the package, '' for the root. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** The package file; absent for implied folders. For an opened nested archive: the archive's own file. */
  file?: PackageFile;
  /** Set on a nested archive opened as a folder (`payload/app.tar.gz`, whose files are `payload/app.tar.gz!/…`). */
  archive?: boolean;
  children?: Map<string, PackageNode>;
}

/** The names along a path and the path of each, across nested archives: `a.tgz!/etc/x` → a.tgz, etc, x. */
function steps(path: string): { name: string; path: string; entersArchive: boolean }[] {
  const out: { name: string; path: string; entersArchive: boolean }[] = [];
  let at = '';
  path.split('!/').forEach((level, li) => {
    level.split('/').forEach((name, pi) => {
      const entersArchive = li > 0 && pi === 0;
      at = at === '' ? name : `${at}${entersArchive ? '!/' : '/'}${name}`;
      out.push({ name, path: at, entersArchive });
    });
  });
  return out;
}

/**
 * The package as a folder tree with implied folders, from its files (one per path: the package decides which
 * when a ZIP names a path twice). A nested archive whose files are listed becomes a folder holding them. A
 * file standing where a folder is implied keeps its place; what would hang below it is dropped.
 */
export function buildTree(files: readonly PackageFile[]): PackageNode {
  const root: PackageNode = { name: '', path: '', type: 'directory', children: new Map() };
  for (const file of files) {
    const path = steps(file.path);
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      const { name } = path[i];
      const children = node.children!;
      let child = children.get(name);
      if (!child) {
        child = last ? { name, path: file.path, type: file.type, file } : { name, path: path[i].path, type: 'directory' };
        if (child.type === 'directory') {
          child.children = new Map();
        }
        children.set(name, child);
      } else if (last && child.type === 'directory' && file.type === 'directory' && !child.file) {
        child.file = file;
      } else if (last && child.archive && !child.file) {
        child.file = file;
      }
      if (!last && child.type !== 'directory') {
        if (!path[i + 1].entersArchive) {
          break;
        }
        // The next step is inside this file: an opened archive, shown as a folder.
        child.type = 'directory';
        child.archive = true;
        child.children = new Map();
      }
      if (!last && path[i + 1].entersArchive && child.type === 'directory') {
        child.archive = true;
      }
      node = child;
    }
  }
  return root;
}

export function findNode(root: PackageNode, path: string): PackageNode | undefined {
  let node: PackageNode | undefined = root;
  if (path === '' || path === '/') {
    return root;
  }
  for (const { name } of steps(path.replace(/^\/+/, ''))) {
    if (name !== '') {
      node = node?.children?.get(name);
    }
  }
  return node;
}

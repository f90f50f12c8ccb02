import { ExpandedPackage } from '../core/nested/expand';
import { ZipPackage } from '../core/package/source';
import { defaultSettings } from '../core/settings';
import { escapeControls } from '../core/text';
import { CliError, openZipOrExplain, write } from './io';

/** The package with its nested archives opened, for `cat A!/B` and `ls --recursive`. */
async function expanded(path: string): Promise<{ pkg: ExpandedPackage; close: () => Promise<void> }> {
  const archive = await openZipOrExplain(path);
  const pkg = await ExpandedPackage.open(new ZipPackage(archive, path.split('/').pop()!), defaultSettings());
  return { pkg, close: () => archive.close() };
}

/** Why a nested archive on the way to `inner` was not opened, if one was not. */
function blocked(pkg: ExpandedPackage, inner: string): string | undefined {
  const hit = pkg.nested.find((n) => n.status !== 'opened' && inner.startsWith(`${n.path}!/`));
  return hit && `${hit.path} was not opened (${hit.status}${hit.detail ? `: ${hit.detail}` : ''}); see lint`;
}

/** `cat PACKAGE 'A!/B'`: the bytes of a file inside a nested archive. */
export async function runCatNested(path: string, inner: string): Promise<number> {
  const { pkg, close } = await expanded(path);
  try {
    const file = pkg.file(inner);
    if (!file) {
      throw new CliError(escapeControls(blocked(pkg, inner) ?? `${inner}: no such entry in ${path}`));
    }
    if (file.type === 'directory') {
      throw new CliError(`${escapeControls(inner)}: is a folder`);
    }
    try {
      await write(await pkg.read(inner, defaultSettings().limits.maxEntryBytes));
    } catch (e) {
      throw new CliError(escapeControls((e as Error).message));
    }
  } finally {
    await close();
  }
  return 0;
}

const PERMS = 'rwxrwxrwx';
function mode(type: string, m: number | undefined): string {
  let s = type === 'directory' ? 'd' : type === 'symlink' ? 'l' : '-';
  for (let i = 0; i < 9; i++) {
    s += m === undefined ? (type === 'directory' ? 'rwxr-xr-x' : 'rw-r--r--')[i] : m & (1 << (8 - i)) ? PERMS[i] : '-';
  }
  return s;
}

/** `ls PACKAGE --recursive`: every entry of the package and of every archive inside it, by its full path. */
export async function runLsRecursive(path: string, json: boolean): Promise<number> {
  const { pkg, close } = await expanded(path);
  try {
    const files = pkg.files();
    if (json) {
      const entries = files.map((f) => ({ path: f.path, size: f.size, mtime: f.mtime.toISOString(), mode: f.mode ?? null, type: f.type }));
      await write(JSON.stringify({ entries, nested: pkg.nested }, null, 2) + '\n');
    } else {
      const lines = files.map((f) => `${mode(f.type, f.mode === undefined ? undefined : f.mode & 0o777)} ${String(f.size).padStart(10)} ${f.mtime.toISOString().slice(0, 16).replace('T', ' ')} ${escapeControls(f.path)}`);
      const notOpened = pkg.nested.filter((n) => n.status !== 'opened').map((n) => `note: ${escapeControls(n.path)} not opened (${n.status}${n.detail ? `: ${escapeControls(n.detail)}` : ''})`);
      await write([...lines, ...notOpened].join('\n') + '\n');
    }
  } finally {
    await close();
  }
  return 0;
}

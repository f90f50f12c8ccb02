import { JsonDocument } from '../json';

export const MANIFEST_PATH = 'manifest.json';
export const DEFAULT_SIGNATURE = 'manifest.json.sig';
export const DEFAULT_CERTIFICATE = 'certs/signer.pem';
export const HOOKS = ['preinstall', 'install', 'postinstall', 'rollback', 'cleanup'] as const;

export interface ManifestFile { path: string; sha256?: string; mode?: string | number; index: number }

/** manifest.json, parsed with ranges and read leniently: wrong types are the schema rule's business. */
export class Manifest {
  readonly doc: JsonDocument;
  readonly data: Record<string, unknown>;

  constructor(readonly bytes: Buffer) {
    this.doc = new JsonDocument(bytes.toString('utf8'));
    const v = this.doc.value;
    this.data = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  private str(key: string): string | undefined {
    const v = this.data[key];
    return typeof v === 'string' ? v : undefined;
  }
  private obj(key: string): Record<string, unknown> {
    const v = this.data[key];
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  get name(): string | undefined {
    return this.str('name');
  }
  get version(): string | undefined {
    return this.str('version');
  }
  get releaseDate(): Date | undefined {
    const s = this.str('releaseDate');
    const d = s ? new Date(s) : undefined;
    return d && !Number.isNaN(d.getTime()) ? d : undefined;
  }
  get files(): ManifestFile[] {
    const v = this.data.files;
    if (!Array.isArray(v)) {
      return [];
    }
    return v.flatMap((f, index) =>
      f && typeof f === 'object' && typeof (f as ManifestFile).path === 'string'
        ? [{ ...(f as ManifestFile), path: normalise((f as ManifestFile).path), index }]
        : [],
    );
  }
  get scripts(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.obj('scripts')).filter(([, p]) => typeof p === 'string').map(([k, p]) => [k, normalise(p as string)]));
  }
  get dependencies(): Record<string, unknown> {
    return this.obj('dependencies');
  }
  get upgradePaths(): { from: unknown; index: number }[] {
    const v = this.data.upgradePaths;
    return Array.isArray(v) ? v.map((p, index) => ({ from: p && typeof p === 'object' ? (p as { from?: unknown }).from : undefined, index })) : [];
  }
  get deprecationsPath(): string | undefined {
    const p = this.obj('config').deprecations;
    return typeof p === 'string' ? normalise(p) : undefined;
  }
  get signatureFile(): string {
    const p = this.obj('signature').file;
    return typeof p === 'string' ? normalise(p) : DEFAULT_SIGNATURE;
  }
  get certificateFile(): string {
    const p = this.obj('signature').certificate;
    return typeof p === 'string' ? normalise(p) : DEFAULT_CERTIFICATE;
  }
  get reboot(): unknown {
    return this.data.reboot;
  }
  get downtimeMinutes(): number | undefined {
    const v = this.data.downtimeMinutes;
    return typeof v === 'number' ? v : undefined;
  }
}

function normalise(path: string): string {
  return path.replace(/^\.\//, '').replace(/^\/+/, '');
}

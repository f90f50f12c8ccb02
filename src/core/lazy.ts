/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Libraries that only some packages need, loaded on first use through modules of their own (src/core/vendor/,
 * bundled apart as dist/*-libs.js): a review of a package without a signature or an archive inside never
 * reads or starts them (pkijs with asn1js takes 40–70 ms to load, openpgp.js about as much, tar-stream 15, the
 * xz decoder 15 with Node's web streams).
 */
type X509Libs = typeof import('./vendor/x509Libs');
type ArchiveLibs = typeof import('./vendor/archiveLibs');
type XzLib = typeof import('./vendor/xzLib');
type OpenPgpLib = typeof import('./vendor/openpgpLib');

let x509: X509Libs | undefined;
export function x509Libraries(): X509Libs {
  x509 ??= require('./vendor/x509Libs') as X509Libs;
  return x509;
}

let archives: ArchiveLibs | undefined;
export function archiveLibraries(): ArchiveLibs {
  archives ??= require('./vendor/archiveLibs') as ArchiveLibs;
  return archives;
}

let xz: XzLib | undefined;
export function xzLibrary(): XzLib {
  xz ??= require('./vendor/xzLib') as XzLib;
  return xz;
}

let openpgp: OpenPgpLib | undefined;
export function openPgpLibrary(): OpenPgpLib {
  openpgp ??= require('./vendor/openpgpLib') as OpenPgpLib;
  return openpgp;
}

/*
 * Libraries of the review bundle itself that only some packages need: required on first use, so that
 * loading the engine does not run their set-up (a package without YAML or crontabs).
 */
type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;
export function yamlLibrary(): Yaml {
  yaml ??= require('yaml') as Yaml;
  return yaml;
}

interface CronLibs {
  cronstrue: typeof import('cronstrue').default;
  Cron: typeof import('croner').Cron;
}
let cron: CronLibs | undefined;
export function cronLibraries(): CronLibs {
  cron ??= { cronstrue: (require('cronstrue') as typeof import('cronstrue')).default, Cron: (require('croner') as typeof import('croner')).Cron };
  return cron;
}

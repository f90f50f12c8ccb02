/**
 * Certificates made with openssl for the example package and the tests: a root, intermediates, signers, and
 * the odd ones path validation must refuse. Keys live in a temporary folder that the caller removes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The extension sections a certificate can be made with. */
export type Profile = 'root' | 'intermediate' | 'subCa' | 'caNoCertSign' | 'notCa' | 'signer' | 'serverSigner';

/** Each profile's extensions: basicConstraints, keyUsage, and an extended key usage where it has one. */
const PROFILES: Record<Profile, { ca: string; usage: string; eku?: string; root?: boolean }> = {
  root: { ca: 'CA:true', usage: 'keyCertSign, cRLSign', root: true },
  intermediate: { ca: 'CA:true, pathlen:0', usage: 'keyCertSign, cRLSign' },
  subCa: { ca: 'CA:true', usage: 'keyCertSign, cRLSign' },
  caNoCertSign: { ca: 'CA:true', usage: 'digitalSignature' },
  notCa: { ca: 'CA:false', usage: 'digitalSignature' },
  signer: { ca: 'CA:false', usage: 'digitalSignature', eku: 'codeSigning' },
  serverSigner: { ca: 'CA:false', usage: 'digitalSignature', eku: 'serverAuth' },
};

const CONFIG = (dir: string): string =>
  [
    '[ ca ]',
    'default_ca = ca_default',
    '[ ca_default ]',
    `database = ${dir}/index.txt`,
    `new_certs_dir = ${dir}`,
    `serial = ${dir}/serial`,
    'default_md = sha256',
    'policy = policy_any',
    'unique_subject = no',
    'email_in_dn = no',
    '[ policy_any ]',
    'commonName = supplied',
    'organizationName = optional',
    ...Object.entries(PROFILES).flatMap(([name, p]) => [
      `[ ${name} ]`,
      `basicConstraints = critical, ${p.ca}`,
      `keyUsage = critical, ${p.usage}`,
      ...(p.eku ? [`extendedKeyUsage = ${p.eku}`] : []),
      'subjectKeyIdentifier = hash',
      ...(p.root ? [] : ['authorityKeyIdentifier = keyid']),
    ]),
  ].join('\n') + '\n';

export class CertLab {
  private readonly cfg: string;

  constructor(private readonly dir: string) {
    this.cfg = join(dir, 'openssl.cnf');
    writeFileSync(this.cfg, CONFIG(dir));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
  }

  private ssl(...args: string[]): void {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }

  private sign(name: string, out: string, profile: Profile, issuer?: string): string {
    const signWith = issuer ? ['-cert', join(this.dir, `${issuer}.pem`), '-keyfile', join(this.dir, `${issuer}.key`)] : ['-selfsign', '-keyfile', join(this.dir, `${name}.key`)];
    this.ssl('ca', '-batch', '-notext', '-config', this.cfg, ...signWith, '-in', join(this.dir, `${name}.csr`), '-out', join(this.dir, `${out}.pem`), '-extensions', profile, '-startdate', '20250601000000Z', '-enddate', '20300601000000Z');
    return readFileSync(join(this.dir, `${out}.pem`), 'utf8');
  }

  /** A new key and its certificate (self-signed without an issuer), valid 2025-06-01 to 2030-06-01. */
  make(name: string, subject: string, profile: Profile, issuer?: string, ec = false): string {
    const algo = ec ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
    this.ssl('genpkey', ...algo, '-out', join(this.dir, `${name}.key`));
    this.ssl('req', '-new', '-key', join(this.dir, `${name}.key`), '-subj', subject, '-out', join(this.dir, `${name}.csr`));
    return this.sign(name, name, profile, issuer);
  }

  /** Another certificate for an existing key and name, issued by someone else: a cross-signed root. */
  crossSign(name: string, issuer: string, profile: Profile = 'subCa'): string {
    return this.sign(name, `${name}-by-${issuer}`, profile, issuer);
  }

  key(name: string): string {
    return readFileSync(join(this.dir, `${name}.key`), 'utf8');
  }
}

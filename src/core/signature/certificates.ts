import { X509Certificate } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text, in order; throws on a block that does not parse. */
export function parsePemChain(text: string): X509Certificate[] {
  return (text.match(PEM_BLOCK) ?? []).map((block) => new X509Certificate(block));
}

/** The line where the n-th PEM block starts, for pointing findings at a certificate. */
export function pemBlockLine(text: string, n: number): number {
  let index = -1;
  for (let i = 0; i <= n; i++) {
    index = text.indexOf('-----BEGIN CERTIFICATE-----', index + 1);
    if (index < 0) {
      return 0;
    }
  }
  return text.slice(0, index).split('\n').length - 1;
}

export function describeName(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}

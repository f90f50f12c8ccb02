/**
 * The few DER elements a certificate's extensions are made of (X.690 §8, §10): a tag, a length, contents.
 * Only for certificates Node's X509Certificate (OpenSSL) has already parsed: no indefinite lengths, no tags
 * past 30, and nothing read past the bytes an element declares. asn1js read the whole certificate for three
 * extensions, every nested BIT and OCTET STRING decoded too: 1.5–2 ms a certificate, ~10 ms cold.
 */
export interface Element {
  tag: number;
  /** Where its contents start and end in the DER. */
  start: number;
  end: number;
}

export const BOOLEAN = 0x01;
export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const OID = 0x06;
export const SEQUENCE = 0x30;

/** The element whose header starts at `at`; undefined when it does not fit before `limit`. */
export function elementAt(der: Uint8Array, at: number, limit: number): Element | undefined {
  if (at + 2 > limit || (der[at] & 0x1f) === 0x1f) {
    return undefined;
  }
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) {
      return undefined;
    }
    length = 0;
    for (let i = 0; i < bytes; i++) {
      length = length * 256 + der[start + i];
    }
    start += bytes;
  }
  return start + length <= limit ? { tag: der[at], start, end: start + length } : undefined;
}

/** The elements inside a constructed one, in order (none for a primitive one that holds no elements). */
export function childrenOf(der: Uint8Array, parent: Element | undefined): Element[] {
  const out: Element[] = [];
  for (let at = parent?.start ?? 0; parent && at < parent.end; ) {
    const child = elementAt(der, at, parent.end);
    if (!child) {
      break;
    }
    out.push(child);
    at = child.end;
  }
  return out;
}

/** An INTEGER's value (two's complement), for the small ones a certificate's extensions hold. */
export function integerOf(der: Uint8Array, e: Element): number | undefined {
  if (e.end - e.start < 1 || e.end - e.start > 6) {
    return undefined;
  }
  let value = der[e.start] & 0x80 ? -1 : 0;
  for (let i = e.start; i < e.end; i++) {
    value = value * 256 + der[i];
  }
  return value;
}

/** An OBJECT IDENTIFIER in dotted form ("2.5.29.19"). */
export function oidOf(der: Uint8Array, e: Element): string {
  const arcs: number[] = [];
  let arc = 0;
  for (let i = e.start; i < e.end; i++) {
    arc = arc * 128 + (der[i] & 0x7f);
    if (!(der[i] & 0x80)) {
      arcs.push(arc);
      arc = 0;
    }
  }
  if (arcs.length === 0) {
    return '';
  }
  const first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

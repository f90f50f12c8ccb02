/**
 * asn1js alone, bundled apart (dist/asn1-lib.js) and loaded on first use: the extensions of a certificate are
 * read with it (~9 ms to load), without pkijs (~40 ms with asn1js), which only a CMS signature needs.
 */
export * as asn1js from 'asn1js';

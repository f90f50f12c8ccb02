/** pkijs and asn1js in one module, bundled apart (dist/x509-libs.js) and loaded by lazy.ts on first use. */
export * as pkijs from 'pkijs';
export * as asn1js from 'asn1js';

export * from './archive';
export type { ArchiveAnomaly, AnomalyKind } from './anomalies';
export * from './entry';
export * from './errors';
export { cleanNameBytes, normaliseEntryName, resolveLinkTarget } from './names';
export { openCentralDirectory } from './centralDirectory';
export { RawRecord } from './record';
export { FileSource, type ByteSource, type FileSourceOptions } from './source';

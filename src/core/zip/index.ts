export * from './archive';
export * from './entry';
export * from './errors';
export * from './tree';
export { cleanNameBytes, normaliseEntryName, resolveLinkTarget } from './names';
export { openCentralDirectory, RawRecord } from './centralDirectory';
export { FileSource } from './source';

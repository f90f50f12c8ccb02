export * from './archive';
export * from './entry';
export * from './errors';
export * from './tree';
export { normaliseEntryName, resolveLinkTarget } from './names';

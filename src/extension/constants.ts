/** Every id the extension shares with package.json; a test keeps the two in sync. */
export const SCHEME = 'upgrade-zip';
export const SOURCE = 'upgrade-inspector';

export const VIEW_CONTAINER = 'upgradeInspector';
export const VIEWS = {
  packages: 'upgradeInspector.packages',
  compatibility: 'upgradeInspector.compatibility',
  review: 'upgradeInspector.review',
  changes: 'upgradeInspector.changes',
} as const;

export const COMMANDS = {
  openPackage: 'upgradeInspector.openPackage',
  openPackageFromExplorer: 'upgradeInspector.openPackageFromExplorer',
  reviewFolder: 'upgradeInspector.reviewFolder',
  closePackage: 'upgradeInspector.closePackage',
  addPackageToWorkspace: 'upgradeInspector.addPackageToWorkspace',
  revealInPackagesView: 'upgradeInspector.revealInPackagesView',
  openEntry: 'upgradeInspector.openEntry',
  trustRootCertificate: 'upgradeInspector.trustRootCertificate',
  acceptFinding: 'upgradeInspector.acceptFinding',
  fixConfigDrift: 'upgradeInspector.fixConfigDrift',
  exportReviewReport: 'upgradeInspector.exportReviewReport',
  importInventory: 'upgradeInspector.importInventory',
  pickInventory: 'upgradeInspector.pickInventory',
  refresh: 'upgradeInspector.refresh',
  copyMatrix: 'upgradeInspector.copyMatrix',
  exportMatrix: 'upgradeInspector.exportMatrix',
  revealManifestLine: 'upgradeInspector.revealManifestLine',
  compareWithPrevious: 'upgradeInspector.compareWithPrevious',
  compareReleases: 'upgradeInspector.compareReleases',
  addVendorChain: 'upgradeInspector.addVendorChain',
  openStartOfFile: 'upgradeInspector.openStartOfFile',
} as const;

export const SETTINGS = {
  section: 'upgradeInspector',
  trustedRoots: 'trustedRoots',
  extraCertificates: 'extraCertificates',
  trustedKeys: 'trustedKeys',
  inventory: 'inventory',
  configFiles: 'configFiles',
  staleYears: 'staleYears',
  maxEntrySizeMB: 'limits.maxEntrySizeMB',
  maxRatio: 'limits.maxRatio',
  maxTotalSizeMB: 'limits.maxTotalSizeMB',
  maxDepth: 'limits.maxDepth',
  maxOpenSizeMB: 'limits.maxOpenSizeMB',
  shellcheckEnable: 'shellcheck.enable',
  shellcheckPath: 'shellcheck.path',
  lintWorkspaceScripts: 'scripts.lintWorkspaceScripts',
} as const;

export const FIX_ALL_KIND = 'source.fixAll.upgradeInspector';
export const OPEN_PACKAGES_STATE = 'upgradeInspector.openPackages';
/** Global state: the open packages, handed to the window a reload into a new workspace opens. */
export const HANDOFF_STATE = 'upgradeInspector.reloadHandoff';
/** A .zip inside a package opens as a package when it is at most this large (read into memory). */
export const MAX_NESTED_ZIP_BYTES = 256 * 1024 * 1024;

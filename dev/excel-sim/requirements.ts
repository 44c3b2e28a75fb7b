/** Requirement sets, compared the way `Office.context.requirements.isSetSupported` compares them. */

export type RequirementSets = Record<string, string>;

/** A current Excel on the web / Microsoft 365: every set Kiva Sheets may feature-detect. */
export const DEFAULT_REQUIREMENT_SETS: RequirementSets = {
  ExcelApi: '1.18',
  SharedRuntime: '1.1',
  RibbonApi: '1.1',
  DialogApi: '1.2',
  IdentityAPI: '1.3',
  NestedAppAuth: '1.1',
};

/** Office 2021 / 2024 perpetual: ExcelApi 1.10 was our baseline in office-notes.md, and no notes API. */
export const OFFICE_2021_REQUIREMENT_SETS: RequirementSets = {
  ExcelApi: '1.10',
  SharedRuntime: '1.1',
  RibbonApi: '1.1',
  DialogApi: '1.2',
  IdentityAPI: '1.3',
};

/**
 * Office.js parses a number like 1.1 with `String()`, so `1.10` as a number is 1.1: callers should pass strings,
 * and the simulation reproduces the trap rather than hiding it.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number(p) || 0);
  const pb = b.split('.').map((p) => Number(p) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function isSetSupported(sets: RequirementSets, name: string, minVersion?: string | number): boolean {
  const key = Object.keys(sets).find((k) => k.toLowerCase() === String(name).toLowerCase());
  if (key === undefined) return false;
  const have = sets[key] ?? '0';
  if (minVersion === undefined || minVersion === null || minVersion === '') return true;
  return compareVersions(have, String(minVersion)) >= 0;
}

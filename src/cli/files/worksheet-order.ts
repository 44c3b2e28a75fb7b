/**
 * The order of a worksheet's children after `<sheetData>` (ECMA-376 Part 1, CT_Worksheet). An element we add must go
 * before the first of these that follows it in the order, or Excel calls the file damaged.
 */
const AFTER_SHEET_DATA = [
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

/** The children an element of this name must come before. */
export function childrenAfter(name: (typeof AFTER_SHEET_DATA)[number]): ReadonlySet<string> {
  return new Set(AFTER_SHEET_DATA.slice(AFTER_SHEET_DATA.indexOf(name) + 1));
}

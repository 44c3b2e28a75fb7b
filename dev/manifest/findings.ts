/** One problem found in the manifest: which rule, which element (as `describe` names it), what is wrong. */
export interface Finding {
  rule: RuleId;
  element: string;
  message: string;
}

/** Every rule the validator applies; docs/manifest.md says where each comes from. */
export type RuleId =
  | 'xml.well-formed'
  | 'xml.namespace'
  | 'xml.structure'
  | 'id.guid'
  | 'version.format'
  | 'version.package'
  | 'resource.id'
  | 'resource.unused'
  | 'resid.defined'
  | 'url.https'
  | 'url.origin'
  | 'url.path'
  | 'icon.file'
  | 'icon.size'
  | 'icon.sizes'
  | 'control.id'
  | 'command.function'
  | 'command.page'
  | 'runtime.shared'
  | 'requirements.sets'
  | 'hosts.workbook'
  | 'permissions'
  | 'string.length'
  | 'label.length'
  | 'store.length'
  | 'locale.override'
  | 'locale.regional'
  | 'converter.failed'
  | 'converter.message'
  | 'schema.manifest'
  | 'schema.localization';

export class Findings {
  readonly list: Finding[] = [];

  add(rule: RuleId, element: string, message: string): void {
    this.list.push({ rule, element, message });
  }
}

export function formatFinding(f: Finding): string {
  return `[${f.rule}] ${f.element}: ${f.message}`;
}

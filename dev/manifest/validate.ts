/**
 * Offline validation of manifest.xml (issue #7): strict XML parse, structure and namespaces, our own checks, then
 * conversion to the unified manifest with office-addin-manifest-converter and JSON-schema validation (1.24).
 * `office-addin-manifest validate` would post the file to a Microsoft service instead: it fails offline.
 */
import { runChecks, type CheckOptions } from './checks';
import { convertManifest, validateConverted, type Converted } from './convert';
import { Findings, type Finding } from './findings';
import { checkStructure } from './structure';
import { parseStrict } from './xml';

export type { CheckOptions, Finding };

export interface ValidationResult {
  findings: Finding[];
  /** The unified manifest the converter made, when it made one. */
  converted?: Converted;
}

export function validateManifest(xml: string, options: CheckOptions): ValidationResult {
  const findings = new Findings();
  const parsed = parseStrict(xml);
  if (!parsed.ok) {
    for (const error of parsed.errors) findings.add('xml.well-formed', 'manifest.xml', error);
    return { findings: findings.list };
  }
  checkStructure(parsed.root, findings);
  runChecks(parsed.root, options, findings);
  let converted: Converted | undefined;
  try {
    converted = convertManifest(xml);
  } catch (cause) {
    findings.add('converter.failed', 'manifest.xml', `office-addin-manifest-converter failed: ${describeError(cause)}`);
  }
  if (converted !== undefined) {
    for (const message of converted.messages) findings.add('converter.message', 'manifest.xml', message);
    validateConverted(converted, findings);
  }
  return { findings: findings.list, converted };
}

function describeError(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * One folding for headers and for config-list names, so `Fecha de desembolso`, `FECHA-DESEMBOLSO` and
 * `fecha_desembolso` compare equal, and `Nº préstamo` folds like `No prestamo`.
 */

const MARKS = /[\u0300-\u036f]/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

export function fold(text: string): string {
  // NFKD also turns º/ª and full-width letters into plain ones before the accents are dropped.
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

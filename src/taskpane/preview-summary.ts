/**
 * One line per request of the preview, above its exact JSON, in the pane's language: what it carries in the units
 * a coordinator counts (loans with their rows, repayments, journal updates), for whom, and the money — counted by
 * send-contents.ts, as the Send tab and the production confirmation count it.
 */
import { fill, formatList, plural, type UiCatalogue, type UiLanguage } from '../i18n';
import type { PreviewItem } from '../sheet';
import { describeContents, sendContents } from './send-contents';

export function previewSummary(lang: UiLanguage, t: UiCatalogue, item: PreviewItem): string {
  const { what, money } = describeContents(lang, t, sendContents([item]));
  const parts = [what];
  const body = item.body;
  if (item.endpoint === 'loan_draft' && !('repayments' in body) && !Array.isArray(body) && !('journals' in body)) {
    if (body.group_name !== undefined && body.group_name !== '') {
      parts.push(fill(t.preview.group, { name: body.group_name }));
    } else {
      const first = body.entreps?.[0];
      const name = [first?.first_name, first?.last_name].filter((p) => p !== undefined && p !== '').join(' ');
      if (name !== '') parts.push(fill(t.preview.borrower, { name }));
    }
    if (money !== undefined) parts.push(money);
    if (body.disburse_time !== undefined)
      parts.push(fill(t.preview.disbursed, { date: dateText(body.disburse_time, lang) }));
  } else if (item.endpoint === 'journals') {
    const journals = Array.isArray(body) ? body : 'journals' in body ? body.journals : [];
    const subjects = journals.flatMap((j) => (j.subject !== undefined && j.subject !== '' ? [j.subject] : []));
    if (subjects.length > 0) {
      const shown = subjects.slice(0, 2).map((subject) => fill(t.preview.subject, { subject }));
      if (subjects.length > 2) shown.push(plural(lang, t.preview.more, subjects.length - 2));
      parts.push(formatList(shown, lang));
    }
  } else if (money !== undefined) parts.push(money);
  return parts.join(' · ');
}

/** `2026-11-02` as the language writes a date; anything else as it is. */
function dateText(iso: string, lang: UiLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

// Dates typed in a filter or a go-to box: a box that holds no real day does not change what the
// screen shows, and says so in a sentence where the person looks (issue 19: nothing fails
// silently; a red border alone is not an explanation).
import { parseIsoDate } from './format';
import { t } from './i18n/index.svelte';

/** The sentence for the first box (`[label, text]`) whose text is not a real day, or null. */
export function badDateSentence(boxes: Array<[label: string, text: string]>): string | null {
  const bad = boxes.find(([, text]) => parseIsoDate(text) === null);
  if (!bad) return null;
  const [field, text] = bad;
  return text.trim() === '' ? t('date.filter_empty', { field }) : t('date.filter_invalid', { field, text: text.trim() });
}

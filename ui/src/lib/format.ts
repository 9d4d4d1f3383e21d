// How amounts, dates and hours look and are typed, per language. Amounts travel as integer
// cents; the core formats the same way for PDFs (core/src/money.rs).
import type { Lang } from './bindings';

const LOCALES: Record<Lang, string> = { fr: 'fr-CA', en: 'en-CA' };

const money = (lang: Lang, digits: number) =>
  new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency: 'CAD',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

/** `1 234,56 $` / `$1,234.56`; negative `−1 234,56 $` / `-$1,234.56`. */
export function formatMoney(cents: number, lang: Lang): string {
  return typeset(money(lang, 2).format(unsignedZero(Math.round(cents) / 100)), lang);
}

/** Whole dollars, as reports print them: `589 000 $` / `$589,000`; `0 $` for -0,40 $. */
export function formatDollars(cents: number, lang: Lang): string {
  // Half away from zero, as the core rounds (-0,50 $ is -1 $ on screen as in the PDFs).
  const dollars = Math.sign(cents) * Math.round(Math.abs(cents) / 100);
  return typeset(money(lang, 0).format(unsignedZero(dollars)), lang);
}

/** Rounding -0,4 gives -0, which Intl prints `-0 $`: an amount that rounds to nothing has no sign. */
function unsignedZero(value: number): number {
  return value === 0 ? 0 : value;
}

/** French sets a negative figure with the minus sign U+2212, English with the hyphen-minus. */
const MINUS: Record<Lang, string> = { fr: '\u2212', en: '-' };

/**
 * Intl's output as the core prints it (core/src/money.rs): U+00A0 between thousands in French
 * where Intl puts a narrow no-break space, and the language's minus sign, whichever Intl chose.
 */
function typeset(text: string, lang: Lang): string {
  return text.replace(/\u202f/g, '\u00a0').replace(/^[-\u2212]/, MINUS[lang]);
}

/**
 * Reads an amount typed by a person into cents, or null when it is not one; `-` and the minus
 * sign the screens print (`−`, pasted back) both make it negative.
 * In French a comma is the decimal mark; in English it separates thousands.
 */
export function parseMoney(text: string, lang: Lang): number | null {
  let cleaned = text.replace(/[\s\u00a0\u202f$]/g, '').replace(/\u2212/g, '-');
  cleaned = lang === 'fr' ? cleaned.replace(',', '.') : cleaned.replace(/,/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return cleaned.startsWith('-') ? -cents : cents;
}

/** The amount as a person would type it back in a field: `1234,56` / `1234.56`. */
export function moneyInput(cents: number | null, lang: Lang): string {
  if (cents === null) return '';
  const text = (cents / 100).toFixed(2);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/** Hours typed as `35`, `37,5` or `37.5`, into minutes. */
export function parseHours(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 60);
}

export function hoursInput(minutes: number, lang: Lang): string {
  const text = String(Math.round((minutes / 60) * 100) / 100);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/** A percentage typed as `15` or `12,5`, into basis points. */
export function parsePercent(text: string): number | null {
  const cleaned = text.trim().replace(',', '.').replace('%', '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

export function percentInput(bp: number, lang: Lang): string {
  const text = String(bp / 100);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/**
 * An ISO date (`2013-01-15`) as people read it: `15 janv. 2013` / `Jan 15, 2013`. French writes
 * the first of a month `1er janv. 2013`, as the PDFs do (core/src/lang.rs).
 */
export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  // A local date: no time zone may move it to the day before.
  const date = new Date(y, m - 1, d);
  const text = new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
  return lang === 'fr' && d === 1 ? text.replace(/^1(?=\s)/, '1er') : text;
}

/** A day of the week grid: `lun. 16`, `mar. 1er` / `Mon 16`, `Tue 1`. */
export function formatWeekday(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number);
  const text = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', day: 'numeric' }).format(new Date(y, m - 1, d));
  return lang === 'fr' && d === 1 ? text.replace(/(^|\s)1$/, '$11er') : text;
}

/** A span of days: `décembre 2012` when it is one whole month, else `1 avr. 2013 – 7 avr. 2013`. */
export function formatSpan(from: string, to: string, lang: Lang): string {
  const [y, m, d] = from.split('-').map(Number);
  const end = new Date(y, m, 0);
  const wholeMonth = d === 1 && to === todayIso(end);
  if (wholeMonth) return new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'long' }).format(new Date(y, m - 1, 1));
  return `${formatDate(from, lang)} – ${formatDate(to, lang)}`;
}

/** Today as an ISO date, in local time. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An ISO date typed by a person (`2013-01-15`), or null when it is not a real day. */
export function parseIsoDate(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(y, m - 1, d);
  const real = date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
  return real ? match[0] : null;
}

/** A plain number with the language's separators: `1 234,5` / `1,234.5`. */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  const text = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return typeset(text, lang);
}

/** Minutes as whole hours, for reports: `1 234` / `1,234`. */
export function formatHours(minutes: number, lang: Lang): string {
  return formatNumber(minutes / 60, lang);
}

/** A fraction (0.25) as a percentage, French with a space before `%`: `25 %` / `25%`; `—` for none. */
export function formatPercent(fraction: number | null, lang: Lang, signed = false): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  // Rounded first, so that -0,4 % reads 0 %, not -0 %.
  const whole = Math.round(fraction * 100) || 0;
  const sign = signed && whole > 0 ? '+' : '';
  const value = `${sign}${formatNumber(whole, lang)}`;
  return lang === 'fr' ? `${value}\u00a0%` : `${value}%`;
}

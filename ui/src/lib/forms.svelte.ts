// What every form shares: a pending flag, the last error, and where to show it (next to its
// field when the core names one, above the buttons otherwise).
import type { AppError } from './bindings-shell';
import { toAppError } from './api/errors';
import type { Lang } from './bindings';
import type { ErrorCode } from './api/errors';
import { formatDate, formatMoney, formatNumber } from './format';
import { enErrors } from './i18n/errors.en';
import { frErrors } from './i18n/errors.fr';
import { locale, t, tDynamic, translateDynamic } from './i18n/index.svelte';

export class FormState {
  error = $state<AppError | null>(null);
  busy = $state(false);
  saved = $state(false);
  /** Errors found in the UI before sending (e.g. an amount that does not parse). */
  local = $state<Record<string, string>>({});
  /**
   * Why the last action was not sent: a field of this form holds a problem. Said next to the
   * buttons (and in a confirmation that stays open), with the field focused, because a form
   * that refuses silently looks as if it had worked.
   */
  blocked = $state<string | null>(null);
  /** The element id of each field with a local problem, to focus it and read its label. */
  private places: Record<string, string> = {};

  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (Object.keys(this.local).length > 0) {
      this.refuse();
      return undefined;
    }
    this.blocked = null;
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      const result = await action();
      this.saved = true;
      return result;
    } catch (e) {
      this.error = toAppError(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Records (or clears) a problem the UI found itself in field `name`, shown by element `id`. */
  check(name: string, problem: string | null, id?: string): void {
    const next = { ...this.local };
    if (problem) next[name] = problem;
    else delete next[name];
    this.local = next;
    if (id) this.places[name] = id;
    if (Object.keys(next).length === 0) this.blocked = null;
  }

  /** Says which field stopped the action, by its label, and puts the cursor in it. */
  private refuse(): void {
    const [name, problem] = Object.entries(this.local)[0];
    const element = typeof document === 'undefined' ? null : document.getElementById(this.places[name] ?? name);
    const field = (element && labelOf(element)) || tDynamic(`field.${name}`, name);
    this.blocked = t('form.blocked', { field, problem });
    element?.scrollIntoView?.({ block: 'center' });
    element?.focus();
  }

  fieldError(name: string): string | null {
    if (this.local[name]) return this.local[name];
    if (!this.error || this.error.field !== name) return null;
    return describe(this.error);
  }

  /** The error when it belongs to no field shown on the form. */
  generalError(fields: string[]): string | null {
    if (this.blocked) return this.blocked;
    if (!this.error) return null;
    if (this.error.field && fields.includes(this.error.field)) return null;
    return describe(this.error);
  }

  reset(): void {
    this.error = null;
    this.saved = false;
    this.local = {};
    this.blocked = null;
  }
}

/** The text of the label a person sees for a field: `<label for=id>` or the label around it. */
function labelOf(element: HTMLElement): string | null {
  const label = element.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`) : null;
  const text = (label ?? element.closest('label'))?.textContent?.trim();
  return text ? text : null;
}

/** One sentence in the UI's language, from the error's code and values: the field named by its
 * label first, when the error is about one. */
export function describe(error: AppError): string {
  return renderError(locale.lang, error);
}

export function renderError(lang: Lang, error: AppError): string {
  const template = (lang === 'fr' ? frErrors : enErrors)[error.code as ErrorCode] ?? (lang === 'fr' ? frErrors : enErrors).unexpected;
  const params: Record<string, unknown> = 'params' in error && error.params ? (error.params as Record<string, unknown>) : { detail: error.message };
  const sentence = template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? showParam(name, params[name], lang) : whole));
  if (!error.field) return sentence.charAt(0).toLocaleUpperCase(lang) + sentence.slice(1);
  const label = translateDynamic(lang, `field.${error.field}`, error.field);
  return `${label}${lang === 'fr' ? '\u00a0:' : ':'} ${sentence}`;
}

/** A parameter as the screens write it: amounts and days in the language's form. */
function showParam(name: string, value: unknown, lang: Lang): string {
  if (typeof value === 'object' && value !== null) {
    if ('money' in value) return formatMoney(Number((value as { money: number }).money), lang);
    if ('date' in value) return formatDate(String((value as { date: string }).date), lang);
  }
  // Ids are names, not quantities: "dossier 1234", never "1 234".
  if (typeof value === 'number' && !name.endsWith('id')) return formatNumber(value, lang);
  return String(value);
}

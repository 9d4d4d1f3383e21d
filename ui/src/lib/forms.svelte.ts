// What every form shares: a pending flag, the last error, and where to show it (next to its
// field when the core names one, above the buttons otherwise).
import type { AppError } from './bindings-shell';
import { toAppError } from './api/errors';
import { locale, t, tDynamic, type MessageKey } from './i18n/index.svelte';

export class FormState {
  error = $state<AppError | null>(null);
  busy = $state(false);
  saved = $state(false);
  /** Errors found in the UI before sending (e.g. an amount that does not parse). */
  local = $state<Record<string, string>>({});

  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (Object.keys(this.local).length > 0) return undefined;
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

  /** Records (or clears) a problem the UI found itself in field `name`. */
  check(name: string, problem: string | null): void {
    const next = { ...this.local };
    if (problem) next[name] = problem;
    else delete next[name];
    this.local = next;
  }

  fieldError(name: string): string | null {
    if (this.local[name]) return this.local[name];
    if (this.error?.code !== 'invalid' || this.error.field !== name) return null;
    return describe(this.error);
  }

  /** The error when it belongs to no field shown on the form. */
  generalError(fields: string[]): string | null {
    if (!this.error) return null;
    if (this.error.field && fields.includes(this.error.field)) return null;
    return describe(this.error);
  }

  reset(): void {
    this.error = null;
    this.saved = false;
    this.local = {};
  }
}

/** One sentence in the UI's language. English shows the core's precise sentence as it is. */
export function describe(error: AppError): string {
  if (locale.lang === 'en' && error.code !== 'unexpected') return error.message;
  if (error.code === 'invalid' && error.rule) {
    const field = error.field ? tDynamic(`field.${error.field}`, error.field) : '';
    return t(`rule.${error.rule}` as MessageKey, { field });
  }
  const headline = tDynamic(`error.${error.code}`, t('error.unexpected'));
  return error.code === 'unexpected' || error.code === 'database' ? `${headline} (${error.message})` : headline;
}

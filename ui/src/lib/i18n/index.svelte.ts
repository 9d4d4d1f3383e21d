// The UI's language: fr-CA first, en-CA too. `t()` reads the reactive locale, so every string
// on screen follows a language switch without a reload.
import type { Lang } from '../bindings';
import { en } from './en';
import { fr, type MessageKey } from './fr';

export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { fr, en };

export const locale = $state<{ lang: Lang }>({ lang: 'fr' });

export function setLang(lang: Lang): void {
  locale.lang = lang;
  document.documentElement.lang = lang === 'fr' ? 'fr-CA' : 'en-CA';
}

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogs[lang][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return translate(locale.lang, key, params);
}

/** A key built at run time (an enum value, a field's name); falls back to `fallback`. */
export function tDynamic(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  return translateDynamic(locale.lang, key, fallback, params);
}

export function translateDynamic(lang: Lang, key: string, fallback: string, params: Record<string, string | number> = {}): string {
  return key in fr ? translate(lang, key as MessageKey, params) : fallback;
}

// Every problem the core can send, rendered by both catalogs with its values: a sentence that
// uses each parameter the Rust variant carries and no placeholder it does not.
import { describe, expect, it } from 'vitest';
import type { AppError } from './bindings-shell';
import { ERROR_CODES, ERROR_PARAMS } from './bindings';
import { renderError } from './forms.svelte';
import { enErrors } from './i18n/errors.en';
import { frErrors } from './i18n/errors.fr';

function sample(code: (typeof ERROR_CODES)[number], field?: string): AppError {
  const params = Object.fromEntries(ERROR_PARAMS[code].map((name) => [name, `«${name}»`]));
  return { code, params, message: 'english', field } as unknown as AppError;
}

describe('the error catalogs', () => {
  it.each(ERROR_CODES)('render %s with all its values in both languages', (code) => {
    for (const [lang, catalog] of [['fr', frErrors], ['en', enErrors]] as const) {
      const placeholders = [...catalog[code].matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([...new Set(placeholders)], `${lang} ${code}`).toEqual([...ERROR_PARAMS[code]].sort());
      const text = renderError(lang, sample(code));
      expect(text).not.toMatch(/\{\w+\}/);
      for (const name of ERROR_PARAMS[code]) expect(text).toContain(`«${name}»`);
    }
  });

  it('hold no code the core does not send', () => {
    expect(Object.keys(frErrors).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(enErrors).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('name the field by its label and write amounts and days as the screens do', () => {
    const error = {
      code: 'end_before_start',
      params: { start: { date: '2013-09-20' }, end: { date: '2013-09-16' } },
      message: 'to: the end (2013-09-16) comes before the start (2013-09-20)',
      field: 'to',
    } as AppError;
    expect(renderError('fr', error)).toBe('Au\u00a0: la fin (16 sept. 2013) précède le début (20 sept. 2013)\u00a0; changez l’une des deux dates.');
    expect(renderError('en', error)).toBe('To: the end (Sep 16, 2013) comes before the start (Sep 20, 2013); change one of the two dates.');
    const over = { code: 'allocation_above_balance', params: { number: '2014-0001', balance: { money: 192389 } }, message: '', field: 'allocations' } as AppError;
    expect(renderError('fr', over)).toBe('Montants appliqués\u00a0: il reste 1\u00a0923,89\u00a0$ à payer sur la facture 2014-0001\u00a0; n’y appliquez pas plus.');
  });
});

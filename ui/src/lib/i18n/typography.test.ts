// French typography and vocabulary of the catalogue, checked on every sentence so that a key
// added tomorrow follows them too (issue 19: "one vocabulary", precise Québec French).
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { frErrors } from './errors.fr';
import { fr } from './fr';

// The screens' sentences and the errors' alike.
const checked = [...Object.entries(fr), ...Object.entries(frErrors).map(([code, text]) => [`error ${code}`, text])];

/** The places where a sentence breaks French typography, as `key: excerpt`. */
function problems(test: (text: string) => RegExpMatchArray | null): string[] {
  return checked.flatMap(([key, text]) => {
    const found = test(text);
    return found ? [`${key}: …${text.slice(Math.max(0, (found.index ?? 0) - 12), (found.index ?? 0) + 4)}…`] : [];
  });
}

describe('the French catalogue', () => {
  it('puts a no-break space before : ; ? ! and inside « »', () => {
    // A colon before a digit is a time or a placeholder (09:30, {seq:4}); before // a link.
    expect(problems((s) => s.match(/(?:[^\u00a0]|^):(?![\d/])|[^\u00a0][;?!](?=\s|$)/))).toEqual([]);
    expect(problems((s) => s.match(/«(?!\u00a0)|[^\u00a0]»/))).toEqual([]);
  });

  it('writes apostrophes the typographic way', () => {
    expect(problems((s) => s.match(/'/))).toEqual([]);
  });

  it('says « comptes à recevoir » and « trésorerie », not the anglicisms', () => {
    expect(problems((s) => s.match(/recevables|cash ?flow|\bvs\.?\s/i))).toEqual([]);
    expect(fr['nav.receivables']).toBe('Comptes à recevoir');
    expect(fr['generated.receivables']).toBe('Comptes à recevoir');
    expect(fr['generated.cashflow']).toBe('Trésorerie');
    expect(fr['invoices.draft_invoice']).toBe('Facture brouillon');
  });
});

describe('the English catalogue', () => {
  it('names the sales taxes GST and QST', () => {
    const french = Object.entries(en).filter(([, text]) => /\b(TPS|TVQ)\b/.test(text));
    expect(french).toEqual([]);
    expect([en['tax.gst'], en['tax.qst']]).toEqual(['GST', 'QST']);
  });
});

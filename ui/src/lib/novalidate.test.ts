// The forms validate themselves, in the person's language: the browser's own bubbles ("Fill out
// this field", in the web view's language) must never show, so every <form> is novalidate.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob('../**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('forms', () => {
  it('leave validation to Konbit, never to the browser', () => {
    const forms = Object.entries(sources).flatMap(([file, text]) => [...text.matchAll(/<form\b[^>]*>/g)].map((m) => [file, m[0]]));
    expect(forms.length).toBeGreaterThan(5);
    for (const [file, tag] of forms) expect(tag, file).toContain('novalidate');
  });
});

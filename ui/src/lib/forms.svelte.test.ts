// A form that refuses to send because of a field's problem says so (issue 19: "Confirmer
// l'émission" closed and the invoice stayed a draft, without a word, because of a bad date).
import { describe as group, expect, it } from 'vitest';
import { FormState } from './forms.svelte';
import { locale } from './i18n/index.svelte';

group('FormState', () => {
  it('names the field that stopped the action and sends nothing', async () => {
    locale.lang = 'fr';
    const form = new FormState();
    form.check('from', 'Date invalide\u00a0; écrivez-la comme 2013-01-15', 'time-from');
    let sent = false;
    const result = await form.run(async () => (sent = true));
    expect(result).toBeUndefined();
    expect(sent).toBe(false);
    expect(form.blocked).toContain('Rien n’a été fait');
    expect(form.blocked).toContain('Date invalide\u00a0; écrivez-la comme 2013-01-15.');
    expect(form.generalError(['from'])).toBe(form.blocked);
  });

  it('forgets the refusal once the field is corrected, and sends', async () => {
    const form = new FormState();
    form.check('to', 'Date invalide', 'time-to');
    await form.run(async () => 1);
    expect(form.blocked).not.toBeNull();
    form.check('to', null, 'time-to');
    expect(form.blocked).toBeNull();
    expect(await form.run(async () => 42)).toBe(42);
  });
});

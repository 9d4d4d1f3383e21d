import { describe, expect, it } from 'vitest';
import { all, api, query, setInvoker } from './commands';
import { toAppError } from './errors';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';

describe('the API layer', () => {
  it('sends the command name and camelCase arguments Tauri expects', async () => {
    const calls: [string, unknown][] = [];
    setInvoker(async (command, args) => {
      calls.push([command, args]);
      return { items: [], next: null };
    });
    await api.listProjects(query({ search: 'site' }), 7);
    await api.removeWorkerWage(3, 9);
    expect(calls[0]).toEqual(['list_projects', { query: { search: 'site', include_archived: false, after: null, limit: null }, clientId: 7 }]);
    expect(calls[1]).toEqual(['remove_worker_wage', { id: 3, wageId: 9 }]);
  });

  it('turns whatever a command throws into { code, message }', async () => {
    setInvoker(async () => {
      throw { code: 'required', message: 'name: this is required', field: 'name' };
    });
    await expect(api.createTeam({ code: 'x', name: '' })).rejects.toEqual({ code: 'required', message: 'name: this is required', field: 'name' });
    setInvoker(async () => {
      throw 'invalid args `id` for command `get_client`';
    });
    const args = 'invalid args `id` for command `get_client`';
    await expect(api.getClient(1)).rejects.toEqual({ code: 'unexpected', params: { detail: args }, message: args });
    expect(toAppError(new Error('boom'))).toEqual({ code: 'unexpected', params: { detail: 'boom' }, message: 'boom' });
  });

  it('follows the pages of a list to the end', async () => {
    const pages = [
      { items: [1, 2], next: { key: 'b', id: 2 } },
      { items: [3], next: null },
    ];
    const afters: unknown[] = [];
    const items = await all(async (q) => {
      afters.push(q.after);
      return pages[afters.length - 1];
    });
    expect(items).toEqual([1, 2, 3]);
    expect(afters).toEqual([null, { key: 'b', id: 2 }]);
  });
});

describe('the catalogs', () => {
  it('hold the same keys in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
});

// The one door to the shell: every command goes through `call`, which the generated wrappers
// (commands.ts, written from the Rust commands) use. Only this file imports Tauri's API.
import { invoke } from '@tauri-apps/api/core';
import type { ListQuery, Page } from '../bindings';
import { toAppError } from './errors';

export type Invoker = (command: string, args?: Record<string, unknown>) => Promise<unknown>;

let invoker: Invoker = invoke;

/** Tests replace Tauri's invoke with a fake. */
export function setInvoker(fake: Invoker): void {
  invoker = fake;
}

/** Calls a command; whatever it throws becomes an `AppError` (`{ code, message, … }`). */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return (await invoker(command, args)) as T;
  } catch (e) {
    throw toAppError(e);
  }
}

export const query = (q: Partial<ListQuery> = {}): ListQuery => ({
  search: null,
  include_archived: false,
  after: null,
  limit: null,
  ...q,
});

/** Every page of a list, for pickers over short lists (teams, clients of a form). */
export async function all<T>(load: (q: ListQuery) => Promise<Page<T>>, q: Partial<ListQuery> = {}): Promise<T[]> {
  const items: T[] = [];
  let page = await load(query({ limit: 500, ...q }));
  items.push(...page.items);
  while (page.next) {
    page = await load(query({ limit: 500, ...q, after: page.next }));
    items.push(...page.items);
  }
  return items;
}

// The UI's side of the shell's one error type (`src-tauri/src/error.rs`).
import type { AppError } from '../bindings-shell';

export type { AppError };

/** Codes the core and shell send; the i18n catalogs hold a sentence for each (`error.<code>`). */
export const ERROR_CODES = [
  'invalid',
  'not_found',
  'conflict',
  'restricted',
  'no_organisation',
  'closed',
  'io',
  'not_konbit',
  'too_new',
  'missing',
  'corrupt',
  'locked',
  'read_only',
  'disk_full',
  'no_home',
  'migration',
  'database',
  'unexpected',
] as const;

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && typeof (e as AppError).code === 'string' && typeof (e as AppError).message === 'string';
}

/** Whatever a command threw, as an AppError: Tauri sends argument errors as plain strings. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const thrown: unknown = e;
  const message = typeof thrown === 'string' ? thrown : thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'unexpected', message };
}

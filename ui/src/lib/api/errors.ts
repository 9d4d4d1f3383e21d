// The UI's side of the shell's one error type (`src-tauri/src/error.rs`): the core's problem,
// its code and parameters, generated from the Rust enum; the catalogs `i18n/errors.*.ts` hold a
// sentence for every code.
import type { AppError } from '../bindings-shell';
import type { ErrorProblem } from '../bindings';

export type { AppError };
export { ERROR_CODES } from '../bindings';

/** Every code the core and the shell can send. */
export type ErrorCode = ErrorProblem['code'];

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && typeof (e as AppError).code === 'string' && typeof (e as AppError).message === 'string';
}

/** Whatever a command threw, as an AppError: Tauri sends argument errors as plain strings. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const thrown: unknown = e;
  const detail = typeof thrown === 'string' ? thrown : thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'unexpected', params: { detail }, message: detail };
}

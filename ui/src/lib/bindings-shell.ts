// Generated from src-tauri's types by its bindings test. Do not edit: run `make bindings`.

import type { Rule } from './bindings';

export type AppError = { code: string, message: string, 
/**
 * The form field the error is about, for validation errors.
 */
field?: string, rule?: Rule, };

export type AppStatus = { db_path: string, version: string, 
/**
 * Set when the database could not be opened; the UI offers to open another one.
 */
error: AppError | null, 
/**
 * The organisation's name, absent in a new, empty database.
 */
organisation: string | null, };

export type BackupInfo = { day: string, path: string, size: number, };

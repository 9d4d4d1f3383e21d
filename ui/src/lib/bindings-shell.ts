// Generated from src-tauri's types by its bindings test. Do not edit: run `make bindings`.

import type { Day, Money } from './bindings';

export type AppError = { 
/**
 * The core's English sentence, for logs and the console.
 */
message: string, 
/**
 * The form field the error is about, for validation errors.
 */
field?: string, } & ({ "code": "required" } | { "code": "too_long", "params": { count: number, max: number, } } | { "code": "not_an_email", "params": { value: string, } } | { "code": "not_an_amount", "params": { value: string, } } | { "code": "amount_decimals", "params": { value: string, } } | { "code": "not_a_duration", "params": { value: string, } } | { "code": "duration_range", "params": { value: string, } } | { "code": "not_a_time", "params": { value: string, } } | { "code": "not_a_fiscal_year", "params": { value: string, example: string, } } | { "code": "no_such_quarter", "params": { value: number, } } | { "code": "not_a_language", "params": { value: string, } } | { "code": "amount_range", "params": { min: Money, max: Money, } } | { "code": "number_range", "params": { min: number, max: number, } } | { "code": "quantity_range" } | { "code": "percent_range", "params": { min: number, max: number, } } | { "code": "hours_range", "params": { min: number, max: number, } } | { "code": "fraction_range" } | { "code": "tax_above_amount", "params": { amount: Money, } } | { "code": "end_before_start", "params": { start: Day, end: Day, } } | { "code": "end_time_before_start", "params": { start: string, end: string, } } | { "code": "end_without_start" } | { "code": "bad_code", "params": { example: string, } } | { "code": "taken", "params": { value: string, } } | { "code": "unknown_worker", "params": { name: string, } } | { "code": "unknown_client", "params": { name: string, } } | { "code": "unknown_project", "params": { name: string, } } | { "code": "unknown_committee", "params": { name: string, } } | { "code": "named_twice", "params": { name: string, count: number, } } | { "code": "unknown_team", "params": { code: string, } } | { "code": "unknown_number", "params": { number: string, } } | { "code": "project_or_committee" } | { "code": "plan_bucket" } | { "code": "plan_too_long", "params": { hours: number, } } | { "code": "no_plan", "params": { worker: string, fiscal_year: string, } } | { "code": "budget_line" } | { "code": "client_work_needs_client" } | { "code": "billing_needs_rate" } | { "code": "no_tax_rates", "params": { date: Day, } } | { "code": "tax_rate_too_high", "params": { max: number, } } | { "code": "rates_start_that_day", "params": { date: Day, } } | { "code": "rates_after_issued", "params": { number: string, date: Day, } } | { "code": "draft_keeps_client" } | { "code": "no_unbilled_hours", "params": { client: string, from: Day, to: Day, first: Day, last: Day, } } | { "code": "no_billable_hours_left", "params": { client: string, } } | { "code": "invoice_needs_lines" } | { "code": "invoice_not_positive", "params": { subtotal: Money, } } | { "code": "number_before_date", "params": { number: string, date: Day, } } | { "code": "credit_only_issued" } | { "code": "credit_before_invoice", "params": { invoice_date: Day, } } | { "code": "credit_above_line", "params": { line: Money, } } | { "code": "credit_above_left", "params": { left: Money, } } | { "code": "allocations_above_payment", "params": { asked: Money, available: Money, } } | { "code": "allocation_foreign" } | { "code": "allocation_above_balance", "params": { number: string, balance: Money, } } | { "code": "closed_case_needs_day" } | { "code": "closing_day_on_open_case" } | { "code": "party_needs_role", "params": { name: string, } } | { "code": "already_worker" } | { "code": "period_overlaps", "params": { start: Day, end: string, } } | { "code": "rate_starts_that_day", "params": { date: Day, } } | { "code": "no_status_that_day", "params": { worker: string, date: Day, } } | { "code": "day_full", "params": { worker: string, date: Day, already: string, left: string, added: string, } } | { "code": "too_many_rows", "params": { count: number, max: number, } } | { "code": "several_entries", "params": { count: number, } } | { "code": "timer_unreadable" } | { "code": "timer_too_long", "params": { hours: number, } } | { "code": "bad_invoice_pattern", "params": { why: string, example: string, } } | { "code": "file_too_large", "params": { name: string, max_mb: number, } } | { "code": "generated_section" } | { "code": "look_ahead", "params": { max_days: number, } } | { "code": "output_kind" } | { "code": "invoice_issued", "params": { number: string, } } | { "code": "hours_billed", "params": { number: string, } } | { "code": "hours_on_draft", "params": { client: string, } } | { "code": "week_has_hours" } | { "code": "budget_exists", "params": { fiscal_year: string, } } | { "code": "report_has_sections", "params": { fiscal_year: string, } } | { "code": "year_already_closed", "params": { fiscal_year: string, } } | { "code": "year_not_over", "params": { fiscal_year: string, end: Day, } } | { "code": "earlier_year_open", "params": { fiscal_year: string, earlier: string, } } | { "code": "drafts_in_year", "params": { fiscal_year: string, count: number, } } | { "code": "later_year_closed", "params": { fiscal_year: string, later: string, } } | { "code": "year_not_closed", "params": { fiscal_year: string, } } | { "code": "summary_of_closed_year", "params": { fiscal_year: string, } } | { "code": "expense_in_other_case", "params": { case_id: number, } } | { "code": "already_voided", "params": { date: Day, amount: Money, } } | { "code": "organisation_exists" } | { "code": "document_missing", "params": { name: string, folder: string, } } | { "code": "document_changed", "params": { name: string, folder: string, } } | { "code": "restore_needs_yes" } | { "code": "books_rule", "params": { rule: string, } } | { "code": "restoring" } | { "code": "same_database" } | { "code": "no_backup_that_day", "params": { date: string, } } | { "code": "not_attached" } | { "code": "open_failed", "params": { reason: string, } } | { "code": "unknown_file" } | { "code": "not_found", "params": { entity: string, id: number, } } | { "code": "restricted" } | { "code": "passphrase_too_short", "params": { min: number, } } | { "code": "passphrases_differ" } | { "code": "wrong_passphrase" } | { "code": "vault_not_set" } | { "code": "vault_already_set" } | { "code": "sealed_damaged", "params": { case_id: number, what: string, } } | { "code": "no_organisation" } | { "code": "closed", "params": { fiscal_year: string, date: Day, } } | { "code": "rejected", "params": { count: number, } } | { "code": "io", "params": { path: string, reason: string, } } | { "code": "not_konbit", "params": { path: string, } } | { "code": "too_new", "params": { path: string, found: number, known: number, } } | { "code": "missing", "params": { path: string, } } | { "code": "corrupt", "params": { path: string, } } | { "code": "damaged" } | { "code": "locked" } | { "code": "read_only", "params": { path: string, } } | { "code": "disk_full" } | { "code": "no_home" } | { "code": "migration", "params": { version: number, detail: string, } } | { "code": "database", "params": { detail: string, } } | { "code": "server_unreachable", "params": { server: string, detail: string, } } | { "code": "server_not_empty", "params": { server: string, tables: string, } } | { "code": "server_not_konbit", "params": { server: string, } } | { "code": "server_too_new", "params": { server: string, found: number, known: number, } } | { "code": "server_refused", "params": { detail: string, } } | { "code": "replica_exists", "params": { path: string, } } | { "code": "not_replica" } | { "code": "server_older", "params": { server: string, found: number, } } | { "code": "unexpected", "params": { detail: string, } });

export type AppStatus = { 
/**
 * The database file's name, for display.
 */
db_name: string, 
/**
 * Stands for the open database file in what the UI keeps on this computer (the fiscal year
 * chosen, unsaved report text): the same file always gives the same key, and the key does
 * not give the path back (the SHA-256 of the path).
 */
db_key: string, version: string, 
/**
 * The name of the folder of automatic backups, beside the database (its path stays here).
 */
backups_folder: string, 
/**
 * Set when the database could not be opened; the UI offers to open another one.
 */
error: AppError | null, 
/**
 * The organisation's name, absent in a new, empty database.
 */
organisation: string | null, };

export type BackupInfo = { day: string, size: number, };

export type FileRef = { id: FileId, 
/**
 * The file's name without its folder, only for display.
 */
name: string, };

export type FileId = string;

export type VaultStatus = { chosen: boolean, unlocked: boolean, };

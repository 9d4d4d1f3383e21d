// Generated from the Rust types by core/src/bindings.rs. Do not edit: run `make bindings`.

export type Lang = "fr" | "en";

export type Cents = number;

export type Rule = "required" | "too_long" | "out_of_range" | "bad_format" | "duplicate" | "unknown" | "inconsistent";

export type Invalid = { field: string, rule: Rule, message: string, };

export type ListQuery = { 
/**
 * Words to look for in the name, accents and case ignored.
 */
search: string | null, include_archived: boolean, 
/**
 * Where the previous page ended.
 */
after: Cursor | null, limit: number | null, };

export type Cursor = { key: string, id: number, };

export type Page<T> = { items: Array<T>, 
/**
 * Present when more rows follow; pass it back as `after`.
 */
next: Cursor | null, };

export type Settings = { name: string, address: string, gst_number: string, qst_number: string, 
/**
 * 1 (January) to 12; September (9) by default.
 */
fiscal_year_start_month: number, language: Lang, 
/**
 * `{fy_end}` is the year the fiscal year ends, `{fy_start}` the year it starts,
 * `{seq:4}` the number within the year on 4 digits: `{fy_end}-{seq:4}` gives `2013-0042`.
 */
invoice_number_pattern: string, cushion: Cents, };

export type MemberKind = "person" | "organisation";

export type Member = { id: number, kind: MemberKind, name: string, email: string, phone: string, address: string, joined_on: string | null, archived: boolean, 
/**
 * Whether this member is also a worker.
 */
is_worker: boolean, };

export type MemberInput = { kind: MemberKind, name: string, email: string, phone: string, address: string, joined_on: string | null, };

export type WorkStatus = "salaried" | "freelance";

export type StatusPeriod = { id: number, status: WorkStatus, weekly_minutes: number, start_on: string, end_on: string | null, };

export type Wage = { id: number, effective_on: string, hourly_rate: Cents, 
/**
 * Employer charges in basis points: 1 500 is 15 %.
 */
employer_charges_bp: number, };

export type Worker = { id: number, member_id: number, name: string, archived: boolean, 
/**
 * Oldest first.
 */
statuses: Array<StatusPeriod>, 
/**
 * Oldest first.
 */
wages: Array<Wage>, team_ids: Array<number>, };

export type WorkerSummary = { id: number, member_id: number, name: string, archived: boolean, status: WorkStatus | null, weekly_minutes: number | null, hourly_rate: Cents | null, };

export type NewWorker = { 
/**
 * An existing member who starts working; without it a new member (a person) is created.
 */
member_id: number | null, name: string, status: StatusInput, wage: WageInput, };

export type StatusInput = { status: WorkStatus, weekly_minutes: number, start_on: string, end_on: string | null, };

export type WageInput = { effective_on: string, hourly_rate: Cents, employer_charges_bp: number, };

export type Team = { id: number, code: string, name: string, archived: boolean, };

export type TeamInput = { code: string, name: string, };

export type CommitteeKind = "permanent" | "ad_hoc" | "board" | "work_council";

export type Committee = { id: number, kind: CommitteeKind, name: string, archived: boolean, member_ids: Array<number>, };

export type CommitteeInput = { kind: CommitteeKind, name: string, member_ids: Array<number>, };

export type Client = { id: number, name: string, language: Lang, tax_exempt: boolean, address: string, email: string, phone: string, payment_terms_days: number, notes: string, archived: boolean, contacts: Array<Contact>, };

export type Contact = { name: string, role: string, email: string, phone: string, };

export type ClientInput = { name: string, language: Lang, tax_exempt: boolean, address: string, email: string, phone: string, payment_terms_days: number, notes: string, contacts: Array<Contact>, };

export type BillingMode = "hourly" | "fixed" | "recurring" | "internal" | "non_billable";

export type Project = { id: number, client_id: number | null, client_name: string | null, team_id: number | null, department_id: number | null, name: string, billing_mode: BillingMode, hourly_rate: Cents | null, fixed_price: Cents | null, archived: boolean, };

export type ProjectInput = { client_id: number | null, team_id: number | null, department_id: number | null, name: string, billing_mode: BillingMode, hourly_rate: Cents | null, fixed_price: Cents | null, };

export type Catalog = "revenue_departments" | "expense_categories";

export type Entry = { id: number, 
/**
 * A stable code (`sysadmin_contracts`, `legal`) used in exports and `konbit stats`.
 */
code: string, name_fr: string, name_en: string, archived: boolean, };

export type EntryInput = { code: string, name_fr: string, name_en: string, };

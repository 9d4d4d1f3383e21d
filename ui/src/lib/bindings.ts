// Generated from the Rust types by core/src/bindings.rs. Do not edit: run `make bindings`.

export type Lang = "fr" | "en";

export type Cents = number;

export type Money = { money: Cents, };

export type Day = { date: string, };

export type ErrorProblem = { "code": "required" } | { "code": "too_long", "params": { count: number, max: number, } } | { "code": "not_an_email", "params": { value: string, } } | { "code": "not_an_amount", "params": { value: string, } } | { "code": "amount_decimals", "params": { value: string, } } | { "code": "not_a_duration", "params": { value: string, } } | { "code": "duration_range", "params": { value: string, } } | { "code": "not_a_time", "params": { value: string, } } | { "code": "not_a_fiscal_year", "params": { value: string, example: string, } } | { "code": "no_such_quarter", "params": { value: number, } } | { "code": "not_a_language", "params": { value: string, } } | { "code": "amount_range", "params": { min: Money, max: Money, } } | { "code": "number_range", "params": { min: number, max: number, } } | { "code": "quantity_range" } | { "code": "percent_range", "params": { min: number, max: number, } } | { "code": "hours_range", "params": { min: number, max: number, } } | { "code": "fraction_range" } | { "code": "tax_above_amount", "params": { amount: Money, } } | { "code": "end_before_start", "params": { start: Day, end: Day, } } | { "code": "end_time_before_start", "params": { start: string, end: string, } } | { "code": "end_without_start" } | { "code": "bad_code", "params": { example: string, } } | { "code": "taken", "params": { value: string, } } | { "code": "unknown_worker", "params": { name: string, } } | { "code": "unknown_client", "params": { name: string, } } | { "code": "unknown_project", "params": { name: string, } } | { "code": "unknown_committee", "params": { name: string, } } | { "code": "named_twice", "params": { name: string, count: number, } } | { "code": "unknown_team", "params": { code: string, } } | { "code": "unknown_number", "params": { number: string, } } | { "code": "project_or_committee" } | { "code": "plan_bucket" } | { "code": "plan_too_long", "params": { hours: number, } } | { "code": "no_plan", "params": { worker: string, fiscal_year: string, } } | { "code": "budget_line" } | { "code": "client_work_needs_client" } | { "code": "billing_needs_rate" } | { "code": "no_tax_rates", "params": { date: Day, } } | { "code": "tax_rate_too_high", "params": { max: number, } } | { "code": "rates_start_that_day", "params": { date: Day, } } | { "code": "rates_after_issued", "params": { number: string, date: Day, } } | { "code": "draft_keeps_client" } | { "code": "no_unbilled_hours", "params": { client: string, from: Day, to: Day, first: Day, last: Day, } } | { "code": "no_billable_hours_left", "params": { client: string, } } | { "code": "invoice_needs_lines" } | { "code": "invoice_not_positive", "params": { subtotal: Money, } } | { "code": "number_before_date", "params": { number: string, date: Day, } } | { "code": "credit_only_issued" } | { "code": "credit_before_invoice", "params": { invoice_date: Day, } } | { "code": "credit_above_line", "params": { line: Money, } } | { "code": "credit_above_left", "params": { left: Money, } } | { "code": "allocations_above_payment", "params": { asked: Money, available: Money, } } | { "code": "allocation_foreign" } | { "code": "allocation_above_balance", "params": { number: string, balance: Money, } } | { "code": "closed_case_needs_day" } | { "code": "closing_day_on_open_case" } | { "code": "party_needs_role", "params": { name: string, } } | { "code": "already_worker" } | { "code": "period_overlaps", "params": { start: Day, end: string, } } | { "code": "rate_starts_that_day", "params": { date: Day, } } | { "code": "no_status_that_day", "params": { worker: string, date: Day, } } | { "code": "day_full", "params": { worker: string, date: Day, already: string, left: string, added: string, } } | { "code": "too_many_rows", "params": { count: number, max: number, } } | { "code": "several_entries", "params": { count: number, } } | { "code": "timer_unreadable" } | { "code": "timer_too_long", "params": { hours: number, } } | { "code": "bad_invoice_pattern", "params": { why: string, example: string, } } | { "code": "file_too_large", "params": { name: string, max_mb: number, } } | { "code": "generated_section" } | { "code": "look_ahead", "params": { max_days: number, } } | { "code": "output_kind" } | { "code": "invoice_issued", "params": { number: string, } } | { "code": "hours_billed", "params": { number: string, } } | { "code": "hours_on_draft", "params": { client: string, } } | { "code": "week_has_hours" } | { "code": "budget_exists", "params": { fiscal_year: string, } } | { "code": "report_has_sections", "params": { fiscal_year: string, } } | { "code": "year_already_closed", "params": { fiscal_year: string, } } | { "code": "year_not_over", "params": { fiscal_year: string, end: Day, } } | { "code": "earlier_year_open", "params": { fiscal_year: string, earlier: string, } } | { "code": "drafts_in_year", "params": { fiscal_year: string, count: number, } } | { "code": "later_year_closed", "params": { fiscal_year: string, later: string, } } | { "code": "year_not_closed", "params": { fiscal_year: string, } } | { "code": "summary_of_closed_year", "params": { fiscal_year: string, } } | { "code": "expense_in_other_case", "params": { case_id: number, } } | { "code": "already_voided", "params": { date: Day, amount: Money, } } | { "code": "organisation_exists" } | { "code": "document_missing", "params": { name: string, folder: string, } } | { "code": "document_changed", "params": { name: string, folder: string, } } | { "code": "restore_needs_yes" } | { "code": "books_rule", "params": { rule: string, } } | { "code": "restoring" } | { "code": "same_database" } | { "code": "no_backup_that_day", "params": { date: string, } } | { "code": "not_attached" } | { "code": "open_failed", "params": { reason: string, } } | { "code": "unknown_file" } | { "code": "not_found", "params": { entity: string, id: number, } } | { "code": "restricted" } | { "code": "passphrase_too_short", "params": { min: number, } } | { "code": "passphrases_differ" } | { "code": "wrong_passphrase" } | { "code": "vault_not_set" } | { "code": "vault_already_set" } | { "code": "sealed_damaged", "params": { case_id: number, what: string, } } | { "code": "no_organisation" } | { "code": "closed", "params": { fiscal_year: string, date: Day, } } | { "code": "rejected", "params": { count: number, } } | { "code": "io", "params": { path: string, reason: string, } } | { "code": "not_konbit", "params": { path: string, } } | { "code": "too_new", "params": { path: string, found: number, known: number, } } | { "code": "missing", "params": { path: string, } } | { "code": "corrupt", "params": { path: string, } } | { "code": "damaged" } | { "code": "locked" } | { "code": "read_only", "params": { path: string, } } | { "code": "disk_full" } | { "code": "no_home" } | { "code": "migration", "params": { version: number, detail: string, } } | { "code": "database", "params": { detail: string, } } | { "code": "server_unreachable", "params": { server: string, detail: string, } } | { "code": "server_not_empty", "params": { server: string, tables: string, } } | { "code": "server_not_konbit", "params": { server: string, } } | { "code": "server_too_new", "params": { server: string, found: number, known: number, } } | { "code": "server_refused", "params": { detail: string, } } | { "code": "replica_exists", "params": { path: string, } } | { "code": "not_replica" } | { "code": "server_older", "params": { server: string, found: number, } } | { "code": "unexpected", "params": { detail: string, } };

export type Invalid = { field: string, problem: ErrorProblem, };

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

export type DatedPage<T> = { items: Array<T>, 
/**
 * Present when more rows follow; pass it back as `after`.
 */
next: Cursor | null, count: number, total: Cents, 
/**
 * The period's GST and QST paid, for the records that keep them apart (expenses); zero
 * for the others.
 */
gst: Cents, qst: Cents, };

export type Settings = { name: string, address: string, gst_number: string, qst_number: string, 
/**
 * 1 (January) to 12; September (9) by default.
 */
fiscal_year_start_month: number, language: Lang, 
/**
 * `{fy_end}` is the year the fiscal year ends, `{fy_start}` the year it starts,
 * `{seq:4}` the number within the year on 4 digits: `{fy_end}-{seq:4}` gives `2013-0042`.
 */
invoice_number_pattern: string, cushion: Cents, 
/**
 * The full-time week (35 h by default), the unit of FTE.
 */
full_time_weekly_minutes: number, };

export type YearsOnRecord = { 
/**
 * The most recent first.
 */
years: Array<YearOnRecord>, 
/**
 * The first calendar year of the year containing today.
 */
current: number, 
/**
 * Where the screens open before a person chooses: the most recent year with records that
 * is not after the current one (a database of past years opens where its data is, and a
 * draft dated next year does not pull every screen into an empty future), else the current.
 */
opening: number, };

export type YearOnRecord = { first_year: number, 
/**
 * As the core names it: `2012-2013`, or `2013` for a January start.
 */
name: string, start: string, end: string, 
/**
 * False for the current year when nothing is recorded in it yet.
 */
recorded: boolean, };

export type Home = { today: string, 
/**
 * The week of the person at the keyboard; none until they say who they are.
 */
week: WeekHours | null, timer: RunningTimer | null, 
/**
 * Not done, overdue or due within [`DEADLINE_DAYS`], the most urgent first.
 */
deadlines: Array<HomeDeadline>, overdue: Overdue, drafts: number, 
/**
 * None before any bank account is recorded.
 */
bank: BankAgainstCushion | null, };

export type WeekHours = { monday: string, sunday: string, minutes: number, 
/**
 * The weekly hours of the worker's status on `today`, if they have one.
 */
expected_minutes: number | null, };

export type RunningTimer = { 
/**
 * UTC, RFC 3339.
 */
started_at: string, 
/**
 * The project (with its client) or committee it runs for.
 */
target: string, description: string, };

export type HomeDeadline = { case_id: number, due_on: string, overdue: boolean, 
/**
 * A restricted case this session did not unlock: only its date is shown.
 */
hidden: boolean, case_title: string | null, what: string | null, };

export type BankAgainstCushion = { 
/**
 * At the end of `today`, every account together.
 */
balance: Cents, cushion: Cents, under_cushion: boolean, };

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

export type TimeEntry = { id: number, worker_id: number, work_date: string, minutes: number, 
/**
 * `HH:MM` when the entry was typed with a start and end, or came from the timer.
 */
start_time: string | null, project_id: number | null, committee_id: number | null, description: string, billable: boolean, };

export type TimeEntryInput = { worker_id: number, work_date: string, duration: string, start_time: string | null, end_time: string | null, project_id: number | null, committee_id: number | null, description: string, 
/**
 * Defaults from the project: hourly client work is billable, the rest is not.
 */
billable: boolean | null, };

export type Week = { worker_id: number, monday: string, days: Array<string>, rows: Array<WeekRow>, day_totals: Array<number>, total: number, 
/**
 * The rows of the week before that this week lacks, for "copy last week's rows".
 */
previous_rows: Array<RowTarget>, };

export type RowTarget = { project_id: number | null, committee_id: number | null, 
/**
 * The project's or the committee's name.
 */
name: string, client_name: string | null, };

export type WeekRow = { target: RowTarget, 
/**
 * Seven cells, Monday first.
 */
cells: Array<Cell>, total: number, };

export type Cell = { minutes: number, 
/**
 * How many entries make the cell; a cell of several entries is edited in the day's list.
 */
entries: number, };

export type CellInput = { worker_id: number, date: string, project_id: number | null, committee_id: number | null, duration: string, };

export type Timer = { worker_id: number, 
/**
 * UTC, RFC 3339.
 */
started_at: string, project_id: number | null, committee_id: number | null, description: string, };

export type TimerInput = { worker_id: number, project_id: number | null, committee_id: number | null, description: string, };

export type Started = { timer: Timer, stopped: TimeEntry | null, };

export type WorkKind = "client" | "internal" | "committee";

export type Bucket = { kind: WorkKind, 
/**
 * The team of the project (client or internal work), if it has one.
 */
team_id: number | null, committee_id: number | null, };

export type BucketMinutes = { bucket: Bucket, minutes: number, };

export type Totals = { minutes: number, billable: number, client: number, 
/**
 * Internal projects and committees: the brief's "travail interne".
 */
internal: number, salaried: number, };

export type WorkerHours = { worker_id: number, name: string, totals: Totals, buckets: Array<BucketMinutes>, };

export type Distribution = { from: string, to: string, workers: Array<WorkerHours>, buckets: Array<BucketMinutes>, totals: Totals, 
/**
 * Full-time equivalents over the period.
 */
fte: number, 
/**
 * Salaried paid hours ÷ all paid hours, 0 to 1 (0 when nobody worked).
 */
salaried_share: number, };

export type YearFigures = { fiscal_year: string, totals: Totals, fte: number, salaried_share: number, };

export type TimesheetFilter = { from: string, to: string, worker_id: number | null, project_id: number | null, committee_id: number | null, };

export type TimesheetRow = { id: number, work_date: string, worker_id: number, worker: string, client: string | null, project_id: number | null, project: string | null, committee_id: number | null, committee: string | null, minutes: number, start_time: string | null, description: string, billable: boolean, };

export type Format = "kimai" | "toggl" | "clockify" | "harvest" | "csv";

export type ImportOptions = { 
/**
 * Create the unknown clients, projects and workers instead of refusing the file.
 */
create_missing: boolean, 
/**
 * An unknown worker's name in the file → the Konbit worker they are.
 */
workers: { [key in string]: number }, 
/**
 * An unknown project (`Client / Project`, or the project alone) → where its hours go.
 */
targets: { [key in string]: MappedTarget }, 
/**
 * Whose hours a file without a worker column holds (a single person's Toggl export).
 */
worker: number | null, };

export type MappedTarget = { project_id: number | null, committee_id: number | null, };

export type Problem = { line: number, column: string | null, code: string, value: string, 
/**
 * Other values the sentence names (a line's cell count: the header's `columns`).
 */
params: { [key in string]: string }, message: string, };

export type MissingKind = "client" | "project" | "worker" | "committee";

export type Missing = { kind: MissingKind, label: string, 
/**
 * For a project: its client's name in the file, if any.
 */
client: string, first_line: number, lines: number, };

export type PreviewRow = { line: number, work_date: string, worker: string, target: string, minutes: number, description: string, billable: boolean | null, };

export type ImportPreview = { lines: number, total_minutes: number, first_rows: Array<PreviewRow>, 
/**
 * Entries not imported before.
 */
new_entries: number, 
/**
 * Lines already imported by an earlier import of the same file.
 */
already_imported: number, 
/**
 * Names Konbit does not know: refused, mapped or created depending on the options.
 */
missing: Array<Missing>, 
/**
 * The first problems (at most [`MAX_PROBLEMS`]); `problem_count` says how many in all.
 */
problems: Array<Problem>, problem_count: number, 
/**
 * The file has no worker column: [`ImportOptions::worker`] says whose hours they are.
 */
needs_worker: boolean, 
/**
 * Entries under half a minute, left out (the first [`MAX_PROBLEMS`]; `short_count` says
 * how many in all).
 */
short: Array<Short>, short_count: number, };

export type ImportOutcome = { imported: number, already_imported: number, minutes: number, 
/**
 * What was created because the file named it (with `create_missing`).
 */
created: Array<Missing>, 
/**
 * Entries under half a minute, left out (the first [`MAX_PROBLEMS`]).
 */
short: Array<Short>, short_count: number, };

export type Short = { line: number, seconds: number, work_date: string, worker: string, description: string, };

export type PlanKind = "team" | "committee" | "internal";

export type PlanBucket = { kind: PlanKind, team_id: number | null, committee_id: number | null, };

export type PlanLine = { bucket: PlanBucket, 
/**
 * 1 to 4, or none for the whole year.
 */
quarter: number | null, minutes: number, };

export type WorkerPlan = { worker_id: number, fiscal_year: string, lines: Array<PlanLine>, };

export type PlanInput = { worker_id: number, fiscal_year: string, quarter: number | null, bucket: PlanBucket, minutes: number, };

export type Variance = { planned: number, actual: number, difference: number, percent: number | null, };

export type BucketVariance = { bucket: PlanBucket, variance: Variance, };

export type WorkerVariance = { worker_id: number, name: string, buckets: Array<BucketVariance>, total: Variance, };

export type QuarterVariance = { quarter: number, variance: Variance, };

export type PlanComparison = { fiscal_year: string, quarter: number | null, from: string, to: string, workers: Array<WorkerVariance>, 
/**
 * All workers together, per bucket: the teams' and committees' planned against worked.
 */
buckets: Array<BucketVariance>, 
/**
 * Each quarter of the year, all buckets together.
 */
quarters: Array<QuarterVariance>, total: Variance, };

export type TaxRate = { effective_on: string, gst_rate: number, qst_rate: number, qst_on_gst: boolean, };

export type Taxes = { gst: Cents, qst: Cents, };

export type InvoiceKind = "invoice" | "credit_note";

export type LineKind = "time" | "contract" | "free" | "discount";

export type InvoiceStatus = "draft" | "issued" | "partly_paid" | "paid" | "credited" | "overdue";

export type InvoiceLine = { id: number, kind: LineKind, description: string, 
/**
 * Thousandths: 1,5 h is 1 500.
 */
quantity_milli: number, unit_price: Cents, amount: Cents, department_id: number | null, project_id: number | null, contract_id: number | null, period_start: string | null, 
/**
 * How many time entries this line bills (their detail is on the invoice's annex).
 */
time_entries: number, };

export type Invoice = { id: number, kind: InvoiceKind, client_id: number, client_name: string, credited_id: number | null, credited_number: string | null, invoice_date: string, due_on: string, notes: string, 
/**
 * None while a draft.
 */
number: string | null, tax_exempt: boolean, rates: TaxRate, lines: Array<InvoiceLine>, subtotal: Cents, gst: Cents, qst: Cents, total: Cents, 
/**
 * Payments allocated to it, and credit notes issued against it (invoices only).
 */
paid: Cents, credited: Cents, balance: Cents, status: InvoiceStatus, };

export type InvoiceSummary = { id: number, kind: InvoiceKind, number: string | null, client_id: number, client_name: string, invoice_date: string, due_on: string, total: Cents, balance: Cents, status: InvoiceStatus, };

export type DraftInput = { client_id: number, invoice_date: string, notes: string, };

export type LineInput = { description: string, quantity_milli: number, unit_price: Cents, discount: boolean, department_id: number | null, };

export type TimeGrouping = "project" | "worker" | "rate";

export type TimeSelection = { from: string, to: string, group_by: TimeGrouping, };

export type CreditInput = { credit_date: string, reason: string, 
/**
 * Empty: the whole invoice.
 */
lines: Array<LineCredit>, };

export type LineCredit = { line_id: number, amount: Cents, };

export type InvoiceFilter = { 
/**
 * Words found in the number or the client's name, accents and case ignored.
 */
search?: string, client_id: number | null, kind: InvoiceKind | null, from: string | null, to: string | null, 
/**
 * Only issued invoices with a balance left.
 */
unpaid_only: boolean, 
/**
 * The column the list is sorted by; newest first when nothing is said (the other lists
 * that pick invoices leave both out).
 */
sort?: InvoiceSort, ascending?: boolean, };

export type InvoiceSort = "number" | "date" | "client" | "total" | "balance" | "status";

export type Period = "monthly" | "quarterly" | "yearly";

export type Contract = { id: number, client_id: number, client_name: string, project_id: number | null, department_id: number, description: string, amount: Cents, period: Period, starts_on: string, ends_on: string | null, archived: boolean, };

export type ContractInput = { client_id: number, project_id: number | null, department_id: number, description: string, amount: Cents, period: Period, starts_on: string, ends_on: string | null, };

export type Generated = { invoice_ids: Array<number>, periods: number, };

export type PaymentMethod = "cheque" | "transfer" | "card" | "cash" | "barter";

export type Allocation = { invoice_id: number, amount: Cents, };

export type AllocationLine = { invoice_id: number, number: string, amount: Cents, };

export type Payment = { id: number, client_id: number, received_on: string, method: PaymentMethod, amount: Cents, reference: string, notes: string, allocations: Array<AllocationLine>, 
/**
 * Kept as the client's credit.
 */
unallocated: Cents, 
/**
 * For a reversal: the payment it voids.
 */
reverses: number | null, 
/**
 * For a voided payment: its reversal.
 */
voided_by: number | null, };

export type PaymentInput = { client_id: number, received_on: string, method: PaymentMethod, amount: Cents, reference: string, notes: string, allocations: Array<Allocation>, };

export type ClientAging = { client_id: number, name: string, buckets: [Cents, Cents, Cents, Cents, Cents], total: Cents, };

export type Aging = { as_of: string, clients: Array<ClientAging>, buckets: [Cents, Cents, Cents, Cents, Cents], total: Cents, };

export type QuarterOverdue = { quarter: number, end: string, over_90: Cents, };

export type StatementLine = { date: string, 
/**
 * `invoice`, `credit_note` or `payment`.
 */
kind: string, 
/**
 * The invoice's or credit note's number, the payment's reference (a cheque's number).
 */
reference: string, 
/**
 * How a payment was made, for the screen and the statement to say in their language.
 */
method: PaymentMethod | null, 
/**
 * What the client owes more (invoices) or less (credit notes, payments).
 */
amount: Cents, balance: Cents, };

export type Statement = { client_id: number, from: string, to: string, opening: Cents, lines: Array<StatementLine>, closing: Cents, };

export type OverdueInvoice = { invoice_id: number, number: string, client_name: string, due_on: string, days_late: number, balance: Cents, };

export type Overdue = { count: number, total: Cents, 
/**
 * The longest overdue first, at most the number asked for.
 */
oldest: Array<OverdueInvoice>, };

export type SalesTaxSummary = { from: string, to: string, taxable_sales: Cents, exempt_sales: Cents, gst: Cents, qst: Cents, };

export type ExpenseMethod = "cheque" | "transfer" | "card" | "cash" | "barter" | "debit";

export type Expense = { id: number, spent_on: string, supplier: string, category_id: number, team_id: number | null, amount: Cents, gst: Cents, qst: Cents, method: ExpenseMethod, description: string, 
/**
 * The recurring expense this one is an occurrence of.
 */
recurring_id: number | null, 
/**
 * For a reversal: the expense it voids (its amounts are the original's, negated).
 */
reverses: number | null, 
/**
 * For a voided expense: its reversal.
 */
voided_by: number | null, };

export type ExpenseInput = { spent_on: string, supplier: string, category_id: number, team_id: number | null, amount: Cents, gst: Cents, qst: Cents, method: ExpenseMethod, description: string, };

export type ExpenseFilter = { category: number | null, team: number | null, 
/**
 * A supplier as recorded, from [`suppliers`].
 */
supplier: string | null, };

export type IncomeKind = "grant" | "donation" | "membership" | "other";

export type Income = { id: number, received_on: string, kind: IncomeKind, source: string, department_id: number, amount: Cents, description: string, 
/**
 * For a reversal: the income it voids (its amount negated).
 */
reverses: number | null, 
/**
 * For a voided income: its reversal.
 */
voided_by: number | null, };

export type IncomeInput = { received_on: string, kind: IncomeKind, source: string, department_id: number, amount: Cents, description: string, };

export type HistoryYear = { 
/**
 * `2007-2008`.
 */
fiscal_year: string, revenue: Cents, expenses: Cents, net_worth: Cents, fte: number, salaried_share: number, notes: string, };

export type CodeAmount = { 
/**
 * The department's or category's code (`webdev`, `payroll`…).
 */
code: string, amount: Cents, };

export type Books = { from: string, to: string, 
/**
 * Every department, in the catalogue's order, zero included.
 */
revenue_by_department: Array<CodeAmount>, expenses_by_category: Array<CodeAmount>, revenue: Cents, expenses: Cents, result: Cents, grants: Cents, payroll: Cents, };

export type BudgetLine = { fiscal_year: string, quarter: number, 
/**
 * None: the collective as a whole, not one team.
 */
team_id: number | null, department_id: number | null, category_id: number | null, 
/**
 * 0 removes the line.
 */
amount: Cents, };

export type Comparison = { code: string, budget: Cents, actual: Cents, variance: Cents, 
/**
 * The variance over the budget; none without a budget.
 */
percent: number | null, };

export type BudgetVsActual = { fiscal_year: string, quarter: number, team_id: number | null, 
/**
 * The quarter alone, or from the start of the year to the end of the quarter.
 */
year_to_date: boolean, from: string, to: string, revenue: Array<Comparison>, expenses: Array<Comparison>, comment: string, };

export type YearSummary = { computed: boolean, closed: boolean, 
/**
 * `2007-2008`.
 */
fiscal_year: string, revenue: Cents, expenses: Cents, net_worth: Cents, fte: number, salaried_share: number, notes: string, };

export type Closing = { 
/**
 * `2019-2020`.
 */
fiscal_year: string, start: string, end: string, revenue: Cents, expenses: Cents, net_worth: Cents, fte: number, salaried_share: number, closed_at: string, };

export type YearState = { fiscal_year: string, closing: Closing | null, blocker: Blocker | null, };

export type Blocker = { "kind": "not_over", end: string, } | { "kind": "earlier_open", fiscal_year: string, } | { "kind": "drafts", count: number, end: string, } | { "kind": "later_closed", fiscal_year: string, };

export type BankAccount = { id: number, name: string, 
/**
 * The balance is the one at the start of this day, before its movements.
 */
opened_on: string, opening_balance: Cents, };

export type BankAccountInput = { name: string, opened_on: string, opening_balance: Cents, };

export type RecurringExpense = { id: number, supplier: string, category_id: number, team_id: number | null, 
/**
 * Before taxes.
 */
amount: Cents, taxable: boolean, method: ExpenseMethod, period: Period, starts_on: string, ends_on: string | null, description: string, };

export type RecurringInput = { supplier: string, category_id: number, team_id: number | null, amount: Cents, taxable: boolean, method: ExpenseMethod, period: Period, starts_on: string, ends_on: string | null, description: string, };

export type CashPeriod = { start: string, end: string, receipts: Cents, 
/**
 * Grants, donations, fees, and accounts opened during the bucket.
 */
income: Cents, expenses: Cents, payroll: Cents, sales_tax: Cents, net: Cents, closing: Cents, };

export type DepartmentMargin = { code: string, revenue: Cents, 
/**
 * Minutes worked on the department's projects.
 */
minutes: number, labour: Cents, overhead: Cents, 
/**
 * Revenue less labour less overhead.
 */
margin: Cents, 
/**
 * Revenue per hour worked; none without hours.
 */
revenue_per_hour: Cents | null, 
/**
 * Labour and overhead per hour worked: the break-even rate.
 */
break_even_per_hour: Cents | null, };

export type Profitability = { from: string, to: string, departments: Array<DepartmentMargin>, 
/**
 * Internal and committee hours at their cost, plus the other expenses.
 */
overhead: Cents, };

export type FinancialLineKind = "heading" | "item" | "total" | "grand_total";

export type FinancialLine = { kind: FinancialLineKind, label: string, 
/**
 * None on a heading.
 */
current: Cents | null, 
/**
 * None on a heading, or when the books did not cover the previous year.
 */
previous: Cents | null, };

export type FinancialStatement = { title: string, lines: Array<FinancialLine>, };

export type FinancialStatements = { 
/**
 * `2012-2013`.
 */
fiscal_year: string, previous_year: string, 
/**
 * Whether the books hold the previous year (else its column is empty).
 */
has_previous: boolean, position: FinancialStatement, operations: FinancialStatement, 
/**
 * The result and the net worth at the end of the year, as the statements give them.
 */
result: Cents, net_worth: Cents, };

export type Attachment = { document_id: number, 
/**
 * The file's name when it was attached.
 */
name: string, sha256: string, size: number, attached_at: string, };

export type Check = { "state": "intact" } | { "state": "changed", actual: string, } | { "state": "missing" };

export type CaseKind = "formal_notice" | "injunction" | "lawsuit" | "fraud" | "takedown_request" | "other";

export type CaseStatus = "open" | "waiting" | "closed";

export type PartyRole = "plaintiff" | "defendant" | "our_client" | "lawyer" | "court" | "police" | "bank" | "other";

export type Party = { role: PartyRole | null, name: string, details: string, };

export type CaseInput = { kind: CaseKind, title: string, reference: string, client_id: number | null, sites: string, server: string, status: CaseStatus, opened_on: string, closed_on: string | null, restricted: boolean, summary: string, parties: Array<Party>, };

export type Case = { id: number, kind: CaseKind, title: string, reference: string, client_id: number | null, client_name: string | null, sites: string, server: string, status: CaseStatus, opened_on: string, closed_on: string | null, restricted: boolean, summary: string, parties: Array<Party>, events: Array<Event>, deadlines: Array<Deadline>, disclosures: Array<Disclosure>, cost: CaseCost, };

export type EventKind = "notice_received" | "answer_sent" | "client_informed" | "content_removed" | "hearing" | "order" | "disclosure" | "settlement" | "closed" | "other";

export type Event = { id: number, happened_on: string, kind: EventKind, text: string, documents: Array<Attachment>, };

export type EventInput = { happened_on: string, kind: EventKind, text: string, };

export type Deadline = { id: number, case_id: number, due_on: string, what: string, responsible: string, done_on: string | null, };

export type DeadlineInput = { due_on: string, what: string, responsible: string, };

export type Upcoming = { 
/**
 * The deadline's id.
 */
id: number, case_id: number, due_on: string, overdue: boolean, 
/**
 * None for a restricted case in a session that did not unlock it: only that the case has a
 * deadline, and its date, show; not what is due, which often names the parties.
 */
shown: UpcomingDetails | null, };

export type UpcomingDetails = { case_title: string, what: string, responsible: string, };

export type Disclosure = { id: number, case_id: number, disclosed_on: string, what: string, recipient: string, authority: string, decided_by: string, written_at: string, notes: Array<Note>, };

export type Note = { text: string, written_at: string, };

export type DisclosureInput = { disclosed_on: string, what: string, recipient: string, 
/**
 * The court order or request it answered.
 */
authority: string, decided_by: string, };

export type CaseCost = { expenses: Cents, minutes: number, hours_cost: Cents, total: Cents, expense_lines: Array<LinkedExpense>, };

export type LinkedExpense = { expense_id: number, spent_on: string, supplier: string, amount: Cents, };

export type CaseSummary = { id: number, kind: CaseKind, status: CaseStatus, opened_on: string, closed_on: string | null, restricted: boolean, 
/**
 * None for a restricted case the session did not unlock.
 */
title: string | null, client_name: string | null, events: number, deadlines: number, documents: number, disclosures: number, 
/**
 * The next deadline not done.
 */
next_deadline: string | null, 
/**
 * Deadlines not done whose day is past.
 */
overdue: number, 
/**
 * Over the span asked for, or the case's whole life.
 */
cost: CaseCost, };

export type GeneratedSection = "financial" | "revenue_by_department" | "expense_distribution" | "receivables" | "cashflow" | "net_worth" | "statements" | "workforce" | "budget" | "work_distribution" | "legal";

export type SectionKind = "prose" | "generated" | "errata";

export type Section = { id: number, fiscal_year: string, position: number, kind: SectionKind, generated: GeneratedSection | null, title: string, 
/**
 * The committee or team that wrote it.
 */
author: string, body: string, };

export type SectionInput = { fiscal_year: string, kind: SectionKind, generated: GeneratedSection | null, title: string, author: string, body: string, };

export type MarkupProblem = { 
/**
 * From 1.
 */
line: number, message: string, };

export type Preview = { html: string, problems: Array<MarkupProblem>, };

export type DayBalance = { on: string, 
/**
 * At the end of the day.
 */
balance: Cents, };

export type Cashflow = { from: string, to: string, 
/**
 * A projection made as of the day before `from`, or the actual balance.
 */
projected: boolean, accounts: Array<BankAccount>, cushion: Cents, 
/**
 * At the start of `from`.
 */
opening: Cents, closing: Cents, days: Array<DayBalance>, 
/**
 * The projection's first 13 weeks; empty for the actual balance.
 */
weeks: Array<CashPeriod>, months: Array<CashPeriod>, lowest: DayBalance, 
/**
 * The first day that ends under the cushion.
 */
under_cushion_from: string | null, };

export type CashflowView = { cashflow: Cashflow, 
/**
 * The balance day by day against the cushion, as SVG.
 */
chart: string, };

export type Table = { header: Array<string>, rows: Array<Array<string>>, };

export const ERROR_CODES = ['required', 'too_long', 'not_an_email', 'not_an_amount', 'amount_decimals', 'not_a_duration', 'duration_range', 'not_a_time', 'not_a_fiscal_year', 'no_such_quarter', 'not_a_language', 'amount_range', 'number_range', 'quantity_range', 'percent_range', 'hours_range', 'fraction_range', 'tax_above_amount', 'end_before_start', 'end_time_before_start', 'end_without_start', 'bad_code', 'taken', 'unknown_worker', 'unknown_client', 'unknown_project', 'unknown_committee', 'named_twice', 'unknown_team', 'unknown_number', 'project_or_committee', 'plan_bucket', 'plan_too_long', 'no_plan', 'budget_line', 'client_work_needs_client', 'billing_needs_rate', 'no_tax_rates', 'tax_rate_too_high', 'rates_start_that_day', 'rates_after_issued', 'draft_keeps_client', 'no_unbilled_hours', 'no_billable_hours_left', 'invoice_needs_lines', 'invoice_not_positive', 'number_before_date', 'credit_only_issued', 'credit_before_invoice', 'credit_above_line', 'credit_above_left', 'allocations_above_payment', 'allocation_foreign', 'allocation_above_balance', 'closed_case_needs_day', 'closing_day_on_open_case', 'party_needs_role', 'already_worker', 'period_overlaps', 'rate_starts_that_day', 'no_status_that_day', 'day_full', 'too_many_rows', 'several_entries', 'timer_unreadable', 'timer_too_long', 'bad_invoice_pattern', 'file_too_large', 'generated_section', 'look_ahead', 'output_kind', 'invoice_issued', 'hours_billed', 'hours_on_draft', 'week_has_hours', 'budget_exists', 'report_has_sections', 'year_already_closed', 'year_not_over', 'earlier_year_open', 'drafts_in_year', 'later_year_closed', 'year_not_closed', 'summary_of_closed_year', 'expense_in_other_case', 'already_voided', 'organisation_exists', 'document_missing', 'document_changed', 'restore_needs_yes', 'books_rule', 'restoring', 'same_database', 'no_backup_that_day', 'not_attached', 'open_failed', 'unknown_file', 'not_found', 'restricted', 'passphrase_too_short', 'passphrases_differ', 'wrong_passphrase', 'vault_not_set', 'vault_already_set', 'sealed_damaged', 'no_organisation', 'closed', 'rejected', 'io', 'not_konbit', 'too_new', 'missing', 'corrupt', 'damaged', 'locked', 'read_only', 'disk_full', 'no_home', 'migration', 'database', 'server_unreachable', 'server_not_empty', 'server_not_konbit', 'server_too_new', 'server_refused', 'replica_exists', 'not_replica', 'server_older', 'unexpected'] as const;

/** The names of each code's parameters. */
export const ERROR_PARAMS: Record<ErrorProblem['code'], readonly string[]> = {
  required: [],
  too_long: ['count', 'max'],
  not_an_email: ['value'],
  not_an_amount: ['value'],
  amount_decimals: ['value'],
  not_a_duration: ['value'],
  duration_range: ['value'],
  not_a_time: ['value'],
  not_a_fiscal_year: ['value', 'example'],
  no_such_quarter: ['value'],
  not_a_language: ['value'],
  amount_range: ['min', 'max'],
  number_range: ['min', 'max'],
  quantity_range: [],
  percent_range: ['min', 'max'],
  hours_range: ['min', 'max'],
  fraction_range: [],
  tax_above_amount: ['amount'],
  end_before_start: ['start', 'end'],
  end_time_before_start: ['start', 'end'],
  end_without_start: [],
  bad_code: ['example'],
  taken: ['value'],
  unknown_worker: ['name'],
  unknown_client: ['name'],
  unknown_project: ['name'],
  unknown_committee: ['name'],
  named_twice: ['name', 'count'],
  unknown_team: ['code'],
  unknown_number: ['number'],
  project_or_committee: [],
  plan_bucket: [],
  plan_too_long: ['hours'],
  no_plan: ['worker', 'fiscal_year'],
  budget_line: [],
  client_work_needs_client: [],
  billing_needs_rate: [],
  no_tax_rates: ['date'],
  tax_rate_too_high: ['max'],
  rates_start_that_day: ['date'],
  rates_after_issued: ['number', 'date'],
  draft_keeps_client: [],
  no_unbilled_hours: ['client', 'from', 'to', 'first', 'last'],
  no_billable_hours_left: ['client'],
  invoice_needs_lines: [],
  invoice_not_positive: ['subtotal'],
  number_before_date: ['number', 'date'],
  credit_only_issued: [],
  credit_before_invoice: ['invoice_date'],
  credit_above_line: ['line'],
  credit_above_left: ['left'],
  allocations_above_payment: ['asked', 'available'],
  allocation_foreign: [],
  allocation_above_balance: ['number', 'balance'],
  closed_case_needs_day: [],
  closing_day_on_open_case: [],
  party_needs_role: ['name'],
  already_worker: [],
  period_overlaps: ['start', 'end'],
  rate_starts_that_day: ['date'],
  no_status_that_day: ['worker', 'date'],
  day_full: ['worker', 'date', 'already', 'left', 'added'],
  too_many_rows: ['count', 'max'],
  several_entries: ['count'],
  timer_unreadable: [],
  timer_too_long: ['hours'],
  bad_invoice_pattern: ['why', 'example'],
  file_too_large: ['name', 'max_mb'],
  generated_section: [],
  look_ahead: ['max_days'],
  output_kind: [],
  invoice_issued: ['number'],
  hours_billed: ['number'],
  hours_on_draft: ['client'],
  week_has_hours: [],
  budget_exists: ['fiscal_year'],
  report_has_sections: ['fiscal_year'],
  year_already_closed: ['fiscal_year'],
  year_not_over: ['fiscal_year', 'end'],
  earlier_year_open: ['fiscal_year', 'earlier'],
  drafts_in_year: ['fiscal_year', 'count'],
  later_year_closed: ['fiscal_year', 'later'],
  year_not_closed: ['fiscal_year'],
  summary_of_closed_year: ['fiscal_year'],
  expense_in_other_case: ['case_id'],
  already_voided: ['date', 'amount'],
  organisation_exists: [],
  document_missing: ['name', 'folder'],
  document_changed: ['name', 'folder'],
  restore_needs_yes: [],
  books_rule: ['rule'],
  restoring: [],
  same_database: [],
  no_backup_that_day: ['date'],
  not_attached: [],
  open_failed: ['reason'],
  unknown_file: [],
  not_found: ['entity', 'id'],
  restricted: [],
  passphrase_too_short: ['min'],
  passphrases_differ: [],
  wrong_passphrase: [],
  vault_not_set: [],
  vault_already_set: [],
  sealed_damaged: ['case_id', 'what'],
  no_organisation: [],
  closed: ['fiscal_year', 'date'],
  rejected: ['count'],
  io: ['path', 'reason'],
  not_konbit: ['path'],
  too_new: ['path', 'found', 'known'],
  missing: ['path'],
  corrupt: ['path'],
  damaged: [],
  locked: [],
  read_only: ['path'],
  disk_full: [],
  no_home: [],
  migration: ['version', 'detail'],
  database: ['detail'],
  server_unreachable: ['server', 'detail'],
  server_not_empty: ['server', 'tables'],
  server_not_konbit: ['server'],
  server_too_new: ['server', 'found', 'known'],
  server_refused: ['detail'],
  replica_exists: ['path'],
  not_replica: [],
  server_older: ['server', 'found'],
  unexpected: ['detail'],
};
export const MAX_NAME = 200;

export const MAX_TEXT = 10000;

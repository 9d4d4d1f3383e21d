// Typed wrappers over the shell's commands. The quoted names are checked against
// src-tauri/src/command_names.rs by a Rust test; argument names are camelCase, as Tauri expects.
import { invoke } from '@tauri-apps/api/core';
import type {
  ExpenseFilter,
  Table,
  Taxes,
  Home,
  YearsOnRecord,
  BankAccount,
  BankAccountInput,
  CashflowView,
  RecurringExpense,
  RecurringInput,
  YearSummary,
  Closing,
  YearState,
  Preview,
  Section,
  SectionInput,
  Case,
  CaseInput,
  CaseSummary,
  DeadlineInput,
  DisclosureInput,
  EventInput,
  Upcoming,
  Attachment,
  Profitability,
  Cents,
  Catalog,
  Client,
  ClientInput,
  Committee,
  CellInput,
  CommitteeInput,
  Distribution,
  Aging,
  Books,
  FinancialStatements,
  BudgetLine,
  BudgetVsActual,
  Expense,
  ExpenseInput,
  HistoryYear,
  Income,
  IncomeInput,
  Allocation,
  Contract,
  ContractInput,
  CreditInput,
  DraftInput,
  Generated,
  GeneratedSection,
  Invoice,
  InvoiceFilter,
  InvoiceSummary,
  LineInput,
  Payment,
  PaymentInput,
  QuarterOverdue,
  SalesTaxSummary,
  Statement,
  TaxRate,
  TimeSelection,
  Lang,
  Format,
  ImportOptions,
  ImportOutcome,
  ImportPreview,
  Entry,
  EntryInput,
  ListQuery,
  Cursor,
  DatedPage,
  PlanComparison,
  PlanInput,
  TimesheetFilter,
  TimesheetRow,
  WorkerPlan,
  YearFigures,
  Member,
  MemberInput,
  NewWorker,
  Page,
  Project,
  ProjectInput,
  Settings,
  Started,
  StatusInput,
  Team,
  TeamInput,
  TimeEntry,
  TimeEntryInput,
  Timer,
  TimerInput,
  WageInput,
  Week,
  Worker,
  WorkerSummary,
} from '../bindings';
import type { AppStatus, BackupInfo, FileId, FileRef, VaultStatus } from '../bindings-shell';
import { toAppError } from './errors';

export type Invoker = (command: string, args?: Record<string, unknown>) => Promise<unknown>;

let invoker: Invoker = invoke;

/** Tests replace Tauri's invoke with a fake. */
export function setInvoker(fake: Invoker): void {
  invoker = fake;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
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

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  createDemo: () => call<AppStatus>('create_demo'),
  startEmpty: (name: string) => call<AppStatus>('start_empty', { name }),
  openDatabase: () => call<AppStatus | null>('open_database'),
  saveCopy: () => call<string | null>('save_copy'),
  saveTableCsv: (fileName: string, table: Table) => call<FileRef | null>('save_table_csv', { fileName, table }),

  getSettings: () => call<Settings | null>('get_settings'),
  saveSettings: (settings: Settings) => call<Settings>('save_settings', { settings }),
  fiscalYearsOnRecord: () => call<YearsOnRecord>('fiscal_years_on_record'),
  homeSummary: (workerId: number | null) => call<Home>('home_summary', { workerId }),
  setPerson: (workerId: number | null) => call<null>('set_person', { workerId }),

  listMembers: (q: ListQuery) => call<Page<Member>>('list_members', { query: q }),
  getMember: (id: number) => call<Member>('get_member', { id }),
  memberNamesakes: (name: string) => call<string[]>('member_namesakes', { name }),
  createMember: (input: MemberInput) => call<Member>('create_member', { input }),
  updateMember: (id: number, input: MemberInput) => call<Member>('update_member', { id, input }),
  archiveMember: (id: number, archived: boolean) => call<Member>('archive_member', { id, archived }),

  listWorkers: (q: ListQuery) => call<Page<WorkerSummary>>('list_workers', { query: q }),
  getWorker: (id: number) => call<Worker>('get_worker', { id }),
  createWorker: (input: NewWorker) => call<Worker>('create_worker', { input }),
  addWorkerStatus: (id: number, input: StatusInput) => call<Worker>('add_worker_status', { id, input }),
  removeWorkerStatus: (id: number, periodId: number) => call<Worker>('remove_worker_status', { id, periodId }),
  addWorkerWage: (id: number, input: WageInput) => call<Worker>('add_worker_wage', { id, input }),
  removeWorkerWage: (id: number, wageId: number) => call<Worker>('remove_worker_wage', { id, wageId }),
  setWorkerTeams: (id: number, teamIds: number[]) => call<Worker>('set_worker_teams', { id, teamIds }),
  archiveWorker: (id: number, archived: boolean) => call<Worker>('archive_worker', { id, archived }),

  listTeams: (q: ListQuery) => call<Page<Team>>('list_teams', { query: q }),
  createTeam: (input: TeamInput) => call<Team>('create_team', { input }),
  updateTeam: (id: number, input: TeamInput) => call<Team>('update_team', { id, input }),
  archiveTeam: (id: number, archived: boolean) => call<Team>('archive_team', { id, archived }),

  listCommittees: (q: ListQuery) => call<Page<Committee>>('list_committees', { query: q }),
  createCommittee: (input: CommitteeInput) => call<Committee>('create_committee', { input }),
  updateCommittee: (id: number, input: CommitteeInput) => call<Committee>('update_committee', { id, input }),
  archiveCommittee: (id: number, archived: boolean) => call<Committee>('archive_committee', { id, archived }),

  listClients: (q: ListQuery) => call<Page<Client>>('list_clients', { query: q }),
  getClient: (id: number) => call<Client>('get_client', { id }),
  clientNamesakes: (name: string) => call<string[]>('client_namesakes', { name }),
  createClient: (input: ClientInput) => call<Client>('create_client', { input }),
  updateClient: (id: number, input: ClientInput) => call<Client>('update_client', { id, input }),
  archiveClient: (id: number, archived: boolean) => call<Client>('archive_client', { id, archived }),

  listProjects: (q: ListQuery, clientId: number | null = null) => call<Page<Project>>('list_projects', { query: q, clientId }),
  createProject: (input: ProjectInput) => call<Project>('create_project', { input }),
  updateProject: (id: number, input: ProjectInput) => call<Project>('update_project', { id, input }),
  archiveProject: (id: number, archived: boolean) => call<Project>('archive_project', { id, archived }),

  listCatalog: (catalog: Catalog, includeArchived = false) => call<Entry[]>('list_catalog', { catalog, includeArchived }),
  createCatalogEntry: (catalog: Catalog, input: EntryInput) => call<Entry>('create_catalog_entry', { catalog, input }),
  updateCatalogEntry: (catalog: Catalog, id: number, input: EntryInput) =>
    call<Entry>('update_catalog_entry', { catalog, id, input }),
  archiveCatalogEntry: (catalog: Catalog, id: number, archived: boolean) =>
    call<Entry>('archive_catalog_entry', { catalog, id, archived }),

  loadWeek: (workerId: number, date: string) => call<Week>('load_week', { workerId, date }),
  setWeekCell: (input: CellInput) => call<Week>('set_week_cell', { input }),
  listEntries: (workerId: number, from: string, to: string) => call<TimeEntry[]>('list_entries', { workerId, from, to }),
  /** Opens a file Konbit wrote or the person picked, by the id the command that did it answered. */
  openDocument: (id: FileId) => call<null>('open_document', { id }),
  listBackups: () => call<BackupInfo[]>('list_backups'),
  restoreBackup: (day: string) => call<string>('restore_backup', { day }),
  createEntry: (input: TimeEntryInput) => call<TimeEntry>('create_entry', { input }),
  updateEntry: (id: number, input: TimeEntryInput) => call<TimeEntry>('update_entry', { id, input }),
  deleteEntry: (id: number) => call<null>('delete_entry', { id }),
  getTimer: (workerId: number) => call<Timer | null>('get_timer', { workerId }),
  startTimer: (input: TimerInput) => call<Started>('start_timer', { input }),
  stopTimer: (workerId: number) => call<TimeEntry | null>('stop_timer', { workerId }),
  discardTimer: (workerId: number) => call<null>('discard_timer', { workerId }),
  workDistribution: (from: string, to: string) => call<Distribution>('work_distribution', { from, to }),
  distributionByYear: () => call<YearFigures[]>('distribution_by_year'),

  timesheetPage: (filter: TimesheetFilter, after: Cursor | null, limit = 200) =>
    call<Page<TimesheetRow>>('timesheet_page', { filter, after, limit }),
  exportTimesheet: (filter: TimesheetFilter) => call<FileRef | null>('export_timesheet', { filter }),
  pickTimesheetFile: () => call<FileRef | null>('pick_timesheet_file'),
  previewTimesheetImport: (file: FileId, format: Format, options: ImportOptions) =>
    call<ImportPreview>('preview_timesheet_import', { file, format, options }),
  importTimesheet: (file: FileId, format: Format, options: ImportOptions) =>
    call<ImportOutcome>('import_timesheet', { file, format, options }),

  workerPlan: (workerId: number, fiscalYear: string) => call<WorkerPlan>('worker_plan', { workerId, fiscalYear }),
  setPlan: (input: PlanInput) => call<WorkerPlan>('set_plan', { input }),
  planComparison: (fiscalYear: string, quarter: number | null) => call<PlanComparison>('plan_comparison', { fiscalYear, quarter }),
  fillWeekFromPlan: (workerId: number, date: string) => call<Week>('fill_week_from_plan', { workerId, date }),

  listInvoices: (filter: InvoiceFilter, after: Cursor | null, limit = 100) => call<Page<InvoiceSummary>>('list_invoices', { filter, after, limit }),
  getInvoice: (id: number) => call<Invoice>('get_invoice', { id }),
  createDraftInvoice: (input: DraftInput) => call<Invoice>('create_draft_invoice', { input }),
  updateDraftInvoice: (id: number, input: DraftInput) => call<Invoice>('update_draft_invoice', { id, input }),
  deleteDraftInvoice: (id: number) => call<null>('delete_draft_invoice', { id }),
  addInvoiceLine: (id: number, input: LineInput) => call<Invoice>('add_invoice_line', { id, input }),
  removeInvoiceLine: (id: number, lineId: number) => call<Invoice>('remove_invoice_line', { id, lineId }),
  addInvoiceTime: (id: number, selection: TimeSelection) => call<Invoice>('add_invoice_time', { id, selection }),
  issueInvoice: (id: number) => call<Invoice>('issue_invoice', { id }),
  createCreditNote: (id: number, input: CreditInput) => call<Invoice>('create_credit_note', { id, input }),
  saveInvoicePdf: (id: number) => call<FileRef | null>('save_invoice_pdf', { id }),
  listContracts: (clientId: number | null = null) => call<Contract[]>('list_contracts', { clientId }),
  createContract: (input: ContractInput) => call<Contract>('create_contract', { input }),
  updateContract: (id: number, input: ContractInput) => call<Contract>('update_contract', { id, input }),
  archiveContract: (id: number, archived: boolean) => call<Contract>('archive_contract', { id, archived }),
  generateContractInvoices: (through: string, invoiceDate: string) => call<Generated>('generate_contract_invoices', { through, invoiceDate }),
  listTaxRates: () => call<TaxRate[]>('list_tax_rates'),
  salesTaxesOn: (on: string, amount: number) => call<Taxes>('sales_taxes_on', { on, amount }),
  addTaxRate: (rate: TaxRate) => call<TaxRate[]>('add_tax_rate', { rate }),

  recordPayment: (input: PaymentInput) => call<Payment>('record_payment', { input }),
  allocatePayment: (id: number, allocations: Allocation[]) => call<Payment>('allocate_payment', { id, allocations }),
  voidPayment: (id: number, reason: string) => call<Payment>('void_payment', { id, reason }),
  correctPayment: (id: number, input: PaymentInput, reason: string) => call<Payment>('correct_payment', { id, input, reason }),
  clientPayments: (clientId: number) => call<Payment[]>('client_payments', { clientId }),
  clientCredit: (clientId: number) => call<number>('client_credit', { clientId }),
  receivablesAging: (asOf: string) => call<Aging>('receivables_aging', { asOf }),
  over90ByQuarter: (fiscalYear: string) => call<QuarterOverdue[]>('over_90_by_quarter', { fiscalYear }),
  saveAging: (asOf: string, lang: Lang) => call<FileRef | null>('save_aging', { asOf, lang }),
  clientStatement: (clientId: number, from: string, to: string) => call<Statement>('client_statement', { clientId, from, to }),
  salesTaxSummary: (from: string, to: string) => call<SalesTaxSummary>('sales_tax_summary', { from, to }),

  listExpenses: (from: string, to: string, filter: ExpenseFilter, after: Cursor | null, limit = 100) =>
    call<DatedPage<Expense>>('list_expenses', { from, to, filter, after, limit }),
  expenseSuppliers: (from: string, to: string) => call<string[]>('expense_suppliers', { from, to }),
  createExpense: (input: ExpenseInput) => call<Expense>('create_expense', { input }),
  updateExpense: (id: number, input: ExpenseInput) => call<Expense>('update_expense', { id, input }),
  voidExpense: (id: number, reason: string) => call<Expense>('void_expense', { id, reason }),
  expenseAttachments: (expenseId: number) => call<Attachment[]>('expense_attachments', { expenseId }),
  attachExpenseDocument: (expenseId: number) => call<Attachment[] | null>('attach_expense_document', { expenseId }),
  openExpenseAttachment: (expenseId: number, documentId: number) => call<null>('open_expense_attachment', { expenseId, documentId }),
  listIncome: (from: string, to: string, after: Cursor | null, limit = 100) => call<DatedPage<Income>>('list_income', { from, to, after, limit }),
  createIncome: (input: IncomeInput) => call<Income>('create_income', { input }),
  updateIncome: (id: number, input: IncomeInput) => call<Income>('update_income', { id, input }),
  voidIncome: (id: number, reason: string) => call<Income>('void_income', { id, reason }),
  listHistory: () => call<HistoryYear[]>('list_history'),
  saveHistory: (year: HistoryYear) => call<HistoryYear>('save_history', { year }),
  financeBooks: (from: string, to: string) => call<Books>('finance_books', { from, to }),
  financialStatements: (fiscalYear: string, lang: Lang) => call<FinancialStatements>('financial_statements', { fiscalYear, lang }),
  saveFinancialStatements: (fiscalYear: string, lang: Lang) => call<FileRef | null>('save_financial_statements', { fiscalYear, lang }),
  budgetLines: (fiscalYear: string) => call<BudgetLine[]>('budget_lines', { fiscalYear }),
  setBudgetLine: (line: BudgetLine) => call<BudgetLine[]>('set_budget_line', { line }),
  copyBudget: (from: string, to: string, percent: number) => call<number>('copy_budget', { from, to, percent }),
  budgetVsActual: (fiscalYear: string, quarter: number, teamId: number | null, yearToDate: boolean) =>
    call<BudgetVsActual>('budget_vs_actual', { fiscalYear, quarter, teamId, yearToDate }),
  setBudgetComment: (fiscalYear: string, quarter: number, teamId: number, comment: string) =>
    call<null>('set_budget_comment', { fiscalYear, quarter, teamId, comment }),
  historySeries: (through: string) => call<YearSummary[]>('history_series', { through }),
  yearState: (fiscalYear: string) => call<YearState>('year_state', { fiscalYear }),
  closeYear: (fiscalYear: string) => call<Closing>('close_year', { fiscalYear }),
  reopenYear: (fiscalYear: string) => call<null>('reopen_year', { fiscalYear }),
  raiseCost: (from: string, to: string, perHour: Cents) => call<Cents>('raise_cost', { from, to, perHour }),
  profitability: (from: string, to: string) => call<Profitability>('profitability', { from, to }),

  listBankAccounts: () => call<BankAccount[]>('list_bank_accounts'),
  saveBankAccount: (id: number | null, input: BankAccountInput) => call<BankAccount>('save_bank_account', { id, input }),
  listRecurringExpenses: () => call<RecurringExpense[]>('list_recurring_expenses'),
  saveRecurringExpense: (id: number | null, input: RecurringInput) => call<RecurringExpense>('save_recurring_expense', { id, input }),
  generateRecurringExpenses: (through: string) => call<number>('generate_recurring_expenses', { through }),
  cashflowActual: (from: string, to: string, lang: Lang) => call<CashflowView>('cashflow_actual', { from, to, lang }),
  cashflowProjection: (asOf: string, lang: Lang) => call<CashflowView>('cashflow_projection', { asOf, lang }),

  listCases: (fiscalYear: string | null) => call<CaseSummary[]>('list_cases', { fiscalYear }),
  getCase: (id: number) => call<Case>('get_case', { id }),
  saveCase: (id: number | null, input: CaseInput) => call<Case>('save_case', { id, input }),
  addCaseEvent: (caseId: number, input: EventInput) => call<Case>('add_case_event', { caseId, input }),
  attachCaseDocument: (caseId: number, eventId: number) => call<Case | null>('attach_case_document', { caseId, eventId }),
  openCaseDocument: (caseId: number, documentId: number) => call<null>('open_case_document', { caseId, documentId }),
  addCaseDeadline: (caseId: number, input: DeadlineInput) => call<Case>('add_case_deadline', { caseId, input }),
  completeCaseDeadline: (caseId: number, deadlineId: number, doneOn: string) => call<Case>('complete_case_deadline', { caseId, deadlineId, doneOn }),
  logDisclosure: (caseId: number, input: DisclosureInput) => call<Case>('log_disclosure', { caseId, input }),
  annotateDisclosure: (caseId: number, disclosureId: number, text: string) => call<Case>('annotate_disclosure', { caseId, disclosureId, text }),
  linkCaseExpense: (caseId: number, expenseId: number, linked: boolean) => call<Case>('link_case_expense', { caseId, expenseId, linked }),
  linkCaseHours: (caseId: number, committeeId: number, from: string, to: string) => call<Case>('link_case_hours', { caseId, committeeId, from, to }),
  upcomingDeadlines: (days: number) => call<Upcoming[]>('upcoming_deadlines', { days }),
  legalVaultStatus: () => call<VaultStatus>('legal_vault_status'),
  chooseLegalPassphrase: (passphrase: string, confirmation: string) =>
    call<VaultStatus>('choose_legal_passphrase', { passphrase, confirmation }),
  unlockRestricted: (passphrase: string) => call<VaultStatus>('unlock_restricted', { passphrase }),
  lockRestricted: () => call<VaultStatus>('lock_restricted'),
  saveCaseFile: (caseId: number, lang: Lang) => call<FileRef | null>('save_case_file', { caseId, lang }),

  reportSections: (fiscalYear: string) => call<Section[]>('report_sections', { fiscalYear }),
  saveReportSection: (id: number | null, input: SectionInput) => call<Section>('save_report_section', { id, input }),
  shiftReportSection: (id: number, by: number) => call<Section[]>('shift_report_section', { id, by }),
  removeReportSection: (id: number) => call<Section[]>('remove_report_section', { id }),
  startReportOutline: (fiscalYear: string) => call<Section[]>('start_report_outline', { fiscalYear }),
  previewSection: (fiscalYear: string, generated: GeneratedSection | null, body: string, lang: Lang) =>
    call<Preview>('preview_section', { fiscalYear, generated, body, lang }),
  saveAnnualReport: (fiscalYear: string, lang: Lang) => call<FileRef | null>('save_annual_report', { fiscalYear, lang }),
  saveTeamReport: (fiscalYear: string, quarter: number, teamCode: string, lang: Lang) =>
    call<FileRef | null>('save_team_report', { fiscalYear, quarter, teamCode, lang }),
  saveCashflowReport: (fiscalYear: string, asOf: string, lang: Lang) => call<FileRef | null>('save_cashflow_report', { fiscalYear, asOf, lang }),
  saveDistributionReport: (fiscalYear: string, lang: Lang) => call<FileRef | null>('save_distribution_report', { fiscalYear, lang }),
};

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

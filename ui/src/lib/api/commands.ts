// Generated from the shell's #[tauri::command] functions (src-tauri/src/commands) by its
// command list test. Do not edit: run `make bindings`.
import type {
  Aging,
  Allocation,
  Attachment,
  BankAccount,
  BankAccountInput,
  Books,
  BudgetLine,
  BudgetVsActual,
  Case,
  CaseInput,
  CaseSummary,
  CashflowView,
  Catalog,
  CellInput,
  Cents,
  Client,
  ClientInput,
  Closing,
  Committee,
  CommitteeInput,
  Contract,
  ContractInput,
  CreditInput,
  Cursor,
  DatedPage,
  DeadlineInput,
  DisclosureInput,
  Distribution,
  DraftInput,
  Entry,
  EntryInput,
  EventInput,
  Expense,
  ExpenseFilter,
  ExpenseInput,
  FinancialStatements,
  Format,
  Generated,
  GeneratedSection,
  HistoryYear,
  Home,
  ImportOptions,
  ImportOutcome,
  ImportPreview,
  Income,
  IncomeInput,
  Invoice,
  InvoiceFilter,
  InvoiceSummary,
  Lang,
  LineInput,
  ListQuery,
  Member,
  MemberInput,
  NewWorker,
  Page,
  Payment,
  PaymentInput,
  PlanComparison,
  PlanInput,
  Preview,
  Profitability,
  Project,
  ProjectInput,
  QuarterOverdue,
  RecurringExpense,
  RecurringInput,
  SalesTaxSummary,
  Section,
  SectionInput,
  Settings,
  Started,
  Statement,
  StatusInput,
  Table,
  TaxRate,
  Taxes,
  Team,
  TeamInput,
  TimeEntry,
  TimeEntryInput,
  TimeSelection,
  Timer,
  TimerInput,
  TimesheetFilter,
  TimesheetRow,
  Upcoming,
  WageInput,
  Week,
  Worker,
  WorkerPlan,
  WorkerSummary,
  YearFigures,
  YearState,
  YearSummary,
  YearsOnRecord,
} from '../bindings';
import type {
  AppStatus,
  BackupInfo,
  FileId,
  FileRef,
  VaultStatus,
} from '../bindings-shell';
import { call } from './invoke';

export { all, query, setInvoker } from './invoke';

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  createDemo: () => call<AppStatus>('create_demo'),
  startEmpty: (name: string) => call<AppStatus>('start_empty', { name }),
  /**
   * File → Ouvrir une autre base… Returns `None` when the person cancels the dialog.
   */
  openDatabase: () => call<AppStatus | null>('open_database'),
  /**
   * Opens a PDF or CSV in the system's viewer: one Konbit wrote or the person picked in this
   * window, by the id the command that wrote or picked it answered. Any other id is refused
   * (`unknown_file`); the documents attached to records open by their record's id
   * (`open_expense_attachment`, `open_case_document`).
   */
  openDocument: (id: FileId) => call<null>('open_document', { id }),
  /**
   * À propos → « Ouvrir le dossier des sauvegardes »: the folder beside the open database, in
   * the file manager; its path never leaves the shell.
   */
  openBackupsFolder: () => call<null>('open_backups_folder'),
  /**
   * Any table on screen, saved as CSV where the person chooses; `None` when cancelled.
   */
  saveTableCsv: (fileName: string, table: Table) => call<FileRef | null>('save_table_csv', { fileName, table }),
  /**
   * File → Enregistrer une copie… Returns the name of the file written (its folder stays here),
   * or `None` when cancelled.
   */
  saveCopy: () => call<string | null>('save_copy'),
  listBackups: () => call<BackupInfo[]>('list_backups'),
  /**
   * Restores one of the automatic backups (the UI asks for a confirmation first); answers the
   * name of the replaced file, kept beside the database.
   */
  restoreBackup: (day: string) => call<string>('restore_backup', { day }),
  listBankAccounts: () => call<BankAccount[]>('list_bank_accounts'),
  saveBankAccount: (id: number | null, input: BankAccountInput) => call<BankAccount>('save_bank_account', { id, input }),
  listRecurringExpenses: () => call<RecurringExpense[]>('list_recurring_expenses'),
  saveRecurringExpense: (id: number | null, input: RecurringInput) => call<RecurringExpense>('save_recurring_expense', { id, input }),
  /**
   * Records the occurrences due up to `through`; answers how many were added.
   */
  generateRecurringExpenses: (through: string) => call<number>('generate_recurring_expenses', { through }),
  cashflowActual: (from: string, to: string, lang: Lang) => call<CashflowView>('cashflow_actual', { from, to, lang }),
  cashflowProjection: (asOf: string, lang: Lang) => call<CashflowView>('cashflow_projection', { asOf, lang }),
  listCatalog: (catalog: Catalog, includeArchived: boolean) => call<Entry[]>('list_catalog', { catalog, includeArchived }),
  createCatalogEntry: (catalog: Catalog, input: EntryInput) => call<Entry>('create_catalog_entry', { catalog, input }),
  updateCatalogEntry: (catalog: Catalog, id: number, input: EntryInput) => call<Entry>('update_catalog_entry', { catalog, id, input }),
  archiveCatalogEntry: (catalog: Catalog, id: number, archived: boolean) => call<Entry>('archive_catalog_entry', { catalog, id, archived }),
  listClients: (query: ListQuery) => call<Page<Client>>('list_clients', { query }),
  getClient: (id: number) => call<Client>('get_client', { id }),
  clientNamesakes: (name: string) => call<string[]>('client_namesakes', { name }),
  createClient: (input: ClientInput) => call<Client>('create_client', { input }),
  updateClient: (id: number, input: ClientInput) => call<Client>('update_client', { id, input }),
  archiveClient: (id: number, archived: boolean) => call<Client>('archive_client', { id, archived }),
  listCommittees: (query: ListQuery) => call<Page<Committee>>('list_committees', { query }),
  createCommittee: (input: CommitteeInput) => call<Committee>('create_committee', { input }),
  updateCommittee: (id: number, input: CommitteeInput) => call<Committee>('update_committee', { id, input }),
  archiveCommittee: (id: number, archived: boolean) => call<Committee>('archive_committee', { id, archived }),
  listExpenses: (from: string, to: string, filter: ExpenseFilter, after: Cursor | null, limit: number) => call<DatedPage<Expense>>('list_expenses', { from, to, filter, after, limit }),
  expenseSuppliers: (from: string, to: string) => call<string[]>('expense_suppliers', { from, to }),
  createExpense: (input: ExpenseInput) => call<Expense>('create_expense', { input }),
  updateExpense: (id: number, input: ExpenseInput) => call<Expense>('update_expense', { id, input }),
  voidExpense: (id: number, reason: string) => call<Expense>('void_expense', { id, reason }),
  expenseAttachments: (expenseId: number) => call<Attachment[]>('expense_attachments', { expenseId }),
  /**
   * Asks for a file with the native dialog and attaches a copy; `None` when cancelled.
   */
  attachExpenseDocument: (expenseId: number) => call<Attachment[] | null>('attach_expense_document', { expenseId }),
  /**
   * Checks the stored copy against its SHA-256, then opens a copy of it.
   */
  openExpenseAttachment: (expenseId: number, documentId: number) => call<null>('open_expense_attachment', { expenseId, documentId }),
  listIncome: (from: string, to: string, after: Cursor | null, limit: number) => call<DatedPage<Income>>('list_income', { from, to, after, limit }),
  createIncome: (input: IncomeInput) => call<Income>('create_income', { input }),
  updateIncome: (id: number, input: IncomeInput) => call<Income>('update_income', { id, input }),
  voidIncome: (id: number, reason: string) => call<Income>('void_income', { id, reason }),
  /**
   * Every year since the first summary through `through`, recorded or computed.
   */
  historySeries: (through: string) => call<YearSummary[]>('history_series', { through }),
  /**
   * Whether a fiscal year is closed, and what keeps it from being closed or reopened now.
   */
  yearState: (fiscalYear: string) => call<YearState>('year_state', { fiscalYear }),
  /**
   * Closes a fiscal year once its accounts are adopted: its figures are kept, its records locked.
   */
  closeYear: (fiscalYear: string) => call<Closing>('close_year', { fiscalYear }),
  /**
   * Reopens the last closed year, so that its records can be corrected.
   */
  reopenYear: (fiscalYear: string) => call<null>('reopen_year', { fiscalYear }),
  /**
   * What a raise of `per_hour` for every salaried hour from `from` to `to` costs, charges included.
   */
  raiseCost: (from: string, to: string, perHour: Cents) => call<Cents>('raise_cost', { from, to, perHour }),
  profitability: (from: string, to: string) => call<Profitability>('profitability', { from, to }),
  saveHistory: (year: HistoryYear) => call<HistoryYear>('save_history', { year }),
  financeBooks: (from: string, to: string) => call<Books>('finance_books', { from, to }),
  /**
   * The year's statement of financial position and statement of operations, the year before beside.
   */
  financialStatements: (fiscalYear: string, lang: Lang) => call<FinancialStatements>('financial_statements', { fiscalYear, lang }),
  /**
   * Asks where to save the year's financial statements, as PDF or CSV by the name chosen. `None`
   * when cancelled.
   */
  saveFinancialStatements: (fiscalYear: string, lang: Lang) => call<FileRef | null>('save_financial_statements', { fiscalYear, lang }),
  budgetLines: (fiscalYear: string) => call<BudgetLine[]>('budget_lines', { fiscalYear }),
  setBudgetLine: (line: BudgetLine) => call<BudgetLine[]>('set_budget_line', { line }),
  copyBudget: (from: string, to: string, percent: number) => call<number>('copy_budget', { from, to, percent }),
  budgetVsActual: (fiscalYear: string, quarter: number, teamId: number | null, yearToDate: boolean) => call<BudgetVsActual>('budget_vs_actual', { fiscalYear, quarter, teamId, yearToDate }),
  setBudgetComment: (fiscalYear: string, quarter: number, teamId: number, comment: string) => call<null>('set_budget_comment', { fiscalYear, quarter, teamId, comment }),
  /**
   * Who is at the keyboard ("Je suis"), by their worker id, or nobody: the changes made from now
   * on are signed with their name in the audit log.
   */
  setPerson: (workerId?: number | null) => call<null>('set_person', { workerId }),
  /**
   * `worker_id` is who said "Je suis" on this computer, none before anyone did.
   */
  homeSummary: (workerId?: number | null) => call<Home>('home_summary', { workerId }),
  listInvoices: (filter: InvoiceFilter, after: Cursor | null, limit: number) => call<Page<InvoiceSummary>>('list_invoices', { filter, after, limit }),
  getInvoice: (id: number) => call<Invoice>('get_invoice', { id }),
  createDraftInvoice: (input: DraftInput) => call<Invoice>('create_draft_invoice', { input }),
  updateDraftInvoice: (id: number, input: DraftInput) => call<Invoice>('update_draft_invoice', { id, input }),
  deleteDraftInvoice: (id: number) => call<null>('delete_draft_invoice', { id }),
  addInvoiceLine: (id: number, input: LineInput) => call<Invoice>('add_invoice_line', { id, input }),
  removeInvoiceLine: (id: number, lineId: number) => call<Invoice>('remove_invoice_line', { id, lineId }),
  addInvoiceTime: (id: number, selection: TimeSelection) => call<Invoice>('add_invoice_time', { id, selection }),
  issueInvoice: (id: number) => call<Invoice>('issue_invoice', { id }),
  createCreditNote: (id: number, input: CreditInput) => call<Invoice>('create_credit_note', { id, input }),
  /**
   * Asks where to save, then writes the invoice's PDF there. `None` when cancelled.
   */
  saveInvoicePdf: (id: number) => call<FileRef | null>('save_invoice_pdf', { id }),
  listContracts: (clientId?: number | null) => call<Contract[]>('list_contracts', { clientId }),
  createContract: (input: ContractInput) => call<Contract>('create_contract', { input }),
  updateContract: (id: number, input: ContractInput) => call<Contract>('update_contract', { id, input }),
  archiveContract: (id: number, archived: boolean) => call<Contract>('archive_contract', { id, archived }),
  generateContractInvoices: (through: string, invoiceDate: string) => call<Generated>('generate_contract_invoices', { through, invoiceDate }),
  listTaxRates: () => call<TaxRate[]>('list_tax_rates'),
  /**
   * The GST and QST on an amount before taxes at the rates in force that day, as an invoice
   * computes them: what the expense form fills in.
   */
  salesTaxesOn: (on: string, amount: Cents) => call<Taxes>('sales_taxes_on', { on, amount }),
  addTaxRate: (rate: TaxRate) => call<TaxRate[]>('add_tax_rate', { rate }),
  listCases: (fiscalYear?: string | null) => call<CaseSummary[]>('list_cases', { fiscalYear }),
  getCase: (id: number) => call<Case>('get_case', { id }),
  saveCase: (id: number | null, input: CaseInput) => call<Case>('save_case', { id, input }),
  addCaseEvent: (caseId: number, input: EventInput) => call<Case>('add_case_event', { caseId, input }),
  /**
   * Asks for a file with the native dialog and attaches a copy to the event; `None` when cancelled.
   */
  attachCaseDocument: (caseId: number, eventId: number) => call<Case | null>('attach_case_document', { caseId, eventId }),
  /**
   * Checks the stored copy against its SHA-256, opens it if sealed, then opens a copy of it from
   * the person's own folder.
   */
  openCaseDocument: (caseId: number, documentId: number) => call<null>('open_case_document', { caseId, documentId }),
  addCaseDeadline: (caseId: number, input: DeadlineInput) => call<Case>('add_case_deadline', { caseId, input }),
  completeCaseDeadline: (caseId: number, deadlineId: number, doneOn: string) => call<Case>('complete_case_deadline', { caseId, deadlineId, doneOn }),
  logDisclosure: (caseId: number, input: DisclosureInput) => call<Case>('log_disclosure', { caseId, input }),
  annotateDisclosure: (caseId: number, disclosureId: number, text: string) => call<Case>('annotate_disclosure', { caseId, disclosureId, text }),
  linkCaseExpense: (caseId: number, expenseId: number, linked: boolean) => call<Case>('link_case_expense', { caseId, expenseId, linked }),
  linkCaseHours: (caseId: number, committeeId: number, from: string, to: string) => call<Case>('link_case_hours', { caseId, committeeId, from, to }),
  /**
   * Deadlines not done, overdue or due within `days`.
   */
  upcomingDeadlines: (days: number) => call<Upcoming[]>('upcoming_deadlines', { days }),
  legalVaultStatus: () => call<VaultStatus>('legal_vault_status'),
  /**
   * The committee's passphrase, chosen once: the restricted cases written before are sealed, the
   * log emptied of their pages in clear, their documents' clear copies removed; the session is
   * unlocked.
   */
  chooseLegalPassphrase: (passphrase: string, confirmation: string) => call<VaultStatus>('choose_legal_passphrase', { passphrase, confirmation }),
  /**
   * Shows the restricted cases until they are locked again or the app closes, if `passphrase`
   * is the committee's; a wrong one is said as such, on the passphrase field.
   */
  unlockRestricted: (passphrase: string) => call<VaultStatus>('unlock_restricted', { passphrase }),
  /**
   * Forgets the key: the restricted cases show by kind, dates and cost again.
   */
  lockRestricted: () => call<VaultStatus>('lock_restricted'),
  /**
   * Saves the case file as PDF where the person chooses; `None` when cancelled.
   */
  saveCaseFile: (caseId: number, lang: Lang) => call<FileRef | null>('save_case_file', { caseId, lang }),
  listMembers: (query: ListQuery) => call<Page<Member>>('list_members', { query }),
  memberNamesakes: (name: string) => call<string[]>('member_namesakes', { name }),
  createMember: (input: MemberInput) => call<Member>('create_member', { input }),
  updateMember: (id: number, input: MemberInput) => call<Member>('update_member', { id, input }),
  archiveMember: (id: number, archived: boolean) => call<Member>('archive_member', { id, archived }),
  workerPlan: (workerId: number, fiscalYear: string) => call<WorkerPlan>('worker_plan', { workerId, fiscalYear }),
  setPlan: (input: PlanInput) => call<WorkerPlan>('set_plan', { input }),
  planComparison: (fiscalYear: string, quarter?: number | null) => call<PlanComparison>('plan_comparison', { fiscalYear, quarter }),
  fillWeekFromPlan: (workerId: number, date: string) => call<Week>('fill_week_from_plan', { workerId, date }),
  listProjects: (query: ListQuery, clientId?: number | null) => call<Page<Project>>('list_projects', { query, clientId }),
  createProject: (input: ProjectInput) => call<Project>('create_project', { input }),
  updateProject: (id: number, input: ProjectInput) => call<Project>('update_project', { id, input }),
  archiveProject: (id: number, archived: boolean) => call<Project>('archive_project', { id, archived }),
  recordPayment: (input: PaymentInput) => call<Payment>('record_payment', { input }),
  allocatePayment: (id: number, allocations: Allocation[]) => call<Payment>('allocate_payment', { id, allocations }),
  /**
   * Voids a payment by a reversing record; its invoices are due again.
   */
  voidPayment: (id: number, reason: string) => call<Payment>('void_payment', { id, reason }),
  /**
   * Voids a payment typed wrong and records it again as corrected, both or neither.
   */
  correctPayment: (id: number, input: PaymentInput, reason: string) => call<Payment>('correct_payment', { id, input, reason }),
  clientPayments: (clientId: number) => call<Payment[]>('client_payments', { clientId }),
  clientCredit: (clientId: number) => call<Cents>('client_credit', { clientId }),
  receivablesAging: (asOf: string) => call<Aging>('receivables_aging', { asOf }),
  over90ByQuarter: (fiscalYear: string) => call<QuarterOverdue[]>('over_90_by_quarter', { fiscalYear }),
  /**
   * Asks where to save the aging, as PDF or CSV by the name chosen. `None` when cancelled.
   */
  saveAging: (asOf: string, lang: Lang) => call<FileRef | null>('save_aging', { asOf, lang }),
  clientStatement: (clientId: number, from: string, to: string) => call<Statement>('client_statement', { clientId, from, to }),
  salesTaxSummary: (from: string, to: string) => call<SalesTaxSummary>('sales_tax_summary', { from, to }),
  reportSections: (fiscalYear: string) => call<Section[]>('report_sections', { fiscalYear }),
  saveReportSection: (id: number | null, input: SectionInput) => call<Section>('save_report_section', { id, input }),
  shiftReportSection: (id: number, by: number) => call<Section[]>('shift_report_section', { id, by }),
  removeReportSection: (id: number) => call<Section[]>('remove_report_section', { id }),
  startReportOutline: (fiscalYear: string) => call<Section[]>('start_report_outline', { fiscalYear }),
  /**
   * The preview of a written body, or of a generated section for the year.
   */
  previewSection: (fiscalYear: string, generated: GeneratedSection | null, body: string, lang: Lang) => call<Preview>('preview_section', { fiscalYear, generated, body, lang }),
  /**
   * Saves the annual report where the person chooses; `None` when cancelled.
   */
  saveAnnualReport: (fiscalYear: string, lang: Lang) => call<FileRef | null>('save_annual_report', { fiscalYear, lang }),
  /**
   * Saves a team's quarterly report; `None` when cancelled.
   */
  saveTeamReport: (fiscalYear: string, quarter: number, teamCode: string, lang: Lang) => call<FileRef | null>('save_team_report', { fiscalYear, quarter, teamCode, lang }),
  /**
   * Saves the year's cashflow with its projection as of `as_of`; `None` when cancelled.
   */
  saveCashflowReport: (fiscalYear: string, asOf: string, lang: Lang) => call<FileRef | null>('save_cashflow_report', { fiscalYear, asOf, lang }),
  /**
   * Saves the year's work distribution; `None` when cancelled.
   */
  saveDistributionReport: (fiscalYear: string, lang: Lang) => call<FileRef | null>('save_distribution_report', { fiscalYear, lang }),
  getSettings: () => call<Settings | null>('get_settings'),
  saveSettings: (settings: Settings) => call<Settings>('save_settings', { settings }),
  /**
   * The years the year picker offers, and the one the screens open on before any choice.
   */
  fiscalYearsOnRecord: () => call<YearsOnRecord>('fiscal_years_on_record'),
  listTeams: (query: ListQuery) => call<Page<Team>>('list_teams', { query }),
  createTeam: (input: TeamInput) => call<Team>('create_team', { input }),
  updateTeam: (id: number, input: TeamInput) => call<Team>('update_team', { id, input }),
  archiveTeam: (id: number, archived: boolean) => call<Team>('archive_team', { id, archived }),
  loadWeek: (workerId: number, date: string) => call<Week>('load_week', { workerId, date }),
  setWeekCell: (input: CellInput) => call<Week>('set_week_cell', { input }),
  distributionByYear: () => call<YearFigures[]>('distribution_by_year'),
  updateEntry: (id: number, input: TimeEntryInput) => call<TimeEntry>('update_entry', { id, input }),
  deleteEntry: (id: number) => call<null>('delete_entry', { id }),
  getTimer: (workerId: number) => call<Timer | null>('get_timer', { workerId }),
  startTimer: (input: TimerInput) => call<Started>('start_timer', { input }),
  stopTimer: (workerId: number) => call<TimeEntry | null>('stop_timer', { workerId }),
  discardTimer: (workerId: number) => call<null>('discard_timer', { workerId }),
  workDistribution: (from: string, to: string) => call<Distribution>('work_distribution', { from, to }),
  timesheetPage: (filter: TimesheetFilter, after: Cursor | null, limit: number) => call<Page<TimesheetRow>>('timesheet_page', { filter, after, limit }),
  /**
   * Asks where to save, then writes the filter's entries as CSV. `None` when cancelled.
   */
  exportTimesheet: (filter: TimesheetFilter) => call<FileRef | null>('export_timesheet', { filter }),
  /**
   * The file to import, chosen in the native dialog; `None` when cancelled. The preview and the
   * import take the id answered here, and no other.
   */
  pickTimesheetFile: () => call<FileRef | null>('pick_timesheet_file'),
  previewTimesheetImport: (file: FileId, format: Format, options: ImportOptions) => call<ImportPreview>('preview_timesheet_import', { file, format, options }),
  importTimesheet: (file: FileId, format: Format, options: ImportOptions) => call<ImportOutcome>('import_timesheet', { file, format, options }),
  listWorkers: (query: ListQuery) => call<Page<WorkerSummary>>('list_workers', { query }),
  getWorker: (id: number) => call<Worker>('get_worker', { id }),
  createWorker: (input: NewWorker) => call<Worker>('create_worker', { input }),
  addWorkerStatus: (id: number, input: StatusInput) => call<Worker>('add_worker_status', { id, input }),
  removeWorkerStatus: (id: number, periodId: number) => call<Worker>('remove_worker_status', { id, periodId }),
  addWorkerWage: (id: number, input: WageInput) => call<Worker>('add_worker_wage', { id, input }),
  removeWorkerWage: (id: number, wageId: number) => call<Worker>('remove_worker_wage', { id, wageId }),
  setWorkerTeams: (id: number, teamIds: number[]) => call<Worker>('set_worker_teams', { id, teamIds }),
  archiveWorker: (id: number, archived: boolean) => call<Worker>('archive_worker', { id, archived }),
};

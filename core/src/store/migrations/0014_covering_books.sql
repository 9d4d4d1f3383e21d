-- The books of a span (revenue by department, expenses by category) read from indexes alone,
-- not from the rows: every year's books are summed for the net worth, ten years at scale 50.
DROP INDEX invoices_by_date;
CREATE INDEX invoices_by_date ON invoices (invoice_date, kind, issued_at);
DROP INDEX invoice_lines_by_invoice;
CREATE INDEX invoice_lines_by_invoice ON invoice_lines (invoice_id, position, department_id, amount_cents);
DROP INDEX expenses_by_date;
CREATE INDEX expenses_by_date ON expenses (spent_on, category_id, amount_cents);

-- The work distribution now reads each worker's spans (`time_entries_by_worker` and the monthly
-- sums), not everyone's entries by day: the index by day goes back to the day alone, which
-- spares every saved entry the upkeep of five more columns.
DROP INDEX time_entries_by_date;
CREATE INDEX time_entries_by_date ON time_entries (work_date);

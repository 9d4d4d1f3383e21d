-- The books of a span (revenue by department, expenses by category) read from indexes alone,
-- not from the rows: every year's books are summed for the net worth, ten years at scale 50.
DROP INDEX invoices_by_date;
CREATE INDEX invoices_by_date ON invoices (invoice_date, kind, issued_at);
DROP INDEX invoice_lines_by_invoice;
CREATE INDEX invoice_lines_by_invoice ON invoice_lines (invoice_id, position, department_id, amount_cents);
DROP INDEX expenses_by_date;
CREATE INDEX expenses_by_date ON expenses (spent_on, category_id, amount_cents);

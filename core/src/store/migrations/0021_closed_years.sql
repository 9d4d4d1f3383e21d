-- Closed years locked by the database itself. `finance::closing::ensure_open` makes the services
-- refuse a record dated in a closed year with a sentence; these triggers refuse the same writes
-- from anything else that reaches the file (raw SQL, a script, a service that forgot to ask), as
-- 0003 does for issued invoices. Years close in order and reopen from the last, so the lock is
-- one date, read here every time: the latest `end_on` of `year_closings`. Reopening deletes that
-- row and the records of the year can change again; closing writes the row and nothing dated.
--
-- Each message is `closed_year <date> <end of the last closed year>`: the store turns it into the
-- same `closed` problem the services give (`Error::Closed`), naming the record's date and its
-- fiscal year, which starts the day after a closed year's end. The date is the earlier of a
-- change's two: the one in the closed year.
--
-- A table rebuilt by a later migration (as 0018 rebuilt four) loses its triggers: make them again.

-- Hours.
CREATE TRIGGER time_entries_closed_insert BEFORE INSERT ON time_entries
WHEN NEW.work_date <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.work_date || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER time_entries_closed_update BEFORE UPDATE ON time_entries
WHEN min(OLD.work_date, NEW.work_date) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.work_date, NEW.work_date) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER time_entries_closed_delete BEFORE DELETE ON time_entries
WHEN OLD.work_date <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.work_date || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- The sums of the hours per month and half month (0013, 0017), kept by `worktime::months::Tally`
-- in the transaction that writes the entries: a closed year's entries do not change, so neither
-- do its sums. A closed year ends on a month's last day, so a month (or half) is closed whole:
-- its first day is on or before the lock.
CREATE TRIGGER work_months_closed_insert BEFORE INSERT ON work_months
WHEN NEW.month <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.month || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER work_months_closed_update BEFORE UPDATE ON work_months
WHEN min(OLD.month, NEW.month) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.month, NEW.month) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER work_months_closed_delete BEFORE DELETE ON work_months
WHEN OLD.month <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.month || ' ' || (SELECT max(end_on) FROM year_closings)); END;

CREATE TRIGGER worker_halves_closed_insert BEFORE INSERT ON worker_halves
WHEN NEW.half <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.half || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER worker_halves_closed_update BEFORE UPDATE ON worker_halves
WHEN min(OLD.half, NEW.half) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.half, NEW.half) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER worker_halves_closed_delete BEFORE DELETE ON worker_halves
WHEN OLD.half <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.half || ' ' || (SELECT max(end_on) FROM year_closings)); END;

CREATE TRIGGER project_months_closed_insert BEFORE INSERT ON project_months
WHEN NEW.month <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.month || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER project_months_closed_update BEFORE UPDATE ON project_months
WHEN min(OLD.month, NEW.month) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.month, NEW.month) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER project_months_closed_delete BEFORE DELETE ON project_months
WHEN OLD.month <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.month || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- The revenue per month (0015), written when a document is issued, which a closed year no
-- longer is.
CREATE TRIGGER revenue_months_closed_insert BEFORE INSERT ON revenue_months
WHEN NEW.month <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.month || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER revenue_months_closed_update BEFORE UPDATE ON revenue_months
WHEN min(OLD.month, NEW.month) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.month, NEW.month) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER revenue_months_closed_delete BEFORE DELETE ON revenue_months
WHEN OLD.month <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.month || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- Invoices and credit notes by their date, their lines and the hours the lines bill by their
-- document's. Paying or crediting a closed year's invoice later stays possible: the payment and
-- the credit note are dated in the open year, and the settlement dates (0012) are not locked.
CREATE TRIGGER invoices_closed_insert BEFORE INSERT ON invoices
WHEN NEW.invoice_date <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.invoice_date || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER invoices_closed_update BEFORE UPDATE ON invoices
WHEN min(OLD.invoice_date, NEW.invoice_date) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.invoice_date, NEW.invoice_date) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER invoices_closed_delete BEFORE DELETE ON invoices
WHEN OLD.invoice_date <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.invoice_date || ' ' || (SELECT max(end_on) FROM year_closings)); END;

CREATE TRIGGER invoice_lines_closed_insert BEFORE INSERT ON invoice_lines
WHEN (SELECT invoice_date FROM invoices WHERE id = NEW.invoice_id) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT invoice_date FROM invoices WHERE id = NEW.invoice_id) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER invoice_lines_closed_update BEFORE UPDATE ON invoice_lines
WHEN (SELECT min(invoice_date) FROM invoices WHERE id IN (OLD.invoice_id, NEW.invoice_id)) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT min(invoice_date) FROM invoices WHERE id IN (OLD.invoice_id, NEW.invoice_id)) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER invoice_lines_closed_delete BEFORE DELETE ON invoice_lines
WHEN (SELECT invoice_date FROM invoices WHERE id = OLD.invoice_id) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT invoice_date FROM invoices WHERE id = OLD.invoice_id) || ' ' || (SELECT max(end_on) FROM year_closings)); END;

CREATE TRIGGER invoice_time_entries_closed_insert BEFORE INSERT ON invoice_time_entries
WHEN (SELECT i.invoice_date FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = NEW.line_id) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT i.invoice_date FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = NEW.line_id) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER invoice_time_entries_closed_update BEFORE UPDATE ON invoice_time_entries
WHEN (SELECT min(i.invoice_date) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id IN (OLD.line_id, NEW.line_id)) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT min(i.invoice_date) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id IN (OLD.line_id, NEW.line_id)) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER invoice_time_entries_closed_delete BEFORE DELETE ON invoice_time_entries
WHEN (SELECT i.invoice_date FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = OLD.line_id) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT i.invoice_date FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = OLD.line_id) || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- Payments by the day they were received, and their allocations by their payment's. Payments
-- never change anyway (0018); these name the closed year, and refuse recording one in it.
CREATE TRIGGER payments_closed_insert BEFORE INSERT ON payments
WHEN NEW.received_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.received_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER payments_closed_update BEFORE UPDATE ON payments
WHEN min(OLD.received_on, NEW.received_on) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.received_on, NEW.received_on) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER payments_closed_delete BEFORE DELETE ON payments
WHEN OLD.received_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.received_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;

CREATE TRIGGER payment_allocations_closed_insert BEFORE INSERT ON payment_allocations
WHEN (SELECT received_on FROM payments WHERE id = NEW.payment_id) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT received_on FROM payments WHERE id = NEW.payment_id) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER payment_allocations_closed_update BEFORE UPDATE ON payment_allocations
WHEN (SELECT min(received_on) FROM payments WHERE id IN (OLD.payment_id, NEW.payment_id)) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT min(received_on) FROM payments WHERE id IN (OLD.payment_id, NEW.payment_id)) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER payment_allocations_closed_delete BEFORE DELETE ON payment_allocations
WHEN (SELECT received_on FROM payments WHERE id = OLD.payment_id) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || (SELECT received_on FROM payments WHERE id = OLD.payment_id) || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- Expenses and other income, by their date (a reversal is dated as its original).
CREATE TRIGGER expenses_closed_insert BEFORE INSERT ON expenses
WHEN NEW.spent_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.spent_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER expenses_closed_update BEFORE UPDATE ON expenses
WHEN min(OLD.spent_on, NEW.spent_on) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.spent_on, NEW.spent_on) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER expenses_closed_delete BEFORE DELETE ON expenses
WHEN OLD.spent_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.spent_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;

CREATE TRIGGER other_income_closed_insert BEFORE INSERT ON other_income
WHEN NEW.received_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.received_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER other_income_closed_update BEFORE UPDATE ON other_income
WHEN min(OLD.received_on, NEW.received_on) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.received_on, NEW.received_on) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER other_income_closed_delete BEFORE DELETE ON other_income
WHEN OLD.received_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.received_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- Wages by the day they take effect: a rate from a closed year may still be in force, but
-- changing or removing it would change that year's payroll.
CREATE TRIGGER worker_wages_closed_insert BEFORE INSERT ON worker_wages
WHEN NEW.effective_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.effective_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER worker_wages_closed_update BEFORE UPDATE ON worker_wages
WHEN min(OLD.effective_on, NEW.effective_on) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.effective_on, NEW.effective_on) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER worker_wages_closed_delete BEFORE DELETE ON worker_wages
WHEN OLD.effective_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.effective_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- Status periods that start in a closed year. One change stays allowed: a new status starting
-- in the open year ends the period still running the day before (`worker::add_status`), which
-- leaves its days in the closed year as they were. An end moved from or to a day in the closed
-- year, or any other column changed, is refused.
CREATE TRIGGER worker_statuses_closed_insert BEFORE INSERT ON worker_statuses
WHEN NEW.start_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.start_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER worker_statuses_closed_update BEFORE UPDATE ON worker_statuses
WHEN min(OLD.start_on, NEW.start_on) <= (SELECT max(end_on) FROM year_closings)
 AND (OLD.start_on IS NOT NEW.start_on OR OLD.worker_id IS NOT NEW.worker_id OR OLD.status IS NOT NEW.status
      OR OLD.weekly_minutes IS NOT NEW.weekly_minutes
      OR (OLD.end_on IS NOT NEW.end_on
          AND min(coalesce(OLD.end_on, '9999-12-31'), coalesce(NEW.end_on, '9999-12-31')) <= (SELECT max(end_on) FROM year_closings)))
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.start_on, NEW.start_on) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER worker_statuses_closed_delete BEFORE DELETE ON worker_statuses
WHEN OLD.start_on <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.start_on || ' ' || (SELECT max(end_on) FROM year_closings)); END;

-- Budgets, by the first day of their fiscal year.
CREATE TRIGGER budget_lines_closed_insert BEFORE INSERT ON budget_lines
WHEN NEW.fiscal_year_start <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || NEW.fiscal_year_start || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER budget_lines_closed_update BEFORE UPDATE ON budget_lines
WHEN min(OLD.fiscal_year_start, NEW.fiscal_year_start) <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || min(OLD.fiscal_year_start, NEW.fiscal_year_start) || ' ' || (SELECT max(end_on) FROM year_closings)); END;
CREATE TRIGGER budget_lines_closed_delete BEFORE DELETE ON budget_lines
WHEN OLD.fiscal_year_start <= (SELECT max(end_on) FROM year_closings)
BEGIN SELECT RAISE(ABORT, 'closed_year ' || OLD.fiscal_year_start || ' ' || (SELECT max(end_on) FROM year_closings)); END;

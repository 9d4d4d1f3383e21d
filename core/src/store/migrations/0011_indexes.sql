-- Indexes the reports need at ten years of a large collective's books (`konbit demo --scale 50`).

-- The aging subtracts each invoice's credit notes: without this, a full scan of the invoices
-- for every open invoice.
CREATE INDEX invoices_by_credited ON invoices (credited_id) WHERE credited_id IS NOT NULL;

-- A worker's entries by day, with what the payroll and the work distribution read of them, so
-- that summing a worker's span reads this index alone, not the table.
DROP INDEX time_entries_by_worker;
CREATE INDEX time_entries_by_worker ON time_entries (worker_id, work_date, project_id, committee_id, billable, minutes);

-- The same columns by day: a period's hours of everyone (the work distribution) read from the
-- index alone.
DROP INDEX time_entries_by_date;
CREATE INDEX time_entries_by_date ON time_entries (work_date, worker_id, project_id, committee_id, billable, minutes);

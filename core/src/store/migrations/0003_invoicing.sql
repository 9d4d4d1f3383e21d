-- Invoicing and receivables: sales tax rates, recurring contracts, invoices and credit notes
-- with their lines, the time entries they bill, payments and their allocation.
-- An issued invoice or credit note is frozen by triggers: the database itself refuses to change
-- or delete it, its lines, or the time entries it bills.

-- Rates in force from a date, in hundred-thousandths (5 % = 5000, 9,975 % = 9975).
-- Before 2013 Quebec's QST was charged on the price plus GST (`qst_on_gst`).
CREATE TABLE tax_rates (
    id           INTEGER PRIMARY KEY,
    effective_on TEXT NOT NULL UNIQUE,
    gst_rate     INTEGER NOT NULL CHECK (gst_rate BETWEEN 0 AND 100000),
    qst_rate     INTEGER NOT NULL CHECK (qst_rate BETWEEN 0 AND 100000),
    qst_on_gst   INTEGER NOT NULL CHECK (qst_on_gst IN (0, 1)),
    created_at   TEXT NOT NULL
);
INSERT INTO tax_rates (effective_on, gst_rate, qst_rate, qst_on_gst, created_at) VALUES
    ('2011-01-01', 5000, 8500, 1, '2011-01-01T00:00:00Z'),
    ('2012-01-01', 5000, 9500, 1, '2012-01-01T00:00:00Z'),
    ('2013-01-01', 5000, 9975, 0, '2013-01-01T00:00:00Z');

-- Hosting plans and sysadmin support contracts, invoiced every period.
CREATE TABLE contracts (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    project_id    INTEGER REFERENCES projects (id),
    department_id INTEGER NOT NULL REFERENCES revenue_departments (id),
    description   TEXT NOT NULL CHECK (length(trim(description)) > 0),
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    period        TEXT NOT NULL CHECK (period IN ('monthly', 'quarterly', 'yearly')),
    starts_on     TEXT NOT NULL,
    ends_on       TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX contracts_by_client ON contracts (client_id);

-- Invoices and credit notes. A draft has no number and no issue date; issuing gives both, with
-- the tax rates and totals of that day, and freezes the row.
CREATE TABLE invoices (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    client_id          INTEGER NOT NULL REFERENCES clients (id),
    credited_id        INTEGER REFERENCES invoices (id),
    invoice_date       TEXT NOT NULL,
    due_on             TEXT NOT NULL,
    notes              TEXT NOT NULL DEFAULT '',
    number             TEXT UNIQUE,
    fiscal_year_start  TEXT,
    sequence           INTEGER,
    issued_at          TEXT,
    tax_exempt         INTEGER NOT NULL DEFAULT 0 CHECK (tax_exempt IN (0, 1)),
    gst_rate           INTEGER,
    qst_rate           INTEGER,
    qst_on_gst         INTEGER,
    subtotal_cents     INTEGER,
    gst_cents          INTEGER,
    qst_cents          INTEGER,
    total_cents        INTEGER,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK ((kind = 'credit_note') = (credited_id IS NOT NULL)),
    CHECK (due_on >= invoice_date),
    CHECK ((issued_at IS NULL) = (number IS NULL)),
    CHECK (issued_at IS NULL OR (sequence > 0 AND fiscal_year_start IS NOT NULL AND total_cents IS NOT NULL))
);
CREATE UNIQUE INDEX invoices_sequence ON invoices (kind, fiscal_year_start, sequence) WHERE sequence IS NOT NULL;
CREATE INDEX invoices_by_client ON invoices (client_id, invoice_date);
CREATE INDEX invoices_by_date ON invoices (invoice_date);

-- Lines in cents; a quantity in thousandths (1,5 h = 1500; one month = 1000).
CREATE TABLE invoice_lines (
    id               INTEGER PRIMARY KEY,
    invoice_id       INTEGER NOT NULL REFERENCES invoices (id),
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('time', 'contract', 'free', 'discount')),
    description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
    quantity_milli   INTEGER NOT NULL CHECK (quantity_milli > 0),
    unit_price_cents INTEGER NOT NULL,
    amount_cents     INTEGER NOT NULL,
    department_id    INTEGER REFERENCES revenue_departments (id),
    project_id       INTEGER REFERENCES projects (id),
    contract_id      INTEGER REFERENCES contracts (id),
    period_start     TEXT,
    CHECK ((kind = 'discount') = (amount_cents < 0) OR amount_cents = 0),
    CHECK ((contract_id IS NULL) = (period_start IS NULL))
);
CREATE INDEX invoice_lines_by_invoice ON invoice_lines (invoice_id, position);
-- A contract's period is invoiced once, whatever happens to the draft that holds it.
CREATE UNIQUE INDEX invoice_lines_contract_period ON invoice_lines (contract_id, period_start) WHERE contract_id IS NOT NULL;

-- The time entries a line bills; an entry is billed once.
CREATE TABLE invoice_time_entries (
    line_id       INTEGER NOT NULL REFERENCES invoice_lines (id),
    time_entry_id INTEGER NOT NULL UNIQUE REFERENCES time_entries (id),
    PRIMARY KEY (line_id, time_entry_id)
) WITHOUT ROWID;

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    received_on  TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('cheque', 'transfer', 'card', 'cash', 'barter')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    reference    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX payments_by_client ON payments (client_id, received_on);
CREATE INDEX payments_by_date ON payments (received_on);

-- How much of a payment settles which invoice; what is not allocated is the client's credit.
CREATE TABLE payment_allocations (
    payment_id   INTEGER NOT NULL REFERENCES payments (id),
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (payment_id, invoice_id)
) WITHOUT ROWID;
CREATE INDEX payment_allocations_by_invoice ON payment_allocations (invoice_id);

-- The freeze. Issuing is the one update an invoice accepts (from draft); after it, nothing.
CREATE TRIGGER invoices_frozen_update BEFORE UPDATE ON invoices WHEN OLD.issued_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'issued invoices cannot be changed; write a credit note'); END;
CREATE TRIGGER invoices_frozen_delete BEFORE DELETE ON invoices WHEN OLD.issued_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'issued invoices cannot be deleted; write a credit note'); END;
CREATE TRIGGER invoice_lines_frozen_insert BEFORE INSERT ON invoice_lines
    WHEN (SELECT issued_at FROM invoices WHERE id = NEW.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER invoice_lines_frozen_update BEFORE UPDATE ON invoice_lines
    WHEN (SELECT issued_at FROM invoices WHERE id = OLD.invoice_id) IS NOT NULL
      OR (SELECT issued_at FROM invoices WHERE id = NEW.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER invoice_lines_frozen_delete BEFORE DELETE ON invoice_lines
    WHEN (SELECT issued_at FROM invoices WHERE id = OLD.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER invoice_time_entries_frozen_insert BEFORE INSERT ON invoice_time_entries
    WHEN (SELECT i.issued_at FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = NEW.line_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an issued invoice bills no more time'); END;
CREATE TRIGGER invoice_time_entries_frozen_delete BEFORE DELETE ON invoice_time_entries
    WHEN (SELECT i.issued_at FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = OLD.line_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the time billed by an issued invoice stays billed'); END;
CREATE TRIGGER time_entries_invoiced_update BEFORE UPDATE ON time_entries
    WHEN EXISTS (SELECT 1 FROM invoice_time_entries b JOIN invoice_lines l ON l.id = b.line_id JOIN invoices i ON i.id = l.invoice_id
                 WHERE b.time_entry_id = OLD.id AND i.issued_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'this time entry is on an issued invoice and cannot be changed'); END;
CREATE TRIGGER time_entries_invoiced_delete BEFORE DELETE ON time_entries
    WHEN EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'this time entry is on an invoice and cannot be deleted'); END;
-- Payments are money received: corrected by a reversing entry, never edited.
CREATE TRIGGER payments_frozen_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments cannot be changed; record a correction'); END;

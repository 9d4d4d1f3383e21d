-- Voiding (annuler) a payment, an expense or another income: a mistake is corrected by a
-- reversing record, never by deleting or rewriting the original. The reversal is a row of the
-- same table, on the same date, with the amounts negated and `reverses` naming the original
-- (at most one reversal each). Every sum of the books, the cashflow, the aging, the sales tax
-- and the ledger then nets the pair to nothing without knowing about voids; the lists show the
-- original as voided and the reversal beside it. A reversed payment's allocations are negated
-- too, which frees its invoices again (`invoice_settled_on` already reads amounts that lower
-- what was covered).
--
-- SQLite cannot change a CHECK in place, so the three tables (and the allocations) are rebuilt
-- by the documented procedure: the migration runs with foreign keys off and checks them before
-- it commits (`store::Store::migrate`). Views and triggers that name the rebuilt tables are
-- dropped first and made again after, as they were.

DROP VIEW invoice_settled_on;
DROP TRIGGER invoice_settlements_on_issue;
DROP TRIGGER invoice_settlements_on_insert;

CREATE TABLE payments_new (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    received_on  TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('cheque', 'transfer', 'card', 'cash', 'barter')),
    amount_cents INTEGER NOT NULL,
    reference    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    reverses     INTEGER UNIQUE REFERENCES payments (id),
    CHECK ((reverses IS NULL AND amount_cents > 0) OR (reverses IS NOT NULL AND amount_cents < 0))
);
INSERT INTO payments_new (id, client_id, received_on, method, amount_cents, reference, notes, created_at)
SELECT id, client_id, received_on, method, amount_cents, reference, notes, created_at FROM payments;

CREATE TABLE payment_allocations_new (
    payment_id   INTEGER NOT NULL REFERENCES payments (id),
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    PRIMARY KEY (payment_id, invoice_id)
) WITHOUT ROWID;
INSERT INTO payment_allocations_new (payment_id, invoice_id, amount_cents)
SELECT payment_id, invoice_id, amount_cents FROM payment_allocations;

DROP TABLE payment_allocations;
DROP TABLE payments;
ALTER TABLE payments_new RENAME TO payments;
ALTER TABLE payment_allocations_new RENAME TO payment_allocations;
CREATE INDEX payments_by_client ON payments (client_id, received_on);
CREATE INDEX payments_by_date ON payments (received_on);
CREATE INDEX payment_allocations_by_invoice ON payment_allocations (invoice_id);

-- Payments are money received: corrected by a reversing record, never edited.
CREATE TRIGGER payments_frozen_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments cannot be changed; record a correction'); END;
CREATE TRIGGER payments_frozen_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments cannot be deleted; void them with a reversal'); END;
-- An allocation is written with its payment and never changes after; a reversal negates it.
CREATE TRIGGER payment_allocations_frozen_delete BEFORE DELETE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'a payment''s allocations cannot be deleted; void the payment'); END;

CREATE TABLE expenses_new (
    id           INTEGER PRIMARY KEY,
    spent_on     TEXT NOT NULL,
    supplier     TEXT NOT NULL CHECK (length(trim(supplier)) > 0),
    category_id  INTEGER NOT NULL REFERENCES expense_categories (id),
    team_id      INTEGER REFERENCES teams (id),
    amount_cents INTEGER NOT NULL,
    gst_cents    INTEGER NOT NULL DEFAULT 0,
    qst_cents    INTEGER NOT NULL DEFAULT 0,
    method       TEXT NOT NULL CHECK (method IN ('cheque', 'transfer', 'card', 'cash', 'barter', 'debit')),
    description  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    recurring_id INTEGER REFERENCES recurring_expenses (id),
    reverses     INTEGER UNIQUE REFERENCES expenses (id),
    CHECK ((reverses IS NULL AND amount_cents > 0 AND gst_cents >= 0 AND qst_cents >= 0)
        OR (reverses IS NOT NULL AND amount_cents < 0 AND gst_cents <= 0 AND qst_cents <= 0 AND recurring_id IS NULL))
);
INSERT INTO expenses_new (id, spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, created_at, updated_at, recurring_id)
SELECT id, spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, created_at, updated_at, recurring_id FROM expenses;
DROP TABLE expenses;
ALTER TABLE expenses_new RENAME TO expenses;
CREATE INDEX expenses_by_date ON expenses (spent_on, category_id, amount_cents);
CREATE INDEX expenses_by_category ON expenses (category_id, spent_on);
CREATE UNIQUE INDEX expenses_by_occurrence ON expenses (recurring_id, spent_on) WHERE recurring_id IS NOT NULL;
-- A reversal is final, and so is what it reverses.
CREATE TRIGGER expenses_reversed_update BEFORE UPDATE ON expenses
WHEN OLD.reverses IS NOT NULL OR EXISTS (SELECT 1 FROM expenses r WHERE r.reverses = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a voided expense and its reversal cannot be changed'); END;
CREATE TRIGGER expenses_frozen_delete BEFORE DELETE ON expenses
BEGIN SELECT RAISE(ABORT, 'expenses cannot be deleted; void them with a reversal'); END;

CREATE TABLE other_income_new (
    id            INTEGER PRIMARY KEY,
    received_on   TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('grant', 'donation', 'membership', 'other')),
    source        TEXT NOT NULL CHECK (length(trim(source)) > 0),
    department_id INTEGER NOT NULL REFERENCES revenue_departments (id),
    amount_cents  INTEGER NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    reverses      INTEGER UNIQUE REFERENCES other_income (id),
    CHECK ((reverses IS NULL AND amount_cents > 0) OR (reverses IS NOT NULL AND amount_cents < 0))
);
INSERT INTO other_income_new (id, received_on, kind, source, department_id, amount_cents, description, created_at)
SELECT id, received_on, kind, source, department_id, amount_cents, description, created_at FROM other_income;
DROP TABLE other_income;
ALTER TABLE other_income_new RENAME TO other_income;
CREATE INDEX other_income_by_date ON other_income (received_on);
CREATE TRIGGER other_income_reversed_update BEFORE UPDATE ON other_income
WHEN OLD.reverses IS NOT NULL OR EXISTS (SELECT 1 FROM other_income r WHERE r.reverses = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a voided income and its reversal cannot be changed'); END;
CREATE TRIGGER other_income_frozen_delete BEFORE DELETE ON other_income
BEGIN SELECT RAISE(ABORT, 'other income cannot be deleted; void it with a reversal'); END;

-- As in 0012_settlements.sql.
CREATE VIEW invoice_settled_on AS
SELECT i.id AS invoice_id, i.invoice_date AS opened_on,
       coalesce((SELECT min(r.day) FROM (
                   SELECT c.day, min(c.covered) OVER (ORDER BY c.day DESC) AS covered_after FROM (
                     SELECT e.day, sum(e.amount) OVER (ORDER BY e.day) AS covered FROM (
                       SELECT p.received_on AS day, a.amount_cents AS amount
                       FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = i.id
                       UNION ALL
                       SELECT n.invoice_date, n.total_cents FROM invoices n
                       WHERE n.credited_id = i.id AND n.issued_at IS NOT NULL) e) c) r
                 WHERE r.covered_after >= i.total_cents),
                '9999-12-31') AS settled_on
FROM invoices i
WHERE i.kind = 'invoice' AND i.issued_at IS NOT NULL;

CREATE TRIGGER invoice_settlements_on_issue AFTER UPDATE OF issued_at ON invoices
WHEN OLD.issued_at IS NULL AND NEW.issued_at IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO invoice_settlements (invoice_id, opened_on, settled_on)
    SELECT invoice_id, opened_on, settled_on FROM invoice_settled_on WHERE invoice_id = coalesce(NEW.credited_id, NEW.id);
END;
CREATE TRIGGER invoice_settlements_on_insert AFTER INSERT ON invoices
WHEN NEW.issued_at IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO invoice_settlements (invoice_id, opened_on, settled_on)
    SELECT invoice_id, opened_on, settled_on FROM invoice_settled_on WHERE invoice_id = coalesce(NEW.credited_id, NEW.id);
END;
-- A payment's share of an invoice recorded, or negated by a reversal.
CREATE TRIGGER invoice_settlements_on_allocation AFTER INSERT ON payment_allocations
BEGIN
    INSERT OR REPLACE INTO invoice_settlements (invoice_id, opened_on, settled_on)
    SELECT invoice_id, opened_on, settled_on FROM invoice_settled_on WHERE invoice_id = NEW.invoice_id;
END;
CREATE TRIGGER invoice_settlements_on_allocation_change AFTER UPDATE ON payment_allocations
BEGIN
    INSERT OR REPLACE INTO invoice_settlements (invoice_id, opened_on, settled_on)
    SELECT invoice_id, opened_on, settled_on FROM invoice_settled_on WHERE invoice_id IN (OLD.invoice_id, NEW.invoice_id);
END;

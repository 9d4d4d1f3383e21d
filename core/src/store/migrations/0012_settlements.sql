-- When each issued invoice was settled: the day from which its payments and credit notes cover
-- its total for good ('9999-12-31' while it is open). The aging as of a day then reads only the
-- invoices open on that day (settled after it), not every invoice ever issued. Kept by the
-- triggers below from the records themselves; `konbit check` compares it with the view.

-- What the records say. Payments and credit notes count from their own dates; the running minimum
-- from the end makes "for good" hold even if an amount ever lowered what was covered.
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

CREATE TABLE invoice_settlements (
    invoice_id INTEGER PRIMARY KEY REFERENCES invoices (id),
    opened_on  TEXT NOT NULL,
    settled_on TEXT NOT NULL
);
-- The open invoices of a day: settled after it, opened by it (read from the index alone).
CREATE INDEX invoice_settlements_open ON invoice_settlements (settled_on, opened_on);

INSERT INTO invoice_settlements (invoice_id, opened_on, settled_on)
SELECT invoice_id, opened_on, settled_on FROM invoice_settled_on;

-- An invoice or a credit note issued (inserted issued, or issued from a draft).
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

-- A payment's share of an invoice recorded, corrected or removed.
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
CREATE TRIGGER invoice_settlements_on_allocation_delete AFTER DELETE ON payment_allocations
BEGIN
    INSERT OR REPLACE INTO invoice_settlements (invoice_id, opened_on, settled_on)
    SELECT invoice_id, opened_on, settled_on FROM invoice_settled_on WHERE invoice_id = OLD.invoice_id;
END;

-- Revenue per month and department from the issued invoices and credit notes (credit notes
-- count negative), for the books of a span: whole months read a dozen rows per department
-- instead of every invoice line (`finance::books`). An issued document never changes, so one
-- trigger at issue keeps it; `konbit check` compares it with the lines. No department is 0.
CREATE TABLE revenue_months (
    month          TEXT NOT NULL,
    department_key INTEGER NOT NULL,
    amount_cents   INTEGER NOT NULL,
    PRIMARY KEY (month, department_key)
) WITHOUT ROWID;

INSERT INTO revenue_months (month, department_key, amount_cents)
SELECT substr(i.invoice_date, 1, 8) || '01', coalesce(l.department_id, 0),
       sum(CASE i.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END)
FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
WHERE i.issued_at IS NOT NULL GROUP BY 1, 2;

-- Lines cannot be added to an issued document (0003), so issuing a draft is the one moment its
-- revenue appears.
CREATE TRIGGER revenue_months_on_issue AFTER UPDATE OF issued_at ON invoices
WHEN OLD.issued_at IS NULL AND NEW.issued_at IS NOT NULL
BEGIN
    INSERT INTO revenue_months (month, department_key, amount_cents)
    SELECT substr(NEW.invoice_date, 1, 8) || '01', coalesce(l.department_id, 0),
           sum(CASE NEW.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END)
    FROM invoice_lines l WHERE l.invoice_id = NEW.id GROUP BY 2
    ON CONFLICT DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents;
END;

-- Indexes the reports need at ten years of a large collective's books (`konbit demo --scale 50`).

-- The aging subtracts each invoice's credit notes: without this, a full scan of the invoices
-- for every open invoice.
CREATE INDEX invoices_by_credited ON invoices (credited_id) WHERE credited_id IS NOT NULL;

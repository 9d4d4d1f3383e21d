-- The drafts waiting to be issued, for the home screen's count: a draft has no issue date, and
-- without this index counting them reads every invoice ever issued (tens of thousands after ten
-- years) to find the handful still in draft.
CREATE INDEX invoices_drafts ON invoices (invoice_date) WHERE issued_at IS NULL;

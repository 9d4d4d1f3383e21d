-- Cashflow: the bank accounts' opening balances, and the expenses that come back every month,
-- quarter or year (rent, colocation, servers), which generate their expenses and feed the
-- cashflow projection.

CREATE TABLE bank_accounts (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- The balance at the start of this day, before any of its movements.
    opened_on             TEXT NOT NULL,
    opening_balance_cents INTEGER NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);

CREATE TABLE recurring_expenses (
    id           INTEGER PRIMARY KEY,
    supplier     TEXT NOT NULL CHECK (length(trim(supplier)) > 0),
    category_id  INTEGER NOT NULL REFERENCES expense_categories (id),
    team_id      INTEGER REFERENCES teams (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    -- Taxable: the GST and QST in force on each occurrence's date are added and claimed back.
    taxable      INTEGER NOT NULL CHECK (taxable IN (0, 1)),
    method       TEXT NOT NULL CHECK (method IN ('cheque', 'transfer', 'card', 'cash', 'barter', 'debit')),
    period       TEXT NOT NULL CHECK (period IN ('monthly', 'quarterly', 'yearly')),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT,
    description  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

ALTER TABLE expenses ADD COLUMN recurring_id INTEGER REFERENCES recurring_expenses (id);
-- One expense per occurrence: generating twice adds nothing.
CREATE UNIQUE INDEX expenses_by_occurrence ON expenses (recurring_id, spent_on) WHERE recurring_id IS NOT NULL;

-- Finance: expenses, other income (grants, donations, membership fees), and the summaries of the
-- fiscal years before the data was kept in Konbit. Payroll is not stored: it is computed from
-- the hours and the wages in force each day.

CREATE TABLE expenses (
    id           INTEGER PRIMARY KEY,
    spent_on     TEXT NOT NULL,
    supplier     TEXT NOT NULL CHECK (length(trim(supplier)) > 0),
    category_id  INTEGER NOT NULL REFERENCES expense_categories (id),
    team_id      INTEGER REFERENCES teams (id),
    -- Before taxes; the GST and QST paid are input tax credits, kept apart.
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    gst_cents    INTEGER NOT NULL DEFAULT 0 CHECK (gst_cents >= 0),
    qst_cents    INTEGER NOT NULL DEFAULT 0 CHECK (qst_cents >= 0),
    method       TEXT NOT NULL CHECK (method IN ('cheque', 'transfer', 'card', 'cash', 'barter', 'debit')),
    description  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX expenses_by_date ON expenses (spent_on);
CREATE INDEX expenses_by_category ON expenses (category_id, spent_on);

CREATE TABLE other_income (
    id            INTEGER PRIMARY KEY,
    received_on   TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('grant', 'donation', 'membership', 'other')),
    source        TEXT NOT NULL CHECK (length(trim(source)) > 0),
    department_id INTEGER NOT NULL REFERENCES revenue_departments (id),
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    description   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX other_income_by_date ON other_income (received_on);

-- A past fiscal year, named by its first day, as the annual reports of the time gave it.
CREATE TABLE history_years (
    fiscal_year_start TEXT PRIMARY KEY,
    revenue_cents     INTEGER NOT NULL CHECK (revenue_cents >= 0),
    expenses_cents    INTEGER NOT NULL CHECK (expenses_cents >= 0),
    net_worth_cents   INTEGER NOT NULL,
    fte               REAL NOT NULL CHECK (fte >= 0 AND fte <= 1000),
    salaried_share    REAL NOT NULL CHECK (salaried_share >= 0 AND salaried_share <= 1),
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) WITHOUT ROWID;

-- Budgets: per fiscal year (named by its first day) × quarter × team (none: the collective as a
-- whole) × revenue department or expense category; and the comment each team writes on its
-- quarter, which the quarterly team report prints.

CREATE TABLE budget_lines (
    id                INTEGER PRIMARY KEY,
    fiscal_year_start TEXT NOT NULL,
    quarter           INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    team_id           INTEGER REFERENCES teams (id),
    department_id     INTEGER REFERENCES revenue_departments (id),
    category_id       INTEGER REFERENCES expense_categories (id),
    amount_cents      INTEGER NOT NULL CHECK (amount_cents > 0),
    CHECK ((department_id IS NULL) <> (category_id IS NULL))
);
CREATE UNIQUE INDEX budget_lines_key ON budget_lines
    (fiscal_year_start, quarter, coalesce(team_id, 0), coalesce(department_id, 0), coalesce(category_id, 0));

CREATE TABLE budget_comments (
    fiscal_year_start TEXT NOT NULL,
    quarter           INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    team_id           INTEGER NOT NULL REFERENCES teams (id),
    comment           TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (fiscal_year_start, quarter, team_id)
) WITHOUT ROWID;

-- Barter is an exchange: a client who pays in airtime or services has bought the collective's
-- work (revenue, as invoiced) and sold it what it received (an expense of the same amount). The
-- books count a barter payment under this category; before, they kept only the revenue, and the
-- journal an asset, "assets:barter", that grew with every exchange. A collective that already
-- made a category with this code keeps its own.
INSERT OR IGNORE INTO expense_categories (code, name_fr, name_en, position)
    SELECT 'barter', 'Troc (biens et services reçus)', 'Barter (goods and services received)', coalesce(max(position), 0) + 1
    FROM expense_categories;

-- The annual report gains a generated section, the financial statements: the table is rebuilt
-- with the new name in its CHECK (SQLite's procedure; foreign keys are off during migrations).
CREATE TABLE report_sections_new (
    id                INTEGER PRIMARY KEY,
    fiscal_year_start TEXT NOT NULL,
    position          INTEGER NOT NULL CHECK (position >= 0),
    kind              TEXT NOT NULL CHECK (kind IN ('prose', 'generated', 'errata')),
    generated         TEXT CHECK (generated IS NULL OR generated IN ('financial', 'revenue_by_department', 'expense_distribution', 'receivables',
                                  'cashflow', 'net_worth', 'statements', 'workforce', 'budget', 'work_distribution', 'legal')),
    title             TEXT NOT NULL DEFAULT '',
    author            TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((kind = 'generated') = (generated IS NOT NULL))
);
INSERT INTO report_sections_new SELECT id, fiscal_year_start, position, kind, generated, title, author, body, created_at, updated_at FROM report_sections;
DROP TABLE report_sections;
ALTER TABLE report_sections_new RENAME TO report_sections;
CREATE INDEX report_sections_by_year ON report_sections (fiscal_year_start, position);

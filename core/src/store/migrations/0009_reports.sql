-- The annual report's sections per fiscal year, in order: prose written by a committee or a team
-- (simple markup), sections Konbit generates from the records, and the errata.

CREATE TABLE report_sections (
    id                INTEGER PRIMARY KEY,
    fiscal_year_start TEXT NOT NULL,
    position          INTEGER NOT NULL CHECK (position >= 0),
    kind              TEXT NOT NULL CHECK (kind IN ('prose', 'generated', 'errata')),
    generated         TEXT CHECK (generated IS NULL OR generated IN ('financial', 'revenue_by_department', 'expense_distribution', 'receivables',
                                  'cashflow', 'net_worth', 'workforce', 'budget', 'work_distribution', 'legal')),
    title             TEXT NOT NULL DEFAULT '',
    author            TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((kind = 'generated') = (generated IS NOT NULL))
);
CREATE INDEX report_sections_by_year ON report_sections (fiscal_year_start, position);

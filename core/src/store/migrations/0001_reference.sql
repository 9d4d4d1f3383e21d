-- Reference data: the organisation, its people, teams, committees, clients and projects.
-- Conventions (ARCHITECTURE.md): money in integer cents, durations in integer minutes,
-- dates as ISO-8601 TEXT (YYYY-MM-DD), timestamps as UTC RFC 3339 TEXT decided by Rust.
-- `name_key` columns hold the accent- and case-folded name, maintained by Rust, so that lists
-- sort the French way and search ignores accents, through an index.

CREATE TABLE settings (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    name                    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    address                 TEXT NOT NULL DEFAULT '',
    gst_number              TEXT NOT NULL DEFAULT '',
    qst_number              TEXT NOT NULL DEFAULT '',
    fiscal_year_start_month INTEGER NOT NULL DEFAULT 9 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    language                TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
    invoice_number_pattern  TEXT NOT NULL DEFAULT '{fy_end}-{seq:4}',
    cushion_cents           INTEGER NOT NULL DEFAULT 3000000 CHECK (cushion_cents >= 0),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key    TEXT NOT NULL,
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    joined_on   TEXT,
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX members_by_name ON members (name_key, id);

CREATE TABLE workers (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL UNIQUE REFERENCES members (id),
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Status history: a worker is salaried or freelance for a span of dates, with weekly hours.
CREATE TABLE worker_statuses (
    id             INTEGER PRIMARY KEY,
    worker_id      INTEGER NOT NULL REFERENCES workers (id),
    status         TEXT NOT NULL CHECK (status IN ('salaried', 'freelance')),
    weekly_minutes INTEGER NOT NULL CHECK (weekly_minutes BETWEEN 0 AND 10080),
    start_on       TEXT NOT NULL,
    end_on         TEXT CHECK (end_on IS NULL OR end_on >= start_on),
    created_at     TEXT NOT NULL
);
CREATE INDEX worker_statuses_by_worker ON worker_statuses (worker_id, start_on);

-- Wage history: the hourly rate in force from a date, and the employer charges on top of it.
CREATE TABLE worker_wages (
    id                  INTEGER PRIMARY KEY,
    worker_id           INTEGER NOT NULL REFERENCES workers (id),
    effective_on        TEXT NOT NULL,
    hourly_rate_cents   INTEGER NOT NULL CHECK (hourly_rate_cents >= 0),
    employer_charges_bp INTEGER NOT NULL CHECK (employer_charges_bp BETWEEN 0 AND 10000),
    created_at          TEXT NOT NULL,
    UNIQUE (worker_id, effective_on)
);

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_-]*'),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key    TEXT NOT NULL,
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE team_workers (
    team_id   INTEGER NOT NULL REFERENCES teams (id),
    worker_id INTEGER NOT NULL REFERENCES workers (id),
    PRIMARY KEY (team_id, worker_id)
) WITHOUT ROWID;

CREATE TABLE committees (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('permanent', 'ad_hoc', 'board', 'work_council')),
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    name_key    TEXT NOT NULL,
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE committee_members (
    committee_id INTEGER NOT NULL REFERENCES committees (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (committee_id, member_id)
) WITHOUT ROWID;

CREATE TABLE revenue_departments (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_fr     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    archived_at TEXT
);

CREATE TABLE expense_categories (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_fr     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    archived_at TEXT
);

INSERT INTO revenue_departments (code, name_fr, name_en, position) VALUES
    ('webdev', 'Développement web', 'Web development', 1),
    ('hosting', 'Hébergement', 'Hosting', 2),
    ('sysadmin_contracts', 'Contrats de services sysadmin', 'Sysadmin service contracts', 3),
    ('sysadmin_consulting', 'Consultation sysadmin', 'Sysadmin consulting', 4),
    ('obnl_civicrm', 'OBNL / CiviCRM', 'Non-profits / CiviCRM', 5),
    ('grants', 'Subventions', 'Grants', 6),
    ('other', 'Autres', 'Other', 7);

INSERT INTO expense_categories (code, name_fr, name_en, position) VALUES
    ('payroll', 'Salaires', 'Payroll', 1),
    ('freelancers', 'Pigistes', 'Freelancers', 2),
    ('rent', 'Loyer', 'Rent', 3),
    ('servers', 'Serveurs et colocation', 'Servers and colocation', 4),
    ('legal', 'Frais juridiques', 'Legal fees', 5),
    ('travel', 'Déplacements', 'Travel', 6),
    ('equipment', 'Équipement', 'Equipment', 7),
    ('fees', 'Frais et cotisations', 'Fees and dues', 8),
    ('other', 'Autres', 'Other', 9);

CREATE TABLE clients (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key           TEXT NOT NULL,
    language           TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
    tax_exempt         INTEGER NOT NULL DEFAULT 0 CHECK (tax_exempt IN (0, 1)),
    address            TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
    notes              TEXT NOT NULL DEFAULT '',
    archived_at        TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX clients_by_name ON clients (name_key, id);

CREATE TABLE client_contacts (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role      TEXT NOT NULL DEFAULT '',
    email     TEXT NOT NULL DEFAULT '',
    phone     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX client_contacts_by_client ON client_contacts (client_id);

CREATE TABLE projects (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER REFERENCES clients (id),
    team_id           INTEGER REFERENCES teams (id),
    department_id     INTEGER REFERENCES revenue_departments (id),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key          TEXT NOT NULL,
    billing_mode      TEXT NOT NULL CHECK (billing_mode IN ('hourly', 'fixed', 'recurring', 'internal', 'non_billable')),
    hourly_rate_cents INTEGER CHECK (hourly_rate_cents IS NULL OR hourly_rate_cents >= 0),
    fixed_price_cents INTEGER CHECK (fixed_price_cents IS NULL OR fixed_price_cents >= 0),
    archived_at       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- Client work is billed to someone; internal work is not.
    CHECK (billing_mode IN ('internal', 'non_billable') OR client_id IS NOT NULL),
    CHECK (billing_mode <> 'hourly' OR hourly_rate_cents IS NOT NULL),
    CHECK (billing_mode <> 'fixed' OR fixed_price_cents IS NOT NULL)
);
CREATE INDEX projects_by_name ON projects (name_key, id);
CREATE INDEX projects_by_client ON projects (client_id);

-- People and what each may read and change, decided by the server itself: a login per person,
-- member of one of four roles, and row-level security on what a role may see only in part.
-- A replica pulls with its person's login, so it receives only what the server lets that login
-- read: a worker's never holds invoices, other people's wages, or legal cases.
--
-- PostgreSQL's roles belong to the whole cluster, so the four roles are named after the
-- database (`livres_worker` for a database `livres`): two books on one server stay apart.

CREATE TABLE konbit_people (
    login      text PRIMARY KEY,
    name       text NOT NULL CHECK (length(trim(name)) > 0),
    role       text NOT NULL CHECK (role IN ('worker', 'finance', 'legal', 'admin')),
    worker_id  bigint REFERENCES workers (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'worker' OR worker_id IS NOT NULL)
);

-- The role of the login this session authenticated; the books' owner (who ran `office init`)
-- counts as an administrator.
CREATE FUNCTION konbit_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT coalesce((SELECT role FROM konbit_people WHERE login = session_user),
                    CASE WHEN pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE relname = 'konbit_feed'), 'MEMBER')
                         THEN 'admin' END)
$$;

CREATE FUNCTION konbit_worker_id() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT worker_id FROM konbit_people WHERE login = session_user
$$;

CREATE FUNCTION konbit_role_name(role text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT current_database() || '_' || role
$$;

DO $$
DECLARE
    role text;
    t text;
    -- What everyone reads: the organisation, its people, clients and projects, the hours and
    -- their sums, the plans, budgets and the annual report's texts.
    everyone text[] := ARRAY['settings', 'members', 'workers', 'worker_statuses', 'teams', 'team_workers', 'committees',
        'committee_members', 'revenue_departments', 'expense_categories', 'clients', 'client_contacts', 'projects', 'tax_rates',
        'time_entries', 'timers', 'planned_allocations', 'work_months', 'worker_halves', 'project_months', 'history_years',
        'budget_lines', 'budget_comments', 'year_closings', 'report_sections', 'worker_wages'];
    -- What a worker changes: their own hours and timer (row-level security below), and the
    -- sums the services keep as they write them.
    worker_writes text[] := ARRAY['time_entries', 'timers', 'work_months', 'worker_halves', 'project_months'];
    legal_tables text[] := ARRAY['legal_cases', 'legal_parties', 'legal_events', 'legal_event_documents', 'legal_deadlines',
        'legal_case_expenses', 'legal_case_hours', 'legal_disclosures', 'legal_disclosure_notes', 'legal_vault'];
BEGIN
    FOREACH role IN ARRAY ARRAY['worker', 'finance', 'legal', 'admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = konbit_role_name(role)) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', konbit_role_name(role));
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), konbit_role_name(role));
        EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), konbit_role_name(role));
        EXECUTE format('GRANT SELECT ON konbit_feed, konbit_tombstones, konbit_schema TO %I', konbit_role_name(role));
        FOREACH t IN ARRAY everyone LOOP
            EXECUTE format('GRANT SELECT ON %I TO %I', t, konbit_role_name(role));
        END LOOP;
    END LOOP;
    FOREACH t IN ARRAY worker_writes LOOP
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO %I', t, konbit_role_name('worker'));
    END LOOP;
    -- Finance keeps every book but the legal committee's; it reads the cases that are not
    -- restricted, for their costs in the reports. Legal keeps its cases and reads the rest.
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'konbit\_%'
    LOOP
        IF NOT t = ANY (legal_tables) THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t, konbit_role_name('finance'));
            EXECUTE format('GRANT SELECT ON %I TO %I', t, konbit_role_name('legal'));
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t, konbit_role_name('legal'));
            EXECUTE format('GRANT SELECT ON %I TO %I', t, konbit_role_name('finance'));
        END IF;
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t, konbit_role_name('admin'));
    END LOOP;
    -- Legal records the hours and expenses of its cases.
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON audit_log, documents TO %I', konbit_role_name('legal'));
END $$;

-- Rows a role sees only in part.
ALTER TABLE time_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON time_entries FOR SELECT USING (true);
CREATE POLICY own_hours ON time_entries FOR ALL
    USING (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id())
    WITH CHECK (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id());

ALTER TABLE timers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_timer ON timers FOR ALL
    USING (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id())
    WITH CHECK (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id());

ALTER TABLE work_months ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON work_months FOR SELECT USING (true);
CREATE POLICY own_sums ON work_months FOR ALL
    USING (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id())
    WITH CHECK (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id());

ALTER TABLE worker_halves ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON worker_halves FOR SELECT USING (true);
CREATE POLICY own_sums ON worker_halves FOR ALL
    USING (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id())
    WITH CHECK (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id());

-- Wages: a worker reads their own only.
ALTER TABLE worker_wages ENABLE ROW LEVEL SECURITY;
CREATE POLICY wages ON worker_wages FOR ALL
    USING (konbit_role() IN ('finance', 'admin') OR worker_id = konbit_worker_id())
    WITH CHECK (konbit_role() IN ('finance', 'admin'));

-- Restricted cases and all that hangs on them reach the legal role only, sealed as in a file.
ALTER TABLE legal_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases ON legal_cases FOR ALL
    USING (konbit_role() = 'legal' OR restricted = 0)
    WITH CHECK (konbit_role() = 'legal');

CREATE FUNCTION konbit_case_visible(case_id bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM legal_cases WHERE id = case_id)
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['legal_parties', 'legal_events', 'legal_deadlines', 'legal_case_expenses', 'legal_case_hours',
                             'legal_disclosures'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY of_visible_cases ON %I FOR ALL USING (konbit_case_visible(case_id))
                         WITH CHECK (konbit_role() = 'legal')$p$, t);
    END LOOP;
END $$;

ALTER TABLE legal_disclosure_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_visible_cases ON legal_disclosure_notes FOR ALL
    USING (EXISTS (SELECT 1 FROM legal_disclosures d WHERE d.id = disclosure_id))
    WITH CHECK (konbit_role() = 'legal');

ALTER TABLE legal_event_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY of_visible_cases ON legal_event_documents FOR ALL
    USING (EXISTS (SELECT 1 FROM legal_events e WHERE e.id = event_id))
    WITH CHECK (konbit_role() = 'legal');

-- The vault's wrapped key is the legal committee's alone.
ALTER TABLE legal_vault ENABLE ROW LEVEL SECURITY;
CREATE POLICY vault ON legal_vault FOR ALL USING (konbit_role() = 'legal') WITH CHECK (konbit_role() = 'legal');

-- A person's login, made by an administrator: `konbit office add-person`. The password goes
-- to PostgreSQL, which keeps only its SCRAM verifier.
CREATE FUNCTION konbit_add_person(login text, name text, role text, worker bigint, password text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF konbit_role() IS DISTINCT FROM 'admin' THEN
        RAISE EXCEPTION 'only an administrator adds people to the books';
    END IF;
    INSERT INTO konbit_people (login, name, role, worker_id) VALUES (login, name, role, worker);
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, password, konbit_role_name(role));
END $$;
REVOKE EXECUTE ON FUNCTION konbit_add_person(text, text, text, bigint, text) FROM PUBLIC;

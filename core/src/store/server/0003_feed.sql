-- The change feed the replicas follow. Every write transaction first takes the one row of
-- konbit_feed (konbit_begin_write) and keeps it until it commits: writers follow one another,
-- as in the SQLite file, so invoice numbers are read and taken by one writer at a time, and the
-- revisions are committed in the order they are handed out. A pull that has seen revision N
-- can then never miss a revision below N committed later: there is none.
-- Each changed row is stamped with the next revision; a deleted row leaves a tombstone with its
-- key.

CREATE TABLE konbit_feed (
    id       integer PRIMARY KEY CHECK (id = 1),
    revision bigint NOT NULL
);
INSERT INTO konbit_feed VALUES (1, 0);

CREATE TABLE konbit_tombstones (
    revision   bigint PRIMARY KEY,
    table_name text NOT NULL,
    row_key    jsonb NOT NULL
);

ALTER TABLE audit_log ADD COLUMN revision bigint NOT NULL DEFAULT 0;

-- Security definer: a login writes revisions through these, never konbit_feed itself.
CREATE FUNCTION konbit_begin_write() RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    SELECT revision FROM konbit_feed WHERE id = 1 FOR UPDATE
$$;

CREATE FUNCTION konbit_next_revision() RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    UPDATE konbit_feed SET revision = revision + 1 WHERE id = 1 RETURNING revision
$$;

CREATE FUNCTION konbit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := konbit_next_revision();
    RETURN NEW;
END $$;

-- The key of the deleted row: its primary key's columns, named by the trigger's arguments.
CREATE FUNCTION konbit_tombstone() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    old_row jsonb := to_jsonb(OLD);
    key jsonb := '{}';
    column_name text;
BEGIN
    FOREACH column_name IN ARRAY TG_ARGV LOOP
        key := key || jsonb_build_object(column_name, old_row -> column_name);
    END LOOP;
    INSERT INTO konbit_tombstones (revision, table_name, row_key)
    VALUES (konbit_next_revision(), TG_TABLE_NAME, key);
    RETURN NULL;
END $$;

-- Every table of the books, by its primary key.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT c.relname AS name,
               (SELECT string_agg(quote_literal(a.attname), ', ' ORDER BY k.ord)
                FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS key_columns
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
        WHERE c.relkind = 'r' AND c.relname NOT LIKE 'konbit\_%'
    LOOP
        EXECUTE format('CREATE TRIGGER konbit_stamp BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION konbit_stamp()', t.name);
        EXECUTE format('CREATE TRIGGER konbit_tombstone AFTER DELETE ON %I FOR EACH ROW EXECUTE FUNCTION konbit_tombstone(%s)',
                       t.name, t.key_columns);
        EXECUTE format('CREATE INDEX %I ON %I (revision)', t.name || '_by_revision', t.name);
    END LOOP;
END $$;

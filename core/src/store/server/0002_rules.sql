-- The rules of the books the database enforces itself, as the SQLite file's triggers do
-- (store/migrations 0003, 0008, 0010, 0012, 0015, 0018, 0021, 0022), in PL/pgSQL. Each refusal
-- says the very words of its SQLite trigger: the services turn them into the same errors.

-- Issued invoices, their lines and the time they bill are frozen.
CREATE FUNCTION invoices_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.issued_at IS NOT NULL THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'issued invoices cannot be deleted; write a credit note';
        END IF;
        RAISE EXCEPTION 'issued invoices cannot be changed; write a credit note';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER invoices_frozen BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_frozen();

CREATE FUNCTION invoice_lines_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND (SELECT issued_at FROM invoices WHERE id = OLD.invoice_id) IS NOT NULL)
       OR (TG_OP <> 'DELETE' AND (SELECT issued_at FROM invoices WHERE id = NEW.invoice_id) IS NOT NULL) THEN
        RAISE EXCEPTION 'the lines of an issued invoice cannot be changed';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER invoice_lines_frozen BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_frozen();

CREATE FUNCTION invoice_time_entries_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    line bigint := CASE TG_OP WHEN 'DELETE' THEN OLD.line_id ELSE NEW.line_id END;
BEGIN
    IF (SELECT i.issued_at FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = line) IS NOT NULL THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'the time billed by an issued invoice stays billed';
        END IF;
        RAISE EXCEPTION 'an issued invoice bills no more time';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER invoice_time_entries_frozen BEFORE INSERT OR DELETE ON invoice_time_entries
    FOR EACH ROW EXECUTE FUNCTION invoice_time_entries_frozen();

CREATE FUNCTION time_entries_invoiced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND EXISTS (
        SELECT 1 FROM invoice_time_entries b JOIN invoice_lines l ON l.id = b.line_id JOIN invoices i ON i.id = l.invoice_id
        WHERE b.time_entry_id = OLD.id AND i.issued_at IS NOT NULL) THEN
        RAISE EXCEPTION 'this time entry is on an issued invoice and cannot be changed';
    END IF;
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = OLD.id) THEN
        RAISE EXCEPTION 'this time entry is on an invoice and cannot be deleted';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER time_entries_invoiced BEFORE UPDATE OR DELETE ON time_entries
    FOR EACH ROW EXECUTE FUNCTION time_entries_invoiced();

-- Records never changed nor deleted: corrected by a reversing record, or a note.
CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END $$;
CREATE TRIGGER audit_log_frozen BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse('the audit log cannot be changed');
CREATE TRIGGER payments_frozen_update BEFORE UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION refuse('payments cannot be changed; record a correction');
CREATE TRIGGER payments_frozen_delete BEFORE DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION refuse('payments cannot be deleted; void them with a reversal');
CREATE TRIGGER payment_allocations_frozen_delete BEFORE DELETE ON payment_allocations
    FOR EACH ROW EXECUTE FUNCTION refuse('a payment''s allocations cannot be deleted; void the payment');
CREATE TRIGGER expenses_frozen_delete BEFORE DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION refuse('expenses cannot be deleted; void them with a reversal');
CREATE TRIGGER other_income_frozen_delete BEFORE DELETE ON other_income
    FOR EACH ROW EXECUTE FUNCTION refuse('other income cannot be deleted; void it with a reversal');
CREATE TRIGGER legal_disclosures_frozen_delete BEFORE DELETE ON legal_disclosures
    FOR EACH ROW EXECUTE FUNCTION refuse('a disclosure once logged cannot be deleted; add a note to it');
CREATE TRIGGER legal_disclosure_notes_frozen_delete BEFORE DELETE ON legal_disclosure_notes
    FOR EACH ROW EXECUTE FUNCTION refuse('a note on a disclosure cannot be deleted; add another note');
CREATE TRIGGER legal_vault_kept BEFORE DELETE ON legal_vault
    FOR EACH ROW EXECUTE FUNCTION refuse('the legal vault cannot be removed: the restricted cases would never open again');

-- A voided record and its reversal stay as they are.
CREATE FUNCTION reversed_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    reversed boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE reverses = $1)', TG_TABLE_NAME) INTO reversed USING OLD.id;
    IF OLD.reverses IS NOT NULL OR reversed THEN
        RAISE EXCEPTION '%', TG_ARGV[0];
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER expenses_reversed_update BEFORE UPDATE ON expenses
    FOR EACH ROW EXECUTE FUNCTION reversed_frozen('a voided expense and its reversal cannot be changed');
CREATE TRIGGER other_income_reversed_update BEFORE UPDATE ON other_income
    FOR EACH ROW EXECUTE FUNCTION reversed_frozen('a voided income and its reversal cannot be changed');

-- A disclosure changes only by being sealed or unsealed whole with its case.
CREATE FUNCTION legal_disclosures_frozen_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (
        NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.disclosed_on = OLD.disclosed_on AND NEW.written_at = OLD.written_at
        AND (substr(OLD.what, 1, 4) = 'kv1:') <> (substr(NEW.what, 1, 4) = 'kv1:')
        AND (substr(NEW.what, 1, 4) = 'kv1:') = (SELECT restricted = 1 FROM legal_cases WHERE id = NEW.case_id)
        AND (substr(NEW.what, 1, 4) = 'kv1:') = (substr(NEW.recipient, 1, 4) = 'kv1:')
        AND (substr(NEW.what, 1, 4) = 'kv1:') = (substr(NEW.authority, 1, 4) = 'kv1:')
        AND (substr(NEW.what, 1, 4) = 'kv1:') = (substr(NEW.decided_by, 1, 4) = 'kv1:')) THEN
        RAISE EXCEPTION 'a disclosure once logged cannot be changed; add a note to it';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER legal_disclosures_frozen_update BEFORE UPDATE ON legal_disclosures
    FOR EACH ROW EXECUTE FUNCTION legal_disclosures_frozen_update();

CREATE FUNCTION legal_disclosure_notes_frozen_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (
        NEW.id = OLD.id AND NEW.disclosure_id = OLD.disclosure_id AND NEW.written_at = OLD.written_at
        AND (substr(OLD.text, 1, 4) = 'kv1:') <> (substr(NEW.text, 1, 4) = 'kv1:')
        AND (substr(NEW.text, 1, 4) = 'kv1:') = (SELECT k.restricted = 1 FROM legal_disclosures d JOIN legal_cases k ON k.id = d.case_id
                                                 WHERE d.id = NEW.disclosure_id)) THEN
        RAISE EXCEPTION 'a note on a disclosure cannot be changed; add another note';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER legal_disclosure_notes_frozen_update BEFORE UPDATE ON legal_disclosure_notes
    FOR EACH ROW EXECUTE FUNCTION legal_disclosure_notes_frozen_update();

-- Sums kept by the database: revenue by month and department at issue (0015), and when each
-- invoice was settled (0012).
CREATE FUNCTION revenue_months_on_issue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.issued_at IS NULL AND NEW.issued_at IS NOT NULL THEN
        INSERT INTO revenue_months (month, department_key, amount_cents)
        SELECT date_trunc('month', NEW.invoice_date)::date, coalesce(l.department_id, 0),
               sum(CASE NEW.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END)
        FROM invoice_lines l WHERE l.invoice_id = NEW.id GROUP BY 2
        ON CONFLICT (month, department_key) DO UPDATE SET amount_cents = revenue_months.amount_cents + excluded.amount_cents;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER revenue_months_on_issue AFTER UPDATE OF issued_at ON invoices
    FOR EACH ROW EXECUTE FUNCTION revenue_months_on_issue();

CREATE FUNCTION settle(invoice bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO invoice_settlements (invoice_id, opened_on, settled_on)
    SELECT invoice_id, opened_on, settled_on FROM invoice_settled_on WHERE invoice_id = invoice
    ON CONFLICT (invoice_id) DO UPDATE SET opened_on = excluded.opened_on, settled_on = excluded.settled_on;
$$;

CREATE FUNCTION invoice_settlements_on_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.issued_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.issued_at IS NULL) THEN
        PERFORM settle(coalesce(NEW.credited_id, NEW.id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER invoice_settlements_on_invoice AFTER INSERT OR UPDATE OF issued_at ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoice_settlements_on_invoice();

CREATE FUNCTION invoice_settlements_on_allocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM settle(NEW.invoice_id);
    IF TG_OP = 'UPDATE' AND OLD.invoice_id <> NEW.invoice_id THEN
        PERFORM settle(OLD.invoice_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER invoice_settlements_on_allocation AFTER INSERT OR UPDATE ON payment_allocations
    FOR EACH ROW EXECUTE FUNCTION invoice_settlements_on_allocation();

-- Closed years (0021): nothing dated up to the last closed year's end is written, changed or
-- deleted. The message is `closed_year <date> <end of the last closed year>`, as in SQLite.
CREATE FUNCTION closed_through() RETURNS date LANGUAGE sql STABLE AS $$
    SELECT max(end_on) FROM year_closings
$$;

CREATE FUNCTION refuse_if_closed(day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    through date := closed_through();
BEGIN
    IF day <= through THEN
        RAISE EXCEPTION 'closed_year % %', to_char(day, 'YYYY-MM-DD'), to_char(through, 'YYYY-MM-DD');
    END IF;
END $$;

-- The record's own date, named by the trigger's argument: the earlier of the old and new one
-- for a change.
CREATE FUNCTION closed_year_dated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    column_name text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refuse_if_closed((to_jsonb(NEW) ->> column_name)::date);
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refuse_if_closed((to_jsonb(OLD) ->> column_name)::date);
        RETURN OLD;
    END IF;
    PERFORM refuse_if_closed(least((to_jsonb(OLD) ->> column_name)::date, (to_jsonb(NEW) ->> column_name)::date));
    RETURN NEW;
END $$;

CREATE TRIGGER time_entries_closed BEFORE INSERT OR UPDATE OR DELETE ON time_entries
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('work_date');
CREATE TRIGGER work_months_closed BEFORE INSERT OR UPDATE OR DELETE ON work_months
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('month');
CREATE TRIGGER worker_halves_closed BEFORE INSERT OR UPDATE OR DELETE ON worker_halves
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('half');
CREATE TRIGGER project_months_closed BEFORE INSERT OR UPDATE OR DELETE ON project_months
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('month');
CREATE TRIGGER revenue_months_closed BEFORE INSERT OR UPDATE OR DELETE ON revenue_months
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('month');
CREATE TRIGGER invoices_closed BEFORE INSERT OR UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('invoice_date');
CREATE TRIGGER payments_closed BEFORE INSERT OR UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('received_on');
CREATE TRIGGER expenses_closed BEFORE INSERT OR UPDATE OR DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('spent_on');
CREATE TRIGGER other_income_closed BEFORE INSERT OR UPDATE OR DELETE ON other_income
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('received_on');
CREATE TRIGGER budget_lines_closed BEFORE INSERT OR UPDATE OR DELETE ON budget_lines
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('fiscal_year_start');
CREATE TRIGGER worker_wages_closed BEFORE INSERT OR UPDATE OR DELETE ON worker_wages
    FOR EACH ROW EXECUTE FUNCTION closed_year_dated('effective_on');

-- A status in a closed year may still be ended after it, as in SQLite.
CREATE FUNCTION worker_statuses_closed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    through date := closed_through();
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refuse_if_closed(NEW.start_on);
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refuse_if_closed(OLD.start_on);
        RETURN OLD;
    END IF;
    IF least(OLD.start_on, NEW.start_on) <= through
       AND (OLD.start_on IS DISTINCT FROM NEW.start_on OR OLD.worker_id IS DISTINCT FROM NEW.worker_id
            OR OLD.status IS DISTINCT FROM NEW.status OR OLD.weekly_minutes IS DISTINCT FROM NEW.weekly_minutes
            OR (OLD.end_on IS DISTINCT FROM NEW.end_on
                AND least(coalesce(OLD.end_on, '9999-12-31'), coalesce(NEW.end_on, '9999-12-31')) <= through)) THEN
        RAISE EXCEPTION 'closed_year % %', to_char(least(OLD.start_on, NEW.start_on), 'YYYY-MM-DD'), to_char(through, 'YYYY-MM-DD');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER worker_statuses_closed BEFORE INSERT OR UPDATE OR DELETE ON worker_statuses
    FOR EACH ROW EXECUTE FUNCTION worker_statuses_closed();

-- Lines, billed time and allocations take the date of their invoice or payment.
CREATE FUNCTION closed_year_by_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_sql text := CASE TG_TABLE_NAME
        WHEN 'invoice_lines' THEN 'SELECT min(invoice_date) FROM invoices WHERE id IN ($1, $2)'
        WHEN 'invoice_time_entries' THEN
            'SELECT min(i.invoice_date) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id IN ($1, $2)'
        WHEN 'payment_allocations' THEN 'SELECT min(received_on) FROM payments WHERE id IN ($1, $2)'
    END;
    key_column text := CASE TG_TABLE_NAME
        WHEN 'invoice_lines' THEN 'invoice_id' WHEN 'invoice_time_entries' THEN 'line_id' ELSE 'payment_id' END;
    old_key bigint;
    new_key bigint;
    day date;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_key := (to_jsonb(OLD) ->> key_column)::bigint;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_key := (to_jsonb(NEW) ->> key_column)::bigint;
    END IF;
    EXECUTE parent_sql INTO day USING coalesce(old_key, new_key), coalesce(new_key, old_key);
    PERFORM refuse_if_closed(day);
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER invoice_lines_closed BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION closed_year_by_parent();
CREATE TRIGGER invoice_time_entries_closed BEFORE INSERT OR UPDATE OR DELETE ON invoice_time_entries
    FOR EACH ROW EXECUTE FUNCTION closed_year_by_parent();
CREATE TRIGGER payment_allocations_closed BEFORE INSERT OR UPDATE OR DELETE ON payment_allocations
    FOR EACH ROW EXECUTE FUNCTION closed_year_by_parent();

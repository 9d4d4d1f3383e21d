-- The few SQLite functions the services' SQL calls, so that one statement runs on both
-- databases: the two-argument min and max (SQLite's scalar least and greatest), julianday
-- for counting days between dates (only differences of it are used), group_concat.
CREATE FUNCTION min(a anyelement, b anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$
    SELECT least(a, b)
$$;
CREATE FUNCTION max(a anyelement, b anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$
    SELECT greatest(a, b)
$$;
CREATE FUNCTION julianday(d date) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
    SELECT (d - date '2000-01-01') + 2451544.5
$$;

-- group_concat(x): the values joined by commas, NULLs left out, as SQLite's.
CREATE FUNCTION group_concat_step(joined text, value anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN joined WHEN joined IS NULL THEN value::text ELSE joined || ',' || value::text END
$$;
CREATE AGGREGATE group_concat(anyelement) (SFUNC = group_concat_step, STYPE = text);

-- strftime(format, date) for the formats the services use: %Y, %m, %d and what joins them.
CREATE FUNCTION strftime(format text, d date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(d, replace(replace(replace(format, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'))
$$;

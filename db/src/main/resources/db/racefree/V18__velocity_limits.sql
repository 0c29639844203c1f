-- racefree schema, version 18: spend velocity limits on accounts. An account may cap what its
-- debits, holds and outgoing transfers take per period (a calendar day, week or month in a named
-- time zone, a rolling window, or in total): an amount, a count, or both. The limits and their
-- usage live on the account's own row, in accounts.velocity, so the statement that checks funds
-- checks every limit on the same row version and counts the spend in the same UPDATE: under READ
-- COMMITTED PostgreSQL re-evaluates the WHERE clause on the newest version of a row it waited
-- for, limits and usage included. NULL means no limits, and every function below is STRICT, so an
-- account without limits pays nothing for them.
--
-- Usage is kept as the quotas keep theirs (V16): flat pairs (window, units), oldest first, one pair
-- for a calendar period or a total, up to 101 buckets for a rolling window.
CREATE TYPE velocity_limit AS (
    name       text,
    unit       text,
    zone       text,
    granule    bigint,
    seconds    bigint,
    max_amount bigint,
    max_count  bigint,
    -- When the limit began counting: a hold opened before it gives nothing back to it.
    since      timestamptz,
    amounts    bigint[],
    counts     bigint[]
);

ALTER TABLE accounts ADD COLUMN velocity velocity_limit[];

-- The usage with each (wins[i], units[i]) added (negative units remove, never below zero), the
-- windows before live_from and those left empty dropped. quota_add is the case of one pair.
CREATE FUNCTION usage_add(usage bigint[], live_from bigint, wins bigint[], units bigint[])
    RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT coalesce(array_agg(flat.v ORDER BY merged.w, flat.k), '{}')
        FROM (SELECT pairs.w, sum(pairs.u)::bigint AS u
              FROM (SELECT usage[i] AS w, usage[i + 1] AS u
                    FROM generate_subscripts(usage, 1) AS i
                    WHERE i % 2 = 1 AND usage[i] >= live_from
                    UNION ALL
                    SELECT added.w, added.u FROM unnest(wins, units) AS added (w, u)) AS pairs
              GROUP BY pairs.w
              HAVING sum(pairs.u) > 0) AS merged
        CROSS JOIN LATERAL (VALUES (1, merged.w), (2, merged.u)) AS flat (k, v));

CREATE OR REPLACE FUNCTION quota_add(usage bigint[], live_from bigint, win bigint, units bigint)
    RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN usage_add(usage, live_from, ARRAY[win], ARRAY[units]);

-- Whether a spend of `amount` at `at` fits every limit: the amount still counted plus `amount`
-- within max_amount, and the spends still counted plus one within max_count (a null cap compares
-- to null: never refuses). Written so that no sum can overflow.
CREATE FUNCTION velocity_allows(v velocity_limit[], amount bigint, at timestamptz) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN NOT EXISTS (
    SELECT FROM unnest(v) AS l
    CROSS JOIN LATERAL (SELECT quota_live_from(l.unit, l.zone, l.granule, l.seconds, at) AS live) AS x
    WHERE quota_used(l.amounts, x.live) > l.max_amount - amount
       OR quota_used(l.counts, x.live) >= l.max_count);

-- The most one spend may take at `at` within every limit: 0 when a count is used up, null when no
-- limit caps the amount.
CREATE FUNCTION velocity_room(v velocity_limit[], at timestamptz) RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN (SELECT least(min(l.max_amount - quota_used(l.amounts, x.live)),
                     min(CASE WHEN quota_used(l.counts, x.live) >= l.max_count THEN 0 END))
        FROM unnest(v) AS l
        CROSS JOIN LATERAL (SELECT quota_live_from(l.unit, l.zone, l.granule, l.seconds, at) AS live) AS x);

-- The limits with `amount` and `n` spends counted in the window each is in at `at`.
CREATE FUNCTION velocity_add(v velocity_limit[], amount bigint, n bigint, at timestamptz)
    RETURNS velocity_limit[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN (SELECT array_agg(ROW(l.name, l.unit, l.zone, l.granule, l.seconds, l.max_amount,
                             l.max_count, l.since,
                             usage_add(l.amounts, x.live, ARRAY[x.w], ARRAY[amount]),
                             usage_add(l.counts, x.live, ARRAY[x.w], ARRAY[n]))::velocity_limit
                         ORDER BY l.o)
        FROM unnest(v) WITH ORDINALITY AS l (name, unit, zone, granule, seconds, max_amount,
                                             max_count, since, amounts, counts, o)
        CROSS JOIN LATERAL (SELECT quota_live_from(l.unit, l.zone, l.granule, l.seconds, at) AS live,
                                   quota_window(l.unit, l.zone, l.granule, at) AS w) AS x);

-- The limits with what ended holds counted given back: p_amounts[i] and p_counts[i] to the window
-- each limit counted them in at p_counted_at[i], while the period still counts that window, and
-- only to limits that were counting then. (The parameters are not named amounts and counts: in the
-- body those are the limits' columns.)
CREATE FUNCTION velocity_give_back(v velocity_limit[], p_amounts bigint[], p_counts bigint[],
                                   p_counted_at timestamptz[], at timestamptz)
    RETURNS velocity_limit[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN (SELECT array_agg(ROW(l.name, l.unit, l.zone, l.granule, l.seconds, l.max_amount,
                             l.max_count, l.since,
                             usage_add(l.amounts, x.live, g.wins, g.amounts),
                             usage_add(l.counts, x.live, g.wins, g.counts))::velocity_limit
                         ORDER BY l.o)
        FROM unnest(v) WITH ORDINALITY AS l (name, unit, zone, granule, seconds, max_amount,
                                             max_count, since, amounts, counts, o)
        CROSS JOIN LATERAL (SELECT quota_live_from(l.unit, l.zone, l.granule, l.seconds, at) AS live) AS x
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(quota_window(l.unit, l.zone, l.granule, b.t)), '{}') AS wins,
                   coalesce(array_agg(-b.a), '{}') AS amounts,
                   coalesce(array_agg(-b.c), '{}') AS counts
            FROM unnest(p_amounts, p_counts, p_counted_at) AS b (a, c, t)
            WHERE b.t >= l.since) AS g);

-- The limits with limit `p_name` set to these caps: its usage kept when its period is the same,
-- counted afresh from `at` otherwise, appended when it is new.
CREATE FUNCTION velocity_set(v velocity_limit[], p_name text, p_unit text, p_zone text,
                             p_granule bigint, p_seconds bigint, p_max_amount bigint,
                             p_max_count bigint, at timestamptz)
    RETURNS velocity_limit[]
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT array_agg(s.l ORDER BY s.o)
        FROM (SELECT l.o,
                     CASE
                         WHEN l.name <> p_name THEN
                             ROW(l.name, l.unit, l.zone, l.granule, l.seconds, l.max_amount,
                                 l.max_count, l.since, l.amounts, l.counts)::velocity_limit
                         WHEN (l.unit, l.zone, l.granule, l.seconds)
                              = (p_unit, p_zone, p_granule, p_seconds) THEN
                             ROW(l.name, l.unit, l.zone, l.granule, l.seconds, p_max_amount,
                                 p_max_count, l.since, l.amounts, l.counts)::velocity_limit
                         ELSE
                             ROW(p_name, p_unit, p_zone, p_granule, p_seconds, p_max_amount,
                                 p_max_count, at, '{}'::bigint[], '{}'::bigint[])::velocity_limit
                     END AS l
              FROM unnest(coalesce(v, '{}')) WITH ORDINALITY
                   AS l (name, unit, zone, granule, seconds, max_amount, max_count, since,
                         amounts, counts, o)
              UNION ALL
              SELECT 2147483647,
                     ROW(p_name, p_unit, p_zone, p_granule, p_seconds, p_max_amount, p_max_count,
                         at, '{}'::bigint[], '{}'::bigint[])::velocity_limit
              WHERE NOT EXISTS (SELECT FROM unnest(coalesce(v, '{}')) AS e WHERE e.name = p_name))
             AS s);

-- The limits without limit `p_name`; null when none is left.
CREATE FUNCTION velocity_remove(v velocity_limit[], p_name text) RETURNS velocity_limit[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT array_agg(ROW(l.name, l.unit, l.zone, l.granule, l.seconds, l.max_amount,
                             l.max_count, l.since, l.amounts, l.counts)::velocity_limit
                         ORDER BY l.o)
        FROM unnest(v) WITH ORDINALITY AS l (name, unit, zone, granule, seconds, max_amount,
                                             max_count, since, amounts, counts, o)
        WHERE l.name <> p_name);

-- Every limit as it stands at `at`: its caps, the amount and the spends it still counts, and when
-- that usage next falls (the end of a calendar period; when the oldest counted bucket of a rolling
-- window leaves it; null for a total, or a rolling window with nothing counted).
CREATE FUNCTION velocity_uses(v velocity_limit[], at timestamptz)
    RETURNS TABLE (ord bigint, name text, unit text, zone text, seconds bigint,
                   max_amount bigint, used_amount bigint, max_count bigint, used_count bigint,
                   resets_at timestamptz)
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT l.o, l.name, l.unit, l.zone, l.seconds, l.max_amount, quota_used(l.amounts, x.live),
           l.max_count, quota_used(l.counts, x.live),
           CASE
               WHEN l.unit = 'rolling' THEN
                   (SELECT to_timestamp((min(p.u[i]) + 1) * l.granule + l.seconds)
                    FROM (SELECT l.amounts || l.counts AS u) AS p,
                         generate_subscripts(p.u, 1) AS i
                    WHERE i % 2 = 1 AND p.u[i] >= x.live AND p.u[i + 1] > 0)
               ELSE quota_window_end(l.unit, l.zone, at)
           END
    FROM unnest(v) WITH ORDINALITY AS l (name, unit, zone, granule, seconds, max_amount,
                                         max_count, since, amounts, counts, o)
    CROSS JOIN LATERAL (SELECT quota_live_from(l.unit, l.zone, l.granule, l.seconds, at) AS live) AS x
    ORDER BY l.o;
END;

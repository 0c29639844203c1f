-- racefree schema, version 16: quotas, counters with a cap on any key (API calls, login attempts,
-- votes, seats, stock). One row per (scope, key, period) keeps the usage the period still counts,
-- as flat pairs (window, units), oldest first: one pair for a calendar period or a total, up to
-- 101 for a rolling window. A consumption is one INSERT ... ON CONFLICT DO UPDATE ... WHERE
-- the usage still counted plus the units fits the cap: PostgreSQL decides every race on the row.
CREATE TABLE quotas (
    scope      text        NOT NULL CHECK (length(scope) BETWEEN 1 AND 100),
    key        text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    period     text        NOT NULL CHECK (length(period) BETWEEN 1 AND 100),
    -- The period as the functions below take it, so a purge can tell what it still counts.
    unit       text        NOT NULL CHECK (unit IN ('day', 'week', 'month', 'rolling', 'total')),
    zone       text        NOT NULL,
    granule    bigint      NOT NULL CHECK (granule >= 1),
    seconds    bigint      NOT NULL CHECK (seconds >= 0),
    usage      bigint[]    NOT NULL DEFAULT '{}' CHECK (cardinality(usage) % 2 = 0),
    updated_at timestamptz NOT NULL DEFAULT statement_timestamp(),
    PRIMARY KEY (scope, key, period)
);

-- The window a period is in at `at`: for 'day', 'week' (from Monday) and 'month', the start of the
-- calendar period in `zone`, as epoch seconds; for 'rolling', the bucket of `granule` seconds;
-- for 'total', 0.
CREATE FUNCTION quota_window(unit text, zone text, granule bigint, at timestamptz) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE unit
    WHEN 'total' THEN 0
    WHEN 'rolling' THEN floor(extract(epoch FROM at) / granule)::bigint
    ELSE extract(epoch FROM date_trunc(unit, at, zone))::bigint
END;

-- The oldest window a period still counts at `at`: for a rolling window of `seconds`, every
-- bucket that ends after at - seconds (so the usage of any `seconds` long window is counted whole,
-- and at most one bucket more); otherwise the current window only.
CREATE FUNCTION quota_live_from(unit text, zone text, granule bigint, seconds bigint, at timestamptz)
    RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE unit
    WHEN 'rolling' THEN floor((extract(epoch FROM at) - seconds) / granule)::bigint
    ELSE quota_window(unit, zone, granule, at)
END;

-- When the calendar period that holds `at` ends in `zone` (daylight saving included); null for a
-- rolling window or a total.
CREATE FUNCTION quota_window_end(unit text, zone text, at timestamptz) RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN unit IN ('day', 'week', 'month') THEN
    ((date_trunc(unit, at, zone) AT TIME ZONE zone) + ('1 ' || unit)::interval) AT TIME ZONE zone
END;

-- The units still counted: the sum over the pairs of windows from `live_from` on.
CREATE FUNCTION quota_used(usage bigint[], live_from bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT coalesce(sum(usage[i + 1]), 0)::bigint
        FROM generate_subscripts(usage, 1) AS i
        WHERE i % 2 = 1 AND usage[i] >= live_from);

-- The usage with `units` more in `win` (fewer, when negative: a released reservation's, never
-- below zero), the windows before `live_from` and those left empty dropped.
CREATE FUNCTION quota_add(usage bigint[], live_from bigint, win bigint, units bigint)
    RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT coalesce(array_agg(flat.v ORDER BY merged.w, flat.k), '{}')
        FROM (SELECT pairs.w, sum(pairs.u)::bigint AS u
              FROM (SELECT usage[i] AS w, usage[i + 1] AS u
                    FROM generate_subscripts(usage, 1) AS i
                    WHERE i % 2 = 1 AND usage[i] >= live_from
                    UNION ALL
                    SELECT win, units) AS pairs
              GROUP BY pairs.w
              HAVING sum(pairs.u) > 0) AS merged
        CROSS JOIN LATERAL (VALUES (1, merged.w), (2, merged.u)) AS flat (k, v));

-- The usage with `units` given back, from the newest window first and never below zero, the
-- windows before `live_from` and those left empty dropped.
CREATE FUNCTION quota_give_back(usage bigint[], live_from bigint, units bigint) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT coalesce(array_agg(flat.v ORDER BY kept.w, flat.k), '{}')
        FROM (SELECT taken.w, taken.u - least(taken.u, greatest(units - taken.newer, 0)) AS u
              FROM (SELECT usage[i] AS w, usage[i + 1] AS u,
                           coalesce(sum(usage[i + 1]) OVER (
                               ORDER BY usage[i] DESC
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS newer
                    FROM generate_subscripts(usage, 1) AS i
                    WHERE i % 2 = 1 AND usage[i] >= live_from) AS taken) AS kept
        CROSS JOIN LATERAL (VALUES (1, kept.w), (2, kept.u)) AS flat (k, v)
        WHERE kept.u > 0);

-- When a request for `units` that does not fit would fit: the end of the calendar period, or the
-- moment enough of a rolling window's oldest buckets have left it (a bucket counts until
-- quota_live_from passes it); null for a total, or a request larger than the cap.
CREATE FUNCTION quota_resets_at(unit text, zone text, granule bigint, seconds bigint,
                                usage bigint[], units bigint, cap bigint, at timestamptz)
    RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
    WHEN units > cap OR unit = 'total' THEN NULL
    WHEN unit <> 'rolling' THEN quota_window_end(unit, zone, at)
    ELSE (SELECT to_timestamp((live.w + 1) * granule + seconds)
          FROM (SELECT usage[i] AS w,
                       sum(usage[i + 1]) OVER (ORDER BY usage[i]) AS freed
                FROM generate_subscripts(usage, 1) AS i
                WHERE i % 2 = 1
                  AND usage[i] >= quota_live_from(unit, zone, granule, seconds, at)) AS live
          WHERE quota_used(usage, quota_live_from(unit, zone, granule, seconds, at))
                - live.freed + units <= cap
          ORDER BY live.w
          LIMIT 1)
END;

-- Reservations: units counted now and kept only once confirmed, as holds are for money. A
-- reservation remembers its counter's period and the window its units were counted in, so a
-- release or an expiry gives them back to that window while the period still counts it.
CREATE TABLE quota_reservations (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope      text        NOT NULL,
    key        text        NOT NULL,
    period     text        NOT NULL,
    unit       text        NOT NULL,
    zone       text        NOT NULL,
    granule    bigint      NOT NULL,
    seconds    bigint      NOT NULL,
    counted_in bigint      NOT NULL,
    units      bigint      NOT NULL CHECK (units > 0),
    state      text        NOT NULL DEFAULT 'active'
                           CHECK (state IN ('active', 'confirmed', 'released', 'expired')),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT statement_timestamp(),
    ended_at   timestamptz,
    CONSTRAINT quota_reservations_ended CHECK ((state = 'active') = (ended_at IS NULL)),
    FOREIGN KEY (scope, key, period) REFERENCES quotas (scope, key, period)
);

CREATE INDEX quota_reservations_counter ON quota_reservations (scope, key, period);

CREATE INDEX quota_reservations_lapsing
    ON quota_reservations (expires_at) WHERE state = 'active';

-- A consumption under an idempotency key keeps its outcome: the units remaining, or the refusal
-- with when the period resets.
ALTER TYPE key_outcome ADD VALUE 'consumed';
ALTER TYPE key_outcome ADD VALUE 'quota_exhausted';

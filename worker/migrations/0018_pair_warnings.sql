-- Issue 20 (scale of /warnings and the 销号台账): the 预警 schedule of every (measure, unit) pair — the days from which
-- it is 蓝 / 黄 / 红 (core/closure/warning.ts warningScheduleOf) — so the two views compare stored days with today
-- and page through the pairs instead of rebuilding every pair from the recent reports on each request.
-- A unit's rows are current while its pair_schedule_units row has the plan's version, the unit's gen in
-- warning_sources and the open period; otherwise they are recomputed on the next read (worker/lib/pair-schedules.ts).
CREATE TABLE pair_warnings (
  plan_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  -- The pair's place in the plan (measures in order, each measure's responsible units in order): the ledger's order.
  ord INTEGER NOT NULL,
  plan_version INTEGER NOT NULL,
  latest_status TEXT,
  due_date TEXT,
  blue_from TEXT,
  yellow_from TEXT,
  red_from TEXT,
  -- The whole WarningSchedule as JSON: the reasons of a day are told from it (core warningOn).
  schedule TEXT NOT NULL,
  PRIMARY KEY (plan_id, unit_id, measure_id)
) WITHOUT ROWID;
CREATE INDEX pair_warnings_ord ON pair_warnings (plan_id, ord);
-- Covers the counts and the order of /warnings, so they scan these narrow entries, not the rows with their JSON.
CREATE INDEX pair_warnings_colour ON pair_warnings (plan_id, plan_version, unit_id, red_from, yellow_from, blue_from,
  due_date, ord, measure_id);

-- What each unit's rows were computed for: the plan version, the unit's gen and the open period.
CREATE TABLE pair_schedule_units (
  plan_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  plan_version INTEGER NOT NULL,
  gen INTEGER NOT NULL,
  period TEXT NOT NULL,
  PRIMARY KEY (plan_id, unit_id)
) WITHOUT ROWID;

-- Bumped in the same batch as every write a unit's 预警 depend on: a report stored, 退回 or 撤销退回, a 销号 transition.
CREATE TABLE warning_sources (
  plan_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  gen INTEGER NOT NULL,
  PRIMARY KEY (plan_id, unit_id)
) WITHOUT ROWID;

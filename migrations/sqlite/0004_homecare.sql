-- 0004 home care: visit patterns from decisions, workers' rosters and
-- absences, and the visits a week's plan places (DOMAIN.md section 3,
-- home help and integrated help). Times of day are INTEGER minutes from
-- midnight, local time (Europe/Vilnius); weekdays 1 = Monday .. 7 =
-- Sunday; coordinates INTEGER micro-degrees as in addresses.

-- How a decided service is delivered at home: on fixed weekdays
-- (weekdays, a bitmask: bit 0 = Monday .. bit 6 = Sunday) or a number of
-- visits a week on days the plan chooses (visits_per_week, weekdays = 0),
-- inside a window, each visit duration_min long, by a worker with every
-- skill listed (comma list of staff skills), preferably the same worker
-- (preferred_staff_id: continuity of care).
CREATE TABLE visit_patterns (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  decision_service_id INTEGER NOT NULL REFERENCES decision_services(id),
  weekdays INTEGER NOT NULL DEFAULT 0 CHECK (weekdays >= 0 AND weekdays < 128),
  visits_per_week INTEGER CHECK (visits_per_week IS NULL OR (visits_per_week BETWEEN 1 AND 7)),
  window_start INTEGER NOT NULL CHECK (window_start BETWEEN 0 AND 1440),
  window_end INTEGER NOT NULL CHECK (window_end BETWEEN 0 AND 1440),
  duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 5 AND 720),
  skills TEXT NOT NULL DEFAULT '',
  preferred_staff_id INTEGER REFERENCES staff(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  notes TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (window_start < window_end),
  CHECK ((weekdays = 0) <> (visits_per_week IS NULL))
) STRICT;
CREATE INDEX visit_patterns_case ON visit_patterns(case_id);

-- No visits of a case from date_from to date_to (a hospital stay, a
-- holiday with family): the plan leaves those days out.
CREATE TABLE visit_exceptions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hospital', 'holiday', 'other')),
  note TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (date_from <= date_to)
) STRICT;
CREATE INDEX visit_exceptions_case ON visit_exceptions(case_id, date_from);

-- A worker's usual week: working hours per weekday with a break (a
-- break_min pause starting between break_from and break_to), and where
-- the day starts and ends.
CREATE TABLE staff_rosters (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  break_from INTEGER CHECK (break_from IS NULL OR break_from BETWEEN 0 AND 1440),
  break_to INTEGER CHECK (break_to IS NULL OR break_to BETWEEN 0 AND 1440),
  break_min INTEGER NOT NULL DEFAULT 0 CHECK (break_min BETWEEN 0 AND 240),
  PRIMARY KEY (staff_id, weekday),
  CHECK (start_min < end_min)
) STRICT;

-- Where a mobile worker's day starts (home or the office) and how they
-- travel.
CREATE TABLE staff_mobility (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
  mode TEXT NOT NULL CHECK (mode IN ('car', 'foot', 'public')),
  base_lat INTEGER,
  base_lon INTEGER,
  base_label TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((base_lat IS NULL) = (base_lon IS NULL))
) STRICT;

-- Days off, sick leave, training: the plan gives the worker no visits.
CREATE TABLE staff_absences (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sick', 'holiday', 'training', 'other')),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (date_from <= date_to)
) STRICT;
CREATE INDEX staff_absences_staff ON staff_absences(staff_id, date_from);

-- A department's plan of a week: the planner's result, a draft until a
-- head announces it. A re-plan of a day changes the announced plan's
-- visits of that day in place (changed ones keep their history in
-- record_history).
CREATE TABLE visit_plans (
  id INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES departments(id),
  week TEXT NOT NULL,
  monday TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'announced', 'withdrawn')),
  seed INTEGER NOT NULL,
  time_limit_ms INTEGER NOT NULL,
  solve_ms INTEGER NOT NULL,
  stats TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  announced_at TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX visit_plans_dept ON visit_plans(department_id, monday, status);

-- One visit of a plan: given to a worker at a time (staff_id, seq in the
-- worker's day, start_min), or unplaced with the planner's reason. A
-- check-in and check-out on the day turn it into a delivered service.
CREATE TABLE planned_visits (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES visit_plans(id),
  visit_date TEXT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  pattern_id INTEGER NOT NULL REFERENCES visit_patterns(id),
  decision_service_id INTEGER NOT NULL REFERENCES decision_services(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  staff_id INTEGER REFERENCES staff(id),
  seq INTEGER,
  start_min INTEGER,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  duration_min INTEGER NOT NULL,
  unplaced_reason TEXT,
  status TEXT NOT NULL CHECK (status IN ('planned', 'unplaced', 'checked_in', 'done', 'missed', 'cancelled')),
  check_in_at TEXT,
  check_out_at TEXT,
  delivery_id INTEGER REFERENCES deliveries(id),
  note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((staff_id IS NULL) = (status = 'unplaced'))
) STRICT;
CREATE INDEX planned_visits_plan ON planned_visits(plan_id, visit_date, staff_id, seq);
CREATE INDEX planned_visits_staff ON planned_visits(staff_id, visit_date);

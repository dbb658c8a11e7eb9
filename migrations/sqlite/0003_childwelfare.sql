-- 0003 child welfare and inter-institutional work (DOMAIN.md sections 5
-- and 6): the Child Welfare Commission (members, annual plan), meetings
-- (the Commission's and other inter-institutional ones) with their
-- questions and follow-ups, the mayor's orders on minimal care measures,
-- coordinated services and compulsory education, the measures with their
-- executors, plans, progress notes and evaluations, and staff development.
-- Conventions as in 0001: dates TEXT 'YYYY-MM-DD', booleans 0/1, hours
-- INTEGER hundredths (hours_x100), every editable row has `version`.
--
-- Roles in this work are data, not user roles: a commission member links
-- a person's name, an institution and optionally a user account with a
-- role in the Commission; a function (the interagency coordinator) links
-- a user with a period. Access is derived from these rows together with
-- the user's role (domain/cw_scope.c).

CREATE TABLE commission_members (
  id INTEGER PRIMARY KEY,
  person_name TEXT NOT NULL,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  user_id INTEGER REFERENCES users(id),
  commission_role TEXT NOT NULL CHECK (commission_role IN ('chair', 'deputy_chair', 'secretary', 'member')),
  date_from TEXT NOT NULL,
  date_to TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX commission_members_user ON commission_members(user_id);

CREATE TABLE cw_functions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  function TEXT NOT NULL CHECK (function IN ('coordinator')),
  date_from TEXT NOT NULL,
  date_to TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX cw_functions_user ON cw_functions(user_id);

-- The Commission's annual plan: one per year, items in order.
CREATE TABLE commission_plan_items (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  due_date TEXT,
  institution_id INTEGER REFERENCES institutions(id),
  created_at TEXT NOT NULL,
  UNIQUE (year, ordinal)
) STRICT;

-- Meetings: kind 'commission' (a sitting of the Commission) or
-- 'interagency' (any other inter-institutional meeting).
CREATE TABLE cw_meetings (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('commission', 'interagency')),
  meeting_date TEXT NOT NULL,
  place TEXT,
  topic TEXT,
  organiser_institution_id INTEGER REFERENCES institutions(id),
  minutes TEXT,
  conclusions TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX cw_meetings_date ON cw_meetings(kind, meeting_date);

CREATE TABLE cw_meeting_participants (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES cw_meetings(id),
  institution_id INTEGER REFERENCES institutions(id),
  member_id INTEGER REFERENCES commission_members(id),
  name TEXT NOT NULL,
  present INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX cw_meeting_participants_meeting ON cw_meeting_participants(meeting_id);
CREATE INDEX cw_meeting_participants_inst ON cw_meeting_participants(institution_id);

-- A question (klausimas) on a meeting's agenda: about a child, a family
-- (household) or general; who raised it; the proposal and the decision.
CREATE TABLE cw_questions (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES cw_meetings(id),
  ordinal INTEGER NOT NULL,
  subject TEXT NOT NULL CHECK (subject IN ('child', 'family', 'general')),
  child_id INTEGER REFERENCES persons(id),
  household_id INTEGER REFERENCES households(id),
  title TEXT NOT NULL,
  description TEXT,
  raised_by_institution_id INTEGER REFERENCES institutions(id),
  raised_by_name TEXT,
  proposal TEXT,
  decision TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((subject = 'child') = (child_id IS NOT NULL)),
  CHECK ((subject = 'family') = (household_id IS NOT NULL))
) STRICT;
CREATE INDEX cw_questions_meeting ON cw_questions(meeting_id, ordinal);
CREATE INDEX cw_questions_child ON cw_questions(child_id);

CREATE TABLE cw_followups (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES cw_meetings(id),
  question_id INTEGER REFERENCES cw_questions(id),
  task TEXT NOT NULL,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  due_date TEXT NOT NULL,
  done_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX cw_followups_meeting ON cw_followups(meeting_id);

-- The configurable list of measure types. subject says which kind of
-- order assigns it.
CREATE TABLE cw_measure_types (
  code TEXT PRIMARY KEY,
  subject TEXT NOT NULL CHECK (subject IN ('minimal_care', 'coordinated_services', 'compulsory_education')),
  name_lt TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL
) STRICT;

INSERT INTO cw_measure_types (code, subject, name_lt, name_en, active, position) VALUES
 ('specialist_consultation', 'minimal_care', 'Įpareigojimas konsultuotis su specialistu', 'Obligation to see a specialist', 1, 1),
 ('day_centre', 'minimal_care', 'Įpareigojimas lankyti dienos centrą', 'Obligation to attend a day centre', 1, 2),
 ('education_culture_sports', 'minimal_care', 'Įpareigojimas lankyti švietimo, kultūros ar sporto įstaigą', 'Obligation to attend an educational, cultural or sports organisation', 1, 3),
 ('continue_schooling', 'minimal_care', 'Įpareigojimas tęsti mokslą', 'Obligation to continue schooling', 1, 4),
 ('therapy', 'minimal_care', 'Įpareigojimas dalyvauti terapijoje', 'Obligation to take part in therapy', 1, 5),
 ('non_formal_education', 'minimal_care', 'Įpareigojimas dalyvauti neformaliajame ugdyme', 'Obligation to take part in non-formal education', 1, 6),
 ('coordinated_services', 'coordinated_services', 'Koordinuotai teikiamos paslaugos', 'Coordinated services', 1, 7),
 ('compulsory_education', 'compulsory_education', 'Privalomas ugdymas', 'Compulsory education', 1, 8);

-- A mayor's order (potvarkis). An order is a legal document: it is never
-- edited; a later order extends, changes or cancels what an earlier one
-- assigned. subject: what the order is about (the annual report counts
-- orders by kind and subject).
CREATE TABLE cw_orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  order_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('assign', 'extend', 'change', 'cancel')),
  subject TEXT NOT NULL CHECK (subject IN ('minimal_care', 'coordinated_services', 'compulsory_education')),
  child_id INTEGER NOT NULL REFERENCES persons(id),
  special_educational_needs INTEGER NOT NULL DEFAULT 0,
  question_id INTEGER REFERENCES cw_questions(id),
  note TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX cw_orders_date ON cw_orders(order_date);
CREATE INDEX cw_orders_child ON cw_orders(child_id);

CREATE TABLE cw_order_representatives (
  order_id INTEGER NOT NULL REFERENCES cw_orders(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (order_id, person_id)
) STRICT;

-- A measure, as assigned by an order and as later orders left it.
-- status: running, cancelled; 'ended' is derived from date_to.
CREATE TABLE cw_measures (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES cw_orders(id),
  child_id INTEGER NOT NULL REFERENCES persons(id),
  type_code TEXT NOT NULL REFERENCES cw_measure_types(code),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'cancelled')),
  evaluation TEXT CHECK (evaluation IS NULL OR evaluation IN ('carried_out', 'partly', 'not_carried_out')),
  evaluation_reasons TEXT,
  evaluated_on TEXT,
  evaluated_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX cw_measures_child ON cw_measures(child_id);
CREATE INDEX cw_measures_to ON cw_measures(status, date_to);

-- What each order did to which measure (assign, extend, change, cancel).
CREATE TABLE cw_order_measures (
  order_id INTEGER NOT NULL REFERENCES cw_orders(id),
  measure_id INTEGER NOT NULL REFERENCES cw_measures(id),
  action TEXT NOT NULL CHECK (action IN ('assign', 'extend', 'change', 'cancel')),
  date_from TEXT,
  date_to TEXT,
  PRIMARY KEY (order_id, measure_id)
) STRICT;
CREATE INDEX cw_order_measures_measure ON cw_order_measures(measure_id);

CREATE TABLE cw_measure_executors (
  measure_id INTEGER NOT NULL REFERENCES cw_measures(id),
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  PRIMARY KEY (measure_id, institution_id)
) STRICT;
CREATE INDEX cw_measure_executors_inst ON cw_measure_executors(institution_id);

-- The implementation plan of a measure: tasks with an executor and a
-- due date.
CREATE TABLE cw_measure_tasks (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES cw_measures(id),
  task TEXT NOT NULL,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  due_date TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX cw_measure_tasks_measure ON cw_measure_tasks(measure_id);

-- Progress notes from executors: append-only.
CREATE TABLE cw_progress_notes (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES cw_measures(id),
  institution_id INTEGER REFERENCES institutions(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX cw_progress_notes_measure ON cw_progress_notes(measure_id);

-- Staff development: intervisions, supervisions and trainings, and who
-- took part for how many hours (trainings with a certificate).
CREATE TABLE staffdev_events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('intervision', 'supervision', 'training')),
  event_date TEXT NOT NULL,
  organiser TEXT NOT NULL,
  topic TEXT NOT NULL,
  hours_x100 INTEGER NOT NULL CHECK (hours_x100 > 0),
  department_id INTEGER REFERENCES departments(id),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX staffdev_events_date ON staffdev_events(event_date);

CREATE TABLE staffdev_participants (
  event_id INTEGER NOT NULL REFERENCES staffdev_events(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  hours_x100 INTEGER NOT NULL CHECK (hours_x100 > 0),
  certificate TEXT,
  PRIMARY KEY (event_id, staff_id)
) STRICT;
CREATE INDEX staffdev_participants_staff ON staffdev_participants(staff_id);

-- 0002 case work: service catalogue with dated prices, dated parameters,
-- income records, and the case from application to billing.
-- Conventions as in 0001. Quantities of service units are INTEGER
-- hundredths of a unit (1.5 hours = 150: columns named *_x100); money is
-- INTEGER euro cents; a case's state is cases.status and every step is
-- its own row with who and when.

-- The catalogue (DOMAIN.md section 3). code is the national catalogue's
-- code where one exists ('201'), else a local code ('pagalba_namuose').
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_lt TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('general', 'social_supervision', 'social_care', 'preventive', 'integrated_help')),
  unit TEXT NOT NULL CHECK (unit IN ('hour', 'visit', 'day', 'night', 'meal', 'kit', 'month', 'case')),
  -- Limit: at most limit_x100 units per limit_period; NULL = no limit.
  limit_x100 INTEGER CHECK (limit_x100 IS NULL OR limit_x100 > 0),
  limit_period TEXT CHECK (limit_period IS NULL OR limit_period IN ('day', 'week', 'month', 'year', 'stay')),
  max_visits_week INTEGER CHECK (max_visits_week IS NULL OR max_visits_week > 0),
  department_id INTEGER REFERENCES departments(id),
  payment_rule TEXT NOT NULL CHECK (payment_rule IN ('free', 'general', 'social_supervision', 'home_help', 'day_care', 'short_term_care', 'long_term_care', 'preventive')),
  description TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((limit_x100 IS NULL) = (limit_period IS NULL))
) STRICT;

-- Price per unit from a date; the price in force on a date is the row
-- with the latest valid_from on or before it.
CREATE TABLE service_prices (
  service_id INTEGER NOT NULL REFERENCES services(id),
  valid_from TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (service_id, valid_from)
) STRICT;

-- Dated parameters (domain/params.h): the database holds the site's own
-- entries; the built-in defaults apply except where a row has the same
-- key and valid_from (the row replaces that default). Entries are never
-- changed in place; only an entry dated in the future may be deleted,
-- since a past one may have been used by a decision. id names an entry
-- in the API.
CREATE TABLE params (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value >= 0),
  note TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (key, valid_from)
) STRICT;

-- Monthly income of a person (Sodra, the tax authority, declarations),
-- month 'YYYY-MM'. A decision copies what it used: editing these never
-- changes a past decision.
CREATE TABLE person_incomes (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  month TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  source TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (person_id, month, source)
) STRICT;

-- A case: one application for one person and everything that follows.
-- status moves only as domain/case_state.c allows:
--   applied -> assessed -> decided_assign -> active <-> suspended
--                       -> refused          active -> terminated
--                       -> waiting -> decided_assign
--   refused / terminated -> applied (reopened)
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  department_id INTEGER NOT NULL REFERENCES departments(id),
  worker_user_id INTEGER REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('applied', 'assessed', 'waiting', 'decided_assign', 'refused', 'active', 'suspended', 'terminated')),
  -- The next dated obligations, kept current by each step, for the
  -- worklist: the decision deadline, the contract deadline, the plan
  -- review date, the case review date.
  decision_due TEXT,
  contract_due TEXT,
  plan_review_due TEXT,
  review_due TEXT,
  opened_on TEXT NOT NULL,
  closed_on TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_department ON cases(department_id, status);
CREATE INDEX cases_worker ON cases(worker_user_id, status);

-- 1. The application (form SP-8). The applicant is the person, another
-- registered person (applicant_person_id), or someone named only.
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  applicant_person_id INTEGER REFERENCES persons(id),
  applicant_name TEXT,
  applicant_relation TEXT,
  received_on TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('in_person', 'post', 'email', 'spis', 'phone', 'referral')),
  notes TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX applications_case ON applications(case_id);

CREATE TABLE application_services (
  application_id INTEGER NOT NULL REFERENCES applications(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  PRIMARY KEY (application_id, service_id)
) STRICT;

-- Documents attached to a case (the application's, the contract's...).
CREATE TABLE case_documents (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_documents_case ON case_documents(case_id);

-- 2. Need assessment.
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  assessor_user_id INTEGER REFERENCES users(id),
  assessed_on TEXT NOT NULL,
  dependency_level TEXT NOT NULL,
  findings TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX assessments_case ON assessments(case_id);

-- 3.-4. Decision, with the payment computed and frozen: payment_input
-- and payment_result are the JSON of what was used and the explanation,
-- never recomputed.
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('assign', 'refuse', 'waiting_list')),
  number TEXT,
  decided_on TEXT NOT NULL,
  reason TEXT,
  payment_rule TEXT,
  payment_cents INTEGER CHECK (payment_cents IS NULL OR payment_cents >= 0),
  payment_input TEXT,
  payment_result TEXT,
  decided_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_case ON decisions(case_id);

-- Per service of an assigning decision: how much, how often, from-to,
-- and the unit price in force on the decision date (frozen).
CREATE TABLE decision_services (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decisions(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  amount_x100 INTEGER NOT NULL CHECK (amount_x100 > 0),
  period TEXT NOT NULL CHECK (period IN ('week', 'month', 'stay')),
  visits_per_week INTEGER CHECK (visits_per_week IS NULL OR visits_per_week > 0),
  start_on TEXT NOT NULL,
  end_on TEXT,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
  ended_on TEXT
) STRICT;
CREATE INDEX decision_services_case ON decision_services(case_id, service_id);

-- The contract for an assigning decision.
CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  decision_id INTEGER NOT NULL REFERENCES decisions(id),
  number TEXT,
  signed_on TEXT,
  payment_cents INTEGER NOT NULL CHECK (payment_cents >= 0),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX contracts_case ON contracts(case_id);

-- 5. Individual plan: goals and tasks; a case has at most one current
-- plan (the newest).
CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  drawn_on TEXT NOT NULL,
  review_on TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX plans_case ON plans(case_id);

CREATE TABLE plan_goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  ordinal INTEGER NOT NULL,
  goal TEXT NOT NULL,
  achieved_on TEXT
) STRICT;
CREATE INDEX plan_goals_plan ON plan_goals(plan_id);

-- Tasks: of a plan (plan_id), of a case, or free-standing (the worker's
-- own). The worklist reads them by assignee and due date.
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  case_id INTEGER REFERENCES cases(id),
  plan_id INTEGER REFERENCES plans(id),
  goal_id INTEGER REFERENCES plan_goals(id),
  title TEXT NOT NULL,
  assignee_user_id INTEGER REFERENCES users(id),
  responsible_staff_id INTEGER REFERENCES staff(id),
  due_on TEXT,
  done_on TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX tasks_assignee ON tasks(assignee_user_id, done_on, due_on);
CREATE INDEX tasks_case ON tasks(case_id);
-- The worklist (domain/caseplan.c) reads what falls due by a date, in
-- date order, a limited number of rows per obligation: for the director
-- over all departments (the *_due indexes), for a head or the director
-- over one (dept_*_due) and for a social worker over their own cases
-- (worker_*_due). Partial: only the cases with that obligation are
-- indexed, and cases change seldom, so the writes pay little for them.
CREATE INDEX cases_decision_due ON cases(decision_due) WHERE decision_due IS NOT NULL;
CREATE INDEX cases_contract_due ON cases(contract_due) WHERE contract_due IS NOT NULL;
CREATE INDEX cases_plan_review_due ON cases(plan_review_due) WHERE plan_review_due IS NOT NULL;
CREATE INDEX cases_review_due ON cases(review_due) WHERE review_due IS NOT NULL;
CREATE INDEX cases_dept_decision_due ON cases(department_id, decision_due) WHERE decision_due IS NOT NULL;
CREATE INDEX cases_dept_contract_due ON cases(department_id, contract_due) WHERE contract_due IS NOT NULL;
CREATE INDEX cases_dept_plan_review_due ON cases(department_id, plan_review_due) WHERE plan_review_due IS NOT NULL;
CREATE INDEX cases_dept_review_due ON cases(department_id, review_due) WHERE review_due IS NOT NULL;
CREATE INDEX cases_worker_decision_due ON cases(worker_user_id, decision_due) WHERE decision_due IS NOT NULL;
CREATE INDEX cases_worker_contract_due ON cases(worker_user_id, contract_due) WHERE contract_due IS NOT NULL;
CREATE INDEX cases_worker_plan_review_due ON cases(worker_user_id, plan_review_due) WHERE plan_review_due IS NOT NULL;
CREATE INDEX cases_worker_review_due ON cases(worker_user_id, review_due) WHERE review_due IS NOT NULL;

-- 6. Delivered services, in hundredths of the service's unit. A
-- correction never edits: it inserts the corrected row and points the
-- old one at it (replaced_by); a cancellation sets voided_at. Billing and
-- limits read the rows with neither. over_limit flags a delivery that
-- took the period above the decided amount (allowed, flagged).
-- correction_reason says why a row replaced the one pointing at it.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  decision_service_id INTEGER NOT NULL REFERENCES decision_services(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  delivered_on TEXT NOT NULL,
  staff_id INTEGER REFERENCES staff(id),
  units_x100 INTEGER NOT NULL CHECK (units_x100 > 0),
  over_limit INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  replaced_by INTEGER REFERENCES deliveries(id),
  voided_at TEXT,
  voided_reason TEXT,
  correction_reason TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX deliveries_case ON deliveries(case_id, delivered_on);
CREATE INDEX deliveries_month ON deliveries(delivered_on, person_id);

-- 7. Review, suspension, resumption, termination, reopening and every
-- other status change: one row each, the case's own history.
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  on_date TEXT NOT NULL,
  reason TEXT,
  by_user_id INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_events_case ON case_events(case_id, id);

-- Waiting lists per service: position is the order of (since, id) among
-- the rows still waiting.
CREATE TABLE waiting_list (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  since TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'assigned', 'removed')),
  ended_on TEXT,
  reason TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX waiting_list_service ON waiting_list(service_id, status, since, id);
CREATE INDEX waiting_list_case ON waiting_list(case_id);

-- Case notes, append-only; special-category ones narrowed by role.
CREATE TABLE case_notes (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  special_category INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX case_notes_case ON case_notes(case_id, id);

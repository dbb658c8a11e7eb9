-- 0001 foundation: organisation, users and sessions, registry, audit.
-- Conventions: ids INTEGER; dates TEXT 'YYYY-MM-DD'; timestamps TEXT ISO
-- 8601 UTC; booleans INTEGER 0/1; coordinates INTEGER micro-degrees;
-- every editable row has `version` for ETag / If-Match.

CREATE TABLE institutions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('centre', 'partner')),
  partner_type TEXT,
  name TEXT NOT NULL,
  code TEXT,
  address TEXT,
  phone TEXT,
  email TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE institution_contacts (
  id INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  name TEXT NOT NULL,
  role TEXT,
  phone TEXT,
  email TEXT
) STRICT;
CREATE INDEX institution_contacts_inst ON institution_contacts(institution_id);

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  code TEXT NOT NULL UNIQUE,
  name_lt TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  department_id INTEGER REFERENCES departments(id),
  given_names TEXT NOT NULL,
  family_name TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  position TEXT NOT NULL,
  category TEXT CHECK (category IS NULL OR category IN ('social_worker', 'senior_social_worker', 'expert')),
  skills TEXT NOT NULL DEFAULT '',
  email TEXT,
  phone TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX staff_department ON staff(department_id, sort_key);

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'team' CHECK (kind IN ('team', 'mobile', 'integrated_help')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  PRIMARY KEY (team_id, staff_id)
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'director', 'head', 'social_worker', 'partner', 'auditor')),
  department_id INTEGER REFERENCES departments(id),
  institution_id INTEGER REFERENCES institutions(id),
  staff_id INTEGER REFERENCES staff(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  password_changed_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE recipient_groups (
  code TEXT PRIMARY KEY,
  name_lt TEXT NOT NULL,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;

INSERT INTO recipient_groups (code, name_lt, name_en, position) VALUES
 ('elderly', 'Senyvo amžiaus asmenys', 'Elderly persons', 1),
 ('adults_disabled', 'Suaugę asmenys su negalia', 'Adults with disabilities', 2),
 ('children_disabled', 'Vaikai su negalia', 'Children with disabilities', 3),
 ('children_social_risk', 'Socialinės rizikos vaikai', 'Children at social risk', 4),
 ('children_no_parental_care', 'Likę be tėvų globos vaikai', 'Children without parental care', 5),
 ('adults_families_social_risk', 'Socialinės rizikos suaugę asmenys ir šeimos', 'Adults and families at social risk', 6),
 ('domestic_violence_victims', 'Smurtą artimoje aplinkoje patyrę asmenys', 'Victims of domestic violence', 7),
 ('homeless', 'Benamiai asmenys', 'Homeless persons', 8),
 ('released_from_prison', 'Iš įkalinimo įstaigų paleisti asmenys', 'Persons released from prison', 9),
 ('unemployed', 'Bedarbiai', 'Unemployed', 10),
 ('youth_fewer_opportunities', 'Mažiau galimybių turintis jaunimas', 'Young people with fewer opportunities', 11),
 ('families_in_crisis', 'Krizę patiriančios šeimos', 'Families in crisis', 12),
 ('foster_families', 'Globėjai (rūpintojai) ir budintys globotojai', 'Foster families', 13),
 ('carers', 'Artimieji, prižiūrintys asmenis', 'Carers', 14),
 ('other', 'Kiti', 'Others', 15);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  personal_code TEXT UNIQUE,
  other_id_type TEXT,
  other_id_number TEXT,
  identified INTEGER NOT NULL DEFAULT 1,
  given_names TEXT NOT NULL,
  family_name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  sex TEXT CHECK (sex IS NULL OR sex IN ('M', 'F')),
  birth_date TEXT,
  phone TEXT,
  email TEXT,
  merged_into INTEGER REFERENCES persons(id),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX persons_sort ON persons(sort_key);

CREATE TABLE person_departments (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  department_id INTEGER NOT NULL REFERENCES departments(id),
  since TEXT NOT NULL,
  PRIMARY KEY (person_id, department_id)
) STRICT;
CREATE INDEX person_departments_dept ON person_departments(department_id, person_id);

CREATE TABLE addresses (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL CHECK (kind IN ('residence', 'declared', 'postal', 'temporary')),
  line TEXT NOT NULL,
  city TEXT NOT NULL,
  municipality TEXT,
  postal_code TEXT,
  lat_e6 INTEGER,
  lon_e6 INTEGER,
  valid_from TEXT,
  valid_to TEXT
) STRICT;
CREATE INDEX addresses_person ON addresses(person_id);

CREATE TABLE person_groups (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  group_code TEXT NOT NULL REFERENCES recipient_groups(code),
  date_from TEXT NOT NULL,
  date_to TEXT
) STRICT;
CREATE INDEX person_groups_person ON person_groups(person_id);

CREATE TABLE representatives (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  representative_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL CHECK (kind IN ('parent', 'guardian', 'curator', 'authorised', 'other')),
  document TEXT,
  date_from TEXT,
  date_to TEXT
) STRICT;
CREATE INDEX representatives_person ON representatives(person_id);

CREATE TABLE person_notes (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  special_category INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX person_notes_person ON person_notes(person_id);

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE household_members (
  household_id INTEGER NOT NULL REFERENCES households(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('head', 'member')),
  PRIMARY KEY (household_id, person_id)
) STRICT;
CREATE INDEX household_members_person ON household_members(person_id);

-- Both directions are stored: (a, b, 'parent') means b is a's parent and
-- comes with (b, a, 'child').
CREATE TABLE relations (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  related_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL CHECK (kind IN ('parent', 'child', 'spouse', 'partner', 'sibling', 'guardian', 'ward', 'grandparent', 'grandchild', 'other')),
  UNIQUE (person_id, related_id, kind)
) STRICT;

CREATE TABLE shares (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  parts TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  purpose TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX shares_institution ON shares(institution_id, person_id);
CREATE INDEX shares_person ON shares(person_id);

-- Full snapshots of records before each change, so history and merges keep
-- what was there.
CREATE TABLE record_history (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by INTEGER,
  action TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX record_history_entity ON record_history(entity, entity_id, id);

-- The audit log: a keyed hash chain. hash = BLAKE2b(key, prev_hash | row).
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  ip TEXT NOT NULL,
  reason TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_user ON audit_log(user_id, seq);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- person_card_versions.version changes whenever anything a person's card
-- shows changes: the person's row, its addresses, groups, relations,
-- representatives, households and departments, and the names those parts
-- borrow from other rows (a relative's or representative's name, a
-- household's, a department's or a recipient group's). The server keeps
-- built cards in memory keyed by it (domain/person_card.c). Triggers, not
-- application code, keep it, so that no write path can forget it.
--
-- A table of its own rather than a column of persons: the lookup on
-- every card read then touches a small table (a few bytes a person) whose
-- pages stay in the page cache, not the wide persons rows. A person
-- without a row has version 0; the first change creates the row.

CREATE TABLE person_card_versions (
  person_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT;

CREATE INDEX representatives_representative ON representatives(representative_id);

-- The person's own row: any change, and its removal.
CREATE TRIGGER persons_card_self AFTER UPDATE ON persons
BEGIN
  INSERT INTO person_card_versions (person_id, version) VALUES (NEW.id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER persons_card_gone AFTER DELETE ON persons
BEGIN
  INSERT INTO person_card_versions (person_id, version) VALUES (OLD.id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

-- Cards that show this person's name: relatives (relations are stored in
-- both directions) and those this person represents.
CREATE TRIGGER persons_card_names AFTER UPDATE OF given_names, family_name, birth_date ON persons
BEGIN
  INSERT INTO person_card_versions (person_id, version)
    SELECT related_id, 1 FROM relations WHERE person_id = NEW.id
    UNION SELECT person_id, 1 FROM representatives WHERE representative_id = NEW.id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

-- A part's row changed: the persons it names, before and after.
CREATE TRIGGER addresses_card_ins AFTER INSERT ON addresses
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (NEW.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER addresses_card_upd AFTER UPDATE ON addresses
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT OLD.person_id, 1 UNION SELECT NEW.person_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER addresses_card_del AFTER DELETE ON addresses
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (OLD.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER person_groups_card_ins AFTER INSERT ON person_groups
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (NEW.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER person_groups_card_upd AFTER UPDATE ON person_groups
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT OLD.person_id, 1 UNION SELECT NEW.person_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER person_groups_card_del AFTER DELETE ON person_groups
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (OLD.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER relations_card_ins AFTER INSERT ON relations
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT NEW.person_id, 1 UNION SELECT NEW.related_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER relations_card_upd AFTER UPDATE ON relations
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT OLD.person_id, 1 UNION SELECT OLD.related_id, 1 UNION SELECT NEW.person_id, 1 UNION SELECT NEW.related_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER relations_card_del AFTER DELETE ON relations
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT OLD.person_id, 1 UNION SELECT OLD.related_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER representatives_card_ins AFTER INSERT ON representatives
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (NEW.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER representatives_card_upd AFTER UPDATE ON representatives
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT OLD.person_id, 1 UNION SELECT NEW.person_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER representatives_card_del AFTER DELETE ON representatives
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (OLD.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER household_members_card_ins AFTER INSERT ON household_members
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (NEW.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER household_members_card_upd AFTER UPDATE ON household_members
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT OLD.person_id, 1 UNION SELECT NEW.person_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER household_members_card_del AFTER DELETE ON household_members
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (OLD.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER person_departments_card_ins AFTER INSERT ON person_departments
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (NEW.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER person_departments_card_upd AFTER UPDATE ON person_departments
BEGIN INSERT INTO person_card_versions (person_id, version) SELECT OLD.person_id, 1 UNION SELECT NEW.person_id, 1 ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER person_departments_card_del AFTER DELETE ON person_departments
BEGIN INSERT INTO person_card_versions (person_id, version) VALUES (OLD.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1; END;

-- Names a card borrows from shared rows.
CREATE TRIGGER households_card AFTER UPDATE OF name ON households
BEGIN
  INSERT INTO person_card_versions (person_id, version)
    SELECT person_id, 1 FROM household_members WHERE household_id = NEW.id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER departments_card AFTER UPDATE OF code, name_lt, name_en ON departments
BEGIN
  INSERT INTO person_card_versions (person_id, version)
    SELECT person_id, 1 FROM person_departments WHERE department_id = NEW.id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER recipient_groups_card AFTER UPDATE OF name_lt, name_en ON recipient_groups
BEGIN
  INSERT INTO person_card_versions (person_id, version)
    SELECT person_id, 1 FROM person_groups WHERE group_code = NEW.code
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

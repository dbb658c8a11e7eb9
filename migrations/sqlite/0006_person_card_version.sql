-- persons.card_version changes whenever anything a person's card shows
-- changes: the row itself, its addresses, groups, relations,
-- representatives, households and departments, and the names those parts
-- borrow from other rows (a relative's or representative's name, a
-- household's, a department's or a recipient group's). The server keeps
-- built cards in memory keyed by it (domain/person_card.c). Triggers, not
-- application code, keep it, so that no write path can forget it.

ALTER TABLE persons ADD COLUMN card_version INTEGER NOT NULL DEFAULT 0;

CREATE INDEX representatives_representative ON representatives(representative_id);

-- The row itself: any change. The WHEN guard stops the bump from firing
-- the trigger again.
CREATE TRIGGER persons_card_self AFTER UPDATE ON persons
WHEN NEW.card_version = OLD.card_version
BEGIN
  UPDATE persons SET card_version = card_version + 1 WHERE id = NEW.id;
END;

-- Cards that show this person's name: relatives (relations are stored in
-- both directions) and those this person represents.
CREATE TRIGGER persons_card_names AFTER UPDATE OF given_names, family_name, birth_date ON persons
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT related_id FROM relations WHERE person_id = NEW.id
                UNION SELECT person_id FROM representatives WHERE representative_id = NEW.id);
END;

CREATE TRIGGER addresses_card_ins AFTER INSERT ON addresses
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER addresses_card_upd AFTER UPDATE ON addresses
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (OLD.person_id, NEW.person_id); END;
CREATE TRIGGER addresses_card_del AFTER DELETE ON addresses
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = OLD.person_id; END;

CREATE TRIGGER person_groups_card_ins AFTER INSERT ON person_groups
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER person_groups_card_upd AFTER UPDATE ON person_groups
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (OLD.person_id, NEW.person_id); END;
CREATE TRIGGER person_groups_card_del AFTER DELETE ON person_groups
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = OLD.person_id; END;

CREATE TRIGGER relations_card_ins AFTER INSERT ON relations
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (NEW.person_id, NEW.related_id); END;
CREATE TRIGGER relations_card_upd AFTER UPDATE ON relations
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (OLD.person_id, OLD.related_id, NEW.person_id, NEW.related_id); END;
CREATE TRIGGER relations_card_del AFTER DELETE ON relations
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (OLD.person_id, OLD.related_id); END;

CREATE TRIGGER representatives_card_ins AFTER INSERT ON representatives
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER representatives_card_upd AFTER UPDATE ON representatives
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (OLD.person_id, NEW.person_id); END;
CREATE TRIGGER representatives_card_del AFTER DELETE ON representatives
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = OLD.person_id; END;

CREATE TRIGGER household_members_card_ins AFTER INSERT ON household_members
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER household_members_card_upd AFTER UPDATE ON household_members
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (OLD.person_id, NEW.person_id); END;
CREATE TRIGGER household_members_card_del AFTER DELETE ON household_members
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = OLD.person_id; END;

CREATE TRIGGER households_card AFTER UPDATE OF name ON households
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT person_id FROM household_members WHERE household_id = NEW.id);
END;

CREATE TRIGGER person_departments_card_ins AFTER INSERT ON person_departments
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER person_departments_card_upd AFTER UPDATE ON person_departments
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id IN (OLD.person_id, NEW.person_id); END;
CREATE TRIGGER person_departments_card_del AFTER DELETE ON person_departments
BEGIN UPDATE persons SET card_version = card_version + 1 WHERE id = OLD.person_id; END;

CREATE TRIGGER departments_card AFTER UPDATE OF code, name_lt, name_en ON departments
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT person_id FROM person_departments WHERE department_id = NEW.id);
END;

CREATE TRIGGER recipient_groups_card AFTER UPDATE OF name_lt, name_en ON recipient_groups
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT person_id FROM person_groups WHERE group_code = NEW.code);
END;

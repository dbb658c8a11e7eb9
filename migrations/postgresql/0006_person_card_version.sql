-- persons.card_version changes whenever anything a person's card shows
-- changes: the row itself, its addresses, groups, relations,
-- representatives, households and departments, and the names those parts
-- borrow from other rows (a relative's or representative's name, a
-- household's, a department's or a recipient group's). The server keeps
-- built cards in memory keyed by it (domain/person_card.c). Triggers, not
-- application code, keep it, so that no write path can forget it.

ALTER TABLE persons ADD COLUMN card_version BIGINT NOT NULL DEFAULT 0;

CREATE INDEX representatives_representative ON representatives(representative_id);

-- The row itself: any change (a bump made by the functions below already
-- changed card_version and is left alone).
CREATE FUNCTION persons_card_self() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.card_version = OLD.card_version THEN
    NEW.card_version := OLD.card_version + 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER persons_card_self BEFORE UPDATE ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_card_self();

-- Cards that show this person's name: relatives (relations are stored in
-- both directions) and those this person represents.
CREATE FUNCTION persons_card_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT related_id FROM relations WHERE person_id = NEW.id
                UNION SELECT person_id FROM representatives WHERE representative_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER persons_card_names AFTER UPDATE OF given_names, family_name, birth_date ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_card_names();

-- A part's row changed: bump the persons named by the columns given as
-- arguments, in the old row and the new.
CREATE FUNCTION persons_card_part() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids BIGINT[] := '{}';
  col TEXT;
BEGIN
  FOREACH col IN ARRAY TG_ARGV LOOP
    IF TG_OP <> 'DELETE' THEN
      ids := ids || (to_jsonb(NEW) ->> col)::BIGINT;
    END IF;
    IF TG_OP <> 'INSERT' THEN
      ids := ids || (to_jsonb(OLD) ->> col)::BIGINT;
    END IF;
  END LOOP;
  UPDATE persons SET card_version = card_version + 1 WHERE id = ANY (ids);
  RETURN NULL;
END $$;

CREATE TRIGGER addresses_card AFTER INSERT OR UPDATE OR DELETE ON addresses
  FOR EACH ROW EXECUTE FUNCTION persons_card_part('person_id');
CREATE TRIGGER person_groups_card AFTER INSERT OR UPDATE OR DELETE ON person_groups
  FOR EACH ROW EXECUTE FUNCTION persons_card_part('person_id');
CREATE TRIGGER relations_card AFTER INSERT OR UPDATE OR DELETE ON relations
  FOR EACH ROW EXECUTE FUNCTION persons_card_part('person_id', 'related_id');
CREATE TRIGGER representatives_card AFTER INSERT OR UPDATE OR DELETE ON representatives
  FOR EACH ROW EXECUTE FUNCTION persons_card_part('person_id');
CREATE TRIGGER household_members_card AFTER INSERT OR UPDATE OR DELETE ON household_members
  FOR EACH ROW EXECUTE FUNCTION persons_card_part('person_id');
CREATE TRIGGER person_departments_card AFTER INSERT OR UPDATE OR DELETE ON person_departments
  FOR EACH ROW EXECUTE FUNCTION persons_card_part('person_id');

CREATE FUNCTION households_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT person_id FROM household_members WHERE household_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER households_card AFTER UPDATE OF name ON households
  FOR EACH ROW EXECUTE FUNCTION households_card();

CREATE FUNCTION departments_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT person_id FROM person_departments WHERE department_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER departments_card AFTER UPDATE OF code, name_lt, name_en ON departments
  FOR EACH ROW EXECUTE FUNCTION departments_card();

CREATE FUNCTION recipient_groups_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE persons SET card_version = card_version + 1
   WHERE id IN (SELECT person_id FROM person_groups WHERE group_code = NEW.code);
  RETURN NULL;
END $$;
CREATE TRIGGER recipient_groups_card AFTER UPDATE OF name_lt, name_en ON recipient_groups
  FOR EACH ROW EXECUTE FUNCTION recipient_groups_card();

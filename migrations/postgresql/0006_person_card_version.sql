-- person_card_versions.version changes whenever anything a person's card
-- shows changes: the person's row, its addresses, groups, relations,
-- representatives, households and departments, and the names those parts
-- borrow from other rows (a relative's or representative's name, a
-- household's, a department's or a recipient group's). The server keeps
-- built cards in memory keyed by it (domain/person_card.c). Triggers, not
-- application code, keep it, so that no write path can forget it.
--
-- A table of its own rather than a column of persons: the lookup on
-- every card read then touches a small table whose pages stay cached,
-- not the wide persons rows. A person without a row has version 0; the
-- first change creates the row.

CREATE TABLE person_card_versions (
  person_id BIGINT PRIMARY KEY,
  version BIGINT NOT NULL
);

CREATE INDEX representatives_representative ON representatives(representative_id);

-- Bumps the card version of every person in ids.
CREATE FUNCTION person_cards_bump(ids BIGINT[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO person_card_versions (person_id, version)
    SELECT DISTINCT i, 1 FROM unnest(ids) AS i WHERE i IS NOT NULL
    ON CONFLICT (person_id) DO UPDATE SET version = person_card_versions.version + 1;
$$;

-- The person's own row (any change, or its removal); on a change of name,
-- also the cards that show it: relatives (relations are stored in both
-- directions) and those this person represents.
CREATE FUNCTION persons_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM person_cards_bump(ARRAY[OLD.id]);
    RETURN NULL;
  END IF;
  PERFORM person_cards_bump(ARRAY[NEW.id]);
  IF NEW.given_names IS DISTINCT FROM OLD.given_names
     OR NEW.family_name IS DISTINCT FROM OLD.family_name
     OR NEW.birth_date IS DISTINCT FROM OLD.birth_date THEN
    PERFORM person_cards_bump(ARRAY(
      SELECT related_id FROM relations WHERE person_id = NEW.id
      UNION SELECT person_id FROM representatives WHERE representative_id = NEW.id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER persons_card AFTER UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_card();

-- A part's row changed: the persons named by the columns given as
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
  PERFORM person_cards_bump(ids);
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

-- Names a card borrows from shared rows.
CREATE FUNCTION households_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM person_cards_bump(ARRAY(SELECT person_id FROM household_members WHERE household_id = NEW.id));
  RETURN NULL;
END $$;
CREATE TRIGGER households_card AFTER UPDATE OF name ON households
  FOR EACH ROW EXECUTE FUNCTION households_card();

CREATE FUNCTION departments_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM person_cards_bump(ARRAY(SELECT person_id FROM person_departments WHERE department_id = NEW.id));
  RETURN NULL;
END $$;
CREATE TRIGGER departments_card AFTER UPDATE OF code, name_lt, name_en ON departments
  FOR EACH ROW EXECUTE FUNCTION departments_card();

CREATE FUNCTION recipient_groups_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM person_cards_bump(ARRAY(SELECT person_id FROM person_groups WHERE group_code = NEW.code));
  RETURN NULL;
END $$;
CREATE TRIGGER recipient_groups_card AFTER UPDATE OF name_lt, name_en ON recipient_groups
  FOR EACH ROW EXECUTE FUNCTION recipient_groups_card();

CREATE TABLE "data_changes" (
	"district_id" text NOT NULL,
	"area" text NOT NULL,
	"id" bigserial NOT NULL,
	CONSTRAINT "data_changes_district_id_area_id_pk" PRIMARY KEY("district_id","area","id")
);
--> statement-breakpoint
CREATE TABLE "data_versions" (
	"district_id" text NOT NULL,
	"area" text NOT NULL,
	"base" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_versions_district_id_area_pk" PRIMARY KEY("district_id","area")
);
--> statement-breakpoint
-- Each write to a table an answer is computed from leaves one row in data_changes per district, area and
-- transaction (the transaction's setting junheng.data_changed remembers what it recorded already, and is undone
-- with a rolled-back savepoint). Written by statement-level triggers, so every writer is covered: the server, its
-- import jobs, the CLI in another process, psql. The response cache (src/core/cache) reads the versions.
-- The district of a change comes from the statement's rows (transition tables). The tables of pupils' scores are
-- written in hundreds of thousands of rows by an import, and keeping a transition table of those costs time: their
-- writes are recorded under the district '*', which counts for every district (a reader adds its own and '*').
CREATE FUNCTION "junheng_note_change"(d text, a text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  seen text := coalesce(nullif(current_setting('junheng.data_changed', true), ''), ',');
  k text := d || ':' || a || ',';
BEGIN
  IF position(',' || k IN seen) > 0 THEN
    RETURN;
  END IF;
  INSERT INTO "data_changes" ("district_id", "area") VALUES (d, a);
  PERFORM set_config('junheng.data_changed', seen || k, true);
END
$$;
--> statement-breakpoint
CREATE FUNCTION "junheng_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a text := TG_ARGV[0];
  d text;
BEGIN
  IF TG_OP = 'TRUNCATE' OR TG_ARGV[1] = 'all' THEN
    PERFORM junheng_note_change('*', a);
  ELSIF TG_OP = 'DELETE' THEN
    FOR d IN SELECT DISTINCT "district_id" FROM jh_old LOOP
      PERFORM junheng_note_change(d, a);
    END LOOP;
  ELSE
    FOR d IN SELECT DISTINCT "district_id" FROM jh_new LOOP
      PERFORM junheng_note_change(d, a);
    END LOOP;
    IF TG_OP = 'UPDATE' THEN
      FOR d IN SELECT DISTINCT "district_id" FROM jh_old LOOP
        PERFORM junheng_note_change(d, a);
      END LOOP;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The areas: registry (the district, its years, schools, yearly figures, enrolments, classes), standards (the local
-- standards packs), balance (saved evaluations), exams (exams, subjects, pupils, scores, items, stored reports).
DO $$
DECLARE
  t text[];
BEGIN
  FOREACH t SLICE 1 IN ARRAY ARRAY[
    ['districts', 'registry'], ['academic_years', 'registry'], ['schools', 'registry'], ['school_year_stats', 'registry'],
    ['grade_enrolments', 'registry'], ['school_classes', 'registry'],
    ['standard_packs', 'standards'], ['balance_evaluations', 'balance'],
    ['exams', 'exams'], ['exam_subjects', 'exams'], ['exam_reports', 'exams']
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS jh_new FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed(%L)', t[1] || '_changed_insert', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS jh_old NEW TABLE AS jh_new FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed(%L)', t[1] || '_changed_update', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS jh_old FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed(%L)', t[1] || '_changed_delete', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed(%L)', t[1] || '_changed_truncate', t[1], t[2]);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The large tables: no transition table, every district ('*').
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['students', 'exam_results', 'exam_items', 'exam_item_scores'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed(%L, %L)', t || '_changed', t, 'exams', 'all');
  END LOOP;
END
$$;
--> statement-breakpoint
-- accounts: what a signed-in session stands for. A session ended (sign-out, password change, account disabled,
-- expired sessions cleared), an account changed (role, school, password, disabled) or its assigned schools: cached
-- sessions (src/core/auth/service.ts) are checked against this version. A new session (a sign-in) or its last-seen
-- time changes nothing that is cached.
CREATE TRIGGER "sessions_changed_delete" AFTER DELETE ON "sessions" REFERENCING OLD TABLE AS jh_old FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "sessions_changed_truncate" AFTER TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "users_changed_update" AFTER UPDATE ON "users" REFERENCING OLD TABLE AS jh_old NEW TABLE AS jh_new FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "users_changed_delete" AFTER DELETE ON "users" REFERENCING OLD TABLE AS jh_old FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "users_changed_truncate" AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "inspector_schools_changed_insert" AFTER INSERT ON "inspector_schools" REFERENCING NEW TABLE AS jh_new FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "inspector_schools_changed_update" AFTER UPDATE ON "inspector_schools" REFERENCING OLD TABLE AS jh_old NEW TABLE AS jh_new FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "inspector_schools_changed_delete" AFTER DELETE ON "inspector_schools" REFERENCING OLD TABLE AS jh_old FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');
--> statement-breakpoint
CREATE TRIGGER "inspector_schools_changed_truncate" AFTER TRUNCATE ON "inspector_schools" FOR EACH STATEMENT EXECUTE FUNCTION junheng_data_changed('accounts');

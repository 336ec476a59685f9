CREATE TABLE "admission_applicants" (
	"district_id" text NOT NULL,
	"draw_code" text NOT NULL,
	"applicant_id" text NOT NULL,
	"priority" smallint DEFAULT 1 NOT NULL,
	"choices" jsonb,
	"name" text,
	"row" integer NOT NULL,
	CONSTRAINT "admission_applicants_district_id_draw_code_applicant_id_pk" PRIMARY KEY("district_id","draw_code","applicant_id")
);
--> statement-breakpoint
CREATE TABLE "admission_draws" (
	"district_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"year" smallint NOT NULL,
	"method" text NOT NULL,
	"stage" text NOT NULL,
	"school_code" text,
	"seats" integer,
	"catchment" text,
	"capacities" jsonb,
	"priority_rules" text,
	"draw_date" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"applicants" integer DEFAULT 0 NOT NULL,
	"list_hash" text,
	"list_published_at" timestamp with time zone,
	"entropy" jsonb,
	"seed" text,
	"result" jsonb,
	"drawn_at" timestamp with time zone,
	"result_published_at" timestamp with time zone,
	"corrects" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admission_draws_district_id_code_pk" PRIMARY KEY("district_id","code")
);
--> statement-breakpoint
ALTER TABLE "admission_draws" ADD CONSTRAINT "admission_draws_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admission_draws_year" ON "admission_draws" USING btree ("district_id","year");--> statement-breakpoint
-- A draw's published parts never change, whoever writes (the server, the CLI, psql): once the list is published
-- (list_hash set) its parameters and applicants are frozen; once drawn (seed set) its entropy, seed and result are
-- written for good and it cannot be drawn again; once the result is published nothing of the row changes, and a
-- published draw is never deleted. The status only moves forward. A correction is a new draw (corrects = old code).
CREATE FUNCTION "admission_draws_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  steps text[] := ARRAY['draft', 'list_published', 'drawn', 'result_published'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'draft' THEN
      RAISE EXCEPTION 'admission draw % is published and cannot be deleted', OLD."code" USING ERRCODE = 'JH409';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'result_published' THEN
    RAISE EXCEPTION 'admission draw % has a published result and cannot change', OLD."code" USING ERRCODE = 'JH409';
  END IF;
  IF array_position(steps, NEW."status") IS NULL OR array_position(steps, NEW."status") < array_position(steps, OLD."status") THEN
    RAISE EXCEPTION 'admission draw %: status % cannot follow %', OLD."code", NEW."status", OLD."status" USING ERRCODE = 'JH409';
  END IF;
  IF NEW."district_id" IS DISTINCT FROM OLD."district_id" OR NEW."code" IS DISTINCT FROM OLD."code" THEN
    RAISE EXCEPTION 'admission draw %: the code cannot change', OLD."code" USING ERRCODE = 'JH409';
  END IF;
  IF OLD."list_hash" IS NOT NULL AND (
    NEW."list_hash" IS DISTINCT FROM OLD."list_hash" OR NEW."method" IS DISTINCT FROM OLD."method" OR NEW."seats" IS DISTINCT FROM OLD."seats"
    OR NEW."capacities" IS DISTINCT FROM OLD."capacities" OR NEW."school_code" IS DISTINCT FROM OLD."school_code"
    OR NEW."applicants" IS DISTINCT FROM OLD."applicants" OR NEW."year" IS DISTINCT FROM OLD."year" OR NEW."stage" IS DISTINCT FROM OLD."stage") THEN
    RAISE EXCEPTION 'admission draw % has a published list and its parameters cannot change', OLD."code" USING ERRCODE = 'JH409';
  END IF;
  IF OLD."seed" IS NOT NULL AND (NEW."seed" IS DISTINCT FROM OLD."seed" OR NEW."entropy" IS DISTINCT FROM OLD."entropy" OR NEW."result" IS DISTINCT FROM OLD."result" OR NEW."drawn_at" IS DISTINCT FROM OLD."drawn_at") THEN
    RAISE EXCEPTION 'admission draw % has been drawn and cannot be drawn again', OLD."code" USING ERRCODE = 'JH409';
  END IF;
  IF NEW."status" IN ('drawn', 'result_published') AND NEW."seed" IS NULL THEN
    RAISE EXCEPTION 'admission draw %: no result without a seed', OLD."code" USING ERRCODE = 'JH409';
  END IF;
  IF NEW."status" <> 'draft' AND NEW."list_hash" IS NULL THEN
    RAISE EXCEPTION 'admission draw %: no publication without a list hash', OLD."code" USING ERRCODE = 'JH409';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "admission_draws_guard" BEFORE UPDATE OR DELETE ON "admission_draws" FOR EACH ROW EXECUTE FUNCTION "admission_draws_guard"();
--> statement-breakpoint
-- Applicants may be added, changed or removed only while their draw is a draft.
CREATE FUNCTION "admission_applicants_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  st text;
  d text := CASE WHEN TG_OP = 'DELETE' THEN OLD."district_id" ELSE NEW."district_id" END;
  c text := CASE WHEN TG_OP = 'DELETE' THEN OLD."draw_code" ELSE NEW."draw_code" END;
BEGIN
  SELECT "status" INTO st FROM "admission_draws" WHERE "district_id" = d AND "code" = c;
  IF st IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'the applicants of admission draw % are frozen (%)', c, coalesce(st, 'no such draw') USING ERRCODE = 'JH409';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW."district_id" IS DISTINCT FROM OLD."district_id" OR NEW."draw_code" IS DISTINCT FROM OLD."draw_code") THEN
    RAISE EXCEPTION 'an applicant cannot move to another draw' USING ERRCODE = 'JH409';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "admission_applicants_guard" BEFORE INSERT OR UPDATE OR DELETE ON "admission_applicants" FOR EACH ROW EXECUTE FUNCTION "admission_applicants_guard"();

CREATE TABLE "admission_quota_plans" (
	"district_id" text NOT NULL,
	"id" bigserial NOT NULL,
	"year" smallint NOT NULL,
	"high_school" text NOT NULL,
	"version" integer NOT NULL,
	"places" integer NOT NULL,
	"min_per_school" integer NOT NULL,
	"rural_weight" text NOT NULL,
	"rural_locations" jsonb NOT NULL,
	"schools" jsonb NOT NULL,
	"allocation" jsonb NOT NULL,
	"exam_id" bigint,
	"control_line" text,
	"tie_subjects" jsonb,
	"admission" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admission_quota_plans_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "admission_quota_plans" ADD CONSTRAINT "admission_quota_plans_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admission_quota_plans_year" ON "admission_quota_plans" USING btree ("district_id","year","high_school");
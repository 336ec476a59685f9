CREATE TABLE "vision_results" (
	"district_id" text NOT NULL,
	"year" smallint NOT NULL,
	"student_id" text NOT NULL,
	"school_code" text NOT NULL,
	"grade" smallint NOT NULL,
	"sex" text NOT NULL,
	"screened_on" date,
	"ucva_right" double precision,
	"ucva_left" double precision,
	"se_right" double precision,
	"se_left" double precision,
	"wears_glasses" boolean,
	"myopia" boolean,
	"basis" text,
	"rule_id" text NOT NULL,
	"rule_version" integer NOT NULL,
	"row" integer NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vision_results_district_id_year_student_id_pk" PRIMARY KEY("district_id","year","student_id")
);
--> statement-breakpoint
CREATE TABLE "burden_records" (
	"district_id" text NOT NULL,
	"year" smallint NOT NULL,
	"school_code" text NOT NULL,
	"record_id" text NOT NULL,
	"grade" smallint NOT NULL,
	"sex" text,
	"homework_minutes" double precision,
	"sleep_hours" double precision,
	"source" text NOT NULL,
	"surveyed_on" date,
	"row" integer NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "burden_records_district_id_year_school_code_record_id_pk" PRIMARY KEY("district_id","year","school_code","record_id")
);
--> statement-breakpoint
CREATE TABLE "survey_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"school_code" text NOT NULL,
	"batch" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "survey_questionnaires" (
	"district_id" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"audience" text NOT NULL,
	"template" text,
	"questions" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_questionnaires_district_id_key_version_pk" PRIMARY KEY("district_id","key","version")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"school_code" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" text NOT NULL,
	"year" smallint NOT NULL,
	"title" text NOT NULL,
	"questionnaire_key" text NOT NULL,
	"questionnaire_version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"plan" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wellbeing_settings" (
	"district_id" text PRIMARY KEY NOT NULL,
	"retention_years" integer,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wellbeing_tallies" (
	"district_id" text NOT NULL,
	"kind" text NOT NULL,
	"year" smallint NOT NULL,
	"school_code" text NOT NULL,
	"grade" smallint NOT NULL,
	"sex" text NOT NULL,
	"tally" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wellbeing_tallies_district_id_kind_year_school_code_grade_sex_pk" PRIMARY KEY("district_id","kind","year","school_code","grade","sex")
);
--> statement-breakpoint
ALTER TABLE "vision_results" ADD CONSTRAINT "vision_results_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burden_records" ADD CONSTRAINT "burden_records_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_codes" ADD CONSTRAINT "survey_codes_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questionnaires" ADD CONSTRAINT "survey_questionnaires_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellbeing_settings" ADD CONSTRAINT "wellbeing_settings_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellbeing_tallies" ADD CONSTRAINT "wellbeing_tallies_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vision_results_school" ON "vision_results" USING btree ("district_id","year","school_code");--> statement-breakpoint
CREATE INDEX "burden_records_year" ON "burden_records" USING btree ("district_id","year");--> statement-breakpoint
CREATE INDEX "survey_codes_survey" ON "survey_codes" USING btree ("survey_id","school_code");--> statement-breakpoint
CREATE INDEX "survey_responses_survey" ON "survey_responses" USING btree ("survey_id","school_code");--> statement-breakpoint
CREATE INDEX "surveys_district" ON "surveys" USING btree ("district_id","year");--> statement-breakpoint
CREATE INDEX "wellbeing_tallies_year" ON "wellbeing_tallies" USING btree ("district_id","kind","year");
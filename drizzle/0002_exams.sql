CREATE TABLE "exam_item_scores" (
	"district_id" text NOT NULL,
	"exam_id" bigint NOT NULL,
	"student_id" text NOT NULL,
	"position" smallint NOT NULL,
	"scores" real[] NOT NULL,
	CONSTRAINT "exam_item_scores_district_id_exam_id_position_student_id_pk" PRIMARY KEY("district_id","exam_id","position","student_id")
);
--> statement-breakpoint
CREATE TABLE "exam_items" (
	"district_id" text NOT NULL,
	"exam_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"item_no" smallint NOT NULL,
	"label" text NOT NULL,
	"full_marks" numeric NOT NULL,
	"objective" boolean DEFAULT false NOT NULL,
	CONSTRAINT "exam_items_district_id_exam_id_position_item_no_pk" PRIMARY KEY("district_id","exam_id","position","item_no")
);
--> statement-breakpoint
CREATE TABLE "exam_reports" (
	"district_id" text NOT NULL,
	"exam_id" bigint NOT NULL,
	"report" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settings" jsonb NOT NULL,
	CONSTRAINT "exam_reports_district_id_exam_id_pk" PRIMARY KEY("district_id","exam_id")
);
--> statement-breakpoint
CREATE TABLE "exam_results" (
	"district_id" text NOT NULL,
	"exam_id" bigint NOT NULL,
	"student_id" text NOT NULL,
	"school_code" text NOT NULL,
	"class_name" text NOT NULL,
	"scores" double precision[] NOT NULL,
	"marks" smallint[] NOT NULL,
	"total" double precision,
	"rank_district" integer,
	"rank_school" integer,
	"rank_class" integer,
	"z_total" double precision,
	"t_total" double precision,
	CONSTRAINT "exam_results_district_id_exam_id_student_id_pk" PRIMARY KEY("district_id","exam_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "exam_subjects" (
	"district_id" text NOT NULL,
	"exam_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"subject" text NOT NULL,
	"full_marks" numeric NOT NULL,
	"excellent" numeric,
	"pass" numeric,
	"low" numeric,
	CONSTRAINT "exam_subjects_district_id_exam_id_position_pk" PRIMARY KEY("district_id","exam_id","position")
);
--> statement-breakpoint
CREATE TABLE "exams" (
	"district_id" text NOT NULL,
	"id" bigserial NOT NULL,
	"name" text NOT NULL,
	"date" date,
	"term" text,
	"grade" smallint NOT NULL,
	"type" text NOT NULL,
	"scope" text,
	"excellent" numeric DEFAULT '0.85' NOT NULL,
	"pass" numeric DEFAULT '0.6' NOT NULL,
	"low" numeric DEFAULT '0.4' NOT NULL,
	"bottom_percentile" numeric DEFAULT '30' NOT NULL,
	"status" text DEFAULT 'empty' NOT NULL,
	"imported_at" timestamp with time zone,
	"student_count" integer DEFAULT 0 NOT NULL,
	"source_file" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exams_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "students" (
	"district_id" text NOT NULL,
	"student_id" text NOT NULL,
	"name" text,
	"gender" text,
	"school_code" text NOT NULL,
	"class_name" text NOT NULL,
	"seen_on" date NOT NULL,
	CONSTRAINT "students_district_id_student_id_pk" PRIMARY KEY("district_id","student_id")
);
--> statement-breakpoint
ALTER TABLE "exams" ADD CONSTRAINT "exams_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_results_school" ON "exam_results" USING btree ("district_id","exam_id","school_code");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_subjects_subject" ON "exam_subjects" USING btree ("district_id","exam_id","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "exams_name" ON "exams" USING btree ("district_id","name");
CREATE TABLE "teacher_courses" (
	"district_id" text NOT NULL,
	"id" serial NOT NULL,
	"title" text NOT NULL,
	"provider" text NOT NULL,
	"level" text NOT NULL,
	"hours" double precision NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_courses_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "teacher_id_counters" (
	"district_id" text PRIMARY KEY NOT NULL,
	"next_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teacher_id_keys" (
	"district_id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teacher_moves" (
	"district_id" text NOT NULL,
	"id" serial NOT NULL,
	"teacher_id" text NOT NULL,
	"from_school" text NOT NULL,
	"to_school" text NOT NULL,
	"kind" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text,
	"plan_id" integer,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_moves_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "teacher_training" (
	"district_id" text NOT NULL,
	"course_id" integer NOT NULL,
	"teacher_id" text NOT NULL,
	"hours" double precision NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_training_district_id_course_id_teacher_id_pk" PRIMARY KEY("district_id","course_id","teacher_id")
);
--> statement-breakpoint
CREATE TABLE "teacher_years" (
	"district_id" text NOT NULL,
	"year" integer NOT NULL,
	"teacher_id" text NOT NULL,
	"school_code" text NOT NULL,
	"section" text,
	"staff_no" text,
	"subjects" text NOT NULL,
	"post" text NOT NULL,
	"qualification" text NOT NULL,
	"title" text NOT NULL,
	"certified" boolean NOT NULL,
	"backbone_level" text,
	"backbone_year" integer,
	"tier" text,
	"school_since" integer NOT NULL,
	"employment" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_years_district_id_year_teacher_id_pk" PRIMARY KEY("district_id","year","teacher_id")
);
--> statement-breakpoint
CREATE TABLE "teachers" (
	"district_id" text NOT NULL,
	"teacher_id" text NOT NULL,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_year" integer NOT NULL,
	"id_hash" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teachers_district_id_teacher_id_pk" PRIMARY KEY("district_id","teacher_id")
);
--> statement-breakpoint
ALTER TABLE "school_year_stats" ADD COLUMN "teachers_source" text;--> statement-breakpoint
ALTER TABLE "school_year_stats" ADD COLUMN "typed_teachers" jsonb;--> statement-breakpoint
CREATE INDEX "teacher_moves_teacher" ON "teacher_moves" USING btree ("district_id","teacher_id");--> statement-breakpoint
CREATE INDEX "teacher_training_teacher" ON "teacher_training" USING btree ("district_id","teacher_id");--> statement-breakpoint
CREATE INDEX "teacher_years_school" ON "teacher_years" USING btree ("district_id","year","school_code");--> statement-breakpoint
CREATE UNIQUE INDEX "teachers_id_hash" ON "teachers" USING btree ("district_id","id_hash");
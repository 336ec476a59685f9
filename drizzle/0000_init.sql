CREATE TABLE "audit_log" (
	"district_id" text NOT NULL,
	"id" bigserial NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"username" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_key" text NOT NULL,
	"field" text,
	"old_value" jsonb,
	"new_value" jsonb,
	"batch_id" text,
	"detail" text,
	"row_count" integer,
	CONSTRAINT "audit_log_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspector_schools" (
	"district_id" text NOT NULL,
	"username" text NOT NULL,
	"school_code" text NOT NULL,
	CONSTRAINT "inspector_schools_district_id_username_school_code_pk" PRIMARY KEY("district_id","username","school_code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"district_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"username" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_district_id_token_hash_pk" PRIMARY KEY("district_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"district_id" text NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"school_code" text,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_district_id_username_pk" PRIMARY KEY("district_id","username")
);
--> statement-breakpoint
CREATE TABLE "academic_years" (
	"district_id" text NOT NULL,
	"year" integer NOT NULL,
	"is_current" boolean DEFAULT false NOT NULL,
	CONSTRAINT "academic_years_district_id_year_pk" PRIMARY KEY("district_id","year")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"district_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grade_enrolments" (
	"district_id" text NOT NULL,
	"school_code" text NOT NULL,
	"year" integer NOT NULL,
	"grade" smallint NOT NULL,
	"students" integer NOT NULL,
	CONSTRAINT "grade_enrolments_district_id_school_code_year_grade_pk" PRIMARY KEY("district_id","school_code","year","grade")
);
--> statement-breakpoint
CREATE TABLE "school_classes" (
	"district_id" text NOT NULL,
	"school_code" text NOT NULL,
	"year" integer NOT NULL,
	"grade" smallint NOT NULL,
	"class_no" smallint NOT NULL,
	"size" integer NOT NULL,
	CONSTRAINT "school_classes_district_id_school_code_year_grade_class_no_pk" PRIMARY KEY("district_id","school_code","year","grade","class_no")
);
--> statement-breakpoint
CREATE TABLE "school_year_stats" (
	"district_id" text NOT NULL,
	"school_code" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_comment" text,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"teachers_total" integer,
	"teachers_above_degree" integer,
	"teachers_postgraduate" integer,
	"backbone_county" integer,
	"backbone_city" integer,
	"backbone_province" integer,
	"pe_teachers" integer,
	"music_teachers" integer,
	"art_teachers" integer,
	"senior_title_teachers" integer,
	"certified_teachers" integer,
	"teachers_age_under30" integer,
	"teachers_age_30_39" integer,
	"teachers_age_40_49" integer,
	"teachers_age_50plus" integer,
	"building_area_m2" double precision,
	"teaching_aux_area_m2" double precision,
	"indoor_sports_area_m2" double precision,
	"sports_ground_area_m2" double precision,
	"equipment_value_yuan" double precision,
	"multimedia_classrooms" integer,
	"computers" integer,
	"books" integer,
	"music_rooms" integer,
	"art_rooms" integer,
	CONSTRAINT "school_year_stats_district_id_school_code_year_pk" PRIMARY KEY("district_id","school_code","year")
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"district_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"ownership" text NOT NULL,
	"location" text NOT NULL,
	"is_island" boolean DEFAULT false NOT NULL,
	"is_boarding" boolean DEFAULT false NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"group_name" text,
	"is_open" boolean DEFAULT true NOT NULL,
	CONSTRAINT "schools_district_id_code_pk" PRIMARY KEY("district_id","code")
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academic_years" ADD CONSTRAINT "academic_years_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("district_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "school_year_stats_year" ON "school_year_stats" USING btree ("district_id","year");
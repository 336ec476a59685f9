CREATE TABLE "fitness_results" (
	"district_id" text NOT NULL,
	"year" smallint NOT NULL,
	"student_id" text NOT NULL,
	"school_code" text NOT NULL,
	"grade" smallint NOT NULL,
	"sex" text NOT NULL,
	"height_cm" double precision,
	"weight_kg" double precision,
	"results" jsonb NOT NULL,
	"pack_id" text NOT NULL,
	"pack_version" integer NOT NULL,
	"bmi" double precision,
	"items" jsonb NOT NULL,
	"standard" double precision,
	"bonus" double precision NOT NULL,
	"total" double precision,
	"level" text,
	"open_reason" text,
	"row" integer NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fitness_results_district_id_year_student_id_pk" PRIMARY KEY("district_id","year","student_id")
);
--> statement-breakpoint
ALTER TABLE "fitness_results" ADD CONSTRAINT "fitness_results_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fitness_results_school" ON "fitness_results" USING btree ("district_id","year","school_code");
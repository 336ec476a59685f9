CREATE TABLE "planning_births" (
	"district_id" text NOT NULL,
	"township" text NOT NULL,
	"year" integer NOT NULL,
	"births" integer NOT NULL,
	CONSTRAINT "planning_births_district_id_township_year_pk" PRIMARY KEY("district_id","township","year")
);
--> statement-breakpoint
CREATE TABLE "planning_exchange_plans" (
	"district_id" text NOT NULL,
	"id" serial NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"params" jsonb NOT NULL,
	"teachers" jsonb NOT NULL,
	"schools" jsonb NOT NULL,
	"moves" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone,
	"locked_by" text,
	"locked_at" timestamp with time zone,
	CONSTRAINT "planning_exchange_plans_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "planning_housing" (
	"district_id" text NOT NULL,
	"id" serial NOT NULL,
	"school_code" text NOT NULL,
	"name" text NOT NULL,
	"units" integer NOT NULL,
	"children_per_unit" double precision NOT NULL,
	"move_in_year" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planning_housing_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "planning_map_layers" (
	"district_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"geojson" jsonb NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planning_map_layers_district_id_kind_pk" PRIMARY KEY("district_id","kind")
);
--> statement-breakpoint
CREATE TABLE "planning_pairings" (
	"district_id" text NOT NULL,
	"id" serial NOT NULL,
	"year" integer NOT NULL,
	"lead_code" text NOT NULL,
	"member_code" text NOT NULL,
	"type" text NOT NULL,
	"note" text,
	"confirmed_by" text NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planning_pairings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "planning_school_inputs" (
	"district_id" text NOT NULL,
	"school_code" text NOT NULL,
	"township" text,
	"classrooms" integer,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planning_school_inputs_district_id_school_code_pk" PRIMARY KEY("district_id","school_code")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "planning_pairings_member" ON "planning_pairings" USING btree ("district_id","year","member_code");
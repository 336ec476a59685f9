CREATE TABLE "balance_evaluations" (
	"district_id" text NOT NULL,
	"id" bigserial NOT NULL,
	"year" integer NOT NULL,
	"standard_id" text NOT NULL,
	"standard_version" integer NOT NULL,
	"note" text,
	"result" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balance_evaluations_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "standard_packs" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"extends_id" text NOT NULL,
	"extends_version" integer NOT NULL,
	"name" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standard_packs_district_id_id_version_pk" PRIMARY KEY("district_id","id","version")
);
--> statement-breakpoint
ALTER TABLE "balance_evaluations" ADD CONSTRAINT "balance_evaluations_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_packs" ADD CONSTRAINT "standard_packs_district_id_districts_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "balance_evaluations_year" ON "balance_evaluations" USING btree ("district_id","year");
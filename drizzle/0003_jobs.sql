CREATE TABLE "jobs" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"phase" text DEFAULT 'queued' NOT NULL,
	"done" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"message" text,
	"username" text NOT NULL,
	"subject" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"problem_count" integer,
	"owner" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE INDEX "jobs_unfinished" ON "jobs" USING btree ("state") WHERE state in ('queued', 'running');
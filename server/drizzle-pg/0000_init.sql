CREATE TABLE "indexed_blocks" (
	"number" integer PRIMARY KEY NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indexer_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"next_block" integer NOT NULL,
	"block_hash" text,
	"last_reorg" text,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"type" text NOT NULL,
	"data" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"prompt" text NOT NULL,
	"token_id" text NOT NULL,
	"stage" text NOT NULL,
	"recipient" text,
	"aigc_data" text,
	"image_cid" text,
	"output_cid" text,
	"proof_cid" text,
	"metadata_cid" text,
	"mint_salt" text,
	"commit_tx" text,
	"mint_tx" text,
	"error_code" text,
	"error_message" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_expires_at" bigint,
	"run_after" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "token_transfers" (
	"block_number" integer NOT NULL,
	"log_index" integer NOT NULL,
	"token_id" text NOT NULL,
	"owner" text NOT NULL,
	"transaction_hash" text NOT NULL,
	CONSTRAINT "token_transfers_block_number_log_index_pk" PRIMARY KEY("block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"token_id" text PRIMARY KEY NOT NULL,
	"prompt" text NOT NULL,
	"owner" text NOT NULL,
	"aigc_data" text NOT NULL,
	"token_uri" text NOT NULL,
	"minted_block" integer NOT NULL,
	"minted_tx" text NOT NULL,
	"minted_at" integer NOT NULL,
	"updated_block" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_events" ADD CONSTRAINT "job_events_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_events_job_idx" ON "job_events" USING btree ("job_id","id");--> statement-breakpoint
CREATE INDEX "jobs_stage_idx" ON "jobs" USING btree ("stage","created_at");--> statement-breakpoint
CREATE INDEX "jobs_token_idx" ON "jobs" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "token_transfers_token_idx" ON "token_transfers" USING btree ("token_id","block_number");--> statement-breakpoint
CREATE INDEX "tokens_minted_idx" ON "tokens" USING btree ("minted_block");
-- CreateTable
CREATE TABLE "price_watch_runs" (
    "run_id" TEXT NOT NULL,
    "to_rate_card_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "from_rate_card_id" TEXT NOT NULL,
    "chunks" INTEGER NOT NULL,
    "scenarios" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "price_watch_runs_pkey" PRIMARY KEY ("run_id")
);

-- CreateTable
CREATE TABLE "price_watch_chunks" (
    "run_id" TEXT NOT NULL,
    "lo" UUID NOT NULL,
    "hi" UUID NOT NULL,
    "repriced" INTEGER,
    "events" INTEGER,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "price_watch_chunks_pkey" PRIMARY KEY ("run_id","lo")
);

-- CreateTable
CREATE TABLE "price_changes" (
    "id" UUID NOT NULL,
    "team" TEXT NOT NULL,
    "scenario_id" UUID NOT NULL,
    "scenario_version" INTEGER NOT NULL,
    "scenario_name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "from_rate_card_id" TEXT NOT NULL,
    "to_rate_card_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "rates" JSONB NOT NULL,
    "options" JSONB NOT NULL,
    "recommendation_before" TEXT,
    "recommendation_after" TEXT,
    "recommendation_changed" BOOLEAN NOT NULL,
    "max_change_usd" DOUBLE PRECISION NOT NULL,
    "max_change_percent" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhooks" (
    "id" UUID NOT NULL,
    "team" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "secret_hint" TEXT NOT NULL,
    "events" TEXT[],
    "threshold_percent" DOUBLE PRECISION,
    "threshold_usd" DOUBLE PRECISION,
    "created_by_key_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "webhook_id" UUID NOT NULL,
    "team" TEXT NOT NULL,
    "price_change_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "duration_ms" INTEGER NOT NULL,
    "status_code" INTEGER,
    "outcome" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "price_changes_team_created_at_id_idx" ON "price_changes"("team", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "price_changes_team_scenario_id_created_at_idx" ON "price_changes"("team", "scenario_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "price_changes_scenario_id_scenario_version_run_id_key" ON "price_changes"("scenario_id", "scenario_version", "run_id");

-- CreateIndex
CREATE INDEX "webhooks_team_idx" ON "webhooks"("team");

-- CreateIndex
CREATE INDEX "webhook_deliveries_webhook_id_created_at_idx" ON "webhook_deliveries"("webhook_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_webhook_id_price_change_id_event_type_key" ON "webhook_deliveries"("webhook_id", "price_change_id", "event_type");

-- CreateIndex
CREATE INDEX "webhook_attempts_delivery_id_attempted_at_idx" ON "webhook_attempts"("delivery_id", "attempted_at");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_price_change_id_fkey" FOREIGN KEY ("price_change_id") REFERENCES "price_changes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

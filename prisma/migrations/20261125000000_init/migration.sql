-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ApiRole" AS ENUM ('viewer', 'editor', 'admin');

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "team" TEXT NOT NULL,
    "role" "ApiRole" NOT NULL,
    "name" TEXT,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_card_versions" (
    "id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "price_list_version" TEXT NOT NULL,
    "publication_date" TEXT NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "content_hash" TEXT NOT NULL,
    "rates" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_card_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenarios" (
    "id" UUID NOT NULL,
    "team" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "tags" TEXT[],
    "workload" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_key_id" UUID NOT NULL,
    "updated_by_key_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "scenarios_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenario_versions" (
    "scenario_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "tags" TEXT[],
    "workload" JSONB NOT NULL,
    "evaluation" JSONB NOT NULL,
    "rate_card_id" TEXT NOT NULL,
    "created_by_key_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scenario_versions_pkey" PRIMARY KEY ("scenario_id","version")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE INDEX "api_keys_team_idx" ON "api_keys"("team");

-- CreateIndex
CREATE INDEX "rate_card_versions_region_created_at_idx" ON "rate_card_versions"("region", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "rate_card_versions_region_content_hash_key" ON "rate_card_versions"("region", "content_hash");

-- CreateIndex
CREATE INDEX "scenarios_team_created_at_id_idx" ON "scenarios"("team", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "scenarios_tags_idx" ON "scenarios" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "scenario_versions" ADD CONSTRAINT "scenario_versions_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_versions" ADD CONSTRAINT "scenario_versions_rate_card_id_fkey" FOREIGN KEY ("rate_card_id") REFERENCES "rate_card_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

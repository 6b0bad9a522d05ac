-- The school's side (issue 15): deliveries of finished photos (a batch and the photos in it, with the file name each
-- got), schools' API keys (hashed), the log of every export and download of students' data, the roster's class and
-- exam number, and the campaign's file-naming choice for deliveries.
ALTER TABLE "Roster"
    ADD COLUMN "ClassName" character varying(50) NOT NULL DEFAULT '',
    ADD COLUMN "ExamNumber" character varying(32) NOT NULL DEFAULT '';

ALTER TABLE "Campaigns"
    ADD COLUMN "DeliveryNaming" character varying(20) NOT NULL DEFAULT 'StudentNumber';

CREATE TABLE "DeliveryBatches" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CampaignId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Level" character varying(20),
    "College" character varying(100),
    "Naming" character varying(20) NOT NULL,
    "PhotoCount" integer NOT NULL,
    "CreatedBy" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DeliveredAt" timestamp with time zone,
    CONSTRAINT "PK_DeliveryBatches" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DeliveryBatches_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_DeliveryBatches_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DeliveryItems" (
    "BatchId" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "RecordId" uuid NOT NULL,
    "PhotoId" uuid NOT NULL,
    "FileName" character varying(100) NOT NULL,
    "WantedName" character varying(100),
    CONSTRAINT "PK_DeliveryItems" PRIMARY KEY ("BatchId", "OrderId"),
    CONSTRAINT "FK_DeliveryItems_DeliveryBatches_BatchId" FOREIGN KEY ("BatchId") REFERENCES "DeliveryBatches" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DeliveryItems_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_DeliveryItems_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SchoolApiKeys" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(50) NOT NULL,
    "Prefix" character varying(16) NOT NULL,
    "Hash" bytea NOT NULL,
    "CreatedBy" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastUsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_SchoolApiKeys" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SchoolApiKeys_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DataExports" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "TenantId" uuid NOT NULL,
    "AccountId" uuid,
    "ApiKeyId" uuid,
    "Kind" character varying(40) NOT NULL,
    "Subject" character varying(200) NOT NULL,
    "Records" integer NOT NULL,
    "Address" character varying(64) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_DataExports" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DataExports_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DataExports_TenantId_At" ON "DataExports" ("TenantId", "At");
CREATE INDEX "IX_DeliveryBatches_CampaignId" ON "DeliveryBatches" ("CampaignId");
CREATE INDEX "IX_DeliveryBatches_TenantId_CampaignId_CreatedAt" ON "DeliveryBatches" ("TenantId", "CampaignId", "CreatedAt");
CREATE UNIQUE INDEX "IX_DeliveryBatches_TenantId_Number" ON "DeliveryBatches" ("TenantId", "Number");
CREATE UNIQUE INDEX "IX_DeliveryItems_TenantId_BatchId_FileName" ON "DeliveryItems" ("TenantId", "BatchId", "FileName");
CREATE INDEX "IX_DeliveryItems_OrderId" ON "DeliveryItems" ("OrderId");
CREATE INDEX "IX_DeliveryItems_TenantId_OrderId" ON "DeliveryItems" ("TenantId", "OrderId");
CREATE UNIQUE INDEX "IX_SchoolApiKeys_TenantId_Hash" ON "SchoolApiKeys" ("TenantId", "Hash");
CREATE INDEX "IX_SchoolApiKeys_TenantId_CreatedAt" ON "SchoolApiKeys" ("TenantId", "CreatedAt");

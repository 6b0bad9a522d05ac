-- Online collection: campaigns, rosters, students' collection records, photos and their checks, orders (the rows
-- behind the order grains; xmin is their version), grain states, reviewers' rejection reasons, payments.
-- Produced from the EF model with ./photocollect schema and checked by SchemaShould.MatchTheEfModel.
CREATE TABLE "Campaigns" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "FeatureCode" character varying(16) NOT NULL,
    "StartsAt" timestamp with time zone NOT NULL,
    "EndsAt" timestamp with time zone NOT NULL,
    "PriceFen" bigint NOT NULL,
    "ReprintPriceFen" bigint NOT NULL,
    "Levels" text[] NOT NULL,
    "CaptureMode" character varying(16) NOT NULL,
    "Verification" character varying(16) NOT NULL,
    "LiveCameraOnly" boolean NOT NULL,
    "RearCameraHint" boolean NOT NULL,
    "CompareWithAdmission" boolean NOT NULL,
    "ComparisonThreshold" double precision NOT NULL,
    "VisionThresholds" jsonb,
    "SupportPhone" character varying(40) NOT NULL,
    "SupportHours" character varying(100) NOT NULL,
    "AgreementText" text NOT NULL,
    "PayWithinMinutes" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Campaigns" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Campaigns_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "GrainStates" (
    "TenantId" uuid NOT NULL,
    "GrainType" character varying(32) NOT NULL,
    "GrainId" character varying(64) NOT NULL,
    "Json" jsonb NOT NULL,
    CONSTRAINT "PK_GrainStates" PRIMARY KEY ("TenantId", "GrainType", "GrainId"),
    CONSTRAINT "FK_GrainStates_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RejectReasons" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Code" character varying(40) NOT NULL,
    "Title" character varying(100) NOT NULL,
    "Fix" character varying(300) NOT NULL,
    "Position" integer NOT NULL,
    "Retired" boolean NOT NULL,
    CONSTRAINT "PK_RejectReasons" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RejectReasons_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Roster" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "StudentNumber" character varying(32) NOT NULL,
    "Name" character varying(50) NOT NULL,
    "IdLastFour" character varying(4) NOT NULL,
    "Level" character varying(20) NOT NULL,
    "College" character varying(100) NOT NULL,
    "Major" character varying(100) NOT NULL,
    "ImportedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Roster" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Roster_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StudentRecords" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "CampaignId" uuid NOT NULL,
    "Name" character varying(50) NOT NULL,
    "Gender" character varying(4) NOT NULL,
    "BirthDate" date,
    "IdNumber" character varying(18) NOT NULL,
    "Level" character varying(20) NOT NULL,
    "College" character varying(100) NOT NULL,
    "Major" character varying(100) NOT NULL,
    "StudentNumber" character varying(32) NOT NULL,
    "AdmissionDate" date,
    "LeavingDate" date,
    "Phone" character varying(11) NOT NULL,
    "CodeHash" character varying(64),
    "AdmissionPhoto" bytea,
    "VerifiedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StudentRecords" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_StudentRecords_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_StudentRecords_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_StudentRecords_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Orders" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Number" character varying(24) NOT NULL,
    "AccountId" uuid NOT NULL,
    "RecordId" uuid NOT NULL,
    "CampaignId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "PriceFen" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Status" character varying(24) NOT NULL,
    "PhotoId" uuid,
    "PaymentReference" character varying(64),
    "RejectReason" character varying(40),
    "CreatedAt" timestamp with time zone NOT NULL,
    "PayBy" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "History" jsonb NOT NULL,
    CONSTRAINT "PK_Orders" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Orders_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Orders_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Orders_StudentRecords_RecordId" FOREIGN KEY ("RecordId") REFERENCES "StudentRecords" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Photos" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "RecordId" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "Source" bytea NOT NULL,
    "Standard" bytea,
    "Passed" boolean NOT NULL,
    "Checks" jsonb NOT NULL,
    "ComparisonScore" double precision,
    "SamePerson" boolean,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Photos" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Photos_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Photos_StudentRecords_RecordId" FOREIGN KEY ("RecordId") REFERENCES "StudentRecords" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Payments" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "Provider" character varying(16) NOT NULL,
    "AmountFen" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "State" character varying(16) NOT NULL,
    "ProviderReference" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "PaidAt" timestamp with time zone,
    CONSTRAINT "PK_Payments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Payments_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Campaigns_TenantId_StartsAt" ON "Campaigns" ("TenantId", "StartsAt");

CREATE INDEX "IX_Orders_CampaignId" ON "Orders" ("CampaignId");

CREATE INDEX "IX_Orders_RecordId" ON "Orders" ("RecordId");

CREATE INDEX "IX_Orders_TenantId_AccountId_CreatedAt" ON "Orders" ("TenantId", "AccountId", "CreatedAt");

CREATE UNIQUE INDEX "IX_Orders_TenantId_Number" ON "Orders" ("TenantId", "Number");

CREATE UNIQUE INDEX "IX_Orders_TenantId_RecordId_Open" ON "Orders" ("TenantId", "RecordId") WHERE "Status" NOT IN ('Closed', 'Refunded');

CREATE INDEX "IX_Orders_TenantId_Status_UpdatedAt" ON "Orders" ("TenantId", "Status", "UpdatedAt");

CREATE INDEX "IX_Payments_OrderId" ON "Payments" ("OrderId");

CREATE UNIQUE INDEX "IX_Payments_TenantId_OrderId_Succeeded" ON "Payments" ("TenantId", "OrderId") WHERE "State" = 'succeeded';

CREATE INDEX "IX_Photos_RecordId" ON "Photos" ("RecordId");

CREATE INDEX "IX_Photos_TenantId_RecordId_CreatedAt" ON "Photos" ("TenantId", "RecordId", "CreatedAt");

CREATE UNIQUE INDEX "IX_RejectReasons_TenantId_Code" ON "RejectReasons" ("TenantId", "Code");

CREATE UNIQUE INDEX "IX_Roster_TenantId_StudentNumber" ON "Roster" ("TenantId", "StudentNumber");

CREATE INDEX "IX_StudentRecords_AccountId" ON "StudentRecords" ("AccountId");

CREATE INDEX "IX_StudentRecords_CampaignId" ON "StudentRecords" ("CampaignId");

CREATE UNIQUE INDEX "IX_StudentRecords_TenantId_AccountId_CampaignId" ON "StudentRecords" ("TenantId", "AccountId", "CampaignId");

CREATE UNIQUE INDEX "IX_StudentRecords_TenantId_CampaignId_StudentNumber" ON "StudentRecords" ("TenantId", "CampaignId", "StudentNumber");

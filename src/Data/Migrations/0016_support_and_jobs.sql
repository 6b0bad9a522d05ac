-- The operator's console and support (issue 16). "SmsLog": every SMS a school's sender tried, whatever the provider
-- (the dev outbox keeps its own copy in "SmsOutbox"), for support to see what a student was sent and to send the last
-- message again; a login code's digits are masked before the row is written. "JobRuns": each step of the payments'
-- minute and how it ended; "ProviderErrors": the payment providers' failures the jobs met, per school. Both kept 30 days.
CREATE TABLE "SmsLog" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "TenantId" uuid NOT NULL,
    "Phone" character varying(20) NOT NULL,
    "Template" character varying(32) NOT NULL,
    "Parameters" jsonb NOT NULL,
    "Text" character varying(500) NOT NULL,
    "Provider" character varying(24) NOT NULL,
    "Outcome" character varying(16) NOT NULL,
    "Error" character varying(500),
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SmsLog" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SmsLog_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_SmsLog_TenantId_At" ON "SmsLog" ("TenantId", "At");

CREATE INDEX "IX_SmsLog_TenantId_Phone_At" ON "SmsLog" ("TenantId", "Phone", "At");

CREATE TABLE "JobRuns" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "Job" character varying(40) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone NOT NULL,
    "Succeeded" boolean NOT NULL,
    "Error" character varying(1000),
    CONSTRAINT "PK_JobRuns" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_JobRuns_Job_StartedAt" ON "JobRuns" ("Job", "StartedAt");

CREATE INDEX "IX_JobRuns_StartedAt" ON "JobRuns" ("StartedAt");

CREATE TABLE "ProviderErrors" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "TenantId" uuid NOT NULL,
    "Provider" character varying(24) NOT NULL,
    "Operation" character varying(24) NOT NULL,
    "Reference" character varying(64) NOT NULL,
    "Message" character varying(500) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ProviderErrors" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProviderErrors_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ProviderErrors_At" ON "ProviderErrors" ("At");

CREATE INDEX "IX_ProviderErrors_TenantId_At" ON "ProviderErrors" ("TenantId", "At");

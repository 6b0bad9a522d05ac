-- The operator onboards schools (issue 16): one-time links that set up a school's first admin (only the token's
-- SHA-256 is kept), a school's uploaded logo, and settings the platform holds once for every school (the WeChat Pay
-- service provider's merchant and keys, under which a school is only a sub-merchant).
CREATE TABLE "StaffInvites" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Email" character varying(256) NOT NULL,
    "Phone" character varying(20),
    "Role" character varying(32) NOT NULL,
    "TokenHash" bytea NOT NULL,
    "CreatedBy" character varying(256) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "AccountId" uuid,
    CONSTRAINT "PK_StaffInvites" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_StaffInvites_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_StaffInvites_TenantId_TokenHash" ON "StaffInvites" ("TenantId", "TokenHash");
CREATE INDEX "IX_StaffInvites_TenantId_CreatedAt" ON "StaffInvites" ("TenantId", "CreatedAt");

CREATE TABLE "SchoolLogos" (
    "TenantId" uuid NOT NULL,
    "ContentType" character varying(32) NOT NULL,
    "Bytes" bytea NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SchoolLogos" PRIMARY KEY ("TenantId"),
    CONSTRAINT "FK_SchoolLogos_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PlatformSettings" (
    "Section" character varying(64) NOT NULL,
    "Json" jsonb NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PlatformSettings" PRIMARY KEY ("Section")
);

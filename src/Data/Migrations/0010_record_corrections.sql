-- Corrections staff make to a student's record before the on-site shoot (seed 001 Q2), with who, when and what.
CREATE TABLE "RecordCorrections" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "RecordId" uuid NOT NULL,
    "Field" character varying(20) NOT NULL,
    "OldValue" character varying(100) NOT NULL,
    "NewValue" character varying(100) NOT NULL,
    "Reason" character varying(200) NOT NULL,
    "By" character varying(256) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_RecordCorrections" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RecordCorrections_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RecordCorrections_StudentRecords_RecordId" FOREIGN KEY ("RecordId") REFERENCES "StudentRecords" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RecordCorrections_TenantId_RecordId_At" ON "RecordCorrections" ("TenantId", "RecordId", "At");
CREATE INDEX "IX_RecordCorrections_RecordId" ON "RecordCorrections" ("RecordId");

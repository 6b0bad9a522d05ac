-- Personal data lifecycle (issue 16; 个人信息保护法, 人脸识别技术应用安全管理办法; decision 011). Each campaign says how
-- long its personal data is kept: uploads and admission photos for days after the record's photo was delivered (or
-- after the window end when it never was), 30 by default; standard photos, ID numbers and phone numbers for days
-- after the window end, or (null, the default) to the end of the campaign year. The daily purge applies them.
ALTER TABLE "Campaigns"
    ADD COLUMN "SourcePhotoRetentionDays" integer NOT NULL DEFAULT 30,
    ADD COLUMN "AdmissionPhotoRetentionDays" integer NOT NULL DEFAULT 30,
    ADD COLUMN "StandardPhotoRetentionDays" integer,
    ADD COLUMN "IdNumberRetentionDays" integer,
    ADD COLUMN "PhoneRetentionDays" integer;

-- An upload is deleted before its standard photo: the row stays with the standard photo alone, and goes with it.
ALTER TABLE "PhotoFiles" ALTER COLUMN "Source" DROP NOT NULL;

-- When each record's photo was delivered, for the purge.
CREATE INDEX "IX_DeliveryItems_TenantId_RecordId" ON "DeliveryItems" ("TenantId", "RecordId");

-- What each run removed, per school (counts only).
CREATE TABLE "RetentionRuns" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "TenantId" uuid NOT NULL,
    "RanAt" timestamp with time zone NOT NULL,
    "SourcePhotos" integer NOT NULL,
    "StandardPhotos" integer NOT NULL,
    "AdmissionPhotos" integer NOT NULL,
    "IdNumbers" integer NOT NULL,
    "Phones" integer NOT NULL,
    CONSTRAINT "PK_RetentionRuns" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RetentionRuns_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RetentionRuns_TenantId_RanAt" ON "RetentionRuns" ("TenantId", "RanAt");

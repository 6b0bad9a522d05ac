-- Photo bytes out of the rows pages read: a photo's upload (up to 15 MB) and standard photo move to "PhotoFiles", a
-- record's admission photo to "AdmissionPhotos" (with its face aligned for comparison, filled at the next upload).
-- Existing bytes are copied, then the old columns dropped. DROP COLUMN only marks them dropped; the space of the
-- old values comes back as rows are rewritten (or with VACUUM FULL at a quiet hour).
CREATE TABLE "PhotoFiles" (
    "PhotoId" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Source" bytea NOT NULL,
    "Standard" bytea,
    CONSTRAINT "PK_PhotoFiles" PRIMARY KEY ("PhotoId"),
    CONSTRAINT "FK_PhotoFiles_Photos_PhotoId" FOREIGN KEY ("PhotoId") REFERENCES "Photos" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PhotoFiles_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PhotoFiles_TenantId" ON "PhotoFiles" ("TenantId");

INSERT INTO "PhotoFiles" ("PhotoId", "TenantId", "Source", "Standard")
SELECT "Id", "TenantId", "Source", "Standard" FROM "Photos";

ALTER TABLE "Photos" DROP COLUMN "Source", DROP COLUMN "Standard";

CREATE TABLE "AdmissionPhotos" (
    "RecordId" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Image" bytea NOT NULL,
    "Face" bytea,
    CONSTRAINT "PK_AdmissionPhotos" PRIMARY KEY ("RecordId"),
    CONSTRAINT "FK_AdmissionPhotos_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AdmissionPhotos_StudentRecords_RecordId" FOREIGN KEY ("RecordId") REFERENCES "StudentRecords" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AdmissionPhotos_TenantId" ON "AdmissionPhotos" ("TenantId");

INSERT INTO "AdmissionPhotos" ("RecordId", "TenantId", "Image")
SELECT "Id", "TenantId", "AdmissionPhoto" FROM "StudentRecords" WHERE "AdmissionPhoto" IS NOT NULL;

ALTER TABLE "StudentRecords" DROP COLUMN "AdmissionPhoto";

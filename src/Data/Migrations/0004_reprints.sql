-- 加洗 (reprints): an order for more prints of an approved photo. It sits beside the record's collection order, so
-- the one-open-order rule covers collection orders only.
ALTER TABLE "Orders" ADD "Copies" integer NOT NULL DEFAULT 1;
ALTER TABLE "Orders" ALTER COLUMN "Copies" DROP DEFAULT;

DROP INDEX "IX_Orders_TenantId_RecordId_Open";
CREATE UNIQUE INDEX "IX_Orders_TenantId_RecordId_Open" ON "Orders" ("TenantId", "RecordId") WHERE "Status" NOT IN ('Closed', 'Refunded') AND "Kind" <> 'Reprint';

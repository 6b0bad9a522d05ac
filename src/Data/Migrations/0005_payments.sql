-- Real payment providers: the provider's checkout id and closing time on a payment, and refunds tracked until final.
ALTER TABLE "Payments" ADD "ProviderCheckout" character varying(128);
ALTER TABLE "Payments" ADD "ClosedAt" timestamp with time zone;

CREATE TABLE "Refunds" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "PaymentId" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "AmountFen" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Reason" character varying(80) NOT NULL,
    "State" character varying(16) NOT NULL,
    "ProviderReference" character varying(64),
    "RequestedBy" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    CONSTRAINT "PK_Refunds" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Refunds_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Refunds_Payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "Payments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Refunds_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Refunds_OrderId" ON "Refunds" ("OrderId");
CREATE INDEX "IX_Refunds_PaymentId" ON "Refunds" ("PaymentId");
CREATE INDEX "IX_Refunds_TenantId_PaymentId" ON "Refunds" ("TenantId", "PaymentId");
CREATE INDEX "IX_Refunds_TenantId_State" ON "Refunds" ("TenantId", "State");

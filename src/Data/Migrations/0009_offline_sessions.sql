-- Offline collection (issue 14): sessions (场次) with bookable slots, one booking per order, and the campaign's
-- rules for booking and for a called student who is not there (过号).
ALTER TABLE "Campaigns"
    ADD COLUMN "BookingEnabled" boolean NOT NULL DEFAULT true,
    ADD COLUMN "MissedGoesToEnd" boolean NOT NULL DEFAULT true;

CREATE TABLE "CollectionSessions" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CampaignId" uuid NOT NULL,
    "Place" character varying(100) NOT NULL,
    "Day" date NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CollectionSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CollectionSessions_Campaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "Campaigns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CollectionSessions_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CollectionSessions_TenantId_CampaignId_Day" ON "CollectionSessions" ("TenantId", "CampaignId", "Day");
CREATE INDEX "IX_CollectionSessions_CampaignId" ON "CollectionSessions" ("CampaignId");

CREATE TABLE "SessionSlots" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "StartsAt" timestamp with time zone NOT NULL,
    "EndsAt" timestamp with time zone NOT NULL,
    "Capacity" integer NOT NULL,
    CONSTRAINT "PK_SessionSlots" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SessionSlots_CollectionSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "CollectionSessions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SessionSlots_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_SessionSlots_TenantId_SessionId_StartsAt" ON "SessionSlots" ("TenantId", "SessionId", "StartsAt");
CREATE INDEX "IX_SessionSlots_SessionId" ON "SessionSlots" ("SessionId");

CREATE TABLE "SlotBookings" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "SlotId" uuid NOT NULL,
    "BookedAt" timestamp with time zone NOT NULL,
    "BookedBy" character varying(256),
    CONSTRAINT "PK_SlotBookings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SlotBookings_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SlotBookings_SessionSlots_SlotId" FOREIGN KEY ("SlotId") REFERENCES "SessionSlots" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SlotBookings_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_SlotBookings_TenantId_OrderId" ON "SlotBookings" ("TenantId", "OrderId");
CREATE INDEX "IX_SlotBookings_TenantId_SlotId" ON "SlotBookings" ("TenantId", "SlotId");
CREATE INDEX "IX_SlotBookings_OrderId" ON "SlotBookings" ("OrderId");
CREATE INDEX "IX_SlotBookings_SlotId" ON "SlotBookings" ("SlotId");

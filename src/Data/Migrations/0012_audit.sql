-- The audit trail (issue 16): who did what, where and when. Append-only: a trigger refuses every UPDATE, DELETE and
-- TRUNCATE of the table whatever the role (a superuser too), so neither the application nor a stray script can
-- rewrite it. A school with audit rows cannot be deleted (the foreign key restricts); schools are suspended, not deleted.
CREATE TABLE "AuditEvents" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "TenantId" uuid,
    "AccountId" uuid,
    "Who" character varying(256) NOT NULL,
    "Roles" character varying(100) NOT NULL,
    "Address" character varying(64) NOT NULL,
    "Action" character varying(40) NOT NULL,
    "Subject" character varying(200) NOT NULL,
    "Details" jsonb,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AuditEvents" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AuditEvents_Schools_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_AuditEvents_TenantId_Action_At" ON "AuditEvents" ("TenantId", "Action", "At");

CREATE INDEX "IX_AuditEvents_TenantId_At" ON "AuditEvents" ("TenantId", "At");

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditEvents_append_only" BEFORE UPDATE OR DELETE ON "AuditEvents"
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER "AuditEvents_no_truncate" BEFORE TRUNCATE ON "AuditEvents"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvents" FROM PUBLIC;

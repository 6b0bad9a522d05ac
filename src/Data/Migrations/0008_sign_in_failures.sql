-- Failed staff sign-ins for the throttle by address and by address and account (the account is no longer locked).
CREATE TABLE "SignInFailures" (
    "Id" uuid NOT NULL,
    "Address" character varying(45) NOT NULL,
    "Account" character varying(300) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SignInFailures" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_SignInFailures_Address_Account_At" ON "SignInFailures" ("Address", "Account", "At");

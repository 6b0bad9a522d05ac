-- The roles are part of the product, not demo data: fixed ids so every database has the same ones.
INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES
    ('00000000-0000-0000-0000-000000000001', 'PlatformOperator', 'PLATFORMOPERATOR', '1'),
    ('00000000-0000-0000-0000-000000000002', 'SchoolAdmin', 'SCHOOLADMIN', '1'),
    ('00000000-0000-0000-0000-000000000003', 'Reviewer', 'REVIEWER', '1'),
    ('00000000-0000-0000-0000-000000000004', 'Photographer', 'PHOTOGRAPHER', '1'),
    ('00000000-0000-0000-0000-000000000005', 'Student', 'STUDENT', '1');

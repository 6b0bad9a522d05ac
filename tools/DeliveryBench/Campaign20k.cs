using Npgsql;

namespace Photocollect.DeliveryBench;

/// <summary>
/// Fills 南湖师范学院's graduation campaign with a large class in a few set-based statements (not timed): students
/// verified over two weeks in 4 levels, 12 colleges and 36 majors, and their orders spread over every status, with
/// payments, rejections (by the school's reasons) and approvals in their histories; the first
/// <c>photos</c> students are produced (已完成) and have the same real standard photo as their file.
/// </summary>
public static class Campaign20k
{
    /// <summary>Seeds; returns the campaign's id.</summary>
    public static async Task<Guid> SeedAsync(NpgsqlConnection c, Guid tenant, int students, int photos, byte[] standard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        async Task<object?> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, c);
            command.Parameters.AddWithValue("tenant", tenant);
            return await command.ExecuteScalarAsync(cancellationToken);
        }

        var campaign = (Guid)(await Scalar("""SELECT "Id" FROM "Campaigns" WHERE "TenantId" = @tenant AND "Kind" = 'Graduation' ORDER BY "StartsAt" DESC LIMIT 1"""))!;
        var reason = (string)(await Scalar("""SELECT "Code" FROM "RejectReasons" WHERE "TenantId" = @tenant ORDER BY "Position" LIMIT 1"""))!;
        // Shares of the class by where they stand: the produced first, then review, rejected, approved, unpaid, closed,
        // refunded; the rest verified without an order.
        var (review, rejected, approved, unpaid, closed, refunded) = (photos + (students * 15 / 100), 0, 0, 0, 0, 0);
        rejected = review + (students * 5 / 100);
        approved = rejected + (students * 15 / 100);
        unpaid = approved + (students * 10 / 100);
        closed = unpaid + (students * 5 / 100);
        refunded = closed + (students * 2 / 100);
        var sql = $$"""
            INSERT INTO "AspNetUsers" ("Id", "TenantId", "CreatedAt", "UserName", "NormalizedUserName", "EmailConfirmed", "SecurityStamp",
                "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT md5('bench-user-' || i)::uuid, @tenant, now(), p, p, false, md5('s' || i), md5('c' || i), p, true, false, false, 0
            FROM generate_series(1, @students) i, LATERAL (SELECT '1390' || lpad(i::text, 7, '0') AS p) x;

            INSERT INTO "StudentRecords" ("Id", "TenantId", "AccountId", "CampaignId", "Name", "Gender", "IdNumber", "Level", "College", "Major",
                "StudentNumber", "Phone", "VerifiedAt")
            SELECT md5('bench-record-' || i)::uuid, @tenant, md5('bench-user-' || i)::uuid, @campaign, '压测' || i, '男',
                '1101012003' || lpad((i % 10000)::text, 4, '0') || lpad((i % 10000)::text, 4, '0'),
                (ARRAY['本科', '本科', '本科', '专科', '硕士研究生', '博士研究生'])[1 + i % 6],
                '学院' || (1 + i % 12), '专业' || (1 + i % 36), 'B' || lpad(i::text, 7, '0'), '1390' || lpad(i::text, 7, '0'),
                now() - make_interval(days => i % 14, mins => i % 600)
            FROM generate_series(1, @students) i;

            INSERT INTO "Photos" ("Id", "TenantId", "RecordId", "AccountId", "Passed", "Checks", "CreatedAt")
            SELECT md5('bench-photo-' || i)::uuid, @tenant, md5('bench-record-' || i)::uuid, md5('bench-user-' || i)::uuid, true, '[]', now() - make_interval(days => i % 14)
            FROM generate_series(1, {{closed}}) i;

            INSERT INTO "PhotoFiles" ("PhotoId", "TenantId", "Source", "Standard")
            SELECT md5('bench-photo-' || i)::uuid, @tenant, @jpeg, @jpeg FROM generate_series(1, @photos) i;

            INSERT INTO "Orders" ("Id", "TenantId", "Number", "AccountId", "RecordId", "CampaignId", "Kind", "Copies", "PriceFen", "Currency",
                "Status", "PhotoId", "RejectReason", "CreatedAt", "PayBy", "UpdatedAt", "History")
            SELECT md5('bench-order-' || i)::uuid, @tenant, 'B' || lpad(i::text, 12, '0'), md5('bench-user-' || i)::uuid, md5('bench-record-' || i)::uuid,
                @campaign, 'Group', 1, 2500, 'CNY', s.status, md5('bench-photo-' || i)::uuid, CASE WHEN s.status = 'Rejected' THEN @reason END,
                now() - make_interval(days => i % 14, hours => 1), now() - make_interval(days => i % 14), now() - make_interval(hours => i % 72),
                CASE
                    WHEN s.status IN ('Completed', 'PendingProduction') THEN jsonb_build_array(
                        jsonb_build_object('from', 2, 'event', 4, 'to', 3, 'at', now() - make_interval(days => i % 14), 'actor', 'bench', 'note', @reason),
                        jsonb_build_object('from', 3, 'event', 5, 'to', 2, 'at', now() - make_interval(days => i % 14), 'actor', 'bench', 'note', null),
                        jsonb_build_object('from', 2, 'event', 3, 'to', 4, 'at', now() - make_interval(days => i % 10), 'actor', 'bench', 'note', null))
                    WHEN s.status = 'Rejected' THEN jsonb_build_array(
                        jsonb_build_object('from', 2, 'event', 4, 'to', 3, 'at', now() - make_interval(days => i % 14), 'actor', 'bench', 'note', @reason))
                    ELSE '[]'::jsonb END
            FROM generate_series(1, {{refunded}}) i, LATERAL (SELECT CASE
                WHEN i <= @photos THEN 'Completed' WHEN i <= {{review}} THEN 'PendingReview' WHEN i <= {{rejected}} THEN 'Rejected'
                WHEN i <= {{approved}} THEN 'PendingProduction' WHEN i <= {{unpaid}} THEN 'PendingPayment' WHEN i <= {{closed}} THEN 'Closed'
                ELSE 'Refunded' END AS status) s;

            INSERT INTO "Payments" ("Id", "TenantId", "OrderId", "Provider", "AmountFen", "Currency", "State", "CreatedAt", "PaidAt")
            SELECT md5('bench-payment-' || i)::uuid, @tenant, md5('bench-order-' || i)::uuid, 'Sandbox', 2500, 'CNY', 'succeeded',
                now() - make_interval(days => i % 14, hours => 1), now() - make_interval(days => i % 14)
            FROM generate_series(1, {{refunded}}) i WHERE i <= {{approved}} OR i > {{closed}};
            """;
        await using var seed = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
        seed.Parameters.AddWithValue("tenant", tenant);
        seed.Parameters.AddWithValue("campaign", campaign);
        seed.Parameters.AddWithValue("students", students);
        seed.Parameters.AddWithValue("photos", photos);
        seed.Parameters.AddWithValue("jpeg", standard);
        seed.Parameters.AddWithValue("reason", reason);
        await seed.ExecuteNonQueryAsync(cancellationToken);
        await using var analyze = new NpgsqlCommand("ANALYZE", c) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        return campaign;
    }
}

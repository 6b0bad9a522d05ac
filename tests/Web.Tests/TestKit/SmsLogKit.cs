using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>The school's SMS log (every send, whatever the provider, as support reads it) seen from a test.</summary>
public static class SmsLogKit
{
    /// <summary>What the student of an order (its record's phone) was sent at a school, oldest first.</summary>
    public static Task<List<SmsLogEntry>> SmsToStudentOfAsync(this AppFactory app, string slug, Guid orderId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InSchoolAsync(slug, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var phone = await (from o in db.Orders join r in db.StudentRecords on o.RecordId equals r.Id where o.Id == orderId select r.Phone).SingleAsync();
            return await db.SmsLog.AsNoTracking().Where(m => m.Phone == phone).OrderBy(m => m.Id).ToListAsync();
        });
    }

    /// <summary>The parameters a logged message was sent with.</summary>
    public static string[] ParametersOf(SmsLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return System.Text.Json.JsonSerializer.Deserialize<string[]>(entry.Parameters) ?? [];
    }
}

using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// Students a test puts on the second demo school's roster, inside its scope: as many as it needs (the ten demo students run out),
/// in the level, college, major and class it chooses. The registry simulator issues codes for any roster student.
/// </summary>
public static class Rostered
{
    private static int next = Random.Shared.Next(0, 500_000);

    /// <summary>A new roster student's number (2027 and six digits, unused by the demo roster).</summary>
    public static async Task<string> NewAsync(IServiceProvider sp, string level, string college, string major, string className = "")
    {
        var number = $"2027{Interlocked.Increment(ref next) % 1_000_000:000000}";
        var db = sp.GetRequiredService<AppDbContext>();
        db.Roster.Add(new RosterEntry
        {
            StudentNumber = number,
            Name = "测试" + number[^4..],
            IdLastFour = Photocollect.Collection.Registry.SimulatedIdentity.For(Photocollect.Web.Seeding.DemoSeeder.Schools[1].Code, number).IdNumber[^4..],
            Level = level,
            College = college,
            Major = major,
            ClassName = className,
        });
        await db.SaveChangesAsync();
        return number;
    }
}

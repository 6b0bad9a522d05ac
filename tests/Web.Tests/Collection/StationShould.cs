using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>The photographer's station beyond one photo at a time.</summary>
public sealed class StationShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task PutSeveralPhotosOnTheCalledNumbersInOrder()
    {
        var (session, _) = await app.NewSessionAsync(capacity: 5);
        var (shots, board) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var onSite = sp.GetRequiredService<OnSiteFlow>();
            Campaign campaign = null!;
            for (var i = 0; i < 3; i++)
            {
                (var account, campaign) = await OnSite.VerifiedStudentAsync(sp);
                await OnSite.PayAsync(sp, (await onSite.StartAsync(account.Id, campaign)).Value!);
                Assert.Equal(i + 1, (await onSite.TakeNumberAsync(account.Id, campaign, OnSite.Ticket(sp, session))).Value!.Number);
            }

            var station = sp.GetRequiredService<Station>();
            for (var shown = 0; shown < 3; shown++)
            {
                await station.CallNextAsync(session, shown);
            }

            var shots = await station.ShootSeveralAsync(session, campaign, [Faces.GoodPhoto(), Faces.GoodPhoto()]);
            return (shots, await station.BoardAsync(session));
        });

        Assert.Equal([1, 2], shots.Select(s => s.Number));
        Assert.All(shots, s => Assert.Null(s.Result.Problem));
        Assert.Equal([3], board.Open.Select(e => e.Number));
        Assert.Equal(2, board.Shot);
    }
}

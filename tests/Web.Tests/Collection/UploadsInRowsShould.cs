using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>Without an upload directory (the Helm chart without a shared volume) uploads stay in the database's rows.</summary>
public sealed class UploadsInRowsShould(UploadsInRowsShould.RowsApp app) : IClassFixture<UploadsInRowsShould.RowsApp>
{
    /// <summary>The app with no upload directory.</summary>
    public sealed class RowsApp : AppFactory
    {
        /// <inheritdoc />
        public override string? UploadsPath => null;
    }

    [Fact]
    public async Task KeepTheUploadInItsRow()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: false);
        var (photoId, source, inStore) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var orderId = PaymentKit.OrderId(orderUrl);
            var photoId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.PhotoId!.Value).SingleAsync();
            var row = await db.PhotoFiles.AsNoTracking().SingleAsync(f => f.PhotoId == photoId);
            return (photoId, row.Source, row.SourceInStore);
        });

        Assert.False(app.Services.GetRequiredService<UploadStore>().Enabled);
        Assert.False(inStore);
        Assert.Equal(Faces.GoodPhoto(), source);
        Assert.Equal(Faces.GoodPhoto(), await student.GetByteArrayAsync($"/s/beifang/collect/photo/{photoId}/source"));
    }
}

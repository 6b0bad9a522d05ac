using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Collection.Retention;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>
/// Uploads kept as files of the upload directory (decision 016), as <c>./photocollect run</c> keeps them: the row
/// holds no bytes, the student and the reviewer get the file, an upload kept in its row before the directory was set
/// still comes, and an erasure deletes the file with the row's claim to it.
/// </summary>
public sealed class UploadStoreShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task KeepTheUploadAsAFileAndServeItFromThere()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: false);
        var (school, photoId, row) = await PhotoOfAsync(orderUrl);
        var file = TestUploads.FileOf(app.UploadsPath!, school, photoId);

        Assert.Equal((false, true, true), (row.Source, row.InStore, row.Standard));
        Assert.Equal(Faces.GoodPhoto(), await File.ReadAllBytesAsync(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));  // the product's user only
        }
        Assert.Equal(Faces.GoodPhoto(), await student.GetByteArrayAsync($"/s/beifang/collect/photo/{photoId}/source"));
        var reviewer = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));
        Assert.Equal(Faces.GoodPhoto(), await reviewer.GetByteArrayAsync($"/s/beifang/staff/files/photo/{photoId}/source"));

        // A file lost outside the product (a volume restored without it) is a missing file, not a server error.
        File.Move(file, file + ".away");
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/s/beifang/staff/files/photo/{photoId}/source")).StatusCode);
        }
        finally
        {
            File.Move(file + ".away", file);
        }
    }

    [Fact]
    public async Task StillServeAnUploadKeptInItsRow()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: false);
        var (school, photoId, _) = await PhotoOfAsync(orderUrl);
        var legacy = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9 };
        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().PhotoFiles.Where(f => f.PhotoId == photoId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Source, legacy).SetProperty(f => f.SourceInStore, false)));
        File.Delete(TestUploads.FileOf(app.UploadsPath!, school, photoId));

        Assert.Equal(legacy, await student.GetByteArrayAsync($"/s/beifang/collect/photo/{photoId}/source"));
    }

    [Fact]
    public async Task DeleteTheFileWithTheUpload()
    {
        var (_, orderUrl) = await app.OrderAsync(pay: false);
        var (school, photoId, _) = await PhotoOfAsync(orderUrl);
        var file = TestUploads.FileOf(app.UploadsPath!, school, photoId);
        Assert.True(File.Exists(file));

        var (sources, standards) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var record = await db.Photos.Where(p => p.Id == photoId).Select(p => p.RecordId).SingleAsync();
            return await PersonalFields.DeletePhotoFilesAsync(db, sp.GetRequiredService<UploadStore>(), [record], [], default);
        });

        Assert.Equal((1, 0), (sources, standards));
        Assert.False(File.Exists(file));
        Assert.Equal((false, false, true), (await PhotoOfAsync(orderUrl)).Row);
    }

    [Fact]
    public async Task NeverOverwriteAFile()
    {
        var store = app.Services.GetRequiredService<UploadStore>();
        var (school, photo) = (Guid.NewGuid(), Guid.NewGuid());
        await store.WriteAsync(school, photo, new byte[] { 1, 2, 3 }, default);

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(school, photo, new byte[] { 4, 5 }, default));

        Assert.Equal(new byte[] { 1, 2, 3 }, await store.ReadAsync(school, photo, default));
        store.Delete(school, [photo, Guid.NewGuid()]);  // one that is not there
        Assert.Null(await store.ReadAsync(school, photo, default));
    }

    [Fact]
    public async Task SweepOldFilesNoRowNamesAndKeepTheRest()
    {
        var (_, orderUrl) = await app.OrderAsync(pay: false);
        var (school, photoId, _) = await PhotoOfAsync(orderUrl);
        var store = app.Services.GetRequiredService<UploadStore>();
        var (oldOrphan, newOrphan) = (Guid.NewGuid(), Guid.NewGuid());
        await store.WriteAsync(school, oldOrphan, new byte[] { 1 }, default);  // its row never committed, a day ago
        await store.WriteAsync(school, newOrphan, new byte[] { 2 }, default);  // its row may be on its way
        var file = (Guid photo) => TestUploads.FileOf(app.UploadsPath!, school, photo);
        var stranger = Path.Combine(Path.GetDirectoryName(file(photoId))!, "notes.txt");
        await File.WriteAllTextAsync(stranger, "not an upload");
        var dayAgo = DateTime.UtcNow - UploadStore.OrphanAge - TimeSpan.FromMinutes(1);
        foreach (var old in new[] { file(oldOrphan), file(photoId), stranger })
        {
            File.SetLastWriteTimeUtc(old, dayAgo);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync();
        }

        Assert.False(File.Exists(file(oldOrphan)));
        Assert.True(File.Exists(file(newOrphan)));
        Assert.True(File.Exists(file(photoId)));  // its row names it
        Assert.True(File.Exists(stranger));  // not the store's
    }

    // The order's photo: its school, its id, and what its file row holds.
    private Task<(Guid School, Guid PhotoId, (bool Source, bool InStore, bool Standard) Row)> PhotoOfAsync(string orderUrl) =>
        app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var orderId = PaymentKit.OrderId(orderUrl);
            var photoId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.PhotoId!.Value).SingleAsync();
            var row = await db.PhotoFiles.AsNoTracking().Where(f => f.PhotoId == photoId)
                .Select(f => new { f.TenantId, Source = f.Source != null, f.SourceInStore, Standard = f.Standard != null }).SingleAsync();
            return (row.TenantId, photoId, (row.Source, row.SourceInStore, row.Standard));
        });
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Collection.Registry;

/// <summary>
/// Stands in for CHSI in demos and tests: issues signed codes (<see cref="CollectionCodes"/>) for students on a
/// school's roster and resolves them to a record built from the roster and a <see cref="SimulatedIdentity"/>.
/// Admission photos are the real face photos of the shared data folder, one per student by hash.
/// </summary>
public sealed class SimulatedStudentRegistry(AppDbContext db, IOptions<RegistryOptions> options, TimeProvider clock) : IStudentRegistry
{
    /// <summary>Issues a code for a roster student.</summary>
    public string IssueCode(string schoolCode, string studentNumber, TimeSpan? lifetime = null) =>
        CollectionCodes.Issue(
            new CodePayload(schoolCode, studentNumber, clock.GetUtcNow() + (lifetime ?? options.Value.CodeLifetime), Convert.ToHexString(RandomNumberGenerator.GetBytes(6))),
            options.Value.Key);

    /// <inheritdoc />
    public async Task<RegistryLookup> ResolveAsync(string code, CancellationToken cancellationToken = default)
    {
        var (payload, error) = CollectionCodes.Verify(code, options.Value.Key, clock.GetUtcNow());
        if (payload is null)
        {
            return RegistryLookup.Failed(error!.Value);
        }

        // The registry is national: look the student up in whichever school the code names.
        var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.SchoolCode == payload.SchoolCode, cancellationToken);
        var entry = school is null
            ? null
            : await db.Roster.IgnoreQueryFilters([TenantModelBuilderExtensions.FilterName]).AsNoTracking()
                .SingleOrDefaultAsync(r => r.TenantId == school.Id && r.StudentNumber == payload.StudentNumber, cancellationToken);
        if (school is null || entry is null)
        {
            return RegistryLookup.Failed(RegistryError.NotFound);
        }

        var identity = SimulatedIdentity.For(school.SchoolCode, entry.StudentNumber);
        return RegistryLookup.Found(new RegistryRecord(
            entry.Name,
            identity.Gender,
            identity.BirthDate,
            identity.IdNumber,
            school.SchoolCode,
            school.DisplayName,
            entry.Level,
            entry.College,
            entry.Major,
            entry.StudentNumber,
            identity.AdmissionDate,
            identity.AdmissionDate.AddYears(SimulatedIdentity.YearsOf(entry.Level)).AddMonths(-2),
            "注册学籍"));
    }

    /// <inheritdoc />
    public async Task<byte[]?> AdmissionPhotoAsync(RegistryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (options.Value.Faces is not { } folder || !Directory.Exists(folder))
        {
            return null;
        }

        var faces = Directory.GetFiles(folder).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        if (faces.Count == 0)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{record.SchoolCode}/{record.StudentNumber}"));
        return await File.ReadAllBytesAsync(faces[hash[0] % faces.Count], cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="AppUser"/> is stored.</summary>
public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        // Identity's global unique user name becomes unique per school (platform accounts: TenantId null).
        builder.Metadata.RemoveIndex(builder.Metadata.GetIndexes().Single(i => i.GetDatabaseName() == "UserNameIndex"));
        builder.HasIndex(u => new { u.TenantId, u.NormalizedUserName })
            .IsUnique()
            .AreNullsDistinct(false)
            .HasDatabaseName("UserNameIndex");
        builder.HasOne<School>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.AgreementVersion).HasMaxLength(32);
    }
}

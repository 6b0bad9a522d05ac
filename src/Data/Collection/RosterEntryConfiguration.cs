using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="RosterEntry"/> is stored.</summary>
public sealed class RosterEntryConfiguration : IEntityTypeConfiguration<RosterEntry>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RosterEntry> builder)
    {
        builder.ToTable("Roster");
        builder.HasIndex(e => new { e.TenantId, e.StudentNumber }).IsUnique();
        builder.Property(e => e.StudentNumber).HasMaxLength(32);
        builder.Property(e => e.Name).HasMaxLength(50);
        builder.Property(e => e.IdLastFour).HasMaxLength(4);
        builder.Property(e => e.Level).HasMaxLength(20);
        builder.Property(e => e.College).HasMaxLength(100);
        builder.Property(e => e.Major).HasMaxLength(100);
        builder.Property(e => e.ClassName).HasMaxLength(50);
        builder.Property(e => e.ExamNumber).HasMaxLength(32);
        builder.HasOne<School>().WithMany().HasForeignKey(e => e.TenantId);
    }
}

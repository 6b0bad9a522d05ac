using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="StudentRecord"/> is stored.</summary>
public sealed class StudentRecordConfiguration : IEntityTypeConfiguration<StudentRecord>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<StudentRecord> builder)
    {
        builder.ToTable("StudentRecords");
        builder.HasIndex(r => new { r.TenantId, r.AccountId, r.CampaignId }).IsUnique();
        // One student, one record per campaign: a second phone number cannot take over someone's collection.
        builder.HasIndex(r => new { r.TenantId, r.CampaignId, r.StudentNumber }).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(50);
        builder.Property(r => r.Gender).HasMaxLength(4);
        builder.Property(r => r.IdNumber).HasMaxLength(18);
        builder.Property(r => r.Level).HasMaxLength(20);
        builder.Property(r => r.College).HasMaxLength(100);
        builder.Property(r => r.Major).HasMaxLength(100);
        builder.Property(r => r.StudentNumber).HasMaxLength(32);
        builder.Property(r => r.Phone).HasMaxLength(11);
        builder.Property(r => r.CodeHash).HasMaxLength(64);
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

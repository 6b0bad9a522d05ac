using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Photocollect.Data.DataProtection;

/// <summary>How <see cref="DataProtectionKeyRow"/> is stored.</summary>
public sealed class DataProtectionKeyRowConfiguration : IEntityTypeConfiguration<DataProtectionKeyRow>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DataProtectionKeyRow> builder)
    {
        builder.ToTable("DataProtectionKeys");
    }
}

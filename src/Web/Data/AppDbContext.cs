using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Data;
using Photocollect.Web.Accounts;

namespace Photocollect.Web.Data;

/// <summary>
/// The app's database. Tenant isolation lives here, not in each query: every tenant-owned entity carries the named
/// <c>Tenant</c> query filter, and <see cref="SaveChanges(bool)"/> refuses rows of another scope.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TenantContext tenant)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>Schools (tenants); not tenant-owned.</summary>
    public DbSet<School> Schools => Set<School>();

    /// <summary>SMS login codes.</summary>
    public DbSet<SmsCode> SmsCodes => Set<SmsCode>();

    /// <summary>Development SMS outbox.</summary>
    public DbSet<SmsOutboxMessage> SmsOutbox => Set<SmsOutboxMessage>();

    /// <summary>Per-school settings sections.</summary>
    public DbSet<TenantSettingsRow> TenantSettings => Set<TenantSettingsRow>();

    /// <summary>Data Protection key ring.</summary>
    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    /// <summary>The scope's school id for strictly tenant-owned rows; outside a school, a value no row has.</summary>
    internal Guid TenantFilterId => tenant.Kind == TenantScopeKind.Tenant ? tenant.TenantId!.Value : Guid.Empty;

    /// <summary>The scope's school id, or null in the platform scope; outside any scope, a value no row has.</summary>
    internal Guid? TenantOrPlatformFilterId => tenant.Kind switch
    {
        TenantScopeKind.Tenant => tenant.TenantId,
        TenantScopeKind.Platform => null,
        _ => Guid.Empty,
    };

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TenantSaveGuard.Apply(ChangeTracker, tenant);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TenantSaveGuard.Apply(ChangeTracker, tenant);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            // Identity's global unique user name becomes unique per school (platform accounts: TenantId null).
            user.Metadata.RemoveIndex(user.Metadata.GetIndexes().Single(i => i.GetDatabaseName() == "UserNameIndex"));
            user.HasIndex(u => new { u.TenantId, u.NormalizedUserName })
                .IsUnique()
                .AreNullsDistinct(false)
                .HasDatabaseName("UserNameIndex");
            user.HasOne<School>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.AgreementVersion).HasMaxLength(32);
        });

        builder.Entity<School>(school =>
        {
            school.ToTable("Schools");
            school.HasIndex(s => s.Slug).IsUnique();
            school.HasIndex(s => s.SchoolCode).IsUnique();
            school.Property(s => s.Slug).HasMaxLength(40);
            school.Property(s => s.DisplayName).HasMaxLength(100);
            school.Property(s => s.SchoolCode).HasMaxLength(6).IsFixedLength();
            school.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            school.OwnsOne(s => s.Branding, b =>
            {
                b.Property(x => x.ShortName).HasMaxLength(40);
                b.Property(x => x.LogoUrl).HasMaxLength(500);
                b.Property(x => x.PrimaryColor).HasMaxLength(7);
            });
        });

        builder.Entity<SmsCode>(code =>
        {
            code.ToTable("SmsCodes");
            code.HasIndex(c => new { c.TenantId, c.Phone, c.CreatedAt });
            code.HasIndex(c => new { c.RequestIp, c.CreatedAt });
            code.Property(c => c.Phone).HasMaxLength(11);
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.Property(c => c.RequestIp).HasMaxLength(45);
            code.HasOne<School>().WithMany().HasForeignKey(c => c.TenantId);
        });

        builder.Entity<SmsOutboxMessage>(message =>
        {
            message.ToTable("SmsOutbox");
            message.HasIndex(m => new { m.TenantId, m.CreatedAt });
            message.Property(m => m.Phone).HasMaxLength(20);
            message.Property(m => m.Text).HasMaxLength(500);
            message.HasOne<School>().WithMany().HasForeignKey(m => m.TenantId);
        });

        builder.Entity<TenantSettingsRow>(row =>
        {
            row.ToTable("TenantSettings");
            row.HasKey(r => new { r.TenantId, r.Section });
            row.Property(r => r.Section).HasMaxLength(64);
            row.Property(r => r.Json).HasColumnType("jsonb");
            row.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
        });

        builder.Entity<DataProtectionKeyRow>(key => key.ToTable("DataProtectionKeys"));

        builder.ApplyTenantIsolation(this, c => c.TenantFilterId, c => c.TenantOrPlatformFilterId);
    }
}

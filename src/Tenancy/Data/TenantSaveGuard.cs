using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Photocollect.Tenancy.Data;

/// <summary>
/// Checks tenant-owned rows before they are written: an added row with no tenant takes the current one; any added,
/// modified or deleted row whose tenant differs from the current scope — or any such row outside a scope — throws.
/// </summary>
public static class TenantSaveGuard
{
    /// <summary>Applies the rules to every tracked change; call from SaveChanges.</summary>
    public static void Apply(ChangeTracker changeTracker, TenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(changeTracker);
        ArgumentNullException.ThrowIfNull(tenant);
        foreach (var entry in changeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case ITenantOwned owned:
                    CheckOwned(entry, owned, tenant);
                    break;
                case ITenantOrPlatformOwned optional:
                    CheckOptional(entry, optional, tenant);
                    break;
            }
        }
    }

    private static void CheckOwned(EntityEntry entry, ITenantOwned row, TenantContext tenant)
    {
        if (tenant.Kind != TenantScopeKind.Tenant)
        {
            throw new TenantScopeException(
                $"{entry.Metadata.DisplayName()} belongs to a school but no school is entered ({tenant.Kind}).");
        }

        if (entry.State == EntityState.Added && row.TenantId == Guid.Empty)
        {
            row.TenantId = tenant.TenantId!.Value;
        }

        if (row.TenantId != tenant.TenantId || OriginalTenantChanged(entry, row.TenantId))
        {
            throw new TenantScopeException(
                $"{entry.Metadata.DisplayName()} of another school cannot be written in this scope.");
        }
    }

    private static void CheckOptional(EntityEntry entry, ITenantOrPlatformOwned row, TenantContext tenant)
    {
        var expected = tenant.Kind switch
        {
            TenantScopeKind.Tenant => tenant.TenantId,
            TenantScopeKind.Platform => null,
            _ => throw new TenantScopeException(
                $"{entry.Metadata.DisplayName()} cannot be written outside a school or platform scope."),
        };
        if (row.TenantId != expected || OriginalTenantChanged(entry, row.TenantId))
        {
            throw new TenantScopeException(
                $"{entry.Metadata.DisplayName()} of another scope cannot be written in this one.");
        }
    }

    private static bool OriginalTenantChanged(EntityEntry entry, Guid? current)
    {
        if (entry.State != EntityState.Modified)
        {
            return false;
        }

        var original = entry.Property(nameof(ITenantOwned.TenantId)).OriginalValue;
        return !Equals(original is Guid g ? g : (Guid?)original, current);
    }
}

namespace Photocollect.Tenancy;

/// <summary>
/// The tenant of the current unit of work. Scoped: the request pipeline sets it once from the resolved school;
/// a background job creates a scope and enters a school (or the platform) explicitly.
/// </summary>
public sealed class TenantContext
{
    private readonly Stack<(TenantScopeKind Kind, School? School)> _previous = new();

    /// <summary>What the unit of work acts for.</summary>
    public TenantScopeKind Kind { get; private set; }

    /// <summary>The current school, when <see cref="Kind"/> is <see cref="TenantScopeKind.Tenant"/>.</summary>
    public School? School { get; private set; }

    /// <summary>The current school's id, or null outside a school.</summary>
    public Guid? TenantId => School?.Id;

    /// <summary>The current school; throws when none is entered.</summary>
    public School RequiredSchool => School ?? throw new TenantScopeException("No school is entered in this unit of work.");

    /// <summary>Acts for <paramref name="school"/> until the returned handle is disposed.</summary>
    public IDisposable EnterTenant(School school)
    {
        ArgumentNullException.ThrowIfNull(school);
        return Push(TenantScopeKind.Tenant, school);
    }

    /// <summary>Acts for the platform (rows without a tenant) until the returned handle is disposed.</summary>
    public IDisposable EnterPlatform() => Push(TenantScopeKind.Platform, null);

    private Scope Push(TenantScopeKind kind, School? school)
    {
        _previous.Push((Kind, School));
        Kind = kind;
        School = school;
        return new Scope(this);
    }

    private void Pop() => (Kind, School) = _previous.Pop();

    private sealed class Scope(TenantContext owner) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            owner.Pop();
        }
    }
}

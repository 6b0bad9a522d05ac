namespace Photocollect.Tenancy.Tests;

public sealed class TenantContextShould
{
    private static readonly School A = new() { Id = Guid.NewGuid(), Slug = "aa", DisplayName = "A", SchoolCode = "000001" };
    private static readonly School B = new() { Id = Guid.NewGuid(), Slug = "bb", DisplayName = "B", SchoolCode = "000002" };

    [Fact]
    public void StartOutsideAnyScope()
    {
        var context = new TenantContext();

        Assert.Equal(TenantScopeKind.None, context.Kind);
        Assert.Null(context.TenantId);
        Assert.Throws<TenantScopeException>(() => context.RequiredSchool);
    }

    [Fact]
    public void RestoreThePreviousScopeWhenANestedOneEnds()
    {
        var context = new TenantContext();
        using (context.EnterTenant(A))
        {
            using (context.EnterPlatform())
            {
                Assert.Equal(TenantScopeKind.Platform, context.Kind);
                using (context.EnterTenant(B))
                {
                    Assert.Equal(B.Id, context.TenantId);
                }

                Assert.Equal(TenantScopeKind.Platform, context.Kind);
            }

            Assert.Equal(A.Id, context.TenantId);
        }

        Assert.Equal(TenantScopeKind.None, context.Kind);
    }

    [Fact]
    public void IgnoreASecondDisposeOfTheSameScope()
    {
        var context = new TenantContext();
        using var outer = context.EnterTenant(A);
        var inner = context.EnterTenant(B);
        inner.Dispose();
        inner.Dispose();

        Assert.Equal(A.Id, context.TenantId);
    }
}

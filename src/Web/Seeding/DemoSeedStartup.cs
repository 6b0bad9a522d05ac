using Microsoft.Extensions.Options;

namespace Photocollect.Web.Seeding;

/// <summary>After the migrations, when configured (<c>Photocollect:Demo:Seed</c>): the demo schools, staff and rosters.</summary>
public sealed class DemoSeedStartup(IServiceScopeFactory scopes, IOptions<DemoSeedOptions> demo) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (demo.Value.Seed)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

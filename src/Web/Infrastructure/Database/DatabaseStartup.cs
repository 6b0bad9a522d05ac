using Microsoft.Extensions.Options;
using Photocollect.Web.Seeding;

namespace Photocollect.Web.Infrastructure.Database;

/// <summary>Before the server takes requests: apply migrations, then seed the demo schools when configured.</summary>
public sealed class DatabaseStartup(MigrationRunner migrations, IServiceScopeFactory scopes, IOptions<DemoSeedOptions> demo) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrations.MigrateAsync(cancellationToken);
        if (demo.Value.Seed)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

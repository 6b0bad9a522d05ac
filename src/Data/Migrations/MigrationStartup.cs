namespace Photocollect.Data.Migrations;

/// <summary>Before anything else starts (hosted services start in order): apply the pending migrations.</summary>
public sealed class MigrationStartup(MigrationRunner migrations) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => migrations.MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

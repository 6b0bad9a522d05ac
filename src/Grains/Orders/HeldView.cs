namespace Photocollect.Grains.Orders;

/// <summary>What <see cref="IStudentOrdersGrain.ViewAsync"/> answers.</summary>
/// <param name="Version">Give it back with a view read from the database now (<see cref="IStudentOrdersGrain.KeepViewAsync"/>);
/// any change in between makes the grain refuse that view.</param>
/// <param name="Json">The view as held (JSON), or null when the grain holds none under that key.</param>
[GenerateSerializer, Immutable]
public sealed record HeldView(long Version, string? Json);

namespace Photocollect.Grains.Orders;

/// <summary>What <see cref="IStudentOrdersGrain.GetAsync"/> answers.</summary>
/// <param name="Version">Give it back with a list read from the database now (<see cref="IStudentOrdersGrain.KeepAsync"/>);
/// any change in between makes the grain refuse that list.</param>
/// <param name="Orders">The student's newest orders, newest first, or null when the grain holds none.</param>
/// <param name="Complete">True when <paramref name="Orders"/> are all the student's orders, not only the newest.</param>
[GenerateSerializer, Immutable]
public sealed record HeldOrderList(long Version, IReadOnlyList<OrderListing>? Orders, bool Complete);

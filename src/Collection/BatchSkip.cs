namespace Photocollect.Collection;

/// <summary>An order a batch approval left as it was.</summary>
/// <param name="Number">Its number; null when no order of this school has the id sent (the number is not known, and another school's is not told).</param>
/// <param name="Why"><c>status</c> (no longer waiting for review: decided meanwhile), <c>ineligible</c> (something the
/// machine checked did not pass), <c>photo</c> (a new photo came meanwhile) or <c>not_found</c>.</param>
public sealed record BatchSkip(string? Number, string Why);

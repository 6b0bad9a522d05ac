namespace Photocollect.WebBench;

/// <summary>One request a wrk run sends in turn with others: a path and at most one header (a student's cookie or
/// bearer token), and what the page must contain for the run to measure it.</summary>
/// <param name="Path">Path and query under the server.</param>
/// <param name="Header">The header's name, or null.</param>
/// <param name="Value">The header's value.</param>
/// <param name="Expect">Text the answer must contain (e.g. the student's order number).</param>
public sealed record WrkRequest(string Path, string? Header, string? Value, string Expect);

using System.Buffers.Text;

namespace Photocollect.Collection.Registry;

/// <summary>What a simulated collection code says.</summary>
/// <param name="SchoolCode">The school (6 digits).</param>
/// <param name="StudentNumber">The student.</param>
/// <param name="ExpiresAt">After this it is refused.</param>
/// <param name="Nonce">Makes every issued code different.</param>
public sealed record CodePayload(string SchoolCode, string StudentNumber, DateTimeOffset ExpiresAt, string Nonce);

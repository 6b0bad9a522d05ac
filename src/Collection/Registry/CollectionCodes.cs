using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Photocollect.Collection.Registry;

/// <summary>
/// The simulator's collection codes (docs/registry.md): <c>PCR1.{payload}.{signature}</c>, where payload is the
/// base64url of a JSON object <c>{"s": school code, "n": student number, "x": expiry (Unix seconds), "j": nonce}</c>
/// and signature the base64url of HMAC-SHA256 over <c>PCR1.{payload}</c> with the simulator's key. The version prefix
/// lets a later format coexist; real CHSI codes are opaque to us and go through the HTTP registry instead.
/// </summary>
public static class CollectionCodes
{
    /// <summary>The version prefix.</summary>
    public const string Prefix = "PCR1";

    /// <summary>Longest code text accepted.</summary>
    public const int MaxLength = 512;

    /// <summary>Issues a signed code.</summary>
    public static string Issue(CodePayload payload, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Wire(payload.SchoolCode, payload.StudentNumber, payload.ExpiresAt.ToUnixTimeSeconds(), payload.Nonce));
        var body = $"{Prefix}.{Base64Url.EncodeToString(json)}";
        return $"{body}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body)))}";
    }

    /// <summary>Checks a code's structure, signature and expiry.</summary>
    public static (CodePayload? Payload, RegistryError? Error) Verify(string? code, byte[] key, DateTimeOffset now)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > MaxLength || !code.StartsWith(Prefix + ".", StringComparison.Ordinal))
        {
            return (null, RegistryError.Malformed);
        }

        var parts = code.Split('.');
        if (parts.Length != 3 || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return (null, RegistryError.Malformed);
        }

        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        var given = Base64Url.DecodeFromChars(parts[2]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return (null, RegistryError.Forged);
        }

        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (JsonException)
        {
            return (null, RegistryError.Malformed);
        }

        if (wire is not { S.Length: 6, N.Length: > 0 and <= 32, J: not null })
        {
            return (null, RegistryError.Malformed);
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(wire.X);
        return expires <= now ? (null, RegistryError.Expired) : (new CodePayload(wire.S, wire.N, expires, wire.J), null);
    }

    private sealed record Wire(
        [property: System.Text.Json.Serialization.JsonPropertyName("s")] string S,
        [property: System.Text.Json.Serialization.JsonPropertyName("n")] string N,
        [property: System.Text.Json.Serialization.JsonPropertyName("x")] long X,
        [property: System.Text.Json.Serialization.JsonPropertyName("j")] string J);
}

namespace Photocollect.Collection.Retention;

/// <summary>What the platform holds about a student at one school (PIPL art. 45: the right to know and to copy).</summary>
/// <param name="MaskedPhone">The account's phone, masked.</param>
/// <param name="AccountCreatedAt">When the account was made (UTC).</param>
/// <param name="AgreementVersion">The service agreement's version accepted.</param>
/// <param name="AgreementAcceptedAt">When (UTC).</param>
/// <param name="Records">The collection records, one per campaign, newest first.</param>
public sealed record HeldData(string MaskedPhone, DateTimeOffset AccountCreatedAt, string? AgreementVersion, DateTimeOffset? AgreementAcceptedAt,
    IReadOnlyList<HeldRecord> Records);

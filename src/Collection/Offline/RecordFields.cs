namespace Photocollect.Collection.Offline;

/// <summary>
/// The 学籍信息 a desk correction may change besides name and ID number (seed 001: 姓名、身份证号、学籍信息等错误): student
/// number, level, college and major. A null keeps the record's value.
/// </summary>
/// <param name="StudentNumber">学号: 1–30 letters or digits, unique in the campaign.</param>
/// <param name="Level">层次: one of the campaign's levels.</param>
/// <param name="College">学院: up to 100 characters.</param>
/// <param name="Major">专业: up to 100 characters.</param>
public sealed record RecordFields(string? StudentNumber, string? Level, string? College, string? Major);

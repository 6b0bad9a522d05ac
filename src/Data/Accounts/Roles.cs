using Microsoft.AspNetCore.Identity;

namespace Photocollect.Data;

/// <summary>Role names. Roles are global; a school role is held for the user's own school only.</summary>
public static class Roles
{
    /// <summary>Runs the platform: schools, adapters, support. Not tied to a school.</summary>
    public const string PlatformOperator = "PlatformOperator";

    /// <summary>Configures one school's campaigns and roster.</summary>
    public const string SchoolAdmin = "SchoolAdmin";

    /// <summary>Reviews one school's photos.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>Shoots one school's offline sessions.</summary>
    public const string Photographer = "Photographer";

    /// <summary>A student of one school.</summary>
    public const string Student = "Student";

    /// <summary>The roles a school's staff can hold.</summary>
    public static IReadOnlyList<string> Staff { get; } = [SchoolAdmin, Reviewer, Photographer];

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [PlatformOperator, SchoolAdmin, Reviewer, Photographer, Student];
}

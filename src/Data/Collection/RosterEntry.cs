using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A student on the school's roster (imported from CSV).</summary>
public sealed class RosterEntry : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Student number (学号), unique in the school.</summary>
    public required string StudentNumber { get; set; }

    /// <summary>Name.</summary>
    public required string Name { get; set; }

    /// <summary>Last four characters of the ID number.</summary>
    public required string IdLastFour { get; set; }

    /// <summary>Education level.</summary>
    public required string Level { get; set; }

    /// <summary>College (学院).</summary>
    public string College { get; set; } = "";

    /// <summary>Major (专业).</summary>
    public string Major { get; set; } = "";

    /// <summary>Class (班级), or empty when the roster has none.</summary>
    public string ClassName { get; set; } = "";

    /// <summary>Exam number (考生号), or empty; a delivery may name files by it.</summary>
    public string ExamNumber { get; set; } = "";

    /// <summary>Last import that wrote it (UTC).</summary>
    public DateTimeOffset ImportedAt { get; set; }
}

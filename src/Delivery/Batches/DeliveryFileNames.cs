using Photocollect.Data;

namespace Photocollect.Delivery.Batches;

/// <summary>
/// Names the photo files of a batch by the school's pattern (学号, 身份证号 or 考生号 + <c>.jpg</c>). A name that is
/// taken, or a student without the value, is never overwritten or dropped: the file gets the next free name
/// (<c>2023001-2.jpg</c>, or the student number), and the wanted name is kept so the report can list it.
/// </summary>
public static class DeliveryFileNames
{
    /// <summary>One student to name.</summary>
    public readonly record struct Student(Guid OrderId, string StudentNumber, string IdNumber, string ExamNumber);

    /// <summary>A name given: the file name, and the wanted one when it could not be used (empty: no value).</summary>
    public readonly record struct Named(Guid OrderId, string FileName, string? WantedName);

    /// <summary>Names the students in the order given.</summary>
    public static IReadOnlyList<Named> Assign(IEnumerable<Student> students, DeliveryNaming naming)
    {
        ArgumentNullException.ThrowIfNull(students);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var named = new List<Named>();
        foreach (var student in students)
        {
            var value = Clean(naming switch
            {
                DeliveryNaming.IdNumber => student.IdNumber,
                DeliveryNaming.ExamNumber => student.ExamNumber,
                _ => student.StudentNumber,
            });
            var wanted = value.Length > 0 ? value : Clean(student.StudentNumber);
            var stem = wanted.Length > 0 ? wanted : student.OrderId.ToString("N");
            var name = stem + ".jpg";
            for (var n = 2; !taken.Add(name); n++)
            {
                name = $"{stem}-{n}.jpg";
            }

            named.Add(new(student.OrderId, name, value.Length == 0 ? "" : name == value + ".jpg" ? null : value + ".jpg"));
        }

        return named;
    }

    // Only what a file name may hold on every system a school office uses: no path separators, no reserved characters.
    private static string Clean(string value)
    {
        var kept = new string([.. value.Trim().Where(c => !char.IsControl(c) && !"\\/:*?\"<>|".Contains(c, StringComparison.Ordinal))]);
        return kept.Length > 60 ? kept[..60] : kept;
    }
}

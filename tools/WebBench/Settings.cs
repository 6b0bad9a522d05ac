using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>
/// What one run of the bench does, from its command line (<c>--name value</c> pairs and the <c>--quick</c> flag). The
/// script passes where the product, the ceiling and the database are; the rest have defaults that make the issue's
/// figures, and <c>--quick</c> shortens every part (a smoke run of a few minutes). A value given on the command line
/// wins over both.
/// </summary>
public sealed record Settings
{
    /// <summary>The product's base URL (one instance).</summary>
    public required Uri Product { get; init; }

    /// <summary>The ceiling's base URL (<see cref="Hello"/>).</summary>
    public required Uri Ceiling { get; init; }

    /// <summary>The product's database (the bench's own reads: SMS codes, the school's id).</summary>
    public required string Database { get; init; }

    /// <summary>The product's process (for its CPU time), when known.</summary>
    public int? ProductPid { get; init; }

    /// <summary>Which parts run: <c>mixes</c>, <c>photo</c>, <c>opening</c> (all by default).</summary>
    public required IReadOnlySet<string> Parts { get; init; }

    /// <summary>Seconds of each wrk run.</summary>
    public int WrkSeconds { get; init; }

    /// <summary>Seconds of the unreported wrk run before each measured one (JIT, pools and caches warm).</summary>
    public int WarmUpSeconds { get; init; }

    /// <summary>wrk's connections.</summary>
    public int Connections { get; init; }

    /// <summary>wrk's threads.</summary>
    public int Threads { get; init; }

    /// <summary>Students seeded with a paid order, whose cookies and tokens the authenticated runs rotate over.</summary>
    public int PageStudents { get; init; }

    /// <summary>Students seeded up to the camera, who upload in the photo step.</summary>
    public int PhotoStudents { get; init; }

    /// <summary>Uploads one after another in the photo step.</summary>
    public int SerialUploads { get; init; }

    /// <summary>Seconds of <see cref="PhotoStudents"/> uploading at once.</summary>
    public int ConcurrentSeconds { get; init; }

    /// <summary>Order list pages a second that the reader asks for while they upload (open loop).</summary>
    public int ReaderRate { get; init; }

    /// <summary>Students in the opening hour.</summary>
    public int Students { get; init; }

    /// <summary>The opening hour's window, in minutes (arrivals are spread so that every flow can end inside it).</summary>
    public double Minutes { get; init; }

    /// <summary>A student's pause between two steps (±30 %).</summary>
    public TimeSpan Think { get; init; }

    /// <summary>Roster students the bench uses: every seeded and simulated student, and a margin.</summary>
    public int Needed => PageStudents + PhotoStudents + Students + 20;

    /// <summary>Reads the command line.</summary>
    public static Settings From(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = BenchOptions.Parse(args);
        var quick = args.Contains("--quick");
        int Number(string name, int full, int shortened) => options.Number(name, quick ? shortened : full);
        var parts = (options.Optional("parts") ?? "mixes,photo,opening").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Settings
        {
            Product = new Uri(options.Text("url")),
            Ceiling = new Uri(options.Text("hello")),
            Database = options.Text("db"),
            ProductPid = options.Optional("pid") is { } pid ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : null,
            Parts = parts.ToHashSet(StringComparer.Ordinal),
            WrkSeconds = Number("duration-s", 15, 5),
            WarmUpSeconds = Number("warm-up-s", 10, 5),
            Connections = Number("connections", 64, 64),
            Threads = Number("threads", 2, 2),
            PageStudents = Number("page-students", 64, 64),
            PhotoStudents = Number("photo-students", 8, 8),
            SerialUploads = Number("uploads", 20, 10),
            ConcurrentSeconds = Number("upload-s", 30, 15),
            ReaderRate = Number("reader-rate", 20, 20),
            Students = Number("students", 2000, 200),
            Minutes = options.Optional("minutes") is { } minutes ? double.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture) : quick ? 1 : 10,
            Think = TimeSpan.FromMilliseconds(Number("think-ms", 1000, 1000)),
        };
    }
}

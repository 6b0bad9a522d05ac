using Microsoft.EntityFrameworkCore;
using Photocollect.Vision;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>The outcome of a photo check.</summary>
public sealed record PhotoResult(Photo? Photo, CheckReport Report, string? Problem);

using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>The outcome of a submit.</summary>
public sealed record SubmitResult(Order? Order, string? Problem);
